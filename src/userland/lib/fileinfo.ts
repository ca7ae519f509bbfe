import type { Stat, SysApi } from '../../kernel/syscalls/SysApi.ts';
import type { FileType } from '../../kernel/vfs/inode.ts';
import { groups, passwd } from './users.ts';

/** Shared pieces of ls, stat and du: mode strings, block counts, human-readable sizes. */

const TYPE_CHAR: Record<FileType, string> = { file: '-', dir: 'd', symlink: 'l', chr: 'c', fifo: 'p', sock: 's' };

/** filemodestring(3): `drwxr-xr-x`, `-rwsr-xr-x`, `drwxrwxrwt`. */
export function modeString(st: Pick<Stat, 'type' | 'mode'>): string {
  return TYPE_CHAR[st.type] + permString(st.mode);
}

export function permString(mode: number): string {
  const bit = (m: number, c: string) => (mode & m ? c : '-');
  const special = (x: number, s: number, on: string, off: string, xc = 'x') =>
    mode & s ? (mode & x ? on : off) : bit(x, xc);
  return bit(0o400, 'r') + bit(0o200, 'w') + special(0o100, 0o4000, 's', 'S')
    + bit(0o40, 'r') + bit(0o20, 'w') + special(0o10, 0o2000, 's', 'S')
    + bit(0o4, 'r') + bit(0o2, 'w') + special(0o1, 0o1000, 't', 'T');
}

/** stat's %F. */
export function fileTypeName(st: Pick<Stat, 'type' | 'size'>): string {
  switch (st.type) {
    case 'file': return st.size === 0 ? 'regular empty file' : 'regular file';
    case 'dir': return 'directory';
    case 'symlink': return 'symbolic link';
    case 'chr': return 'character special file';
    case 'fifo': return 'fifo';
    case 'sock': return 'socket';
  }
}

/** st_blocks (512-byte units) as a 4 KiB-block filesystem allocates them; links and devices use none. */
export function blocks512(st: Pick<Stat, 'type' | 'size'>): number {
  if (st.type !== 'file' && st.type !== 'dir') return 0;
  return Math.ceil(st.size / 4096) * 8;
}

/**
 * human_readable() with -h (powers of 1024, rounded up): 368, 4.0K, 12K, 1.5M. Below 10 one decimal
 * is kept; when rounding reaches the base the next unit is used (1023.9K → 1.0M).
 */
export function humanSize(n: number, base = 1024, suffixes = 'KMGTPEZYRQ'): string {
  if (n < base) return String(n);
  let exp = 0;
  let div = 1;
  while (n / div >= base && exp < suffixes.length) { div *= base; exp++; }
  const tenths = Math.ceil((n * 10) / div);
  if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${suffixes[exp - 1]}`;
  const whole = Math.ceil(n / div);
  if (whole >= base && exp < suffixes.length) return `1.0${suffixes[exp]}`;
  return `${whole}${suffixes[exp - 1]}`;
}

/** The final component of a path, as basename(1) would print it (trailing slashes ignored). */
export function baseName(path: string): string {
  const t = path.replace(/\/+$/, '');
  if (t === '') return path.startsWith('/') ? '/' : '';
  return t.slice(t.lastIndexOf('/') + 1);
}

/** dir + '/' + name without doubling slashes. */
export function joinName(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Names of users and groups by id (numbers when unknown), read once from the caller's /etc. */
export interface IdNames { user(uid: number): string; group(gid: number): string }

export async function idNames(sys: SysApi): Promise<IdNames> {
  const [pw, gr] = await Promise.all([passwd(sys), groups(sys)]);
  const users = new Map([...pw].reverse().map((u) => [u.uid, u.name]));
  const grps = new Map([...gr].reverse().map((g) => [g.gid, g.name]));
  return { user: (uid) => users.get(uid) ?? String(uid), group: (gid) => grps.get(gid) ?? String(gid) };
}
