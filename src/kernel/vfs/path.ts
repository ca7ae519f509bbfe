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
const DOT = 46;

/**
 * The stack of a walk (where `..` climbs back to): parallel arrays and a depth, not an object per
 * component. One is kept spare between walks, since every open(2) walks (ps opens three files per
 * process); a walk started while another is under way (a lookup that itself resolves a path) takes a
 * fresh one.
 */
class WalkStack {
  readonly mnts: Array<Mount | undefined> = [];
  readonly inodes: Array<Inode | undefined> = [];
  readonly names: Array<string | undefined> = [];
  depth = 0;
  private high = 0;

  push(mnt: Mount, inode: Inode, name: string): void {
    const d = this.depth++;
    this.mnts[d] = mnt;
    this.inodes[d] = inode;
    this.names[d] = name;
    if (this.depth > this.high) this.high = this.depth;
  }

  /** Forget every entry (a spare stack must not keep inodes alive). */
  clear(): void {
    for (let i = 0; i < this.high; i++) { this.mnts[i] = undefined; this.inodes[i] = undefined; this.names[i] = undefined; }
    this.depth = 0;
    this.high = 0;
  }
}
let spareStack: WalkStack | undefined;

/**
 * A path walk from `root` (the task's root) with `cwd` for relative paths (fs/namei.c), reading the
 * path in place.
 */
export class PathWalker {
  private links = 0;
  private s = EMPTY_STACK;
  /**
   * The text walked so far is its own canonical path: absolute, single slashes, no `.`, `..` or
   * symlink on the way. Then the walked prefix of the path is the result's path as it is, and no
   * second string has to be built (`/proc/PID/stat` in ps).
   */
  private canonical = true;
  constructor(private readonly root: PathRef, private readonly cwd: Resolved, private readonly ctx: AccessContext) {}

  /** Whether this walker starts from `root` and `cwd` (a walker keeps nothing else between walks). */
  startsFrom(root: PathRef, cwd: Resolved): boolean { return this.root === root && this.cwd === cwd; }

  resolve(path: string, follow = true): Resolved {
    if (path === '') throw new KernelError('ENOENT');
    this.begin(path);
    try {
      this.walk(path, path.length, follow);
      return this.top(path, path.length);
    } finally {
      this.end();
    }
  }

  /** Resolve all but the last component (for create/unlink/rename). */
  resolveParent(path: string): ParentResolved {
    if (path === '') throw new KernelError('ENOENT');
    let end = path.length;
    while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
    const from = path.lastIndexOf('/', end - 1) + 1;
    let name = path.slice(from, end);
    // The directory part without its trailing slashes (`/a//b` walks `/a`).
    let dirEnd = from;
    while (dirEnd > 0 && path.charCodeAt(dirEnd - 1) === SLASH) dirEnd--;
    this.begin(path);
    let dir: Resolved;
    try {
      this.walk(path, dirEnd, true);
      dir = this.top(path, dirEnd);
    } finally {
      this.end();
    }
    if (dir.inode.type !== 'dir') throw new KernelError('ENOTDIR');
    if (name === '') name = '.';
    return { dir: dir as ParentResolved['dir'], name };
  }

  private begin(path: string): void {
    this.s = spareStack ?? new WalkStack();
    spareStack = undefined;
    this.links = 0;
    this.canonical = path.charCodeAt(0) === SLASH;
    this.push(this.root.mnt, this.root.inode, '');
    // Rebuild the cwd's chain so `..` can climb out of it.
    if (!this.canonical && this.cwd.path !== '/') this.walk(this.cwd.path, this.cwd.path.length, true);
  }

  private end(): void {
    this.s.clear();
    spareStack = this.s;
    this.s = EMPTY_STACK;
  }

  /** Follow mounts stacked on this point (follow_mount), and push it. */
  private push(mnt: Mount, inode: Inode, name: string): void {
    for (let m = mnt.mountedAt(inode); m; m = mnt.mountedAt(inode)) { mnt = m; inode = m.root; }
    this.s.push(mnt, inode, name);
  }

  /** Walk the components of path[0, end). */
  private walk(path: string, end: number, followLast: boolean): void {
    let i = 0;
    while (i < end && path.charCodeAt(i) === SLASH) i++;
    if (i > 1) this.canonical = false;
    while (i < end) {
      let next = path.indexOf('/', i);
      if (next < 0 || next > end) next = end;
      const part = path.slice(i, next);
      i = next;
      while (i < end && path.charCodeAt(i) === SLASH) i++;
      // Two slashes in a row, or a trailing one: the canonical form differs from the text.
      if (i - next > 1 || (i === end && i > next)) this.canonical = false;
      this.step(part, i >= end ? followLast : true);
    }
  }

  private step(part: string, follow: boolean): void {
    const s = this.s;
    const top = s.depth - 1;
    const cur = s.inodes[top]!;
    if (cur.type !== 'dir') throw new KernelError('ENOTDIR');
    checkAccess(cur, this.ctx, 'x');
    if (part.charCodeAt(0) === DOT && (part.length === 1 || (part.length === 2 && part.charCodeAt(1) === DOT))) {
      this.canonical = false;
      if (part.length === 2 && top > 0) s.depth--;
      return;
    }
    if (part.length > 255) throw new KernelError('ENAMETOOLONG');
    const child = cur.lookup(part, this.ctx);
    if (!child) throw new KernelError('ENOENT');
    this.push(s.mnts[top]!, child, part);
    const next = s.inodes[top + 1]!;
    if (next.type === 'symlink' && follow) {
      s.depth--;
      this.canonical = false;
      if (++this.links > MAX_SYMLINKS) throw new KernelError('ELOOP');
      const magic = next.follow?.(this.ctx);
      if (magic) {
        this.push(magic.mnt, magic.inode, part);
        return;
      }
      const target = next.readlink(this.ctx);
      if (target.startsWith('/')) s.depth = 1;
      this.walk(target, target.length, true);
    }
  }

  /** Where the walk ended, with its canonical path (`path[0, end)` itself when that already is one). */
  private top(path: string, end: number): Resolved {
    const s = this.s;
    const n = s.depth;
    let canonical: string;
    if (this.canonical) canonical = end === path.length ? path : end > 0 ? path.slice(0, end) : '/';
    else {
      canonical = n > 1 ? '' : '/';
      for (let i = 1; i < n; i++) canonical += '/' + s.names[i]!;
    }
    return new Lookup(s.mnts[n - 1]!, s.inodes[n - 1]!, canonical);
  }
}

/**
 * A walk's result, as a class rather than an object literal: V8 decides per literal site whether its
 * objects start in the old generation, and it learns that from the results callers keep (a cwd, an
 * open file's path, a mount's target). A lookup mostly dies at once (ps: three opens per process), and
 * one allocated in the old generation costs more to make and is only reclaimed by a full collection.
 */
class Lookup implements Resolved {
  constructor(readonly mnt: Mount, readonly inode: Inode, readonly path: string) {}
}
const EMPTY_STACK = new WalkStack();

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
