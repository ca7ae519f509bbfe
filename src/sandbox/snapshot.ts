/**
 * A plain-JSON picture of the machine's namespaces, for the UI's live map, the namespace lens and the
 * lessons' checks. Pure: it reads kernel data and changes nothing, so the worker can build one after any
 * completed command and the UI never needs to know the kernel's classes.
 *
 * Everything is keyed by namespace inode number (what `/proc/PID/ns/*` and `lsns` show), and every
 * process carries the inums of its namespaces, so "does this container share the host's pid
 * namespace?" is one comparison of numbers, as it is on Linux.
 */
import type { Kernel } from '../kernel/Kernel.ts';
import { formatIpv4, formatIpv6 } from '../kernel/net/inet.ts';
import type { NetDevice } from '../kernel/net/NetDevice.ts';
import type { NetNamespace } from '../kernel/net/NetNamespace.ts';
import { NET_STACK_KEY, type NetStack } from '../kernel/net/NetStack.ts';
import type { PidNamespace } from '../kernel/ns/PidNamespace.ts';
import type { Task } from '../kernel/task/Task.ts';
import type { NsFileInode } from '../kernel/vfs/inode.ts';
import type { Mount } from '../kernel/vfs/Mount.ts';
import type { MountNamespace } from '../kernel/vfs/MountNamespace.ts';

/** Bumped when the shape changes incompatibly. */
export const SNAPSHOT_VERSION = 1;

/** The namespaces the UI compares (user and time namespaces are not part of Docker's isolation flags). */
export interface NsSet {
  pid: number;
  net: number;
  mnt: number;
  uts: number;
  ipc: number;
  cgroup: number;
}
export type NsKind = keyof NsSet;
export const NS_KINDS: readonly NsKind[] = ['pid', 'net', 'mnt', 'uts', 'ipc', 'cgroup'];

export interface ProcessInfo {
  /** The pid as the host (the root pid namespace) numbers it. */
  hostPid: number;
  /** The pid inside the process's own pid namespace (equal to hostPid for host processes). */
  pid: number;
  /** The parent's host pid (0 for init and kthreadd). */
  ppid: number;
  comm: string;
  /** The command line as `ps` prints it (`[comm]` for kernel threads). */
  cmd: string;
  uid: number;
  kthread: boolean;
  ns: NsSet;
}

export interface PidNsNode {
  inum: number;
  level: number;
  /** Live processes whose pid was allocated in this namespace, by pid inside it. */
  processes: ProcessInfo[];
  children: PidNsNode[];
}

export interface NetDeviceInfo {
  ifindex: number;
  name: string;
  kind: 'loopback' | 'ether' | 'veth' | 'bridge' | 'dummy';
  up: boolean;
  /** RFC 2863 operational state, as `ip link` prints it (UP, DOWN, UNKNOWN, LOWERLAYERDOWN…). */
  operstate: string;
  mac: string;
  /** `10.0.2.15/24`, `fe80::…/64`. */
  addrs: string[];
  /** The bridge this device is a port of (a name in the same namespace). */
  master?: string;
  /** The other end of a veth pair, which may live in another namespace. */
  peer?: { netns: number; ifindex: number; name: string };
}

export interface NetNsInfo {
  inum: number;
  /** Names under /run/netns (`ip netns add`) in the host's mount namespace. */
  names: string[];
  devices: NetDeviceInfo[];
  /** Host pids of the processes in it. */
  pids: number[];
}

export interface MountInfo {
  target: string;
  source: string;
  fstype: string;
  /** The path inside the source filesystem (a bind mount's origin; `/` otherwise). */
  root: string;
}

export interface MntNsInfo {
  inum: number;
  /** What is mounted at `/`: `/dev/sda1` (ext4) on the host, `overlay` in a container. */
  root: MountInfo;
  mountCount: number;
  /** Bind mounts (volumes, `-v`): mounts whose root is a directory below their filesystem's root. */
  binds: MountInfo[];
  pids: number[];
}

export interface UtsNsInfo {
  inum: number;
  hostname: string;
  pids: number[];
}

export interface SimpleNsInfo {
  inum: number;
  pids: number[];
}

/**
 * A process whose namespaces differ from its parent's: where a container (or an `unshare`) begins.
 * Its namespaces are the ones a lens or an `nsenter -t` on it would enter.
 */
export interface IsolatedRoot {
  hostPid: number;
  pid: number;
  comm: string;
  cmd: string;
  hostname: string;
  ns: NsSet;
  /** Which of its namespaces are the host's own. */
  sharesWithHost: Record<NsKind, boolean>;
}

export interface NamespaceSnapshot {
  version: typeof SNAPSHOT_VERSION;
  /** The namespaces of the host's init (pid 1 of the root pid namespace). */
  host: NsSet & { hostname: string };
  pidTree: PidNsNode;
  netNamespaces: NetNsInfo[];
  mntNamespaces: MntNsInfo[];
  utsNamespaces: UtsNsInfo[];
  ipcNamespaces: SimpleNsInfo[];
  isolated: IsolatedRoot[];
}

function nsOf(t: Task): NsSet {
  const p = t.nsproxy;
  return { pid: t.pidNs.inum, net: p.net.inum, mnt: p.mnt.inum, uts: p.uts.inum, ipc: p.ipc.inum, cgroup: p.cgroup.inum };
}

function processInfo(t: Task, root: PidNamespace): ProcessInfo {
  const cmd = t.kthread ? `[${t.comm}]` : t.argv.length ? t.argv.join(' ') : t.comm;
  return {
    hostPid: t.pid.nrIn(root),
    pid: t.nr,
    ppid: t.parent ? t.parent.pid.nrIn(root) : 0,
    comm: t.comm,
    cmd,
    uid: t.cred.uid,
    kthread: t.kthread,
    ns: nsOf(t),
  };
}

function mountInfo(m: Mount): MountInfo {
  return { target: m.path, source: m.sb.source, fstype: m.sb.fstype, root: m.rootPath };
}

/** Only the network stack knows devices; a namespace created before it is installed has none to show. */
function stackOf(ns: NetNamespace): NetStack | undefined {
  return ns.pernet.get(NET_STACK_KEY) as NetStack | undefined;
}

function deviceInfo(d: NetDevice): NetDeviceInfo {
  const addrs = [
    ...d.addrs4.map((a) => `${formatIpv4(a.local)}/${a.prefixlen}`),
    ...d.addrs6.map((a) => `${formatIpv6(a.local)}/${a.prefixlen}`),
  ];
  const info: NetDeviceInfo = { ifindex: d.ifindex, name: d.name, kind: d.kind, up: d.adminUp, operstate: d.operstate, mac: d.mac, addrs };
  if (d.master) info.master = d.master.name;
  if (d.peer?.registered) info.peer = { netns: d.peer.ns.ns.inum, ifindex: d.peer.ifindex, name: d.peer.name };
  return info;
}

/** `ip netns add NAME` bind-mounts the namespace's nsfs file on /run/netns/NAME (in the host's view). */
function netnsNames(hostMnt: MountNamespace): Map<number, string[]> {
  const names = new Map<number, string[]>();
  for (const m of hostMnt.mounts()) {
    if (m.sb.fstype !== 'nsfs') continue;
    const ns = (m.root as Partial<NsFileInode>).ns;
    const path = m.path;
    if (!ns || ns.type !== 'net' || !path.startsWith('/run/netns/')) continue;
    const list = names.get(ns.inum) ?? [];
    list.push(path.slice('/run/netns/'.length));
    names.set(ns.inum, list);
  }
  return names;
}

function sameNs(a: NsSet, b: NsSet): boolean {
  return NS_KINDS.every((k) => a[k] === b[k]);
}

/** Builds the snapshot. Pure and deterministic: the same kernel state always gives the same JSON. */
export function buildSnapshot(kernel: Kernel): NamespaceSnapshot {
  const rootPidNs = kernel.initPidNs;
  const init = rootPidNs.tasks.get(1);
  if (!init) throw new Error('buildSnapshot: the machine has no init');
  const live = [...kernel.tasks].filter((t) => t.alive).sort((a, b) => a.pid.nrIn(rootPidNs) - b.pid.nrIn(rootPidNs));
  const hostNs = nsOf(init);

  // pid namespaces: every namespace a live task was created in, plus their ancestors, as a tree.
  const nodes = new Map<PidNamespace, PidNsNode>();
  const nodeOf = (ns: PidNamespace): PidNsNode => {
    let node = nodes.get(ns);
    if (!node) {
      node = { inum: ns.inum, level: ns.level, processes: [], children: [] };
      nodes.set(ns, node);
      if (ns.parent) nodeOf(ns.parent).children.push(node);
    }
    return node;
  };
  const pidTree = nodeOf(rootPidNs);
  const groups = { net: new Map<number, number[]>(), mnt: new Map<number, number[]>(), uts: new Map<number, number[]>(), ipc: new Map<number, number[]>() };
  const mntByInum = new Map<number, MountNamespace>();
  const utsByInum = new Map<number, string>();
  const add = (m: Map<number, number[]>, inum: number, pid: number) => {
    const list = m.get(inum);
    if (list) list.push(pid);
    else m.set(inum, [pid]);
  };

  for (const t of live) {
    const info = processInfo(t, rootPidNs);
    nodeOf(t.pidNs).processes.push(info);
    add(groups.net, info.ns.net, info.hostPid);
    add(groups.mnt, info.ns.mnt, info.hostPid);
    add(groups.uts, info.ns.uts, info.hostPid);
    add(groups.ipc, info.ns.ipc, info.hostPid);
    mntByInum.set(info.ns.mnt, t.nsproxy.mnt);
    utsByInum.set(info.ns.uts, t.nsproxy.uts.hostname);
  }
  const sortTree = (n: PidNsNode) => {
    n.processes.sort((a, b) => a.pid - b.pid);
    n.children.sort((a, b) => a.inum - b.inum);
    n.children.forEach(sortTree);
  };
  sortTree(pidTree);

  const names = netnsNames(init.nsproxy.mnt);
  const netNamespaces: NetNsInfo[] = [...kernel.netNamespaces]
    .map((ns) => ({
      inum: ns.inum,
      names: (names.get(ns.inum) ?? []).sort(),
      devices: (stackOf(ns)?.devices ?? []).filter((d) => d.registered).map(deviceInfo),
      pids: groups.net.get(ns.inum) ?? [],
    }))
    .sort((a, b) => a.inum - b.inum);

  const mntNamespaces: MntNsInfo[] = [...mntByInum.entries()]
    .map(([inum, ns]) => {
      const mounts = ns.mounts();
      return {
        inum,
        root: mountInfo(ns.root),
        mountCount: mounts.length,
        binds: mounts.filter((m) => m.rootPath !== '/' && m.sb.fstype !== 'nsfs').map(mountInfo),
        pids: groups.mnt.get(inum) ?? [],
      };
    })
    .sort((a, b) => a.inum - b.inum);

  const utsNamespaces: UtsNsInfo[] = [...utsByInum.entries()]
    .map(([inum, hostname]) => ({ inum, hostname, pids: groups.uts.get(inum) ?? [] }))
    .sort((a, b) => a.inum - b.inum);
  const ipcNamespaces: SimpleNsInfo[] = [...groups.ipc.entries()].map(([inum, pids]) => ({ inum, pids })).sort((a, b) => a.inum - b.inum);

  const isolated: IsolatedRoot[] = [];
  for (const t of live) {
    if (t.kthread || !t.parent) continue;
    const ns = nsOf(t);
    if (sameNs(ns, hostNs) || sameNs(ns, nsOf(t.parent))) continue;
    const sharesWithHost = Object.fromEntries(NS_KINDS.map((k) => [k, ns[k] === hostNs[k]])) as Record<NsKind, boolean>;
    isolated.push({
      hostPid: t.pid.nrIn(rootPidNs),
      pid: t.nr,
      comm: t.comm,
      cmd: t.argv.length ? t.argv.join(' ') : t.comm,
      hostname: t.nsproxy.uts.hostname,
      ns,
      sharesWithHost,
    });
  }

  return {
    version: SNAPSHOT_VERSION,
    host: { ...hostNs, hostname: init.nsproxy.uts.hostname },
    pidTree,
    netNamespaces,
    mntNamespaces,
    utsNamespaces,
    ipcNamespaces,
    isolated,
  };
}
