import { isKernelError, KernelError } from '../../kernel/errno.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/**
 * gnulib canonicalize_filename_mode(), done component by component with lstat/readlink the way the
 * C library does it (so /proc's magic links read as their text: `readlink -f /proc/self/ns/pid` is
 * `/proc/PID/ns/pid:[4026531836]`, exactly like coreutils).
 *   existing   — every component must exist (readlink -e, realpath(3))
 *   allButLast — all but the last must exist (readlink -f)
 *   missing    — nothing needs to exist (readlink -m)
 */
export type CanonMode = 'existing' | 'allButLast' | 'missing';

const MAXSYMLINKS = 40;

export function canonicalize(sys: SysApi, name: string, mode: CanonMode): string {
  if (name === '') throw new KernelError('ENOENT');
  let resolved = name.startsWith('/') ? '' : sys.getcwd().replace(/\/$/, '');
  let pending = name.split('/');
  let links = 0;
  while (pending.length) {
    const part = pending.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      resolved = resolved.slice(0, Math.max(0, resolved.lastIndexOf('/')));
      continue;
    }
    const next = `${resolved}/${part}`;
    const rest = pending.some((p) => p !== '' && p !== '.');
    let st;
    try {
      st = sys.lstat(next);
    } catch (e) {
      if (!isKernelError(e)) throw e;
      if (e.code === 'ENOENT' && (mode === 'missing' || (mode === 'allButLast' && !rest))) {
        resolved = next;
        continue;
      }
      throw e;
    }
    if (st.type === 'symlink') {
      if (++links > MAXSYMLINKS) throw new KernelError('ELOOP');
      const target = sys.readlink(next);
      if (target.startsWith('/')) resolved = '';
      pending = [...target.split('/'), ...pending];
      continue;
    }
    if (st.type !== 'dir' && rest && mode !== 'missing') throw new KernelError('ENOTDIR');
    resolved = next;
  }
  return resolved || '/';
}

/** realpath(3), or the name unchanged when it cannot be resolved (libmount's canonicalize_path). */
export function realpathOr(sys: SysApi, name: string): string {
  try { return canonicalize(sys, name, 'existing'); } catch (e) {
    if (isKernelError(e)) return name;
    throw e;
  }
}
