import {
  MNT_DETACH, MS_BIND, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_RDONLY, MS_REC, MS_REMOUNT, MS_STRICTATIME, O_RDWR,
} from '../../kernel/constants.ts';
import { isKernelError } from '../../kernel/errno.ts';
import type { NsType } from '../../kernel/ns/NsCommon.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import type { ShimCtl } from './ctl.ts';
import type { OciMount, OciSpec } from './spec.ts';

/**
 * runc's container init (libcontainer: nsexec + standard_init_linux.go), run in the task the shim
 * cloned with the new namespaces. It prepares the rootfs (rootfs_linux.go prepareRootfs), pivots
 * into it, sets the hostname, sets up the console, applies the read-only and masked paths, looks
 * up the command, tells its parent it is ready and waits on the exec fifo (`runc start`), then
 * drops privileges and execs. Failures go back over the sync pipe, as runc's procError does.
 */
export const SYNC_FD = 3;
export const EXEC_FD = 4;

const FLAG_OPTS: Record<string, number> = {
  ro: MS_RDONLY, rw: 0, nosuid: MS_NOSUID, nodev: MS_NODEV, noexec: MS_NOEXEC, strictatime: MS_STRICTATIME,
  relatime: 0, bind: MS_BIND, rbind: MS_BIND | MS_REC,
};
const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);
const NS_TYPES: Record<string, NsType> = { pid: 'pid', network: 'net', ipc: 'ipc', uts: 'uts', mount: 'mnt', cgroup: 'cgroup' };

/** parseMountOptions: flags, and data in the order the kernel's show_options prints it back. */
function mountOptions(m: OciMount): { flags: number; data: string } {
  let flags = 0;
  const data: string[] = [];
  for (const o of m.options) {
    if (o in FLAG_OPTS) flags |= FLAG_OPTS[o];
    else if (!PROPAGATION.has(o)) data.push(o);
  }
  const kv = new Map(data.map((d) => [d.split('=')[0], d.split('=')[1]] as [string, string | undefined]));
  const octal = (v: string | undefined) => (v === undefined ? undefined : parseInt(v, 8).toString(8));
  if (m.type === 'tmpfs') {
    // shmem_show_options: size, nr_inodes, mode (unless the default 1777), uid, gid.
    const mode = octal(kv.get('mode'));
    const out = [kv.has('size') ? `size=${kv.get('size')}` : '', kv.has('nr_inodes') ? `nr_inodes=${kv.get('nr_inodes')}` : '',
      mode && mode !== '1777' ? `mode=${mode}` : '', kv.has('uid') ? `uid=${kv.get('uid')}` : '', kv.has('gid') ? `gid=${kv.get('gid')}` : ''];
    return { flags, data: out.filter(Boolean).join(',') };
  }
  if (m.type === 'devpts') {
    // devpts_show_options: uid, gid, mode, ptmxmode (numbers in octal without leading zeros).
    const out = [kv.has('newinstance') ? 'newinstance' : '', kv.has('uid') ? `uid=${kv.get('uid')}` : '', kv.has('gid') ? `gid=${kv.get('gid')}` : '',
      kv.has('mode') ? `mode=${octal(kv.get('mode'))}` : '', `ptmxmode=${octal(kv.get('ptmxmode') ?? '0') ?? '0'}`];
    return { flags, data: out.filter(Boolean).join(',') };
  }
  return { flags, data: data.join(',') };
}

function mkdirAll(sys: SysApi, path: string): void {
  let cur = '';
  for (const part of path.split('/').filter(Boolean)) {
    cur += `/${part}`;
    try { sys.stat(cur); } catch { sys.mkdir(cur, 0o755); }
  }
}

/** createIfNotExists: a directory for directory sources, an empty file otherwise. */
async function mountpoint(sys: SysApi, dest: string, m: OciMount): Promise<void> {
  let dirSource = true;
  if (m.type === 'bind') {
    try { dirSource = sys.stat(m.source).type === 'dir'; } catch { dirSource = true; }
  }
  try { sys.stat(dest); return; } catch { /* create it */ }
  if (dirSource) { mkdirAll(sys, dest); return; }
  mkdirAll(sys, dest.slice(0, dest.lastIndexOf('/')) || '/');
  await sys.writeFile(dest, '');
}

async function mountOne(sys: SysApi, ctl: ShimCtl, rootfs: string, m: OciMount): Promise<void> {
  const dest = rootfs + m.destination;
  await mountpoint(sys, dest, m);
  const { flags, data } = mountOptions(m);
  const fstype = m.type === 'cgroup' ? 'cgroup2' : m.type;
  if (flags & MS_BIND) {
    sys.mount(m.source, dest, '', flags & (MS_BIND | MS_REC));
    // A read-only bind needs a remount (mount(2) ignores MS_RDONLY with MS_BIND).
    if (flags & MS_RDONLY) sys.mount(m.source, dest, '', flags | MS_REMOUNT | MS_BIND);
    return;
  }
  sys.mount(m.source, dest, fstype, flags, data);
  // createDevices / setupDevSymlinks / setupPtmx: device nodes on the container's tmpfs /dev.
  if (m.destination === '/dev' && m.type === 'tmpfs') ctl.makeDevices(dest);
}

/** readonlyPath: bind the path onto itself and remount it read-only; absent paths are skipped. */
function readonlyPath(sys: SysApi, path: string): void {
  try {
    sys.mount(path, path, '', MS_BIND | MS_REC);
    sys.mount(path, path, '', MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
  } catch (e) {
    if (!isKernelError(e, 'ENOENT')) throw e;
  }
}

/** maskPath: /dev/null over files, a read-only tmpfs over directories; absent paths are skipped. */
function maskPath(sys: SysApi, path: string): void {
  try {
    sys.mount('/dev/null', path, '', MS_BIND);
  } catch (e) {
    if (isKernelError(e, 'ENOTDIR')) sys.mount('tmpfs', path, 'tmpfs', MS_RDONLY);
    else if (!isKernelError(e, 'ENOENT')) throw e;
  }
}

/** exec.LookPath over the container's PATH. */
export function lookPath(sys: SysApi, cmd: string, env: string[]): string {
  if (cmd.includes('/')) {
    const st = sys.stat(cmd);
    if (st.type === 'dir' || !sys.access(cmd, 'x')) throw new Error(`exec: "${cmd}": permission denied`);
    return cmd;
  }
  const path = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  for (const dir of path.split(':')) {
    const p = `${dir || '.'}/${cmd}`;
    try { if (sys.stat(p).type === 'file' && sys.access(p, 'x')) return p; } catch { /* next */ }
  }
  throw new Error(`exec: "${cmd}": executable file not found in $PATH`);
}

export async function runcInit(sys: SysApi, spec: OciSpec, ctl: ShimCtl, id: string): Promise<number> {
  const fail = async (msg: string) => {
    await sys.write(SYNC_FD, `error:${msg}`);
    return 1;
  };
  let path: string;
  try {
    // nsexec: join the namespaces given by path (the shim already joined the pid one for us).
    for (const ns of spec.linux.namespaces) {
      if (!ns.path || ns.type === 'pid') continue;
      const fd = sys.open(ns.path, 0);
      sys.setns(fd, NS_TYPES[ns.type]);
      sys.close(fd);
    }
    const rootfs = spec.root.path;
    sys.mount('', '/', '', MS_REC | MS_PRIVATE);
    for (const m of spec.mounts) await mountOne(sys, ctl, rootfs, m);
    // pivot_root into the rootfs and detach the old root.
    sys.chdir(rootfs);
    sys.mkdir(`${rootfs}/.pivot_root`, 0o700);
    sys.pivot_root(rootfs, `${rootfs}/.pivot_root`);
    sys.chdir('/');
    sys.umount('/.pivot_root', MNT_DETACH);
    sys.rmdir('/.pivot_root');
    if (spec.hostname && spec.linux.namespaces.some((n) => n.type === 'uts' && !n.path)) sys.sethostname(spec.hostname);
    sys.setsid();
    if (spec.process.terminal) {
      const [master, slave] = sys.openpty();
      const fd = sys.open(slave, O_RDWR);
      sys.setctty(fd);
      const size = spec.process.consoleSize;
      if (size && size.width > 0 && size.height > 0) sys.setWinsize(fd, { cols: size.width, rows: size.height });
      for (const n of [0, 1, 2]) sys.dup2(fd, n);
      if (fd > 2) sys.close(fd);
      sys.mount(slave, '/dev/console', '', MS_BIND);
      ctl.sendConsole(id, master);
      sys.close(master);
    }
    for (const p of spec.linux.readonlyPaths) readonlyPath(sys, p);
    for (const p of spec.linux.maskedPaths) maskPath(sys, p);
    if (spec.root.readonly) sys.mount('', '/', '', MS_REMOUNT | MS_BIND | MS_RDONLY | MS_REC);
    try { sys.stat(spec.process.cwd); } catch { mkdirAll(sys, spec.process.cwd); }
    sys.chdir(spec.process.cwd);
    path = lookPath(sys, spec.process.args[0], spec.process.env);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  await sys.write(SYNC_FD, 'ready');
  // The exec fifo: block until `runc start` (the shim, once dockerd has wired the network).
  const go = await sys.read(EXEC_FD);
  if (go !== 'start') return 1;
  sys.close(EXEC_FD);
  sys.close(SYNC_FD);
  // finalizeNamespace: drop to the configured capability set, then change user (a non-root
  // user keeps none of them in its effective set).
  const u = spec.process.user;
  sys.capset(spec.process.capabilities.effective);
  if (spec.linux.seccomp) sys.seccomp(spec.linux.seccomp);
  sys.setuid(u.uid, u.gid, [u.gid, ...u.additionalGids.filter((g) => g !== u.gid)]);
  const env = new Map(spec.process.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] as [string, string]));
  return sys.execve(path, spec.process.args, env);
}
