import { O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY, O_TRUNC, O_APPEND, O_CLOEXEC } from '../constants.ts';
import { KernelError } from '../errno.ts';
import { capableWrtInode, nsCapable, toKid, viewId } from '../ns/userns.ts';
import type { Kernel } from '../Kernel.ts';
import { afterExit, type Task } from '../task/Task.ts';
import { VT_COUNT } from '../tty/VirtualConsole.ts';
import { PtsInode, devptsOf } from '../tty/Devpts.ts';
import { checkAccess, fileMode, nsOf, type AccessContext, type Inode } from '../vfs/inode.ts';
import { canRead, canWrite, memDeviceOps, openRegular, Pipe, ttyOps } from '../vfs/fileOps.ts';
import { NOFILE_LIMIT } from '../vfs/FdTable.ts';
import { OpenFile } from '../vfs/OpenFile.ts';
import { PathWalker, joinPath, type Resolved } from '../vfs/path.ts';
import type { Stat } from './SysApi.ts';

/** File-system system calls (fs/open.c, fs/namei.c, fs/read_write.c). */
export class SysFs {
  constructor(readonly kernel: Kernel, readonly task: Task) { this.ctx = { task }; }

  /** Who is asking, for permission checks and per-reader procfs views (one object per Sys). */
  protected readonly ctx: AccessContext;
  protected walker(): PathWalker { return new PathWalker(this.task.fs.root, this.task.fs.cwd, this.ctx); }

  /**
   * The walker of the last resolve, kept while the task's root and cwd stay the objects it was made
   * for (chdir and chroot install new ones): every open(2) resolves a path, and ps opens three per
   * process. One that is in use is not shared: a resolve started meanwhile makes its own.
   */
  private spareWalker: PathWalker | undefined;

  protected resolve(path: string, follow = true): Resolved {
    const { root, cwd } = this.task.fs;
    let w = this.spareWalker;
    if (w !== undefined && w.startsFrom(root, cwd)) this.spareWalker = undefined;
    else w = new PathWalker(root, cwd, this.ctx);
    try {
      return w.resolve(path, follow);
    } finally {
      this.spareWalker = w;
    }
  }

  open(path: string, flags: number, mode = 0o666): number {
    let ref: Resolved;
    if (flags & O_CREAT) {
      const { dir, name } = this.walker().resolveParent(path);
      const existing = name === '.' ? dir.inode : dir.inode.lookup(name, this.ctx);
      if (existing && flags & O_EXCL) throw new KernelError('EEXIST');
      if (!existing) {
        checkAccess(dir.inode, this.ctx, 'w');
        if (dir.mnt.readOnly) throw new KernelError('EROFS');
        const inode = dir.inode.makeFile('file', mode & ~this.task.fs.umask, this.task.cred.euid, this.task.cred.egid);
        inode.mtime = this.kernel.clock.now();
        dir.inode.link(name, inode);
      }
      ref = this.resolve(path, !(flags & O_NOFOLLOW));
    } else {
      ref = this.resolve(path, !(flags & O_NOFOLLOW));
    }
    const file = this.openResolved(ref, flags, path);
    return this.task.fdTable.install(file, 0, !!(flags & O_CLOEXEC));
  }

  private openResolved(ref: Resolved, flags: number, path: string): OpenFile {
    const inode = ref.inode;
    if (flags & O_DIRECTORY && inode.type !== 'dir') throw new KernelError('ENOTDIR');
    if (inode.type === 'symlink') throw new KernelError('ELOOP');
    if (canRead(flags)) checkAccess(inode, this.ctx, 'r');
    if (canWrite(flags)) checkAccess(inode, this.ctx, 'w');
    const name = ref.path;
    switch (inode.type) {
      case 'dir':
        if (canWrite(flags)) throw new KernelError('EISDIR');
        return new OpenFile({ read: () => { throw new KernelError('EISDIR'); }, write: () => { throw new KernelError('EBADF'); } }, flags, name, ref);
      case 'file':
        if (nsOf(inode)) {
          // An open nsfs file holds its namespace (get_net); closing the last one may free it (put_net).
          const release = nsOf(inode)!.type === 'net' ? () => this.kernel.namespacesChanged() : undefined;
          return new OpenFile({ read: () => { throw new KernelError('EINVAL'); }, write: () => { throw new KernelError('EINVAL'); }, release }, flags, name, ref);
        }
        return openRegular(ref, flags, this.ctx, name, this.kernel.clock);
      case 'chr':
        return this.openDevice(ref, flags, path);
      case 'fifo':
        return inode.openEnd(flags);
    }
  }

  private openDevice(ref: Resolved, flags: number, path: string): OpenFile {
    const inode = ref.inode;
    if (inode instanceof PtsInode) return new OpenFile(ttyOps(this.kernel, inode.tty), flags, ref.path, ref, inode.tty);
    const [major, minor] = (inode as { rdev: [number, number] }).rdev;
    if (major === 1) return new OpenFile(memDeviceOps(this.kernel, minor), flags, ref.path, ref);
    if (major === 4 && minor > 0 && minor < VT_COUNT) {
      const vt = this.kernel.console(minor);
      return new OpenFile(ttyOps(this.kernel, vt), flags, ref.path, ref, vt);
    }
    if (major === 5 && (minor === 0 || minor === 1)) {
      const tty = this.task.ctty;
      if (!tty) throw new KernelError('ENODEV', path);
      return new OpenFile(ttyOps(this.kernel, tty), flags, `/dev/${tty.name}`, ref, tty);
    }
    throw new KernelError('ENODEV');
  }

  close(fd: number): void { this.task.fdTable.close(fd); }

  // A killed task never returns to user space, so it cannot go on copying (cat /dev/zero > /dev/null
  // after ^C: see afterExit); and a run of calls that never sleep reaches a preemption point
  // (Kernel.resched).
  async read(fd: number, count?: number): Promise<string> { return this.readNow(fd, count); }

  lseek(fd: number, offset: number, whence: 0 | 1 | 2): number {
    const file = this.task.fdTable.get(fd);
    if (!file.ops.seek) throw new KernelError('ESPIPE');
    return file.ops.seek(file, offset, whence);
  }

  /**
   * read(2), synchronous when the file answers at once (regular files, procfs): no promise turns
   * then, except at the preemption point every RESCHED_CALLS calls. ps reads three files per process.
   */
  readNow(fd: number, count?: number): string | Promise<string> {
    if (!this.task.alive) return afterExit();
    const file = this.task.fdTable.get(fd);
    if (!canRead(file.flags)) throw new KernelError('EBADF');
    const pending = file.ops.read(file, this.task, count);
    if (typeof pending !== 'string') return pending.then((data) => this.afterRead(data));
    return this.afterRead(pending);
  }

  private afterRead(data: string): string | Promise<string> {
    const yielded = this.kernel.resched(this.task);
    return yielded ? yielded.then(() => data) : data;
  }

  async write(fd: number, data: string): Promise<void> {
    if (!this.task.alive) return afterExit();
    const file = this.task.fdTable.get(fd);
    if (!canWrite(file.flags)) throw new KernelError('EBADF');
    const pending = file.ops.write(file, data, this.task);
    if (pending) await pending;
    const yielded = this.kernel.resched(this.task);
    if (yielded) await yielded;
  }

  dup(fd: number): number { return this.task.fdTable.install(this.task.fdTable.get(fd)); }
  dup2(oldfd: number, newfd: number): number {
    // ksys_dup3: newfd must be below RLIMIT_NOFILE.
    if (!Number.isInteger(newfd) || newfd < 0 || newfd >= NOFILE_LIMIT) throw new KernelError('EBADF');
    this.task.fdTable.set(newfd, this.task.fdTable.get(oldfd));
    return newfd;
  }
  pipe(): [number, number] {
    const [r, w] = new Pipe(this.kernel, { uid: this.task.cred.euid, gid: this.task.cred.egid }).ends();
    return [this.task.fdTable.install(r), this.task.fdTable.install(w)];
  }
  cloexec(fd: number, on: boolean): void { this.task.fdTable.setCloexec(fd, on); }
  fds(): number[] { return this.task.fdTable.list(); }

  protected statInode(inode: Inode): Stat {
    // procfs directories and magic links (/proc/PID/ns/*, exe, cwd) report size 0, as on Linux.
    const proc = inode.sb.fstype === 'proc';
    const size = inode.type === 'file' ? inode.size()
      : inode.type === 'symlink' ? (proc && inode.follow?.(this.ctx) ? 0 : inode.readlink(this.ctx).length)
      : inode.type === 'dir' ? (proc ? 0 : 4096) : 0;
    return {
      ino: inode.ino, type: inode.type, mode: fileMode(inode), nlink: inode.type === 'dir' ? 2 : 1,
      uid: viewId(this.task.userNs, inode.uid, 'uid'), gid: viewId(this.task.userNs, inode.gid, 'gid'), size, mtime: this.mtimeOf(inode), dev: inode.sb.dev,
      rdev: inode.type === 'chr' ? inode.rdev : undefined,
    };
  }
  /**
   * Synthetic inodes carry no time of their own: procfs/sysfs ones show the moment they are looked
   * at (Linux stamps them when instantiated), files laid down at boot show the boot time.
   */
  private mtimeOf(inode: Inode): number {
    if (inode.mtime) return inode.mtime;
    return ['proc', 'sysfs', 'nsfs'].includes(inode.sb.fstype) ? this.kernel.clock.now() : this.kernel.bootTime;
  }

  stat(path: string): Stat { return this.statInode(this.resolve(path).inode); }
  lstat(path: string): Stat { return this.statInode(this.resolve(path, false).inode); }
  fstat(fd: number): Stat {
    const f = this.task.fdTable.get(fd);
    if (!f.inode) return { ino: 0, type: 'fifo', mode: 0o010600, nlink: 1, uid: this.task.cred.euid, gid: this.task.cred.egid, size: 0, mtime: 0, dev: [0, 13] };
    return this.statInode(f.inode);
  }

  readdir(path: string): string[] {
    const { inode } = this.resolve(path);
    if (inode.type !== 'dir') throw new KernelError('ENOTDIR');
    checkAccess(inode, this.ctx, 'r');
    return inode.list(this.ctx);
  }

  readlink(path: string): string {
    const { inode } = this.resolve(path, false);
    if (inode.type !== 'symlink') throw new KernelError('EINVAL');
    return inode.readlink(this.ctx);
  }

  /** Shared by the calls that change a directory: write permission, read-only mounts. */
  protected writableParent(path: string) {
    const r = this.walker().resolveParent(path);
    checkAccess(r.dir.inode, this.ctx, 'w');
    if (r.dir.mnt.readOnly) throw new KernelError('EROFS');
    return r;
  }

  mkdir(path: string, mode = 0o777): void {
    const { dir, name } = this.writableParent(path);
    if (name === '.' || name === '..' || dir.inode.lookup(name, this.ctx)) throw new KernelError('EEXIST');
    const d = dir.inode.makeFile('dir', mode & ~this.task.fs.umask, this.task.cred.euid, this.task.cred.egid);
    d.mtime = this.kernel.clock.now();
    dir.inode.link(name, d);
  }

  rmdir(path: string): void {
    const { dir, name } = this.writableParent(path);
    const inode = dir.inode.lookup(name, this.ctx);
    if (!inode) throw new KernelError('ENOENT');
    if (inode.type !== 'dir') throw new KernelError('ENOTDIR');
    if (inode.list(this.ctx).length) throw new KernelError('ENOTEMPTY');
    if (dir.mnt.mountedAt(inode)) throw new KernelError('EBUSY');
    dir.inode.unlink(name);
  }

  unlink(path: string): void {
    const { dir, name } = this.writableParent(path);
    const inode = dir.inode.lookup(name, this.ctx);
    if (!inode) throw new KernelError('ENOENT');
    if (inode.type === 'dir') throw new KernelError('EISDIR');
    if (dir.mnt.mountedAt(inode)) throw new KernelError('EBUSY');
    dir.inode.unlink(name);
  }

  rename(from: string, to: string): void {
    const src = this.writableParent(from);
    const inode = src.dir.inode.lookup(src.name, this.ctx);
    if (!inode) throw new KernelError('ENOENT');
    const dst = this.writableParent(to);
    if (src.dir.mnt.sb !== dst.dir.mnt.sb) throw new KernelError('EXDEV');
    const existing = dst.dir.inode.lookup(dst.name, this.ctx);
    if (existing === inode) return;
    if (existing) {
      if (existing.type === 'dir' && inode.type !== 'dir') throw new KernelError('EISDIR');
      if (existing.type === 'dir' && existing.list(this.ctx).length) throw new KernelError('ENOTEMPTY');
      dst.dir.inode.unlink(dst.name);
    }
    src.dir.inode.unlink(src.name);
    dst.dir.inode.link(dst.name, inode);
  }

  /** link(2): another name for a non-directory inode on the same filesystem. */
  link(oldpath: string, newpath: string): void {
    const src = this.resolve(oldpath, false);
    if (src.inode.type === 'dir') throw new KernelError('EPERM');
    const { dir, name } = this.writableParent(newpath);
    if (src.mnt.sb !== dir.mnt.sb) throw new KernelError('EXDEV');
    if (dir.inode.lookup(name, this.ctx)) throw new KernelError('EEXIST');
    dir.inode.link(name, src.inode);
  }

  symlink(target: string, path: string): void {
    const { dir, name } = this.writableParent(path);
    if (dir.inode.lookup(name, this.ctx)) throw new KernelError('EEXIST');
    dir.inode.link(name, dir.inode.makeFile('symlink', 0o777, this.task.cred.euid, this.task.cred.egid, target));
  }

  private owned(path: string): Inode {
    const { inode, mnt } = this.resolve(path);
    if (mnt.readOnly) throw new KernelError('EROFS');
    // inode_owner_or_capable(): the owner, or CAP_FOWNER over an inode mapped in our user namespace.
    if (this.task.cred.euid !== inode.uid && !capableWrtInode(this.task, inode, 'CAP_FOWNER')) throw new KernelError('EPERM');
    return inode;
  }
  chmod(path: string, mode: number): void { this.owned(path).mode = mode & 0o7777; }
  chown(path: string, uid: number, gid: number): void {
    const i = this.owned(path);
    if (!capableWrtInode(this.task, i, 'CAP_CHOWN')) throw new KernelError('EPERM');
    // Ids as written in the caller's user namespace; one with no mapping cannot be given (EINVAL).
    const ku = uid >= 0 ? toKid(this.task.userNs, uid, 'uid') : -1;
    const kg = gid >= 0 ? toKid(this.task.userNs, gid, 'gid') : -1;
    if ((uid >= 0 && ku < 0) || (gid >= 0 && kg < 0)) throw new KernelError('EINVAL');
    if (ku >= 0) i.uid = ku;
    if (kg >= 0) i.gid = kg;
  }
  utime(path: string, mtime: number): void {
    const { inode, mnt } = this.resolve(path);
    if (mnt.readOnly) throw new KernelError('EROFS');
    // utimensat(2): the owner may always set times; others need write permission.
    if (this.task.cred.euid !== inode.uid) checkAccess(inode, this.ctx, 'w');
    inode.mtime = mtime;
  }

  access(path: string, mode: 'r' | 'w' | 'x' | 'f'): boolean {
    try {
      const { inode, mnt } = this.resolve(path);
      if (mode === 'f') return true;
      if (mode === 'w' && mnt.readOnly) return false;
      checkAccess(inode, this.ctx, mode);
      return true;
    } catch {
      return false;
    }
  }

  chdir(path: string): void {
    const r = this.resolve(path);
    if (r.inode.type !== 'dir') throw new KernelError('ENOTDIR');
    checkAccess(r.inode, this.ctx, 'x');
    this.task.fs = { ...this.task.fs, cwd: r };
  }
  getcwd(): string { return this.task.fs.cwd.path; }

  chroot(path: string): void {
    if (!nsCapable(this.task, this.task.userNs, 'CAP_SYS_CHROOT')) throw new KernelError('EPERM');
    const r = this.resolve(path);
    if (r.inode.type !== 'dir') throw new KernelError('ENOTDIR');
    this.task.fs = { ...this.task.fs, root: r, cwd: { ...r, path: '/' } };
  }

  umask(mask?: number): number {
    const old = this.task.fs.umask;
    if (mask !== undefined) this.task.fs = { ...this.task.fs, umask: mask & 0o777 };
    return old;
  }

  async readFile(path: string): Promise<string> { return this.readFileNow(path); }

  /** open + read to EOF + close: the text itself when no read had to wait, else the promise of it. */
  private readFileNow(path: string): string | Promise<string> {
    const fd = this.open(path, O_RDONLY);
    let out = '';
    for (;;) {
      let pending: string | Promise<string>;
      try { pending = this.readNow(fd); } catch (e) { this.close(fd); throw e; }
      if (typeof pending !== 'string') return this.readFileRest(fd, out, pending);
      if (pending === '') break;
      out += pending;
    }
    this.close(fd);
    return out;
  }

  private async readFileRest(fd: number, out: string, pending: string | Promise<string>): Promise<string> {
    try {
      for (;;) {
        const chunk = typeof pending === 'string' ? pending : await pending;
        if (chunk === '') return out;
        out += chunk;
        pending = this.readNow(fd);
      }
    } finally {
      this.close(fd);
    }
  }

  async writeFile(path: string, data: string, append = false): Promise<void> {
    const fd = this.open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC));
    try {
      await this.write(fd, data);
    } finally {
      this.close(fd);
    }
  }

  isatty(fd: number): boolean { return !!this.task.fdTable.get(fd).tty; }
  ttyname(fd: number): string | null {
    const tty = this.task.fdTable.get(fd).tty;
    return tty ? `/dev/${tty.name}` : null;
  }

  /** Absolute form of a path for messages and /proc links. */
  protected absolute(path: string): string { return joinPath(this.task.fs.cwd.path, path); }

  /** The devpts instance mounted at /dev/pts for this task (for openpty). */
  protected devptsAtDevPts() {
    const r = this.resolve('/dev/pts');
    const d = devptsOf(r.inode);
    if (!d) throw new KernelError('ENOENT');
    return d;
  }
}
