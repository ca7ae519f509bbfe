/**
 * The operations the namespace property test draws at random. Puppets are named by index into the
 * list of live ones at the time the op runs (modulo its length), so any sub-list of a failing sequence
 * is still a valid sequence: fast-check can shrink by dropping ops.
 */
import fc from 'fast-check';
import {
  CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS,
} from '../../src/kernel/constants.ts';

export const NS_FLAG_NAMES: Array<[number, string]> = [
  [CLONE_NEWNS, 'CLONE_NEWNS'], [CLONE_NEWUTS, 'CLONE_NEWUTS'], [CLONE_NEWIPC, 'CLONE_NEWIPC'],
  [CLONE_NEWPID, 'CLONE_NEWPID'], [CLONE_NEWNET, 'CLONE_NEWNET'], [CLONE_NEWCGROUP, 'CLONE_NEWCGROUP'],
];

export function flagText(flags: number): string {
  const names = NS_FLAG_NAMES.filter(([f]) => flags & f).map(([, n]) => n);
  return names.length ? names.join('|') : '0';
}

export type SetnsType = 'mnt' | 'uts' | 'ipc' | 'net' | 'pid' | 'cgroup';

export type Op =
  /** clone(2) from puppet `p` (or from the host's init when `p` is -1 or nothing is alive). */
  | { t: 'clone'; p: number; flags: number }
  | { t: 'unshare'; p: number; flags: number }
  /** setns(open("/proc/Q/ns/TYPE")), Q as p's /proc numbers it. */
  | { t: 'setns'; p: number; q: number; ns: SetnsType }
  /** kill(Q, SIGKILL) with Q as p's pid namespace numbers it. */
  | { t: 'kill'; p: number; q: number }
  | { t: 'exit'; p: number }
  /** wait4(-1, WNOHANG) until nothing is left to reap. */
  | { t: 'reap'; p: number }
  /** mkdir /tmp/mK; mount -t tmpfs; write a marker file inside. */
  | { t: 'mount'; p: number }
  | { t: 'umount'; p: number; k: number }
  /** mount -t proc proc /proc (what unshare --mount-proc does), only in a non-initial mount namespace. */
  | { t: 'mountProc'; p: number }
  | { t: 'sethostname'; p: number }
  /** socket/bind 0.0.0.0:PORT/listen (one of three test ports). */
  | { t: 'listen'; p: number; port: number }
  /** ip link add vaK type veth peer name vbK netns Q. */
  | { t: 'veth'; p: number; q: number }
  | { t: 'bridge'; p: number }
  /** ip link set DEV master BR (both picked among p's namespace's test devices). */
  | { t: 'enslave'; p: number; d: number; b: number }
  /** ip link set DEV netns Q. */
  | { t: 'move'; p: number; d: number; q: number }
  | { t: 'linkdel'; p: number; d: number }
  /** Keep open("/proc/Q/ns/net") (what `ip netns add` bind-mounts; here just an fd). */
  | { t: 'hold'; p: number; q: number }
  /** close(2) every descriptor p holds (its listening sockets and nsfs files). */
  | { t: 'release'; p: number };

const idx = fc.nat({ max: 15 });
const nsFlags = fc.subarray(NS_FLAG_NAMES.map(([f]) => f)).map((fs) => fs.reduce((a, b) => a | b, 0));

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('clone' as const), p: fc.integer({ min: -1, max: 15 }), flags: nsFlags }), weight: 9 },
  { arbitrary: fc.record({ t: fc.constant('unshare' as const), p: idx, flags: nsFlags }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('setns' as const), p: idx, q: idx, ns: fc.constantFrom<SetnsType>('mnt', 'uts', 'ipc', 'net', 'pid', 'cgroup') }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('kill' as const), p: idx, q: idx }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('exit' as const), p: idx }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('reap' as const), p: idx }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('mount' as const), p: idx }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('umount' as const), p: idx, k: idx }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('mountProc' as const), p: idx }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('sethostname' as const), p: idx }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('listen' as const), p: idx, port: fc.nat({ max: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('veth' as const), p: idx, q: idx }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('bridge' as const), p: idx }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('enslave' as const), p: idx, d: idx, b: idx }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('move' as const), p: idx, d: idx, q: idx }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('linkdel' as const), p: idx, d: idx }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('hold' as const), p: idx, q: idx }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('release' as const), p: idx }), weight: 2 },
);
