/**
 * Invariants of the kernel's own data that must hold after any sequence of operations, whatever it
 * was (no model needed). Each returns a list of violations, empty when all is well.
 */
import type { Kernel } from '../../src/kernel/Kernel.ts';
import type { NetNamespace } from '../../src/kernel/net/NetNamespace.ts';
import { stackOf } from '../../src/kernel/net/NetStack.ts';
import type { PidNamespace } from '../../src/kernel/ns/PidNamespace.ts';
import type { Task } from '../../src/kernel/task/Task.ts';
import type { Mount } from '../../src/kernel/vfs/Mount.ts';
import type { MountNamespace } from '../../src/kernel/vfs/MountNamespace.ts';

const tname = (t: Task) => `${t.comm}[${t.pid.numbers.map((n) => n.nr).join('/')}]`;

/**
 * struct pid / pid namespaces: a task has one number per level from the root namespace down to its
 * own; each number maps back to it in that namespace's table (so numbers are unique per namespace);
 * no table keeps a released task; no live task remains in a namespace whose init has died.
 */
export function pidInvariants(k: Kernel): string[] {
  const errs: string[] = [];
  const namespaces = new Set<PidNamespace>();
  let perUid = 0;
  for (const n of k.tasksPerUid.values()) perUid += n;
  if (perUid !== k.tasks.size) errs.push(`RLIMIT_NPROC accounting counts ${perUid} tasks, the kernel has ${k.tasks.size}`);
  for (const t of k.tasks) {
    if (t.state === 'X') errs.push(`${tname(t)} is released (X) but still in the task list`);
    const nums = t.pid.numbers;
    nums.forEach(({ ns, nr }, level) => {
      namespaces.add(ns);
      if (ns.level !== level) errs.push(`${tname(t)}: pid at index ${level} belongs to a level-${ns.level} namespace`);
      if (level > 0 && ns.parent !== nums[level - 1].ns) errs.push(`${tname(t)}: pid levels ${level - 1}/${level} are not parent and child namespaces`);
      if (nr < 1 || nr >= ns.pidMax) errs.push(`${tname(t)}: pid ${nr} outside 1..pid_max-1`);
      if (ns.tasks.get(nr) !== t) errs.push(`${tname(t)}: number ${nr} at level ${level} maps to ${ns.tasks.get(nr) ? tname(ns.tasks.get(nr)!) : 'nothing'}`);
    });
    if (nums[0].ns !== k.initPidNs) errs.push(`${tname(t)}: has no pid in the initial namespace`);
    if (t.parent && !t.parent.children.has(t)) errs.push(`${tname(t)}: missing from its parent's children`);
    for (const c of t.children) if (c.parent !== t) errs.push(`${tname(c)}: in ${tname(t)}'s children but its parent is another task`);
    if (t.alive && t.pidNs.dead) errs.push(`${tname(t)}: alive in a pid namespace whose init has died`);
  }
  for (const ns of namespaces) {
    for (const [nr, t] of ns.tasks) {
      if (!k.tasks.has(t)) errs.push(`pid ${nr} of a level-${ns.level} namespace still maps to released ${tname(t)}`);
      else if (t.pid.nrIn(ns) !== nr) errs.push(`pid ${nr} of a level-${ns.level} namespace maps to ${tname(t)}, which numbers itself ${t.pid.nrIn(ns)} there`);
    }
    const reaper = ns.childReaper;
    if (reaper && reaper.alive && reaper.pid.nrIn(ns) !== 1) errs.push(`the init of a level-${ns.level} namespace is not pid 1 there`);
  }
  return errs;
}

/** Every mount belongs to exactly one namespace's tree, and the tree's links agree both ways. */
export function mountInvariants(k: Kernel): string[] {
  const errs: string[] = [];
  const owner = new Map<Mount, MountNamespace>();
  const spaces = new Set<MountNamespace>();
  for (const t of k.tasks) if (t.alive) spaces.add(t.nsproxy.mnt);
  for (const ns of spaces) {
    for (const m of ns.mounts()) {
      const other = owner.get(m);
      if (other) errs.push(`mount ${m.id} (${m.path}) is in the trees of mnt:[${other.inum}] and mnt:[${ns.inum}]`);
      owner.set(m, ns);
      if (m.ns !== ns) errs.push(`mount ${m.id} (${m.path}) in mnt:[${ns.inum}]'s tree says it belongs to mnt:[${m.ns.inum}]`);
      for (const c of m.children) if (c.parent !== m) errs.push(`mount ${c.id} is a child of ${m.id} but points to another parent`);
    }
    if (ns.root.parent) errs.push(`the root mount of mnt:[${ns.inum}] has a parent`);
  }
  for (const t of k.tasks) {
    if (!t.alive || t.kthread) continue;
    if (owner.get(t.fs.root.mnt) !== t.nsproxy.mnt) errs.push(`${tname(t)}: its root is on a mount outside its mount namespace`);
  }
  return errs;
}

/**
 * Network namespaces: live tasks only use live ones; in each, device names and ifindexes are unique;
 * every veth has exactly one peer, registered, pointing back, in a live namespace; bridge ports and
 * their bridge agree and share the namespace; every socket's namespace is alive.
 */
export function netInvariants(k: Kernel): string[] {
  const errs: string[] = [];
  const live = k.netNamespaces;
  for (const t of k.tasks) if (t.alive && !live.has(t.nsproxy.net)) errs.push(`${tname(t)}: in destroyed net:[${t.nsproxy.net.inum}]`);
  for (const ns of live) {
    let stack;
    try { stack = stackOf(ns); } catch { continue; }
    const at = `net:[${ns.inum}]`;
    if (!stack.alive) errs.push(`${at} is listed but its stack was torn down`);
    const names = new Set<string>();
    const indexes = new Set<number>();
    for (const d of stack.devices) {
      if (names.has(d.name)) errs.push(`${at}: two devices named ${d.name}`);
      if (indexes.has(d.ifindex)) errs.push(`${at}: two devices with ifindex ${d.ifindex}`);
      names.add(d.name);
      indexes.add(d.ifindex);
      if (d.ns !== stack || !d.registered) errs.push(`${at}: ${d.name} is listed but registered elsewhere or not at all`);
      if (d.kind === 'veth') {
        const p = d.peer;
        if (!p) errs.push(`${at}: veth ${d.name} has no peer`);
        else if (p.peer !== d) errs.push(`${at}: veth ${d.name}'s peer ${p.name} points elsewhere`);
        else if (!p.registered || !p.ns.devices.includes(p)) errs.push(`${at}: veth ${d.name}'s peer ${p.name} is unregistered`);
        else if (!live.has(p.ns.ns as NetNamespace)) errs.push(`${at}: veth ${d.name}'s peer ${p.name} is in a destroyed namespace`);
      }
      if (d.master && (!d.master.ports.includes(d) || d.master.ns !== stack)) errs.push(`${at}: ${d.name}'s master ${d.master.name} does not list it`);
      for (const port of d.ports) if (port.master !== d || port.ns !== stack) errs.push(`${at}: bridge ${d.name} lists ${port.name}, which is not its port here`);
    }
    for (const s of stack.sockets) if (s.stack !== stack) errs.push(`${at}: lists a socket of another namespace`);
  }
  return errs;
}

export function kernelInvariants(k: Kernel): string[] {
  return [...pidInvariants(k), ...mountInvariants(k), ...netInvariants(k)];
}
