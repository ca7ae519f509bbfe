import { isKernelError, type ErrnoName } from '../../kernel/errno.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/** Read a descriptor to end of file. */
export async function readAll(sys: SysApi, fd = 0): Promise<string> {
  let out = '';
  for (let chunk = await sys.read(fd); chunk !== ''; chunk = await sys.read(fd)) out += chunk;
  return out;
}

/**
 * Lines from a descriptor as they arrive (so `cat` on a terminal echoes each line as typed); the last
 * line has no newline if the input did not end with one.
 */
export async function* readLines(sys: SysApi, fd = 0): AsyncGenerator<string> {
  let buf = '';
  for (;;) {
    const chunk = await sys.read(fd);
    if (chunk === '') break;
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      yield buf.slice(0, nl + 1);
      buf = buf.slice(nl + 1);
    }
  }
  if (buf) yield buf;
}

/** strerror text of a failed call, for `prog: file: No such file or directory` messages. */
export function errMsg(e: unknown): string {
  if (isKernelError(e)) return e.message;
  throw e;
}

export function errCode(e: unknown): ErrnoName {
  if (isKernelError(e)) return e.code;
  throw e;
}

/** Terminal width for a program's output: $COLUMNS, else the tty's, else unlimited (undefined). */
export function outputWidth(sys: SysApi, env: Map<string, string>, fd = 1): number | undefined {
  const cols = Number(env.get('COLUMNS'));
  if (Number.isInteger(cols) && cols > 0) return cols;
  if (sys.isatty(fd)) return sys.getWinsize(fd).cols;
  return undefined;
}
