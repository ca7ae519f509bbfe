import { KernelError } from '../errno.ts';
import { allocIno, type DirInode, type FileInode, type Inode, type SuperBlock } from './inode.ts';
import { TmpDir, TmpFile } from './tmpfs.ts';

/**
 * overlayfs (fs/overlayfs): a writable upper directory over read-only lower layers. Lookups merge the
 * layers; the first write to a lower file copies it up; removing a lower entry leaves a whiteout.
 * Image layers are shared by every container of the image and are never modified.
 * (Whiteouts are kept as a set on the merged directory rather than as 0:0 device nodes in upper.)
 */
export class OverlayDir implements DirInode {
  readonly type = 'dir' as const;
  readonly ino = allocIno();
  private readonly cache = new Map<string, Inode>();
  private readonly whiteouts = new Set<string>();

  constructor(
    readonly sb: SuperBlock,
    private readonly parent: OverlayDir | null,
    private readonly name: string,
    private upper: TmpDir | null,
    private readonly lowers: DirInode[],
    private readonly upperSb: SuperBlock,
  ) {}

  private get top(): Inode { return (this.upper ?? this.lowers[0]) as Inode; }
  get mode(): number { return this.top.mode; }
  set mode(m: number) { this.ensureUpper().mode = m; }
  get uid(): number { return this.top.uid; }
  set uid(v: number) { this.ensureUpper().uid = v; }
  get gid(): number { return this.top.gid; }
  set gid(v: number) { this.ensureUpper().gid = v; }
  get mtime(): number { return this.top.mtime; }
  set mtime(v: number) { this.ensureUpper().mtime = v; }

  /** Copy-up of a directory: create it (and its ancestors) in the upper layer. */
  ensureUpper(): TmpDir {
    if (this.upper) return this.upper;
    const lower = this.lowers[0];
    const dir = new TmpDir(this.upperSb, lower?.mode ?? 0o755, lower?.uid ?? 0, lower?.gid ?? 0, lower?.mtime ?? 0);
    if (this.parent) this.parent.ensureUpper().entries.set(this.name, dir);
    this.upper = dir;
    return dir;
  }

  lookup(name: string): Inode | undefined {
    if (this.whiteouts.has(name)) return undefined;
    const cached = this.cache.get(name);
    if (cached) return cached;
    const up = this.upper?.entries.get(name);
    const lowerHits = this.lowers.map((l) => l.lookup(name, undefined as never)).filter((i): i is Inode => !!i);
    let result: Inode | undefined;
    if (up && up.type !== 'dir') result = up;
    else if (up || lowerHits[0]?.type === 'dir') {
      const lowerDirs: DirInode[] = [];
      for (const hit of lowerHits) { if (hit.type !== 'dir') break; lowerDirs.push(hit); }
      result = up && lowerDirs.length === 0 ? up : new OverlayDir(this.sb, this, name, (up as TmpDir) ?? null, lowerDirs, this.upperSb);
    } else if (lowerHits[0]?.type === 'file') {
      result = new OverlayFile(this, name, lowerHits[0]);
    } else result = lowerHits[0];
    if (result) this.cache.set(name, result);
    return result;
  }

  list(): string[] {
    const names = new Set<string>(this.upper ? this.upper.list() : []);
    for (const l of this.lowers) for (const n of l.list(undefined as never)) names.add(n);
    for (const w of this.whiteouts) names.delete(w);
    return [...names];
  }

  link(name: string, inode: Inode): void {
    if (this.lookup(name)) throw new KernelError('EEXIST');
    this.ensureUpper().entries.set(name, inode);
    this.whiteouts.delete(name);
    this.cache.delete(name);
  }

  unlink(name: string): void {
    if (!this.lookup(name)) throw new KernelError('ENOENT');
    this.upper?.entries.delete(name);
    if (this.lowers.some((l) => l.lookup(name, undefined as never))) this.whiteouts.add(name);
    this.cache.delete(name);
  }

  makeFile(type: 'file' | 'dir' | 'symlink', mode: number, uid: number, gid: number, target?: string): Inode {
    return this.ensureUpper().makeFile(type, mode, uid, gid, target);
  }

  /** Called by OverlayFile when it copies itself up. */
  storeUpper(name: string, inode: Inode): void { this.ensureUpper().entries.set(name, inode); }
}

/** A lower-layer file seen through the overlay; copied up on first write. */
export class OverlayFile implements FileInode {
  readonly type = 'file' as const;
  readonly ino = allocIno();
  private upper: TmpFile | null = null;
  constructor(private readonly dir: OverlayDir, private readonly name: string, private readonly lower: FileInode) {}
  get sb(): SuperBlock { return this.dir.sb; }
  private get top(): FileInode { return this.upper ?? this.lower; }
  get mode(): number { return this.top.mode; }
  set mode(m: number) { this.copyUp().mode = m; }
  get uid(): number { return this.top.uid; }
  set uid(v: number) { this.copyUp().uid = v; }
  get gid(): number { return this.top.gid; }
  set gid(v: number) { this.copyUp().gid = v; }
  get mtime(): number { return this.top.mtime; }
  set mtime(v: number) { this.copyUp().mtime = v; }
  get program(): string | undefined { return this.top.program; }
  read(): string { return this.top.read(undefined as never); }
  size(): number { return this.top.size(); }
  write(data: string): void { this.copyUp().write(data); }
  private copyUp(): TmpFile {
    if (!this.upper) {
      const up = new TmpFile(this.dir.ensureUpper().sb, this.lower.read(undefined as never), this.lower.mode, this.lower.uid, this.lower.gid);
      up.program = this.lower.program;
      up.mtime = this.lower.mtime;
      this.dir.storeUpper(this.name, up);
      this.upper = up;
    }
    return this.upper;
  }
}
