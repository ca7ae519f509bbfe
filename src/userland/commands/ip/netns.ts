import {
  CLONE_NEWNET, CLONE_NEWNS, MNT_DETACH, MS_BIND, MS_REC, MS_SHARED, MS_SLAVE, O_CREAT, O_EXCL, O_RDONLY,
} from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { findInPath } from '../../lib/path.ts';
import { listNetns, matches, NETNS_RUN_DIR, nsidOfName, type IpCtx } from './common.ts';

/** `ip netns` (ipnetns.c): named namespaces are nsfs bind mounts under /run/netns. */
export async function doNetns(ctx: IpCtx, argv: string[]): Promise<number> {
  const [cmd = 'list', ...rest] = argv;
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return list(ctx);
  if (matches(cmd, 'list-id')) return listId(ctx);
  if (matches(cmd, 'add')) return add(ctx, rest[0]);
  if (matches(cmd, 'attach')) return add(ctx, rest[0], rest[1]);
  if (matches(cmd, 'delete')) return del(ctx, rest);
  if (matches(cmd, 'set')) return set(ctx, rest);
  if (matches(cmd, 'identify')) return identify(ctx, rest[0]);
  if (matches(cmd, 'pids')) return pids(ctx, rest[0]);
  if (matches(cmd, 'exec')) return exec(ctx, rest);
  if (matches(cmd, 'help')) { await ctx.err(USAGE); return 255; }
  return ctx.fail(`Command "${cmd}" is unknown, try "ip netns help".\n`, 255);
}

const USAGE = 'Usage:\tip netns list\n\tip netns add NAME\n\tip netns attach NAME PID\n\tip netns set NAME NETNSID\n'
  + '\tip [-all] netns delete [NAME]\n\tip netns identify [PID]\n\tip netns pids NAME\n\tip [-all] netns exec [NAME] cmd ...\n'
  + '\tip netns monitor\n\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\nNETNSID := auto | POSITIVE-INT\n';

const errText = (e: unknown) => (isKernelError(e) ? e.message : String(e));

async function list(ctx: IpCtx): Promise<number> {
  for (const name of listNetns(ctx.sys)) {
    const id = nsidOfName(ctx.sys, ctx.net, name);
    ctx.print(id >= 0 ? `${name} (id: ${id})\n` : `${name}\n`);
  }
  return 0;
}

async function listId(ctx: IpCtx): Promise<number> {
  for (const { nsid, inum } of ctx.net.nsidList()) {
    const name = listNetns(ctx.sys).find((n) => { try { return ctx.sys.stat(`${NETNS_RUN_DIR}/${n}`).ino === inum; } catch { return false; } });
    ctx.print(`nsid ${nsid} ${name ? `(iproute2 netns name: ${name})` : ''}\n`);
  }
  return 0;
}

/** netns_add: make /run/netns a shared mount point, create the file, unshare, bind /proc/self/ns/net. */
async function add(ctx: IpCtx, name: string | undefined, pid?: string): Promise<number> {
  if (!name) return ctx.fail('No netns name specified\n');
  const sys = ctx.sys;
  const path = `${NETNS_RUN_DIR}/${name}`;
  try { sys.mkdir(NETNS_RUN_DIR, 0o755); } catch { /* exists */ }
  let madeMount = false;
  for (;;) {
    try {
      sys.mount('', NETNS_RUN_DIR, 'none', MS_SHARED | MS_REC);
      break;
    } catch (e) {
      if (!isKernelError(e, 'EINVAL') || madeMount) return ctx.fail(`mount --make-shared ${NETNS_RUN_DIR} failed: ${errText(e)}\n`, 255);
      try { sys.mount(NETNS_RUN_DIR, NETNS_RUN_DIR, 'none', MS_BIND | MS_REC); } catch (e2) {
        return ctx.fail(`mount --bind ${NETNS_RUN_DIR} ${NETNS_RUN_DIR} failed: ${errText(e2)}\n`, 255);
      }
      madeMount = true;
    }
  }
  try { sys.close(sys.open(path, O_RDONLY | O_CREAT | O_EXCL, 0)); } catch (e) {
    return ctx.fail(`Cannot create namespace file "${path}": ${errText(e)}\n`, 255);
  }
  let proc = '/proc/self/ns/net';
  if (pid === undefined) {
    try { sys.unshare(CLONE_NEWNET); } catch (e) {
      try { sys.unlink(path); } catch { /* ignore */ }
      return ctx.fail(`Failed to create a new network namespace "${name}": ${errText(e)}\n`, 255);
    }
  } else proc = `/proc/${pid}/ns/net`;
  try { sys.mount(proc, path, 'none', MS_BIND); } catch (e) {
    try { sys.unlink(path); } catch { /* ignore */ }
    return ctx.fail(`Bind ${proc} -> ${path} failed: ${errText(e)}\n`, 255);
  }
  return 0;
}

async function del(ctx: IpCtx, names: string[]): Promise<number> {
  if (!names.length) return ctx.fail('No netns name specified\n');
  for (const name of names) {
    const path = `${NETNS_RUN_DIR}/${name}`;
    try { ctx.sys.umount(path, MNT_DETACH); } catch { /* as iproute2: the unlink reports */ }
    try { ctx.sys.unlink(path); } catch (e) {
      return ctx.fail(`Cannot remove namespace file "${path}": ${errText(e)}\n`, 255);
    }
  }
  return 0;
}

async function set(ctx: IpCtx, argv: string[]): Promise<number> {
  const [name, idText] = argv;
  if (!name || !idText) return ctx.fail('No netns name specified\n');
  const id = idText === 'auto' ? -1 : Number(idText);
  if (!Number.isInteger(id) || id < -1) return ctx.fail(`Invalid "netnsid" value\n`, 255);
  let fd = -1;
  try {
    fd = ctx.sys.open(`${NETNS_RUN_DIR}/${name}`, O_RDONLY);
    ctx.net.nsidSet({ fd }, id < 0 ? 0 : id);
  } catch (e) {
    if (fd < 0) return ctx.fail(`Cannot open network namespace "${name}": ${errText(e)}\n`, 255);
    return ctx.rtnl(e);
  } finally {
    if (fd >= 0) ctx.sys.close(fd);
  }
  return 0;
}

/** netns_identify: the names whose nsfs inode is the process's network namespace. */
async function identify(ctx: IpCtx, pid = 'self'): Promise<number> {
  let ino: number;
  try { ino = ctx.sys.stat(`/proc/${pid}/ns/net`).ino; } catch (e) {
    return ctx.fail(`Cannot open network namespace: ${errText(e)}\n`, 255);
  }
  for (const name of listNetns(ctx.sys)) {
    try { if (ctx.sys.stat(`${NETNS_RUN_DIR}/${name}`).ino === ino) ctx.print(`${name}\n`); } catch { /* skip */ }
  }
  return 0;
}

async function pids(ctx: IpCtx, name: string | undefined): Promise<number> {
  if (!name) return ctx.fail('No netns name specified\n');
  let ino: number;
  try { ino = ctx.sys.stat(`${NETNS_RUN_DIR}/${name}`).ino; } catch (e) {
    return ctx.fail(`Cannot open network namespace "${name}": ${errText(e)}\n`, 255);
  }
  for (const p of ctx.sys.readdir('/proc').filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => a - b)) {
    try { if (ctx.sys.stat(`/proc/${p}/ns/net`).ino === ino) ctx.print(`${p}\n`); } catch { /* gone or not ours */ }
  }
  return 0;
}

/** netns_switch: join the namespace, then a private mount namespace with a sysfs for it. */
export async function netnsSwitch(ctx: IpCtx, name: string): Promise<boolean> {
  const sys: SysApi = ctx.sys;
  const path = name.includes('/') ? name : `${NETNS_RUN_DIR}/${name}`;
  let fd: number;
  try { fd = sys.open(path, O_RDONLY); } catch (e) {
    await ctx.err(`Cannot open network namespace "${name}": ${errText(e)}\n`);
    return false;
  }
  try { sys.setns(fd, 'net'); } catch (e) {
    await ctx.err(`setting the network namespace "${name}" failed: ${errText(e)}\n`);
    return false;
  } finally { sys.close(fd); }
  try { sys.unshare(CLONE_NEWNS); } catch (e) {
    await ctx.err(`unshare failed: ${errText(e)}\n`);
    return false;
  }
  try { sys.mount('', '/', 'none', MS_SLAVE | MS_REC); } catch { /* propagation is not modelled */ }
  try { sys.umount('/sys', MNT_DETACH); sys.mount(name, '/sys', 'sysfs', 0); } catch { /* no /sys mount */ }
  return true;
}

async function exec(ctx: IpCtx, argv: string[]): Promise<number> {
  const [name, ...cmd] = argv;
  if (!name) return ctx.fail('No netns name specified\n');
  if (!cmd.length) return ctx.fail('No command specified\n');
  if (!(await netnsSwitch(ctx, name))) return 255;
  await ctx.flush();
  const env = ctx.proc.env;
  const path = cmd[0].includes('/') ? cmd[0] : findInPath(ctx.sys, cmd[0], env.get('PATH') ?? '/usr/bin:/bin');
  if (!path) return ctx.fail(`exec of "${cmd[0]}" failed: No such file or directory\n`, 255);
  try {
    return await ctx.sys.execve(path, cmd, env);
  } catch (e) {
    if (!isKernelError(e)) throw e;
    return ctx.fail(`exec of "${cmd[0]}" failed: ${e.message}\n`, 255);
  }
}
