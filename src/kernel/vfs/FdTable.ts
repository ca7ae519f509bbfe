import { KernelError } from '../errno.ts';
import type { OpenFile } from './OpenFile.ts';

/** Per-process cap on descriptors, as `ulimit -n` reports by default. */
export const NOFILE_LIMIT = 1024;

/** A process's file descriptor table (struct files_struct). */
export class FdTable {
  private readonly fds = new Map<number, { file: OpenFile; cloexec: boolean }>();

  get(fd: number): OpenFile {
    const e = this.fds.get(fd);
    if (!e) throw new KernelError('EBADF');
    return e.file;
  }

  has(fd: number): boolean { return this.fds.has(fd); }

  /** Lowest free descriptor ≥ min, as POSIX requires. */
  install(file: OpenFile, min = 0, cloexec = false): number {
    let fd = min;
    while (this.fds.has(fd)) fd++;
    if (fd >= NOFILE_LIMIT) throw new KernelError('EMFILE');
    this.set(fd, file, cloexec);
    return fd;
  }

  set(fd: number, file: OpenFile, cloexec = false): void {
    if (this.fds.get(fd)?.file === file) return;
    if (this.fds.has(fd)) this.close(fd);
    file.refs++;
    this.fds.set(fd, { file, cloexec });
  }

  close(fd: number): void {
    const e = this.fds.get(fd);
    if (!e) throw new KernelError('EBADF');
    this.fds.delete(fd);
    if (--e.file.refs === 0) e.file.ops.release?.(e.file);
  }

  setCloexec(fd: number, on: boolean): void {
    const e = this.fds.get(fd);
    if (!e) throw new KernelError('EBADF');
    e.cloexec = on;
  }

  /** exec drops close-on-exec descriptors. */
  closeOnExec(): void {
    for (const [fd, e] of [...this.fds]) if (e.cloexec) this.close(fd);
  }

  closeAll(): void {
    for (const fd of [...this.fds.keys()]) this.close(fd);
  }

  list(): number[] { return [...this.fds.keys()].sort((a, b) => a - b); }

  /** The open files, in no particular order (no sorting or copying: for scans over every task). */
  *files(): IterableIterator<OpenFile> { for (const e of this.fds.values()) yield e.file; }

  entries(): Array<[number, OpenFile]> { return this.list().map((fd) => [fd, this.fds.get(fd)!.file]); }

  /** fork: a copy sharing every open file description. */
  clone(): FdTable {
    const t = new FdTable();
    for (const [fd, e] of this.fds) t.set(fd, e.file, e.cloexec);
    return t;
  }
}
