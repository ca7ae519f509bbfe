import { O_RDONLY } from '../../kernel/constants.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/**
 * Input operands as the text tools treat them: `-` is standard input (never closed), anything else
 * is opened read-only. Failures throw KernelError, so callers print `prog: NAME: strerror`.
 */
export function openInput(sys: SysApi, name: string): number {
  return name === '-' ? 0 : sys.open(name, O_RDONLY);
}

export function closeInput(sys: SysApi, fd: number): void {
  if (fd !== 0) sys.close(fd);
}

/** The whole content of an input operand. */
export async function readInput(sys: SysApi, name: string): Promise<string> {
  const fd = openInput(sys, name);
  try {
    let s = '';
    for (let c = await sys.read(fd); c !== ''; c = await sys.read(fd)) s += c;
    return s;
  } finally {
    closeInput(sys, fd);
  }
}

/**
 * Records of a descriptor (each with its terminator, `\n` or `\0` for -z; the last one lacks it when
 * the input did not end with one), one array per read(2): a filter processes a batch and writes its
 * output in one go before it blocks for more input, so a terminal still sees each line as typed.
 * `onChunk` sees each read's data first (grep's binary-file check).
 */
export async function* readRecordBatches(sys: SysApi, fd: number, sep = '\n', onChunk?: (chunk: string) => void): AsyncGenerator<string[]> {
  let buf = '';
  for (;;) {
    const chunk = await sys.read(fd);
    if (chunk === '') break;
    onChunk?.(chunk);
    buf += chunk;
    const recs: string[] = [];
    let start = 0;
    let at: number;
    while ((at = buf.indexOf(sep, start)) >= 0) {
      recs.push(buf.slice(start, at + 1));
      start = at + 1;
    }
    buf = buf.slice(start);
    if (recs.length) yield recs;
  }
  if (buf) yield [buf];
}

/** Bytes in the UTF-8 encoding of `s` (files hold text; sizes are counted as the kernel does). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
