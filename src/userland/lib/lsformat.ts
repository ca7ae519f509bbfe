import type { Stat } from '../../kernel/syscalls/SysApi.ts';
import { blocks512, humanSize, modeString, type IdNames } from './fileinfo.ts';
import { strftime } from './strftime.ts';

/** One file as ls shows it: `name` is the text as listed, `target` the symlink's contents. */
export interface LsEntry {
  name: string;
  path: string;
  st: Stat;
  target?: string;
  /** stat() of the symlink's target, when it resolves. */
  targetSt?: Stat;
}

export interface LongOptions {
  now: number;
  inode: boolean;
  human: boolean;
  numeric: boolean;
  showOwner: boolean;
  showGroup: boolean;
  names: IdNames;
  /** The name cell (quoted, padded, with indicator); and the link target cell. */
  nameCell(e: LsEntry): string;
  targetCell(e: LsEntry): string;
}

/** Six months, as ls counts them (half a Gregorian year in seconds). */
const SIX_MONTHS_MS = (31556952 / 2) * 1000;

/** `Nov 28 23:53` for the last six months, `Nov 28  2025` otherwise (and for the future). */
export function lsTime(mtime: number, now: number): string {
  const recent = now - SIX_MONTHS_MS < mtime && mtime <= now;
  return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', mtime);
}

/** -F / -p indicator for a file of this stat. */
export function typeIndicator(st: Stat | undefined, slashOnly: boolean): string {
  if (!st) return '';
  if (st.type === 'dir') return '/';
  if (slashOnly) return '';
  switch (st.type) {
    case 'symlink': return '@';
    case 'fifo': return '|';
    case 'sock': return '=';
    case 'file': return st.mode & 0o111 ? '*' : '';
    default: return '';
  }
}

/** `total N` of a directory listing (1 KiB blocks, or -h). */
export function totalLine(entries: LsEntry[], human: boolean): string {
  const blocks = entries.reduce((n, e) => n + blocks512(e.st), 0);
  return `total ${human ? humanSize(blocks * 512) : Math.ceil(blocks / 2)}\n`;
}

/** print_long_format for a batch: columns are as wide as their widest cell in the batch. */
export function longLines(entries: LsEntry[], o: LongOptions): string {
  const isDev = (st: Stat) => st.type === 'chr' && st.rdev;
  const sizeOf = (st: Stat) => (o.human ? humanSize(st.size) : String(st.size));
  const user = (st: Stat) => (o.numeric ? undefined : o.names.user(st.uid));
  const group = (st: Stat) => (o.numeric ? undefined : o.names.group(st.gid));
  let inoW = 0, linkW = 0, ownerW = 0, groupW = 0, sizeW = 0, majW = 0, minW = 0;
  for (const { st } of entries) {
    inoW = Math.max(inoW, String(st.ino).length);
    linkW = Math.max(linkW, String(st.nlink).length);
    ownerW = Math.max(ownerW, (user(st) ?? String(st.uid)).length);
    groupW = Math.max(groupW, (group(st) ?? String(st.gid)).length);
    if (isDev(st)) {
      majW = Math.max(majW, String(st.rdev![0]).length);
      minW = Math.max(minW, String(st.rdev![1]).length);
      sizeW = Math.max(sizeW, majW + 2 + minW);
    } else sizeW = Math.max(sizeW, sizeOf(st).length);
  }
  const idCell = (name: string | undefined, id: number, w: number) =>
    (name !== undefined ? name.padEnd(w) : String(id).padStart(w)) + ' ';
  let out = '';
  for (const e of entries) {
    const st = e.st;
    let line = o.inode ? `${String(st.ino).padStart(inoW)} ` : '';
    line += `${modeString(st)} ${String(st.nlink).padStart(linkW)} `;
    if (o.showOwner) line += idCell(user(st), st.uid, ownerW);
    if (o.showGroup) line += idCell(group(st), st.gid, groupW);
    if (isDev(st)) {
      const [maj, min] = st.rdev!;
      line += `${String(maj).padStart(sizeW - 2 - minW)}, ${String(min).padStart(minW)} `;
    } else line += `${sizeOf(st).padStart(sizeW)} `;
    line += `${lsTime(st.mtime, o.now)} ${o.nameCell(e)}`;
    if (e.target !== undefined) line += ` -> ${o.targetCell(e)}`;
    out += line + '\n';
  }
  return out;
}
