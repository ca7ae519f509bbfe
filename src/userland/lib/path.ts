import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/** execvp(3)'s search: the first executable regular file named `name` in the $PATH directories. */
export function findInPath(sys: SysApi, name: string, path: string): string | null {
  for (const dir of path.split(':')) {
    const p = `${dir || '.'}/${name}`;
    try {
      const st = sys.stat(p);
      if (st.type === 'file' && sys.access(p, 'x')) return p;
    } catch { /* try the next directory */ }
  }
  return null;
}
