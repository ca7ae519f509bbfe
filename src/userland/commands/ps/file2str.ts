import { O_RDONLY } from '../../../kernel/constants.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/**
 * How procps' readproc.c reads a /proc/PID file, system call for system call: file2str for stat and
 * status, read_unvectored for cmdline. Each returns the text, undefined when the file cannot be read
 * (the process exited meanwhile), or the promise of either when a read had to wait (a preemption
 * point): ps reads three files per process, and a promise per file would cost more than the read.
 */
type Maybe = string | undefined;

/** When to read again, and how much to ask for. */
interface ReadPolicy {
  /** The count for the next read(2), `total` characters read so far. */
  ask(total: number): number;
  /** Whether the read that brought `chunk` (making `total`) was the last. */
  done(chunk: string, total: number): boolean;
  /** The file's text once reading stopped ('' counts as unreadable where the policy says so). */
  result(text: string): Maybe;
}

const BUFF_GRW = 1024;

/**
 * file2str's buffer (struct utlbuf_s), one per file name, kept from one process to the next and
 * grown by 1 KiB whenever a read fills it. A read that comes back short is the end of a /proc file,
 * so once the buffer has grown to fit, each file takes one read(2), not a second one to see EOF. An
 * empty file counts as unreadable, as there.
 */
export class FileBuffer implements ReadPolicy {
  private size = BUFF_GRW;
  ask(total: number): number { return this.size - total; }
  done(chunk: string, total: number): boolean {
    if (chunk === '' || total < this.size) return true;
    this.size += BUFF_GRW;
    return false;
  }
  result(text: string): Maybe { return text === '' ? undefined : text; }
}

/** read_unvectored's buffer (MAX_BUFSZ, 128 KiB): read to EOF or until full, keeping room for the NUL. */
const UNVECTORED_SIZE = 128 * 1024;
export const UNVECTORED: ReadPolicy = {
  ask: (total) => UNVECTORED_SIZE - total,
  done: (chunk, total) => chunk === '' || total >= UNVECTORED_SIZE,
  result: (text) => (text.length >= UNVECTORED_SIZE ? text.slice(0, UNVECTORED_SIZE - 1) : text),
};

export function readProcFile(sys: SysApi, path: string, policy: ReadPolicy): Maybe | Promise<Maybe> {
  let fd: number;
  try { fd = sys.open(path, O_RDONLY); } catch { return undefined; }
  let text = '';
  for (;;) {
    let chunk: string | Promise<string>;
    try { chunk = sys.readNow(fd, policy.ask(text.length)); } catch { sys.close(fd); return undefined; }
    if (typeof chunk !== 'string') return readRest(sys, fd, text, chunk, policy);
    text += chunk;
    if (policy.done(chunk, text.length)) break;
  }
  sys.close(fd);
  return policy.result(text);
}

/** The same loop from a read that had to wait. */
async function readRest(sys: SysApi, fd: number, text: string, pending: Promise<string>, policy: ReadPolicy): Promise<Maybe> {
  try {
    for (let chunk = await pending; ; chunk = await sys.readNow(fd, policy.ask(text.length))) {
      text += chunk;
      if (policy.done(chunk, text.length)) return policy.result(text);
    }
  } catch {
    return undefined;
  } finally {
    sys.close(fd);
  }
}
