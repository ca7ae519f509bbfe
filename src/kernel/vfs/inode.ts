import { KernelError } from '../errno.ts';
import type { Task } from '../task/Task.ts';
import { capableWrtInode } from '../ns/userns.ts';

export type FileType = 'dir' | 'file' | 'symlink' | 'chr' | 'fifo' | 'sock';

export const S_IFMT: Record<FileType, number> = {
  dir: 0o040000, file: 0o100000, symlink: 0o120000, chr: 0o020000, fifo: 0o010000, sock: 0o140000,
};

/** Who is asking: procfs and magic links answer differently per reader (/proc/self, /proc/net). */
export interface AccessContext {
  readonly task: Task;
}

/** A filesystem instance (struct super_block): device number and the options /proc/mounts prints. */
export interface SuperBlock {
  readonly fstype: string;
  /** Source column of /proc/mounts (`proc`, `tmpfs`, `overlay`, `/dev/vda`). */
  readonly source: string;
  /** Filesystem-specific options appended after the mount flags (`size=65536k,mode=755`). */
  readonly superOptions: string;
  readonly dev: [number, number];
  readonly readOnly?: boolean;
}

let nextIno = 1000;
export function allocIno(): number { return nextIno++; }

/** Fields every inode carries. Behaviour comes from the kind-specific interfaces below. */
export interface InodeBase {
  readonly ino: number;
  readonly type: FileType;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  readonly sb: SuperBlock;
}

export interface DirInode extends InodeBase {
  readonly type: 'dir';
  lookup(name: string, ctx: AccessContext): Inode | undefined;
  list(ctx: AccessContext): string[];
  /** Link a new inode under `name`. Read-only and synthetic directories throw. */
  link(name: string, inode: Inode): void;
  unlink(name: string): void;
  /** Make an empty inode of this filesystem's kind. */
  makeFile(type: 'file' | 'dir' | 'symlink', mode: number, uid: number, gid: number, target?: string): Inode;
}

/** Data of a regular file, read and written whole; procfs generates it on each open. */
export interface FileInode extends InodeBase {
  readonly type: 'file';
  read(ctx: AccessContext): string;
  write(data: string, ctx: AccessContext): void;
  size(): number;
  /** Generated content (procfs, sysfs): each write goes to the file's handler as it is. */
  readonly generated?: boolean;
  /** An executable image: the registered program it runs (our ELF entry point). */
  program?: string;
}

export interface SymlinkInode extends InodeBase {
  readonly type: 'symlink';
  readlink(ctx: AccessContext): string;
  /** Magic links (/proc/PID/ns/*, /proc/PID/root) resolve to an object rather than a path. */
  follow?(ctx: AccessContext): import('./path.ts').PathRef | undefined;
}

export interface DeviceInode extends InodeBase {
  readonly type: 'chr';
  readonly rdev: [number, number];
}

/** nsfs objects reached through /proc/PID/ns/* and kept alive by bind mounts (ip netns). */
export interface NsFileInode extends InodeBase {
  readonly type: 'file';
  readonly ns: import('../ns/NsCommon.ts').Namespace;
  read(): string;
  write(): void;
  size(): number;
}

/**
 * A pipe's inode (pipefs): what /proc/PID/fd/N of a pipe leads to. Opening it opens the pipe again,
 * as fifo_open does (`echo x | cat /dev/stdin`, bash's `<(…)` as /dev/fd/63).
 */
export interface FifoInode extends InodeBase {
  readonly type: 'fifo';
  /** A new open file on the pipe: its read end for O_RDONLY, its write end for O_WRONLY. */
  openEnd(flags: number): import('./OpenFile.ts').OpenFile;
}

export type Inode = DirInode | FileInode | SymlinkInode | DeviceInode | FifoInode;

export function isDir(i: Inode | undefined): i is DirInode { return i?.type === 'dir'; }

export function fileMode(i: Inode): number { return S_IFMT[i.type] | (i.mode & 0o7777); }

export function nsOf(i: Inode): import('../ns/NsCommon.ts').Namespace | undefined {
  return (i as Partial<NsFileInode>).ns;
}

/**
 * Permission check (generic_permission): owner, group, other bits; CAP_DAC_OVERRIDE bypasses. As in
 * Linux, the mode bits are consulted first and the capability only when they refuse: a path walk
 * checks search permission on every directory, and those nearly always grant it.
 */
export function checkAccess(i: Inode, ctx: AccessContext, want: 'r' | 'w' | 'x'): void {
  const cred = ctx.task.cred;
  const bit = want === 'r' ? 4 : want === 'w' ? 2 : 1;
  let shift = 0;
  if (cred.euid === i.uid) shift = 6;
  else if (cred.egid === i.gid || cred.groups.includes(i.gid)) shift = 3;
  if (((i.mode >> shift) & bit) !== 0) return;
  if (cred.caps.size && capableWrtInode(ctx.task, i, 'CAP_DAC_OVERRIDE')) {
    if (want !== 'x' || i.type === 'dir' || (i.mode & 0o111) !== 0) return;
  }
  throw new KernelError('EACCES');
}
