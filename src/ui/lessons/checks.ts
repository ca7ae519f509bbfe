/**
 * Evaluating a lesson step's check: a pure function of the latest namespace snapshot and of what the
 * terminals printed since the step started. Namespace relations compare inode numbers with the host's,
 * exactly what `readlink /proc/PID/ns/pid` would show a person.
 */
import type { NamespaceSnapshot, NetNsInfo, PidNsNode, ProcessInfo } from '../../sandbox/snapshot.ts';
import type { Check, MountCheck, NetnsCheck, OutputCheck, ProcessCheck, TogetherCheck, UtsCheck } from './schema.ts';

export interface CheckContext {
  snapshot: NamespaceSnapshot | null;
  /** Terminal output (escapes removed) since the step started. */
  output: string;
}

function processes(node: PidNsNode): ProcessInfo[] {
  return [...node.processes, ...node.children.flatMap(processes)];
}

function related(rel: 'host' | 'own' | undefined, inum: number, hostInum: number): boolean {
  return rel === undefined || (rel === 'host') === (inum === hostInum);
}

function matches(pattern: string | undefined, text: string, flags = 'm'): boolean {
  return pattern === undefined || new RegExp(pattern, flags).test(text);
}

function processCheck(c: ProcessCheck, snap: NamespaceSnapshot): boolean {
  const h = snap.host;
  return processes(snap.pidTree).some(
    (p) =>
      !p.kthread &&
      (c.comm === undefined || p.comm === c.comm) &&
      matches(c.cmd, p.cmd) &&
      (c.pid === undefined || p.pid === c.pid) &&
      related(c.pidNs, p.ns.pid, h.pid) &&
      related(c.netNs, p.ns.net, h.net) &&
      related(c.mntNs, p.ns.mnt, h.mnt) &&
      related(c.utsNs, p.ns.uts, h.uts) &&
      related(c.ipcNs, p.ns.ipc, h.ipc),
  );
}

function netnsMatches(c: NetnsCheck, ns: NetNsInfo, hostNet: number): boolean {
  if (!related(c.which, ns.inum, hostNet)) return false;
  if (c.name !== undefined && !ns.names.includes(c.name)) return false;
  if (c.inUse !== undefined && c.inUse !== ns.pids.length > 0) return false;
  if (c.onlyKinds && !ns.devices.every((d) => c.onlyKinds!.includes(d.kind))) return false;
  const d = c.device;
  if (!d) return true;
  return ns.devices.some(
    (dev) =>
      (d.kind === undefined || dev.kind === d.kind) &&
      matches(d.name, dev.name) &&
      (d.up === undefined || dev.up === d.up) &&
      (d.addr === undefined || dev.addrs.some((a) => matches(d.addr, a))) &&
      (d.master === undefined || dev.master === d.master) &&
      (d.peer === undefined || (dev.peer !== undefined && related(d.peer, dev.peer.netns, hostNet))),
  );
}

function mountCheck(c: MountCheck, snap: NamespaceSnapshot): boolean {
  return snap.mntNamespaces.some(
    (m) =>
      m.pids.length > 0 &&
      related(c.which, m.inum, snap.host.mnt) &&
      (c.rootFstype === undefined || m.root.fstype === c.rootFstype) &&
      (c.bindTarget === undefined || m.binds.some((b) => matches(c.bindTarget, b.target))),
  );
}

function utsCheck(c: UtsCheck, snap: NamespaceSnapshot): boolean {
  return snap.utsNamespaces.some((u) => related(c.which, u.inum, snap.host.uts) && matches(c.hostname, u.hostname));
}

function togetherCheck(c: TogetherCheck, snap: NamespaceSnapshot): boolean {
  const counts = new Map<number, number>();
  for (const r of snap.isolated) {
    const inum = r.ns[c.ns];
    if (inum !== snap.host[c.ns]) counts.set(inum, (counts.get(inum) ?? 0) + 1);
  }
  return [...counts.values()].some((n) => n >= c.roots);
}

function outputCheck(c: OutputCheck, output: string): boolean {
  return new RegExp(c.pattern, c.ignoreCase ? 'mi' : 'm').test(output);
}

export function evaluateCheck(check: Check, ctx: CheckContext): boolean {
  const snap = ctx.snapshot;
  switch (check.type) {
    case 'all':
      return check.checks.every((c) => evaluateCheck(c, ctx));
    case 'any':
      return check.checks.some((c) => evaluateCheck(c, ctx));
    case 'output':
      return outputCheck(check, ctx.output);
    case 'process':
      return snap !== null && processCheck(check, snap);
    case 'netns':
      return snap !== null && snap.netNamespaces.some((ns) => netnsMatches(check, ns, snap.host.net));
    case 'mount':
      return snap !== null && mountCheck(check, snap);
    case 'uts':
      return snap !== null && utsCheck(check, snap);
    case 'together':
      return snap !== null && togetherCheck(check, snap);
  }
}
