/**
 * The namespace lens's model: which lines of two outputs appear in only one of them, and one sentence
 * on why, from comparing the namespace inode numbers of the container with the host's.
 */
import type { IsolatedRoot, NsKind } from '../../sandbox/snapshot.ts';
import type { LensView } from '../../worker/lensViews.ts';

export interface LensLine {
  text: string;
  /** Present in this view only (after collapsing runs of blanks, which column widths vary). */
  only: boolean;
}

const key = (line: string) => line.trim().replace(/\s+/g, ' ');

function lines(text: string): string[] {
  const out = text.replace(/\n$/, '').split('\n');
  return out.length === 1 && out[0] === '' ? [] : out;
}

/** Marks the lines of each side that the other side lacks (as a multiset: duplicates count). */
export function compareOutputs(left: string, right: string): { left: LensLine[]; right: LensLine[] } {
  const l = lines(left);
  const r = lines(right);
  const mark = (mine: string[], theirs: string[]): LensLine[] => {
    const pool = new Map<string, number>();
    for (const line of theirs) pool.set(key(line), (pool.get(key(line)) ?? 0) + 1);
    return mine.map((text) => {
      const k = key(text);
      const n = pool.get(k) ?? 0;
      if (n > 0) pool.set(k, n - 1);
      return { text, only: n === 0 };
    });
  };
  return { left: mark(l, r), right: mark(r, l) };
}

export const VIEW_NS: Record<LensView, NsKind> = { ps: 'pid', ss: 'net', ip: 'net', hostname: 'uts', mounts: 'mnt', ipc: 'ipc' };

export const VIEW_LABEL: Record<LensView, string> = {
  ps: 'ps aux',
  ss: 'ss -tlnp',
  ip: 'ip a',
  hostname: 'hostname',
  mounts: 'cat /proc/mounts',
  ipc: 'ipcs',
};

const SHARED: Record<NsKind, string> = {
  pid: 'so both sides list the same processes under the same numbers',
  net: 'so both sides see the same devices, addresses and listening sockets',
  uts: 'so both sides have the same hostname',
  mnt: 'so both sides see the same mounts',
  ipc: 'so both sides see the same IPC objects',
  cgroup: 'so both sides see the same cgroup root',
};

const OWN: Record<NsKind, string> = {
  pid: 'inside, its first process is PID 1 and the host’s processes are invisible, while the host sees the container’s processes under other numbers',
  net: 'it has its own loopback and interfaces and its own socket table, so the host’s eth0, docker0 and listening sockets are not there',
  uts: 'its hostname is its own (docker sets it to the container’s short id)',
  mnt: 'its / is the image’s overlay, and only the mounts made for the container are there',
  ipc: 'it has its own message queues, shared memory and semaphores, so what ipcmk creates on one side is not listed on the other',
  cgroup: 'it sees its own cgroup as the root',
};

/** One sentence on why the two views differ (or do not). */
export function explain(view: LensView, container: IsolatedRoot): string {
  const kind = VIEW_NS[view];
  const inum = container.ns[kind];
  if (container.sharesWithHost[kind]) return `This container shares the host’s ${kind} namespace (${kind}:[${inum}]), ${SHARED[kind]}.`;
  return `This container has its own ${kind} namespace (${kind}:[${inum}]): ${OWN[kind]}.`;
}
