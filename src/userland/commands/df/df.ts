import { isKernelError } from '../../../kernel/errno.ts';
import type { ProgramImage } from '../../../kernel/program.ts';
import { canonicalize } from '../../lib/canonicalize.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { readMountinfo, type MountEntry } from '../../lib/mountinfo.ts';
import { usageOf, type Usage } from './sizes.ts';

/**
 * df(1) from coreutils 9: one line per mounted filesystem of the caller's mount namespace
 * (/proc/self/mountinfo), skipping pseudo filesystems (ME_DUMMY) and those with no blocks, and
 * keeping one mount per device (filter_mount_list). Columns are as wide as their widest cell, with
 * coreutils' minimums (Filesystem 14, numbers 5, Use% 4); the last column is not padded.
 */
const USAGE = `Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all             include pseudo, duplicate, inaccessible file systems
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
      --no-sync         do not invoke sync before getting usage info (default)
      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST,
                               or print all fields if FIELD_LIST is omitted.
  -P, --portability     use the POSIX output format
      --sync            invoke sync before getting usage info
      --total           elide all entries insignificant to available space,
                          and produce a grand total
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
  -v                    (ignored)
      --help        display this help and exit
      --version     output version information and exit
`;

/** ME_DUMMY (gnulib mountlist.c): types that never have a device of their own. */
const DUMMY = new Set(['autofs', 'proc', 'subfs', 'debugfs', 'devpts', 'fusectl', 'fuse.portal', 'mqueue', 'rpc_pipefs', 'sysfs',
  'devfs', 'kernfs', 'ignore', 'none']);

interface Row { m: MountEntry; u: Usage }

export const df: ProgramImage = {
  vszKb: 5620, rssKb: 1864,
  main: async ({ argv, sys, out, err }) => {
    let human: 0 | 1000 | 1024 = 0, all = false, printType = false, total = false;
    const only: string[] = [], exclude: string[] = [];
    let files: string[];
    try {
      const r = getopt('df', argv.slice(1), 'aB:iF:hHklmPTt:vx:', [
        { name: 'all', arg: 'none', key: 'a' }, { name: 'block-size', arg: 'required', key: 'B' },
        { name: 'inodes', arg: 'none', key: 'i' }, { name: 'human-readable', arg: 'none', key: 'h' }, { name: 'si', arg: 'none', key: 'H' },
        { name: 'local', arg: 'none', key: 'l' }, { name: 'output', arg: 'optional', key: 'output' },
        { name: 'portability', arg: 'none', key: 'P' }, { name: 'print-type', arg: 'none', key: 'T' },
        { name: 'sync', arg: 'none', key: 'sync' }, { name: 'no-sync', arg: 'none', key: 'no-sync' }, { name: 'total', arg: 'none', key: 'total' },
        { name: 'type', arg: 'required', key: 't' }, { name: 'exclude-type', arg: 'required', key: 'x' },
        { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' },
      ]);
      for (const o of r.options) {
        switch (o.key) {
          case 'a': all = true; break;
          case 'h': human = 1024; break;
          case 'H': human = 1000; break;
          case 'k': human = 0; break;
          case 'T': printType = true; break;
          case 'total': total = true; break;
          case 't': only.push(o.value!); break;
          case 'x': exclude.push(o.value!); break;
          case 'help': await out(USAGE); return 0;
          case 'version': await out('df (GNU coreutils) 9.4\n'); return 0;
        }
      }
      files = r.operands;
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'df --help' for more information.\n`);
      return 1;
    }
    const table = await readMountinfo(sys);
    let status = 0;
    const rows: Row[] = [];
    if (files.length) {
      for (const f of files) {
        try {
          sys.stat(f);
          const p = canonicalize(sys, f, 'existing');
          // get_point(): the mount whose directory is the longest prefix of the file's name.
          const m = table.filter((x) => p === x.target || x.target === '/' || p.startsWith(x.target + '/'))
            .reduce<MountEntry | undefined>((best, x) => (!best || x.target.length >= best.target.length ? x : best), undefined);
          if (m) rows.push({ m, u: (await usageOf(sys, m))! });
        } catch (e) {
          if (!isKernelError(e)) throw e;
          await err(`df: ${f}: ${e.message}\n`);
          status = 1;
        }
      }
    } else {
      // filter_mount_list(): one entry per device; a later mount of it wins if its directory is shorter.
      const byDev = new Map<string, Row>();
      const order: string[] = [];
      for (const m of table) {
        if (only.length && !only.includes(m.fstype)) continue;
        if (exclude.includes(m.fstype)) continue;
        if (!all && DUMMY.has(m.fstype)) continue;
        const u = (await usageOf(sys, m))!;
        if (!all && u.blocks === 0) continue;
        let dev: string;
        try { dev = sys.stat(m.target).dev.join(':'); } catch { dev = `${m.majmin}:${m.id}`; }
        const key = all ? `${dev}#${m.id}` : dev;
        const have = byDev.get(key);
        if (!have) { byDev.set(key, { m, u }); order.push(key); continue; }
        if (have.m.target.length > m.target.length) byDev.set(key, { m, u });
      }
      for (const k of order) rows.push(byDev.get(k)!);
    }
    if (!rows.length) {
      if (!files.length) { await err('df: no file systems processed\n'); return 1; }
      return status;
    }
    await out(render(rows, { human, printType, total }));
    return status;
  },
};

function render(rows: Row[], o: { human: 0 | 1000 | 1024; printType: boolean; total: boolean }): string {
  const num = (kb: number) => (o.human ? humanSize(kb * 1024, o.human) : String(kb));
  const pct = (u: Usage) => (u.used + u.avail === 0 ? '-' : `${Math.ceil((u.used * 100) / (u.used + u.avail))}%`);
  const header = ['Filesystem', ...(o.printType ? ['Type'] : []), o.human ? 'Size' : '1K-blocks', 'Used', o.human ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const right = [false, ...(o.printType ? [false] : []), true, true, true, true, false];
  const minw = [14, ...(o.printType ? [4] : []), 5, 5, 5, 4, 0];
  const cells = rows.map(({ m, u }) => [m.source, ...(o.printType ? [m.fstype] : []), num(u.blocks), num(u.used), num(u.avail), pct(u), m.target]);
  if (o.total) {
    const t = rows.reduce((a, { u }) => ({ blocks: a.blocks + u.blocks, used: a.used + u.used, avail: a.avail + u.avail }), { blocks: 0, used: 0, avail: 0 });
    cells.push(['total', ...(o.printType ? ['-'] : []), num(t.blocks), num(t.used), num(t.avail), pct(t), '-']);
  }
  const all = [header, ...cells];
  const widths = header.map((_, i) => Math.max(minw[i], ...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => {
    if (i === r.length - 1) return c;
    return right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]);
  }).join(' ') + '\n').join('');
}

/** gnulib human_readable() with human_autoscale|human_SI, rounding up (human_ceiling): 3.9G, 16G, 728K, 0. */
export function humanSize(bytes: number, base: 1000 | 1024): string {
  if (bytes === 0) return '0';
  const units = base === 1024 ? ['K', 'M', 'G', 'T', 'P', 'E'] : ['k', 'M', 'G', 'T', 'P', 'E'];
  if (bytes < base) return String(bytes);
  let v = bytes / base, e = 0;
  for (;;) {
    if (v < 10) {
      const t = Math.ceil(v * 10 - 1e-9) / 10;
      if (t < 10) return `${t.toFixed(1)}${units[e]}`;
      v = t;
    }
    const n = Math.ceil(v - 1e-9);
    if (n < base) return `${n}${units[e]}`;
    v /= base;
    e++;
  }
}
