/**
 * The namespace lens, worker side: one of a few fixed commands, run outside any terminal as seen from
 * the host's init or from a container's first process (execCapture makes the helper a child of that
 * task, so it inherits the task's namespaces, root and credentials).
 *
 * A container image may lack a tool (`ip`, `ss` are missing from many). For views that depend only on
 * the network, UTS or IPC namespace, the lens then does what a person on the host would do: run the host's
 * program inside the container's namespace with `nsenter -t PID -n`. The mount view reads
 * /proc/PID/mounts from the host, which lists the mount namespace of PID as PID sees it.
 */
import type { Kernel } from '../kernel/Kernel.ts';
import { execCapture } from '../sandbox/exec.ts';
import type { LensOutput, LensView } from './protocol.ts';

interface ViewSpec {
  argv: string[];
  /** nsenter flags that give the host's program this view of a container (null: no such fallback). */
  nsenter: string | null;
}

const VIEWS: Record<LensView, ViewSpec> = {
  ps: { argv: ['ps', 'aux'], nsenter: null },
  ss: { argv: ['ss', '-tlnp'], nsenter: '-n' },
  ip: { argv: ['ip', 'a'], nsenter: '-n' },
  hostname: { argv: ['hostname'], nsenter: '-u' },
  mounts: { argv: ['cat', '/proc/mounts'], nsenter: null },
  ipc: { argv: ['ipcs'], nsenter: '-i' },
};

/** exec's "not found" status (sh and execCapture both use 127). */
const NOT_FOUND = 127;

export async function runLens(kernel: Kernel, view: LensView, hostPid: number | null): Promise<LensOutput> {
  const spec = VIEWS[view];
  const init = kernel.initPidNs.tasks.get(1)!;
  if (hostPid === null) {
    const r = await execCapture(kernel, spec.argv, { from: init, uid: 0, detach: true });
    return { command: spec.argv.join(' '), ...r };
  }
  const target = kernel.initPidNs.tasks.get(hostPid);
  if (!target || !target.alive) {
    return { command: spec.argv.join(' '), stdout: '', stderr: `process ${hostPid} has exited\n`, status: 1 };
  }
  if (view === 'mounts') {
    const argv = ['cat', `/proc/${hostPid}/mounts`];
    const r = await execCapture(kernel, argv, { from: init, uid: 0, detach: true });
    return { command: `sudo ${argv.join(' ')}`, ...r };
  }
  const inside = await execCapture(kernel, spec.argv, { from: target, uid: 0, detach: true });
  const direct = { command: `sudo nsenter -t ${hostPid} -a ${spec.argv.join(' ')}`, ...inside };
  if (inside.status !== NOT_FOUND || !spec.nsenter) return direct;
  const argv = ['nsenter', '-t', String(hostPid), spec.nsenter, ...spec.argv];
  const r = await execCapture(kernel, argv, { from: init, uid: 0, detach: true });
  return {
    command: `sudo ${argv.join(' ')}`,
    ...r,
    note: `The container's image has no ${spec.argv[0]}; this is the host's ${spec.argv[0]} run inside the container's namespace.`,
  };
}
