import { O_RDONLY } from '../../kernel/constants.ts';
import { isKernelError } from '../../kernel/errno.ts';
import type { ProgramImage, Proc } from '../../kernel/program.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { W } from '../../kernel/task/wait.ts';
import type { ShimCtl } from './ctl.ts';
import { EXEC_FD, runcInit, SYNC_FD } from './runc.ts';
import type { OciSpec } from './spec.ts';

/**
 * containerd-shim-runc-v2: one per container, a child of PID 1 (containerd started it and let it
 * go). It creates the container's init with runc (here: a clone with the spec's CLONE_NEW* flags),
 * relays its stdio (the pty master, or pipes) to containerd, waits for it and reports the exit.
 * `docker exec` processes are its children too (see spawnProcess).
 */
export const BUNDLE_ROOT = '/run/containerd/io.containerd.runtime.v2.task/moby';

export interface SpawnOptions {
  key: string;
  terminal: boolean;
  stdin: boolean;
  /** CLONE_NEW* flags for the new process. */
  flags: number;
  /** A pid namespace to create the process in (setns on pid_for_children first). */
  pidns?: string;
  entry: (child: SysApi) => Promise<number>;
}

/** Let pending relay reads deliver what the process wrote before it exited. */
async function drain(): Promise<void> {
  for (let i = 0; i < 64; i++) await Promise.resolve();
}

function relay(sys: SysApi, ctl: ShimCtl, key: string, fd: number, stream: 'stdout' | 'stderr'): Promise<void> {
  return (async () => {
    for (;;) {
      let data: string;
      try { data = await sys.read(fd); } catch (e) { if (isKernelError(e, 'EINTR')) continue; return; }
      if (!data) return;
      await ctl.output(key, stream, data);
    }
  })().catch(() => undefined);
}

/**
 * Create a container process the way `runc create` + `runc start` do: the child reports over a
 * sync pipe, then blocks on the exec fifo until the daemon says start. Returns the host pid, or
 * null when creation failed (already reported).
 */
export async function spawnProcess(sys: SysApi, ctl: ShimCtl, o: SpawnOptions): Promise<{ pid: number; relays: Promise<void>[] } | null> {
  const [syncR, syncW] = sys.pipe();
  const [execR, execW] = sys.pipe();
  const devnull = sys.open('/dev/null', 2);
  const ends: number[] = [syncW, execR, devnull];
  const fds: Record<number, number> = { [SYNC_FD]: syncW, [EXEC_FD]: execR, 0: devnull, 1: devnull, 2: devnull };
  let inW = -1;
  const relays: Promise<void>[] = [];
  if (!o.terminal) {
    const [outR, outW] = sys.pipe();
    const [errR, errW] = sys.pipe();
    fds[1] = outW;
    fds[2] = errW;
    ends.push(outW, errW);
    relays.push(relay(sys, ctl, o.key, outR, 'stdout'), relay(sys, ctl, o.key, errR, 'stderr'));
    if (o.stdin) {
      const [inR, w] = sys.pipe();
      fds[0] = inR;
      ends.push(inR);
      inW = w;
    }
  }
  let self = -1;
  if (o.pidns) {
    self = sys.open('/proc/self/ns/pid', O_RDONLY);
    const fd = sys.open(o.pidns, O_RDONLY);
    sys.setns(fd, 'pid');
    sys.close(fd);
  }
  let pid: number;
  try {
    pid = sys.clone(o.entry, { flags: o.flags, fds, comm: 'runc:[2:INIT]' });
  } finally {
    if (self >= 0) { sys.setns(self, 'pid'); sys.close(self); }
  }
  for (const fd of ends) sys.close(fd);
  const msg = await sys.read(syncR);
  if (msg !== 'ready') {
    ctl.failed(o.key, msg.startsWith('error:') ? msg.slice(6) : 'container init exited prematurely');
    try { await sys.wait4(pid); } catch { /* reaped */ }
    return null;
  }
  if (o.terminal) {
    const master = ctl.takeConsole(o.key);
    relays.push(relay(sys, ctl, o.key, master, 'stdout'));
    ctl.stdin(o.key, { write: (d) => { sys.write(master, d).catch(() => undefined); }, close: () => undefined });
  } else if (inW >= 0) {
    const w = inW;
    let open = true;
    ctl.stdin(o.key, {
      write: (d) => { if (open) sys.write(w, d).catch(() => undefined); },
      close: () => { if (open) { open = false; sys.close(w); } },
    });
  }
  const go = await ctl.created(o.key, pid);
  if (!go) {
    try { sys.kill(pid, 9); await sys.wait4(pid); } catch { /* gone */ }
    return null;
  }
  await sys.write(execW, 'start');
  sys.close(execW);
  sys.close(syncR);
  return { pid, relays };
}

/** wait4 for one child, as a status Docker reports: the exit code, or 128 + signal. */
export async function waitExit(sys: SysApi, pid: number): Promise<number> {
  for (;;) {
    try {
      const r = await sys.wait4(pid);
      if (!r) continue;
      return W.ifExited(r.status) ? W.exitStatus(r.status) : 128 + W.termSig(r.status);
    } catch (e) {
      if (isKernelError(e, 'EINTR')) continue;
      return 255;
    }
  }
}

export async function finish(relays: Promise<void>[]): Promise<void> {
  await Promise.race([Promise.all(relays), drain()]);
  await drain();
}

async function main(proc: Proc): Promise<number> {
  const { sys, argv } = proc;
  const id = argv[argv.indexOf('-id') + 1];
  if (!id || argv.indexOf('-id') < 0) {
    await proc.err('containerd-shim-runc-v2: missing -id\n');
    return 1;
  }
  let ctl: ShimCtl;
  try { ctl = await sys.ext<ShimCtl>('containerd'); } catch {
    await proc.err('containerd-shim-runc-v2: cannot connect to containerd: permission denied\n');
    return 1;
  }
  const bundle = `${BUNDLE_ROOT}/${id}`;
  sys.chdir(bundle);
  const spec = JSON.parse(await sys.readFile(`${bundle}/config.json`)) as OciSpec;
  const flags = nsFlags(spec);
  const pidns = spec.linux.namespaces.find((n) => n.type === 'pid' && n.path)?.path;
  const started = await spawnProcess(sys, ctl, {
    key: id, terminal: spec.process.terminal, stdin: spec.annotations['nsbox.stdin'] === 'true', flags, pidns,
    entry: async (child) => runcInit(child, spec, await child.ext<ShimCtl>('containerd'), id),
  });
  if (!started) return 0;
  // containerd's ShouldKillAllOnExit: a container without a pid namespace of its own (--pid=host or
  // container:X) does not lose its other processes with its init, so the shim kills them all (runc
  // kill --all). runc finds them in the container's cgroup; here its mount namespace stands in.
  const mnt = flags & 0x20000000 ? null : nsLink(sys, started.pid, 'mnt');
  const status = await waitExit(sys, started.pid);
  if (mnt) killAll(sys, mnt);
  await finish(started.relays);
  ctl.exited(id, status);
  return 0;
}

function nsLink(sys: SysApi, pid: number | string, ns: string): string | null {
  try { return sys.readlink(`/proc/${pid}/ns/${ns}`); } catch { return null; }
}

/** SIGKILL every process left in the container (those sharing its mount namespace). */
function killAll(sys: SysApi, mnt: string): void {
  for (const name of sys.readdir('/proc')) {
    if (!/^\d+$/.test(name) || nsLink(sys, name, 'mnt') !== mnt) continue;
    try { sys.kill(Number(name), 9); } catch { /* already gone */ }
  }
}

/** CLONE_NEW* for the namespaces the spec wants created (those without a path). */
export function nsFlags(spec: OciSpec): number {
  const bits: Record<string, number> = { pid: 0x20000000, network: 0x40000000, ipc: 0x08000000, uts: 0x04000000, mount: 0x00020000, cgroup: 0x02000000 };
  let f = 0;
  for (const n of spec.linux.namespaces) if (!n.path) f |= bits[n.type];
  return f;
}

export const containerdShim: ProgramImage = { vszKb: 1238276, rssKb: 11436, main };
