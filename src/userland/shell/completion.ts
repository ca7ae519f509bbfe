import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/**
 * bash's default completion: the first word completes against builtins, functions, aliases and
 * executables in $PATH; later words (or anything with a `/`) against file names. Directories get a
 * trailing `/`.
 */
export function complete(sys: SysApi, line: string, cursor: number, path: string, builtinNames: Iterable<string>): string[] {
  const before = line.slice(0, cursor);
  const m = /(\S*)$/.exec(before)!;
  const word = m[1];
  const firstWord = before.slice(0, m.index).trim() === '' || /[;&|]\s*$/.test(before.slice(0, m.index));
  if (firstWord && !word.includes('/')) {
    const names = new Set<string>();
    for (const b of builtinNames) if (b.startsWith(word)) names.add(b);
    for (const dir of path.split(':')) {
      try {
        for (const n of sys.readdir(dir || '.')) if (n.startsWith(word) && sys.access(`${dir}/${n}`, 'x')) names.add(n);
      } catch { /* missing PATH entry */ }
    }
    return [...names].sort();
  }
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = slash >= 0 ? word.slice(slash + 1) : word;
  let entries: string[];
  try {
    entries = sys.readdir(dirPart === '' ? '.' : dirPart);
  } catch {
    return [];
  }
  return entries.filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .sort()
    .map((n) => {
      let isDir = false;
      try { isDir = sys.stat(`${dirPart || './'}${n}`).type === 'dir'; } catch { /* dangling link */ }
      return dirPart + n + (isDir ? '/' : '');
    });
}
