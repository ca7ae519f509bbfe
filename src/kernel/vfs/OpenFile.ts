import type { Task } from '../task/Task.ts';
import type { Tty } from '../tty/Tty.ts';
import type { Inode } from './inode.ts';
import type { PathRef } from './path.ts';

/**
 * What an open file description does. `read` resolves to '' at end of file and may block (ttys,
 * pipes, sockets) by returning a promise the kernel wraps so signals can interrupt it.
 */
export interface FileOps {
  /** At most `count` characters when given (files and pipes honour it; a tty returns a line at most). */
  read(file: OpenFile, task: Task, count?: number): string | Promise<string>;
  /** lseek(2); absent: the file is not seekable (ESPIPE). */
  seek?(file: OpenFile, offset: number, whence: 0 | 1 | 2): number;
  write(file: OpenFile, data: string, task: Task): void | Promise<void>;
  /** Called when the last descriptor referring to the description is closed. */
  release?(file: OpenFile): void;
}

/** struct file: shared by dup'ed and inherited descriptors (same offset, same flags). */
export class OpenFile {
  pos = 0;
  refs = 0;
  constructor(
    readonly ops: FileOps,
    readonly flags: number,
    /** Path as /proc/PID/fd/N shows it (`/dev/pts/0`, `pipe:[1234]`). */
    readonly name: string,
    readonly ref?: PathRef,
    readonly tty?: Tty,
  ) {}
  get inode(): Inode | undefined { return this.ref?.inode; }
}
