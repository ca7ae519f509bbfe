import { KernelError } from '../errno.ts';
import { checkAccess, type AccessContext, type DirInode, type Inode } from './inode.ts';
import type { Mount } from './Mount.ts';

/** struct path: an inode as reached through a particular mount. */
export interface PathRef {
  readonly mnt: Mount;
  readonly inode: Inode;
}

export interface Resolved extends PathRef {
  /** Canonical absolute path from the resolver's root (what getcwd(3) returns after chdir). */
  readonly path: string;
}

export interface ParentResolved {
  readonly dir: Resolved & { inode: DirInode };
  readonly name: string;
}

const MAX_SYMLINKS = 40;
const SLASH = 47;

/** One step of a walk: where it stands, and the name it came in by (for the canonical path). */
interface Frame extends PathRef { readonly name: string }

/**
 * A path walk from `root` (the task's root) with `cwd` for relative paths (fs/namei.c). It reads the
 * path in place, one frame per component: every open(2) walks, ps opens three files per process.
 */
export class PathWalker {
  private links = 0;
  constructor(private readonly root: PathRef, private readonly cwd: Resolved, private readonly ctx: AccessContext) {}

  /** Follow mounts stacked on this point (follow_mount). */
  private frame(mnt: Mount, inode: Inode, name: string): Frame {
    for (let m = mnt.mountedAt(inode); m; m = mnt.mountedAt(inode)) { mnt = m; inode = m.root; }
    return { mnt, inode, name };
  }

  resolve(path: string, follow = true): Resolved {
    if (path === '') throw new KernelError('ENOENT');
    const stack = this.start(path);
    this.walk(stack, path, path.length, follow);
    return top(stack);
  }

  /** Resolve all but the last component (for create/unlink/rename). */
  resolveParent(path: string): ParentResolved {
    if (path === '') throw new KernelError('ENOENT');
    let end = path.length;
    while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
    const from = path.lastIndexOf('/', end - 1) + 1;
    let name = path.slice(from, end);
    const stack = this.start(path);
    this.walk(stack, path, from, true);
    const dir = top(stack);
    if (dir.inode.type !== 'dir') throw new KernelError('ENOTDIR');
    if (name === '') name = '.';
    return { dir: dir as ParentResolved['dir'], name };
  }

  private start(path: string): Frame[] {
    const frames: Frame[] = [this.frame(this.root.mnt, this.root.inode, '')];
    // Rebuild the cwd's chain so `..` can climb out of it.
    if (path.charCodeAt(0) !== SLASH && this.cwd.path !== '/') this.walk(frames, this.cwd.path, this.cwd.path.length, true);
    return frames;
  }

  /** Walk the components of path[0, end). */
  private walk(stack: Frame[], path: string, end: number, followLast: boolean): void {
    let i = 0;
    while (i < end && path.charCodeAt(i) === SLASH) i++;
    while (i < end) {
      let next = path.indexOf('/', i);
      if (next < 0 || next > end) next = end;
      const part = path.slice(i, next);
      i = next;
      while (i < end && path.charCodeAt(i) === SLASH) i++;
      this.step(stack, part, i >= end ? followLast : true);
    }
  }

  private step(stack: Frame[], part: string, follow: boolean): void {
    const cur = stack[stack.length - 1];
    if (cur.inode.type !== 'dir') throw new KernelError('ENOTDIR');
    checkAccess(cur.inode, this.ctx, 'x');
    if (part === '.') return;
    if (part === '..') {
      if (stack.length > 1) stack.pop();
      return;
    }
    if (part.length > 255) throw new KernelError('ENAMETOOLONG');
    const child = cur.inode.lookup(part, this.ctx);
    if (!child) throw new KernelError('ENOENT');
    const next = this.frame(cur.mnt, child, part);
    if (next.inode.type === 'symlink' && follow) {
      if (++this.links > MAX_SYMLINKS) throw new KernelError('ELOOP');
      const magic = next.inode.follow?.(this.ctx);
      if (magic) {
        stack.push(this.frame(magic.mnt, magic.inode, part));
        return;
      }
      const target = next.inode.readlink(this.ctx);
      if (target.startsWith('/')) stack.splice(1);
      this.walk(stack, target, target.length, true);
      return;
    }
    stack.push(next);
  }
}

function top(stack: Frame[]): Resolved {
  const f = stack[stack.length - 1];
  let path = stack.length > 1 ? '' : '/';
  for (let i = 1; i < stack.length; i++) path += '/' + stack[i].name;
  return { mnt: f.mnt, inode: f.inode, path };
}

export function components(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

export function basename(path: string): string {
  const parts = components(path);
  return parts.length ? parts[parts.length - 1] : '/';
}

export function joinPath(dir: string, name: string): string {
  if (name.startsWith('/')) return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
