import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { encodeDev, type SysInfo } from './procs.ts';
import { cStrtol, type PsState } from './state.ts';

/**
 * The item parsers of procps parser.c's selection lists (parse_pid, parse_uid, parse_gid,
 * parse_cmd, parse_tty): numbers in C strtoul syntax, names through the caller's /etc/passwd and
 * /etc/group, terminals through stat() in ps's own mount namespace.
 */
export type Item = number | string;
export type ListParser = (s: string) => { err?: string; v?: Item };
export interface ListParsers { pid: ListParser; uid: ListParser; gid: ListParser; cmd: ListParser; tty: ListParser }

export function listParsers(s: PsState, sys: SysApi, info: SysInfo): ListParsers {
  // strtoul: a minus sign wraps around to a huge number.
  const ul = (str: string) => { const r = cStrtol(str); return { ...r, value: r.value < 0 ? 2 ** 64 + r.value : r.value }; };
  const pid: ListParser = (str) => {
    const { value, end } = ul(str);
    if (end !== str.length || end === 0) return { err: 'process ID list syntax error' };
    if (value < 1 || value > 0x7fffffff) return { err: 'process ID out of range' };
    return { v: value };
  };

  const uid: ListParser = (str) => {
    const { value, end } = ul(str);
    let num = value;
    if (end !== str.length || end === 0) {
      const u = info.userIds.get(str);
      if (u === undefined) {
        if (!s.negate) return { err: 'user name does not exist' };
        num = -1;
      } else num = u;
    }
    if (!s.negate && num > 0xfffffffe) return { err: 'user ID out of range' };
    return { v: num };
  };

  const gid: ListParser = (str) => {
    const { value, end } = ul(str);
    let num = value;
    if (end !== str.length || end === 0) {
      const g = info.groupIds.get(str);
      if (g === undefined) {
        if (!s.negate) return { err: 'group name does not exist' };
        num = -1;
      } else num = g;
    }
    if (!s.negate && num > 0xfffffffe) return { err: 'group ID out of range' };
    return { v: num };
  };

  const cmd: ListParser = (str) => ({ v: str.slice(0, 63) });

  /** parse_tty: /dev/pts/X, /dev/X, /dev/ttyX…, or `-`/`?` for "no tty". */
  const tty: ListParser = (str) => {
    const tryStat = (path: string) => { try { return sys.stat(path); } catch { return undefined; } };
    let st = str.startsWith('/') ? tryStat(str) : undefined;
    if (str.startsWith('/') && !st) return { err: 'TTY could not be found' };
    if (!st) {
      for (const p of [`/dev/pts/${str}`, `/dev/${str}`, `/dev/tty${str}`, `/dev/pty${str}`, `/dev/${str}nsole`]) {
        st = tryStat(p);
        if (st) break;
      }
    }
    if (!st) {
      if (str === '-' || str === '?') return { v: 0 };
      if (str.length === 1 && tryStat(str)) return { v: 0 };
      return { err: 'TTY could not be found' };
    }
    if (st.type !== 'chr' || !st.rdev) return { err: 'list member was not a TTY' };
    return { v: encodeDev(st.rdev[0], st.rdev[1]) };
  };
  return { pid, uid, gid, cmd, tty };
}

/** A parse result, or procps' error text. */
export type R<T> = { err: string; v?: undefined } | { err?: undefined; v: T };
export const DELIMS = /[ ,\t\n]/;

/**
 * The list check shared by format_parse and long_sort_parse: no empty items, one trailing delimiter
 * allowed (and dropped). Returns the body and the number of items.
 */
export function checkList(sf: string, improper: string, empty: string): R<{ body: string; count: number }> {
  let needItem = true, count = 0;
  for (let i = 0; i < sf.length || i === 0; i++) {
    const ch = sf[i] ?? '\0';
    if (DELIMS.test(ch) || ch === '\0') {
      if (needItem) return { err: improper };
      needItem = true;
    } else { if (needItem) count++; needItem = false; }
  }
  if (!count) return { err: empty };
  return { v: { body: needItem ? sf.slice(0, -1) : sf, count } };
}
