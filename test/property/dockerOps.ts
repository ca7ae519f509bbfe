/**
 * Random `docker` sessions, run through the real `docker` CLI as root on the host (the daemon builds
 * containers with clone/unshare/setns/mount like runc). Containers are named cN and picked by index
 * into those that exist, so dropping ops keeps a sequence valid while fast-check shrinks it.
 */
import fc from 'fast-check';
import type { Kernel } from '../../src/kernel/Kernel.ts';
import type { Task } from '../../src/kernel/task/Task.ts';
import { execCapture, type ExecResult } from '../../src/sandbox/exec.ts';

export type Mode = 'private' | 'host' | 'container';
export type DOp =
  | { t: 'run'; image: 'busybox' | 'alpine' | 'nginx'; pid: Mode; net: 'bridge' | 'none' | 'host' | 'container'; uts: 'private' | 'host'; ipc: 'private' | 'host'; ref: number; rm: boolean; hostname: boolean; publish: boolean }
  | { t: 'exec' | 'stop' | 'kill' | 'start' | 'rm' | 'hostkill' | 'nsenter'; c: number };

const c = fc.nat({ max: 9 });
export const dopArb: fc.Arbitrary<DOp> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('run' as const), image: fc.constantFrom('busybox' as const, 'alpine' as const, 'nginx' as const),
      pid: fc.constantFrom<Mode>('private', 'private', 'host', 'container'),
      net: fc.constantFrom('bridge' as const, 'bridge' as const, 'none' as const, 'host' as const, 'container' as const),
      uts: fc.constantFrom('private' as const, 'host' as const), ipc: fc.constantFrom('private' as const, 'host' as const),
      ref: c, rm: fc.boolean(), hostname: fc.boolean(), publish: fc.boolean(),
    }),
  },
  ...(['exec', 'stop', 'kill', 'start', 'rm', 'hostkill', 'nsenter'] as const).map((t) => ({
    weight: t === 'exec' || t === 'nsenter' ? 2 : 1, arbitrary: fc.record({ t: fc.constant(t), c }),
  })),
);

/** Run a command as root on the host, driving the virtual clock until it ends. */
export async function hostRun(k: Kernel, argv: string[]): Promise<ExecResult> {
  let res: ExecResult | undefined;
  let err: unknown;
  execCapture(k, argv).then((r) => { res = r; }, (e) => { err = e; });
  const deadline = Date.now() + 5000;
  while (!res && !err && Date.now() < deadline) await k.settle(() => res !== undefined || err !== undefined, (loadWaitMs) => Date.now() - loadWaitMs > deadline);
  if (err) throw err;
  if (!res) throw new Error(`${argv.join(' ')}: did not finish`);
  return res;
}

export interface Tracked {
  name: string;
  /** Host pid of its process as `docker inspect` last reported it (0 when not running). */
  pid?: number;
  /** What the container used while it last ran, to check that it is all gone after stop/rm. */
  pidNs?: Task['pidNs'];
  net?: Task['nsproxy']['net'];
  mounts: string[];
  autoRemove: boolean;
}

/** The docker command line an op stands for (nothing for ops that do not use the CLI). */
export function runArgv(op: Extract<DOp, { t: 'run' }>, name: string, ref: string | undefined): string[] | null {
  const argv = ['docker', 'run', '-d', '--name', name];
  if (op.pid === 'host') argv.push('--pid=host');
  if (op.pid === 'container') { if (!ref) return null; argv.push(`--pid=container:${ref}`); }
  if (op.net === 'container') { if (!ref) return null; argv.push(`--network=container:${ref}`); } else if (op.net !== 'bridge') argv.push(`--network=${op.net}`);
  if (op.uts === 'host') argv.push('--uts=host');
  if (op.ipc === 'host') argv.push('--ipc=host');
  // Docker refuses a hostname with --uts=host or a borrowed network namespace ("Conflicting options").
  if (op.hostname && op.uts !== 'host' && op.net !== 'container' && op.net !== 'host') argv.push('-h', `box-${name}`);
  if (op.rm) argv.push('--rm');
  // docker-proxy on the host forwards a published port; only a bridged container can publish.
  if (op.publish && op.net === 'bridge') argv.push('-p', `${8000 + Number(name.slice(1))}:80`);
  argv.push(op.image);
  if (op.image !== 'nginx') argv.push('sleep', '100000');
  return argv;
}
