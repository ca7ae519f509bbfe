import { KernelError } from '../errno.ts';
import type { OpenFile } from './OpenFile.ts';

/** Per-process cap on descriptors, as `ulimit -n` reports by default. */
export const NOFILE_LIMIT = 1024;

interface FdEntry { file: OpenFile; cloexec: boolean }

/**
 * A process's file descriptor table (struct files_struct): an array indexed by descriptor, as
 * Linux's fdtable is. Not a Map: a Map that is set and deleted on every open/close (ps: three per
 * process) rehashes into a new backing table every few calls, and each obsolete table keeps a link to
 * its successor and the entries it held (open files with their generated text); once one of them
 * reaches the old generation, that chain keeps every later one alive through young collections.
 */
export class FdTable {
  private readonly fds: Array<FdEntry | undefined> = [];

  get(fd: number): OpenFile {
    const e = this.fds[fd];
    if (!e) throw new KernelError('EBADF');
    return e.file;
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
    if (this.fds[fd]?.file === file) return;
    if (this.fds[fd] !== undefined) this.close(fd);
    file.refs++;
    this.fds[fd] = { file, cloexec };
  }

  close(fd: number): void {
    const e = this.fds[fd];
    if (!e) throw new KernelError('EBADF');
    this.fds[fd] = undefined;
    if (--e.file.refs === 0) e.file.ops.release?.(e.file);
  }

  setCloexec(fd: number, on: boolean): void {
    const e = this.fds[fd];
    if (!e) throw new KernelError('EBADF');
    e.cloexec = on;
  }

  /** exec drops close-on-exec descriptors. */
  closeOnExec(): void {
    for (const fd of this.list()) if (this.fds[fd]?.cloexec) this.close(fd);
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
  *files(): IterableIterator<OpenFile> { for (const e of this.fds) if (e) yield e.file; }

  entries(): Array<[number, OpenFile]> { return this.list().map((fd) => [fd, this.fds[fd]!.file]); }

  /** fork: a copy sharing every open file description. */
  clone(): FdTable {
    const t = new FdTable();
    for (const fd of this.list()) t.set(fd, this.fds[fd]!.file, this.fds[fd]!.cloexec);
    return t;
  }
}
