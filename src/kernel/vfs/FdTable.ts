import { KernelError } from '../errno.ts';
import type { OpenFile } from './OpenFile.ts';

/** Per-process cap on descriptors, as `ulimit -n` reports by default. */
export const NOFILE_LIMIT = 1024;

/**
 * Slots a table keeps however many are free: opening and closing one file over and over (ps: three
 * per process, each at fd 3) would otherwise shrink the arrays and grow them again every time.
 */
const KEPT_SLOTS = 8;

/**
 * A process's file descriptor table (struct files_struct): an array of open files indexed by
 * descriptor, with close-on-exec as a parallel array of flags (Linux's fdtable keeps it as a bitmap
 * beside fd[]). Neither a Map nor an entry object per descriptor: a Map set and deleted on every
 * open/close (ps: three per process) rehashes into a new backing table every few calls, each obsolete
 * table linking to its successor and the entries it held; and an entry object per open comes from an
 * allocation site V8 learns to place in the old generation (most tasks' descriptors live long), where
 * a dead entry still holds its young open file (and the file's generated text) through every young
 * collection until a full one.
 */
export class FdTable {
  private readonly fds: Array<OpenFile | undefined> = [];
  private readonly cloexec: boolean[] = [];

  get(fd: number): OpenFile {
    const f = this.fds[fd];
    if (!f) throw new KernelError('EBADF');
    return f;
  }

  has(fd: number): boolean { return this.fds[fd] !== undefined; }

  /** Lowest free descriptor ≥ min, as POSIX requires. */
  install(file: OpenFile, min = 0, cloexec = false): number {
    let fd = min;
    while (this.fds[fd] !== undefined) fd++;
    if (fd >= NOFILE_LIMIT) throw new KernelError('EMFILE');
    this.set(fd, file, cloexec);
    return fd;
  }

  set(fd: number, file: OpenFile, cloexec = false): void {
    if (this.fds[fd] === file) return;
    if (this.fds[fd] !== undefined) this.close(fd);
    file.refs++;
    this.fds[fd] = file;
    this.cloexec[fd] = cloexec;
  }

  close(fd: number): void {
    const f = this.fds[fd];
    if (!f) throw new KernelError('EBADF');
    this.fds[fd] = undefined;
    this.cloexec[fd] = false;
    if (fd >= KEPT_SLOTS && fd === this.fds.length - 1) this.trim();
    if (--f.refs === 0) f.ops.release?.(f);
  }

  /**
   * Drops trailing free slots above the first KEPT_SLOTS. A child forked from a task with high
   * descriptors (systemd's sockets at 40-47) and exec'd with them closed keeps nothing up there:
   * without this, each of 10,000 such processes held two 48-slot arrays (~1.3 KB) for three
   * descriptors at most.
   */
  private trim(): void {
    let n = this.fds.length;
    while (n > KEPT_SLOTS && this.fds[n - 1] === undefined) n--;
    this.fds.length = n;
    this.cloexec.length = n;
  }

  setCloexec(fd: number, on: boolean): void {
    if (!this.fds[fd]) throw new KernelError('EBADF');
    this.cloexec[fd] = on;
  }

  /** exec drops close-on-exec descriptors. */
  closeOnExec(): void {
    for (const fd of this.list()) if (this.cloexec[fd]) this.close(fd);
  }

  closeAll(): void {
    for (const fd of this.list()) this.close(fd);
  }

  /** Open descriptors, ascending. */
  list(): number[] {
    const out: number[] = [];
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd] !== undefined) out.push(fd);
    return out;
  }

  /** The open files (no sorting or copying: for scans over every task). */
  *files(): IterableIterator<OpenFile> { for (const f of this.fds) if (f) yield f; }

  entries(): Array<[number, OpenFile]> { return this.list().map((fd) => [fd, this.fds[fd]!]); }

  /** fork: a copy sharing every open file description. */
  clone(): FdTable {
    const t = new FdTable();
    for (const fd of this.list()) t.set(fd, this.fds[fd]!, this.cloexec[fd]);
    return t;
  }
}
