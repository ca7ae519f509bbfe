import { KernelError } from '../errno.ts';
import type { Task } from '../task/Task.ts';
import type { Namespace } from './NsCommon.ts';
import type { UserNamespace } from './simple.ts';

/** One line of uid_map/gid_map: ids [inside, inside+count) are [outside, outside+count) in the parent. */
export interface IdExtent { inside: number; outside: number; count: number }
export type IdKind = 'uid' | 'gid';

/** overflowuid/overflowgid: what an id with no mapping in the viewer's namespace reads as. */
export const OVERFLOW_ID = 65534;
/** UID_GID_MAP_MAX_BASE_EXTENTS. */
const MAX_EXTENTS = 5;

/** from_kuid(): the id a kernel id has inside `ns`, or -1 when it is not mapped there. */
export function fromKid(ns: UserNamespace, kid: number, kind: IdKind): number {
  if (!ns.parent) return kid;
  const outer = fromKid(ns.parent, kid, kind);
  if (outer < 0) return -1;
  for (const e of ns.maps[kind] ?? []) if (outer >= e.outside && outer < e.outside + e.count) return e.inside + (outer - e.outside);
  return -1;
}

/** make_kuid(): the kernel id of `id` as written inside `ns`, or -1 (INVALID_UID). */
export function toKid(ns: UserNamespace, id: number, kind: IdKind): number {
  if (!ns.parent) return id;
  for (const e of ns.maps[kind] ?? []) if (id >= e.inside && id < e.inside + e.count) return toKid(ns.parent, e.outside + (id - e.inside), kind);
  return -1;
}

/** from_kuid_munged(): unmapped ids read as the overflow id (65534, nobody). */
export function viewId(ns: UserNamespace, kid: number, kind: IdKind): number {
  const id = fromKid(ns, kid, kind);
  return id < 0 ? OVERFLOW_ID : id;
}

/**
 * ns_capable() / cap_capable(): a task has a capability in `target` when it has it in its own user
 * namespace and that namespace is `target` or an ancestor of it; the owner of a child namespace of
 * the task's has every capability there (user_namespaces(7)).
 */
export function nsCapable(task: Task, target: UserNamespace, cap: string): boolean {
  for (let ns: UserNamespace | null = target; ns; ns = ns.parent) {
    if (ns === task.userNs) return task.cred.caps.has(cap);
    if (ns.level <= task.userNs.level) return false;
    if (ns.parent === task.userNs && ns.creatorEuid === task.cred.euid) return true;
  }
  return false;
}

/** ns_capable(ns->user_ns, cap): a capability over whatever owns a namespace (a netns, a utsns…). */
export function ownerCapable(task: Task, ns: Namespace, cap: string): boolean {
  let owner = ns.owner as UserNamespace | null;
  if (!owner) for (owner = task.userNs; owner.parent; owner = owner.parent);
  return nsCapable(task, owner, cap);
}

/** capable_wrt_inode_uidgid(): the capability in the caller's user namespace, over an inode whose owner is mapped there. */
export function capableWrtInode(task: Task, inode: { uid: number; gid: number }, cap: string): boolean {
  return nsCapable(task, task.userNs, cap) && hasMapping(task.userNs, inode.uid, 'uid') && hasMapping(task.userNs, inode.gid, 'gid');
}

/** A kernel id is usable in `ns` only if it is mapped there (kuid_has_mapping). */
export function hasMapping(ns: UserNamespace, kid: number, kind: IdKind): boolean {
  return fromKid(ns, kid, kind) >= 0;
}

/**
 * Writing /proc/PID/{uid,gid}_map (kernel/user_namespace.c map_write): once only; by a task in the
 * namespace or its parent; an unprivileged writer may map just its own effective id, one id long,
 * and for gid_map only after setgroups was denied. Extents may not overlap.
 */
export function writeIdMap(writer: Task, ns: UserNamespace, kind: IdKind, text: string): void {
  if (ns.maps[kind] || !ns.parent) throw new KernelError('EPERM');
  if (writer.userNs !== ns && writer.userNs !== ns.parent) throw new KernelError('EPERM');
  const extents: IdExtent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const f = line.trim().split(/\s+/);
    if (f.length !== 3 || f.some((x) => !/^\d+$/.test(x))) throw new KernelError('EINVAL');
    const [inside, outside, count] = f.map(Number);
    if (count < 1 || inside + count > 2 ** 32 - 1 || outside + count > 2 ** 32 - 1) throw new KernelError('EINVAL');
    extents.push({ inside, outside, count });
  }
  if (!extents.length || extents.length > MAX_EXTENTS) throw new KernelError('EINVAL');
  const overlaps = (a: number, n: number, b: number, m: number) => a < b + m && b < a + n;
  for (let i = 0; i < extents.length; i++) {
    for (let j = i + 1; j < extents.length; j++) {
      if (overlaps(extents[i].inside, extents[i].count, extents[j].inside, extents[j].count)
        || overlaps(extents[i].outside, extents[i].count, extents[j].outside, extents[j].count)) throw new KernelError('EINVAL');
    }
  }
  // new_idmap_permitted(): the creator's own id needs nothing more (gid_map: once setgroups is denied);
  // anything else needs CAP_SETUID/CAP_SETGID over the parent namespace.
  const own = kind === 'uid' ? writer.cred.euid : writer.cred.egid;
  const parent = ns.parent;
  const self = extents.length === 1 && extents[0].count === 1 && toKid(parent, extents[0].outside, kind) === own
    && (kind === 'uid' ? ns.creatorEuid === own : !ns.setgroupsAllowed);
  if (!self && !nsCapable(writer, parent, kind === 'uid' ? 'CAP_SETUID' : 'CAP_SETGID')) throw new KernelError('EPERM');
  if (extents.some((e) => toKid(parent, e.outside, kind) < 0)) throw new KernelError('EPERM');
  ns.maps[kind] = extents;
}

/** /proc/PID/setgroups: "deny" may be written only before gid_map is; "allow" not after a deny. */
export function writeSetgroups(writer: Task, ns: UserNamespace, text: string): void {
  const v = text.trim();
  if (v !== 'allow' && v !== 'deny') throw new KernelError('EINVAL');
  if (!ns.parent || !nsCapable(writer, ns, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
  if (ns.maps.gid) throw new KernelError('EPERM');
  if (v === 'allow' && !ns.setgroupsAllowed) throw new KernelError('EPERM');
  ns.setgroupsAllowed = v === 'allow';
}

/** The map as /proc/PID/uid_map prints it ("%10u %10u %10u"); the initial namespace maps everything. */
export function formatIdMap(ns: UserNamespace, kind: IdKind): string {
  const extents = ns.parent ? ns.maps[kind] ?? [] : [{ inside: 0, outside: 0, count: 4294967295 }];
  return extents.map((e) => `${String(e.inside).padStart(10)} ${String(e.outside).padStart(10)} ${String(e.count).padStart(10)}\n`).join('');
}
