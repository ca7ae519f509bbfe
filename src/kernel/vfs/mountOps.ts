import { MNT_DETACH, MS_BIND, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_RDONLY, MS_REC, MS_REMOUNT, MS_SHARED, MS_SLAVE, MS_MOVE, MS_STRICTATIME } from '../constants.ts';
import { nsCapable, ownerCapable } from '../ns/userns.ts';
import { KernelError } from '../errno.ts';
import type { Kernel } from '../Kernel.ts';
import type { Task } from '../task/Task.ts';
import { nsOf, type Inode, type SuperBlock } from './inode.ts';
import { Mount, type Propagation } from './Mount.ts';
import type { PathWalker, Resolved } from './path.ts';

/** Filesystem types the kernel can mount: each returns a fresh superblock and its root inode. */
export type FsFactory = (kernel: Kernel, task: Task, source: string, data: string) => { root: Inode; sb: SuperBlock };

/** Per-mount flags as /proc/mounts prints them (show_mnt_opts order). */
export function mountFlags(flags: number, relatime = true): string[] {
  const out = [flags & MS_RDONLY ? 'ro' : 'rw'];
  if (flags & MS_NOSUID) out.push('nosuid');
  if (flags & MS_NODEV) out.push('nodev');
  if (flags & MS_NOEXEC) out.push('noexec');
  if (relatime) out.push('relatime');
  return out;
}

function relativeTo(target: Resolved): string {
  const base = target.mnt.path === '/' ? '' : target.mnt.path;
  return target.path.slice(base.length).replace(/^\//, '');
}

const USERNS_MOUNTABLE = new Set(['proc', 'sysfs', 'tmpfs', 'devpts', 'mqueue', 'overlay', 'cgroup2', 'ramfs']);

/** do_mount (fs/namespace.c), with private propagation (no peers are modelled). */
export function doMount(kernel: Kernel, task: Task, walker: PathWalker, source: string, targetPath: string, fstype: string, flags: number, data: string): void {
  if (!ownerCapable(task, task.nsproxy.mnt, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
  // Inside a user namespace only filesystems marked FS_USERNS_MOUNT can be mounted (and bind mounts).
  if (fstype && !USERNS_MOUNTABLE.has(fstype) && !nsCapable(task, kernel.initUserNs, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
  const target = walker.resolve(targetPath);
  if (target.mnt.ns !== task.nsproxy.mnt) throw new KernelError('EINVAL');
  const propagation: Propagation | null = flags & MS_PRIVATE ? 'private' : flags & MS_SHARED ? 'shared' : flags & MS_SLAVE ? 'slave' : null;
  if (propagation) {
    if (target.inode !== target.mnt.root) throw new KernelError('EINVAL');
    const apply = (m: Mount) => { m.propagation = propagation; if (flags & MS_REC) m.children.forEach(apply); };
    apply(target.mnt);
    return;
  }
  if (flags & MS_REMOUNT) {
    if (target.inode !== target.mnt.root) throw new KernelError('EINVAL');
    const m = target.mnt;
    m.flags = flags & MS_BIND ? mountFlags(flags, m.flags.includes('relatime')) : [flags & MS_RDONLY ? 'ro' : 'rw', ...m.flags.slice(1)];
    return;
  }
  if (flags & MS_MOVE) throw new KernelError('EINVAL');
  let mount: Mount;
  if (flags & MS_BIND) {
    const src = walker.resolve(source);
    if ((src.inode.type === 'dir') !== (target.inode.type === 'dir')) throw new KernelError('ENOTDIR');
    // An nsfs file's dentry is named after its namespace, so mountinfo shows ROOT as `net:[4026532160]`
    // (what lsns's NSFS column and findmnt's `nsfs[net:[…]]` match on).
    const ns = nsOf(src.inode);
    const rootPath = ns ? `${ns.type}:[${ns.inum}]`
      : src.mnt.rootPath === '/' ? '/' + relativeTo(src) : `${src.mnt.rootPath}/${relativeTo(src)}`;
    mount = new Mount(target.mnt.ns, target.mnt, target.inode, relativeTo(target), src.inode, src.mnt.sb, [...src.mnt.flags], rootPath.replace(/\/$/, '') || '/');
    if (flags & MS_REC) {
      // copy_tree: only the submounts below the bound directory, placed relative to the new mount.
      const base = src.path === '/' ? '/' : `${src.path}/`;
      for (const child of src.mnt.children) {
        const p = child.path;
        if (src.inode.type === 'dir' && p.startsWith(base)) copyUnder(child, mount, p.slice(base.length - (src.path === '/' ? 1 : 0)).replace(/^\//, ''));
      }
    }
  } else {
    const factory = kernel.filesystems.get(fstype);
    if (!factory) throw new KernelError('ENODEV');
    if (target.inode.type !== 'dir') throw new KernelError('ENOTDIR');
    const { root, sb } = factory(kernel, task, source, data);
    mount = new Mount(target.mnt.ns, target.mnt, target.inode, relativeTo(target), root, sb, mountFlags(flags, !(flags & MS_STRICTATIME)));
  }
  target.mnt.children.push(mount);
  kernel.namespacesChanged();
}

/** Recursive bind: the source's submounts reappear under the new mount. */
function copyUnder(child: Mount, parent: Mount, relPath: string): void {
  const c = new Mount(parent.ns, parent, child.mountpoint, relPath, child.root, child.sb, [...child.flags], child.rootPath);
  parent.children.push(c);
  for (const g of child.children) copyUnder(g, c, g.relPath);
}

export function doUmount(kernel: Kernel, task: Task, walker: PathWalker, targetPath: string, flags: number): void {
  if (!ownerCapable(task, task.nsproxy.mnt, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
  const target = walker.resolve(targetPath);
  const m = target.mnt;
  if (target.inode !== m.root || !m.parent || m.ns !== task.nsproxy.mnt) throw new KernelError('EINVAL');
  if (m.children.length && !(flags & MNT_DETACH)) throw new KernelError('EBUSY');
  m.parent.children.splice(m.parent.children.indexOf(m), 1);
  kernel.namespacesChanged();
}

/**
 * pivot_root(2): `newRoot` (a mount) becomes the namespace's root and the old root is attached at
 * `putOld` under it; tasks whose root or cwd was the old root move to the new one.
 */
export function doPivotRoot(kernel: Kernel, task: Task, walker: PathWalker, newRootPath: string, putOldPath: string): void {
  if (!ownerCapable(task, task.nsproxy.mnt, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
  const ns = task.nsproxy.mnt;
  const newRoot = walker.resolve(newRootPath);
  const putOld = walker.resolve(putOldPath);
  const oldRoot = ns.root;
  if (newRoot.inode !== newRoot.mnt.root || newRoot.mnt === oldRoot || newRoot.mnt.ns !== ns) throw new KernelError('EINVAL');
  const nr = newRoot.mnt;
  const holder = putOld.mnt;
  if (holder !== nr && !isUnder(holder, nr)) throw new KernelError('EINVAL');
  const rel = putOld.path.slice(holder.path === '/' ? 1 : holder.path.length + 1);
  nr.parent!.children.splice(nr.parent!.children.indexOf(nr), 1);
  nr.parent = null;
  nr.relPath = '';
  ns.root = nr;
  oldRoot.parent = holder;
  oldRoot.mountpoint = putOld.inode;
  oldRoot.relPath = rel;
  holder.children.push(oldRoot);
  for (const t of kernel.tasks) {
    if (t.nsproxy.mnt !== ns) continue;
    if (t.fs.root.mnt === oldRoot) t.fs = { ...t.fs, root: { mnt: nr, inode: nr.root } };
    if (t.fs.cwd.mnt === oldRoot && t.fs.cwd.inode === oldRoot.root) t.fs = { ...t.fs, cwd: { mnt: nr, inode: nr.root, path: '/' } };
  }
  kernel.namespacesChanged();
}

function isUnder(m: Mount, ancestor: Mount): boolean {
  for (let p: Mount | null = m; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
