import { KernelError } from '../errno.ts';

/** MAX_ARG_STRLEN (include/uapi/linux/binfmts.h): 32 pages for any single argument or variable. */
export const MAX_ARG_STRLEN = 32 * 4096;
/**
 * bprm_stack_limits (fs/exec.c): argv and envp strings plus their pointers may use a quarter of the
 * stack rlimit (8 MiB by default, so 2 MiB: what `getconf ARG_MAX` prints).
 */
export const ARG_MAX = 2 * 1024 * 1024;

/** Bytes of `s` as UTF-8, NUL included (what copy_strings copies). */
function cstrlen(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** execve's E2BIG: a string over MAX_ARG_STRLEN, or everything together over ARG_MAX. */
export function checkArgLimits(argv: readonly string[], env: ReadonlyMap<string, string>): void {
  let total = (Math.max(argv.length, 1) + env.size) * 8;
  for (const a of argv) {
    const n = cstrlen(a);
    if (n > MAX_ARG_STRLEN) throw new KernelError('E2BIG');
    total += n;
  }
  for (const [k, v] of env) {
    const n = cstrlen(k) + cstrlen(v);
    if (n > MAX_ARG_STRLEN) throw new KernelError('E2BIG');
    total += n;
  }
  if (total > ARG_MAX) throw new KernelError('E2BIG');
}

/** The environment block execve copies to the new program's stack: `NAME=value\0` for each variable. */
export function environBlock(env: ReadonlyMap<string, string>): string {
  let out = '';
  for (const [k, v] of env) out += `${k}=${v}\0`;
  return out;
}
