import { KernelError } from '../errno.ts';
import { allocIno, type AccessContext, type DirInode, type FileInode, type Inode, type SuperBlock, type SymlinkInode } from '../vfs/inode.ts';
import type { PathRef } from '../vfs/path.ts';

/**
 * Building blocks for synthetic filesystems (procfs, sysfs): files whose content is generated on
 * read, directories whose entries are computed per lookup, and (magic) links.
 */
export interface Owner { uid: number; gid: number }

/** What every synthetic inode has: a number, an owner and a mode. */
export abstract class GenBase {
  readonly ino = allocIno();
  mtime = 0;
  uid: number;
  gid: number;
  constructor(readonly sb: SuperBlock, public mode: number, owner: Owner = { uid: 0, gid: 0 }) {
    this.uid = owner.uid;
    this.gid = owner.gid;
  }
}

export class GenFile extends GenBase implements FileInode {
  readonly type = 'file' as const;
  readonly generated = true;
  constructor(sb: SuperBlock, private readonly gen: (ctx: AccessContext) => string, mode = 0o444, owner?: Owner,
    private readonly onWrite?: (data: string, ctx: AccessContext) => void) { super(sb, mode, owner); }
  read(ctx: AccessContext): string { return this.gen(ctx); }
  write(data: string, ctx: AccessContext): void {
    if (!this.onWrite) throw new KernelError('EACCES');
    if (data !== '') this.onWrite(data, ctx);
  }
  /** procfs files report size 0, as on Linux. */
  size(): number { return 0; }
}

export class GenLink extends GenBase implements SymlinkInode {
  readonly type = 'symlink' as const;
  constructor(sb: SuperBlock, private readonly target: (ctx: AccessContext) => string,
    private readonly magic?: (ctx: AccessContext) => PathRef | undefined, owner?: Owner) { super(sb, 0o777, owner); }
  readlink(ctx: AccessContext): string { return this.target(ctx); }
  follow(ctx: AccessContext): PathRef | undefined { return this.magic?.(ctx); }
}

/**
 * Named children of a GenDir: a record computed per lookup (its set may change with kernel state), or
 * a Map built once for directories whose set is fixed (/proc, /proc/PID: a hash lookup per path step,
 * like Linux's static pid_entry tables).
 */
export type GenEntries = Record<string, () => Inode> | ReadonlyMap<string, () => Inode>;

/** A directory with a fixed set of named children, created lazily and kept (stable inodes). */
export class GenDir extends GenBase implements DirInode {
  readonly type = 'dir' as const;
  private readonly made = new Map<string, Inode>();
  constructor(sb: SuperBlock, private readonly entries: () => GenEntries, mode = 0o555, owner?: Owner,
    private readonly dynamic?: { list(ctx: AccessContext): string[]; lookup(name: string, ctx: AccessContext): Inode | undefined }) {
    super(sb, mode, owner);
  }
  lookup(name: string, ctx: AccessContext): Inode | undefined {
    const e = this.entries();
    let fixed: (() => Inode) | undefined;
    if (e instanceof Map) {
      // A fixed set: an entry made once stays (one hash lookup for /proc/PID/stat's `stat`).
      const known = this.made.get(name);
      if (known) return known;
      fixed = e.get(name);
    } else {
      // Own entries only: `/proc/constructor` is no directory entry.
      fixed = Object.hasOwn(e, name) ? (e as Record<string, () => Inode>)[name] : undefined;
      if (fixed) {
        const known = this.made.get(name);
        if (known) return known;
      }
    }
    if (fixed) {
      const made = fixed();
      this.made.set(name, made);
      return made;
    }
    return this.dynamic?.lookup(name, ctx);
  }
  list(ctx: AccessContext): string[] {
    const e = this.entries();
    return [...(this.dynamic?.list(ctx) ?? []), ...(e instanceof Map ? e.keys() : Object.keys(e))];
  }
  link(): void { throw new KernelError('EACCES'); }
  unlink(): void { throw new KernelError('EACCES'); }
  makeFile(): Inode { throw new KernelError('EACCES'); }
}
