import { KernelError } from '../errno.ts';
import {
  allocIno, type AccessContext, type DeviceInode, type DirInode, type FileInode, type Inode,
  type SuperBlock, type SymlinkInode,
} from './inode.ts';

/** In-memory inodes (mm/shmem.c's role): tmpfs, image layers and the upper dir of an overlay. */
export class TmpDir implements DirInode {
  readonly type = 'dir' as const;
  readonly ino = allocIno();
  readonly entries = new Map<string, Inode>();
  mtime: number;
  constructor(readonly sb: SuperBlock, public mode = 0o755, public uid = 0, public gid = 0, mtime = 0) {
    this.mtime = mtime;
  }
  lookup(name: string): Inode | undefined { return this.entries.get(name); }
  list(): string[] { return [...this.entries.keys()]; }
  link(name: string, inode: Inode): void {
    if (this.sb.readOnly) throw new KernelError('EROFS');
    if (this.entries.has(name)) throw new KernelError('EEXIST');
    this.entries.set(name, inode);
  }
  unlink(name: string): void {
    if (this.sb.readOnly) throw new KernelError('EROFS');
    if (!this.entries.delete(name)) throw new KernelError('ENOENT');
  }
  makeFile(type: 'file' | 'dir' | 'symlink', mode: number, uid: number, gid: number, target = ''): Inode {
    if (type === 'dir') return new TmpDir(this.sb, mode, uid, gid, this.mtime);
    if (type === 'symlink') return new TmpSymlink(this.sb, target, uid, gid);
    return new TmpFile(this.sb, '', mode, uid, gid);
  }
}

export class TmpFile implements FileInode {
  readonly type = 'file' as const;
  readonly ino = allocIno();
  mtime = 0;
  program?: string;
  constructor(readonly sb: SuperBlock, public data: string, public mode = 0o644, public uid = 0, public gid = 0) {}
  read(): string { return this.data; }
  write(data: string): void {
    if (this.sb.readOnly) throw new KernelError('EROFS');
    this.data = data;
  }
  size(): number { return utf8Length(this.data); }
}

export class TmpSymlink implements SymlinkInode {
  readonly type = 'symlink' as const;
  readonly ino = allocIno();
  mode = 0o777;
  mtime = 0;
  constructor(readonly sb: SuperBlock, readonly target: string, public uid = 0, public gid = 0) {}
  readlink(_ctx: AccessContext): string { return this.target; }
}

export class TmpDevice implements DeviceInode {
  readonly type = 'chr' as const;
  readonly ino = allocIno();
  mtime = 0;
  constructor(readonly sb: SuperBlock, readonly rdev: [number, number], public mode = 0o666, public uid = 0, public gid = 0) {}
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

let anonMinor = 30;
/** Anonymous block devices (0:N) for virtual filesystems, like the kernel's get_anon_bdev. */
export function anonDev(): [number, number] { return [0, anonMinor++]; }

export function tmpfsSuper(source = 'tmpfs', superOptions = '', fstype = 'tmpfs', readOnly = false): SuperBlock {
  return { fstype, source, superOptions, dev: anonDev(), readOnly };
}

/** Walk (creating directories) to `path` under `root`; used to build fixture trees. */
export function mkdirp(root: TmpDir, path: string): TmpDir {
  let dir = root;
  for (const part of path.split('/').filter(Boolean)) {
    let next = dir.entries.get(part);
    if (!next) {
      next = new TmpDir(dir.sb, 0o755, 0, 0, dir.mtime);
      dir.entries.set(part, next);
    }
    if (!(next instanceof TmpDir)) throw new Error(`fixture path ${path}: ${part} is not a directory`);
    dir = next;
  }
  return dir;
}
