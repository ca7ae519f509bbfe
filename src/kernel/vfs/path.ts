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

/** A path walk from `root` (the task's root) with `cwd` for relative paths (fs/namei.c). */
export class PathWalker {
  private links = 0;
  constructor(private readonly root: PathRef, private readonly cwd: Resolved, private readonly ctx: AccessContext) {}

  /** Follow mounts stacked on this point (follow_mount). */
  private crossMounts(p: PathRef): PathRef {
    let cur = p;
    for (let m = cur.mnt.mountedAt(cur.inode); m; m = cur.mnt.mountedAt(cur.inode)) cur = { mnt: m, inode: m.root };
    return cur;
  }

  resolve(path: string, follow = true): Resolved {
    if (path === '') throw new KernelError('ENOENT');
    const stack = this.start(path);
    this.walk(stack, components(path), follow);
    return top(stack);
  }

  /** Resolve all but the last component (for create/unlink/rename). */
  resolveParent(path: string): ParentResolved {
    if (path === '') throw new KernelError('ENOENT');
    const parts = components(path);
    let name = parts.pop() ?? '';
    const stack = this.start(path);
    this.walk(stack, parts, true);
    const dir = top(stack);
    if (dir.inode.type !== 'dir') throw new KernelError('ENOTDIR');
    if (name === '' ) name = '.';
    return { dir: dir as ParentResolved['dir'], name };
  }

  private start(path: string): Frame[] {
    if (path.startsWith('/')) return [{ ref: this.crossMounts(this.root), name: '' }];
    const frames: Frame[] = [{ ref: this.crossMounts(this.root), name: '' }];
    // Rebuild the cwd's chain so `..` can climb out of it.
    if (this.cwd.path !== '/') this.walk(frames, components(this.cwd.path), true);
    return frames;
  }

  private walk(stack: Frame[], parts: string[], followLast: boolean): void {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const cur = stack[stack.length - 1].ref;
      if (cur.inode.type !== 'dir') throw new KernelError('ENOTDIR');
      checkAccess(cur.inode, this.ctx, 'x');
      if (part === '.') continue;
      if (part === '..') {
        if (stack.length > 1) stack.pop();
        continue;
      }
      if (part.length > 255) throw new KernelError('ENAMETOOLONG');
      const child = cur.inode.lookup(part, this.ctx);
      if (!child) throw new KernelError('ENOENT');
      const ref = this.crossMounts({ mnt: cur.mnt, inode: child });
      const last = i === parts.length - 1;
      if (ref.inode.type === 'symlink' && (!last || followLast)) {
        if (++this.links > MAX_SYMLINKS) throw new KernelError('ELOOP');
        const magic = ref.inode.follow?.(this.ctx);
        if (magic) {
          stack.push({ ref: this.crossMounts(magic), name: part });
          continue;
        }
        const target = ref.inode.readlink(this.ctx);
        if (target.startsWith('/')) stack.splice(1);
        this.walk(stack, components(target), true);
        continue;
      }
      stack.push({ ref, name: part });
    }
  }
}

interface Frame { ref: PathRef; name: string }

function top(stack: Frame[]): Resolved {
  const f = stack[stack.length - 1];
  const path = '/' + stack.slice(1).map((s) => s.name).join('/');
  return { mnt: f.ref.mnt, inode: f.ref.inode, path };
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
