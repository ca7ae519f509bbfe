import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import { canonicalize, realpathOr } from '../../lib/canonicalize.ts';
import { mountOptions, readMountinfo, type MountEntry } from '../../lib/mountinfo.ts';
import { Table, scolsTermWidth, type ColumnSpec, type Line } from '../../lib/smartcols.ts';
import { progName, ulGetopt } from '../../lib/utillinux.ts';
import { matchFstype } from '../mount/options.ts';
import { FINDMNT_USAGE } from './usage.ts';

/**
 * findmnt(8) from util-linux 2.38: the caller's /proc/self/mountinfo as a tree (children under the
 * mount they are mounted on, by mount id), or a list when filtered by source/target. A bind mount
 * of a subdirectory shows its filesystem root: `/dev/sda1[/srv/data]`.
 */
const COLUMNS: Record<string, ColumnSpec> = {
  SOURCE: { name: 'SOURCE', whint: 0.25 },
  TARGET: { name: 'TARGET', whint: 0.30 },
  FSTYPE: { name: 'FSTYPE', whint: 0.10, trunc: true },
  OPTIONS: { name: 'OPTIONS', whint: 0.10, trunc: true },
  'VFS-OPTIONS': { name: 'VFS-OPTIONS', whint: 0.20, trunc: true },
  'FS-OPTIONS': { name: 'FS-OPTIONS', whint: 0.10, trunc: true },
  'MAJ:MIN': { name: 'MAJ:MIN', whint: 6 },
  FSROOT: { name: 'FSROOT', whint: 0.25 },
  TID: { name: 'TID', whint: 4, right: true, json: 'number' },
  ID: { name: 'ID', whint: 2, right: true, json: 'number' },
  'OPT-FIELDS': { name: 'OPT-FIELDS', whint: 0.10, trunc: true },
  PROPAGATION: { name: 'PROPAGATION', whint: 0.10 },
  PARENT: { name: 'PARENT', whint: 2, right: true, json: 'number' },
};

export const findmnt: ProgramImage = {
  vszKb: 7288, rssKb: 3412,
  main: async (proc) => {
    const prog = progName(proc.argv[0]);
    const { sys } = proc;
    const errx = async (m: string) => { await proc.err(`${prog}: ${m}\n`); return 1; };
    const r = await ulGetopt(proc, prog, 'AabcCDd:ehiJfF:o:O:p::PklmM:nN:rst:uvRS:T:Uw:VxyH', [
      { name: 'all', arg: 'none', key: 'A' }, { name: 'ascii', arg: 'none', key: 'a' }, { name: 'bytes', arg: 'none', key: 'b' },
      { name: 'canonicalize', arg: 'none', key: 'c' }, { name: 'nocanonicalize', arg: 'none', key: 'C' },
      { name: 'direction', arg: 'required', key: 'd' }, { name: 'df', arg: 'none', key: 'D' }, { name: 'evaluate', arg: 'none', key: 'e' },
      { name: 'first-only', arg: 'none', key: 'f' }, { name: 'fstab', arg: 'none', key: 's' }, { name: 'help', arg: 'none', key: 'h' },
      { name: 'invert', arg: 'none', key: 'i' }, { name: 'json', arg: 'none', key: 'J' }, { name: 'kernel', arg: 'none', key: 'k' },
      { name: 'list', arg: 'none', key: 'l' }, { name: 'mountpoint', arg: 'required', key: 'M' }, { name: 'mtab', arg: 'none', key: 'm' },
      { name: 'noheadings', arg: 'none', key: 'n' }, { name: 'notruncate', arg: 'none', key: 'u' }, { name: 'options', arg: 'required', key: 'O' },
      { name: 'output', arg: 'required', key: 'o' }, { name: 'output-all', arg: 'none', key: 'output-all' },
      { name: 'poll', arg: 'optional', key: 'p' }, { name: 'pairs', arg: 'none', key: 'P' }, { name: 'raw', arg: 'none', key: 'r' },
      { name: 'types', arg: 'required', key: 't' }, { name: 'nofsroot', arg: 'none', key: 'v' }, { name: 'submounts', arg: 'none', key: 'R' },
      { name: 'source', arg: 'required', key: 'S' }, { name: 'tab-file', arg: 'required', key: 'F' }, { name: 'task', arg: 'required', key: 'N' },
      { name: 'target', arg: 'required', key: 'T' }, { name: 'timeout', arg: 'required', key: 'w' }, { name: 'uniq', arg: 'none', key: 'U' },
      { name: 'verify', arg: 'none', key: 'x' }, { name: 'version', arg: 'none', key: 'V' }, { name: 'shell', arg: 'none', key: 'y' },
    ]);
    if (!r) return 1;
    let tree = true, ascii = false, raw = false, json = false, noHeadings = false, noTrunc = false, first = false, noFsroot = false;
    let submounts = false, types: string | undefined, outarg: string | undefined, fstab = false, outputAll = false;
    let source: string | undefined, target: string | undefined, mountpoint: string | undefined, containing: string | undefined;
    for (const o of r.options) {
      switch (o.key) {
        case 'a': ascii = true; break;
        case 'l': tree = false; break;
        case 'r': raw = true; tree = false; break;
        case 'P': raw = true; tree = false; break;
        case 'J': json = true; break;
        case 'n': noHeadings = true; break;
        case 'u': noTrunc = true; break;
        case 'f': first = true; break;
        case 'v': noFsroot = true; break;
        case 'R': submounts = true; break;
        case 't': types = o.value; break;
        case 'o': outarg = o.value; break;
        case 'output-all': outputAll = true; break;
        case 's': fstab = true; break;
        case 'S': source = o.value; break;
        case 'M': mountpoint = o.value; break;
        case 'T': containing = o.value; break;
        case 'h': await proc.out(FINDMNT_USAGE); return 0;
        case 'V': await proc.out(`${prog} from util-linux 2.38.1\n`); return 0;
      }
    }
    // --fstab: /etc/fstab has no entries on this host.
    if (fstab) return 1;
    if (r.operands.length && (source || mountpoint || containing)) {
      return errx("options --target and --source can't be used together with command line element that is not an option");
    }
    if (r.operands.length > 2) return errx(`bad usage`);
    if (r.operands[0] !== undefined) source = r.operands[0];
    if (r.operands[1] !== undefined) target = r.operands[1];
    let columns = outputAll ? Object.keys(COLUMNS) : ['TARGET', 'SOURCE', 'FSTYPE', 'OPTIONS'];
    if (outarg !== undefined) {
      const names = (outarg.startsWith('+') ? outarg.slice(1) : outarg).split(',');
      if (!outarg.startsWith('+')) columns = [];
      for (const n of names) {
        const c = Object.keys(COLUMNS).find((k) => k.toLowerCase() === n.toLowerCase());
        if (!c) return errx(`unknown column: ${n}`);
        columns.push(c);
      }
    }
    const table = await readMountinfo(sys);
    // A source/target to match turns the tree off (unless --submounts).
    const matching = source !== undefined || target !== undefined || mountpoint !== undefined || containing !== undefined;
    if (!submounts && (first || matching)) tree = false;
    const srcPath = source !== undefined ? realpathOr(sys, source) : undefined;
    const tgtPath = target !== undefined ? realpathOr(sys, target) : mountpoint !== undefined ? realpathOr(sys, mountpoint) : undefined;
    const within = containing !== undefined ? findContaining(proc, table, containing) : undefined;
    const matches = (m: MountEntry) => {
      if (types && !matchFstype(m.fstype, types)) return false;
      if (within !== undefined && m !== within) return false;
      if (tgtPath !== undefined && m.target !== tgtPath) return false;
      // The first operand is a source or (swapped) a mount point.
      if (srcPath !== undefined && m.source !== srcPath && m.source !== source && !(target === undefined && m.target === srcPath)) return false;
      return true;
    };
    const specs = columns.map((c) => ({ ...COLUMNS[c], trunc: COLUMNS[c].trunc && !noTrunc, tree: tree && c === 'TARGET' }));
    const out = new Table(specs);
    const fill = (line: Line, m: MountEntry) => { line.cells = columns.map((c) => cell(c, m, noFsroot)); };
    let count = 0;
    if (tree) {
      const seen = new Set<MountEntry>();
      const byParent = (id: number) => table.filter((x) => x.parent === id && x.id !== id).sort((a, b) => a.id - b.id);
      const walk = (m: MountEntry, parent: Line | null) => {
        seen.add(m);
        let line = parent;
        if (matches(m)) { line = out.newLine(parent); fill(line, m); count++; }
        for (const c of byParent(m.id)) if (!seen.has(c)) walk(c, line);
      };
      const ids = new Set(table.map((m) => m.id));
      for (const root of table.filter((m) => !ids.has(m.parent) || m.parent === m.id)) walk(root, null);
      // "findmnt: make sure all entries are in tree output" (2.38): orphans become roots.
      for (const m of table) if (!seen.has(m)) walk(m, null);
    } else {
      for (const m of table) {
        if (!matches(m)) continue;
        fill(out.newLine(), m);
        count++;
        if (first) break;
      }
    }
    if (!count) return 1;
    let text = out.render({ raw, json, noHeadings, termWidth: scolsTermWidth(sys, proc.env), name: 'filesystems' });
    if (ascii) text = text.replace(/├─/g, '|-').replace(/└─/g, '`-').replace(/│ /g, '| ');
    await proc.out(text);
    return 0;
  },
};

function cell(col: string, m: MountEntry, noFsroot: boolean): string | undefined {
  switch (col) {
    case 'SOURCE': return m.root !== '/' && !noFsroot ? `${m.source}[${m.root}]` : m.source;
    case 'TARGET': return m.target;
    case 'FSTYPE': return m.fstype;
    case 'OPTIONS': return mountOptions(m);
    case 'VFS-OPTIONS': return m.vfsOptions;
    case 'FS-OPTIONS': return m.fsOptions;
    case 'MAJ:MIN': return m.majmin;
    case 'FSROOT': return m.root;
    case 'TID': return undefined;
    case 'ID': return String(m.id);
    case 'PARENT': return String(m.parent);
    case 'OPT-FIELDS': return m.optional.join(' ') || undefined;
    case 'PROPAGATION': {
      const p = m.optional.some((o) => o.startsWith('shared:')) ? 'shared' : m.optional.some((o) => o.startsWith('master:')) ? 'slave' : 'private';
      return m.optional.includes('unbindable') ? `${p},unbindable` : p;
    }
  }
  return undefined;
}

/** --target PATH: the mount the path lives on (the longest mount point that prefixes it). */
function findContaining(proc: Proc, table: MountEntry[], path: string): MountEntry | undefined {
  let p: string;
  try { p = canonicalize(proc.sys, path, 'missing'); } catch { p = path; }
  let best: MountEntry | undefined;
  for (const m of table) {
    const t = m.target;
    if (p === t || t === '/' || p.startsWith(t + '/')) {
      if (!best || t.length >= best.target.length) best = m;
    }
  }
  return best;
}
