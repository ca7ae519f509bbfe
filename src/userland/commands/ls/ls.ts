import type { ProgramImage } from '../../../kernel/program.ts';
import type { Stat, SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { formatColumns } from '../../lib/columns.ts';
import { idNames, joinName } from '../../lib/fileinfo.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { errMsg } from '../../lib/io.ts';
import { longLines, totalLine, typeIndicator, type LsEntry } from '../../lib/lsformat.ts';
import { needsShellQuoting, quote, quoteaf, shellQuote } from '../../lib/quote.ts';

type Format = 'long' | 'one' | 'columns' | 'across';

interface Options {
  format: Format; all: 'none' | 'almost' | 'all'; dirsOnly: boolean; recursive: boolean;
  human: boolean; inode: boolean; indicator: 'none' | 'slash' | 'classify'; sort: 'name' | 'time' | 'size' | 'none';
  reverse: boolean; numeric: boolean; showOwner: boolean; showGroup: boolean; deref: boolean;
  width: number; tabsize: number; tty: boolean;
}

const LONGS = [
  { name: 'all', arg: 'none', key: 'a' }, { name: 'almost-all', arg: 'none', key: 'A' },
  { name: 'directory', arg: 'none', key: 'd' }, { name: 'recursive', arg: 'none', key: 'R' },
  { name: 'human-readable', arg: 'none', key: 'h' }, { name: 'inode', arg: 'none', key: 'i' },
  { name: 'classify', arg: 'none', key: 'F' }, { name: 'reverse', arg: 'none', key: 'r' },
  { name: 'numeric-uid-gid', arg: 'none', key: 'n' }, { name: 'dereference', arg: 'none', key: 'L' },
  { name: 'color', arg: 'optional', key: 'color' }, { name: 'width', arg: 'required', key: 'w' },
  { name: 'tabsize', arg: 'required', key: 'T' }, { name: 'indicator-style', arg: 'required', key: 'indicator-style' },
] as const;

const COLOR_ARGS = ['always', 'yes', 'force', 'never', 'no', 'none', 'auto', 'tty', 'if-tty'];

/** Sort a listing the way ls does in the C locale (strcmp; -t newest first; -S biggest first; -r reverses). */
function sortEntries(list: LsEntry[], o: Options): void {
  if (o.sort === 'none') return;
  const byName = (a: LsEntry, b: LsEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const cmp = o.sort === 'time' ? (a: LsEntry, b: LsEntry) => b.st.mtime - a.st.mtime || byName(a, b)
    : o.sort === 'size' ? (a: LsEntry, b: LsEntry) => b.st.size - a.st.size || byName(a, b) : byName;
  list.sort(o.reverse ? (a, b) => cmp(b, a) : cmp);
}

class Lister {
  out = '';
  status = 0;
  printedSomething = false;
  constructor(readonly sys: SysApi, readonly o: Options, readonly write: (s: string) => Promise<void>,
    readonly err: (s: string) => Promise<void>, readonly now: number,
    readonly names: Awaited<ReturnType<typeof idNames>>) {}

  /** Stat an entry (lstat, or stat with -L), filling in symlink details for the long format. */
  entry(name: string, path: string, st: Stat): LsEntry {
    const e: LsEntry = { name, path, st };
    if (st.type === 'symlink') {
      try { e.targetSt = this.sys.stat(path); } catch { /* dangling */ }
      if (this.o.format === 'long') { try { e.target = this.sys.readlink(path); } catch { /* raced */ } }
    }
    return e;
  }

  quoteName(s: string, extra = ''): string {
    return this.o.tty ? shellQuote(s, false, extra) : s;
  }

  /** The listing of a batch of entries (one directory, or the non-directory operands). */
  render(list: LsEntry[]): string {
    const o = this.o;
    const someQuoted = o.tty && (o.format === 'long' || o.format === 'columns' || o.format === 'across')
      && list.some((e) => needsShellQuoting(e.name));
    const name = (e: LsEntry) => {
      const q = this.quoteName(e.name);
      const pad = someQuoted && q === e.name ? ' ' : '';
      const showLinkType = !(o.format === 'long' && e.target !== undefined);
      return pad + q + (o.indicator !== 'none' && showLinkType ? typeIndicator(e.st, o.indicator === 'slash') : '');
    };
    if (o.format === 'long') {
      return longLines(list, {
        now: this.now, inode: o.inode, human: o.human, numeric: o.numeric, showOwner: o.showOwner,
        showGroup: o.showGroup, names: this.names, nameCell: name,
        targetCell: (e) => this.quoteName(e.target!) + (o.indicator === 'none' ? '' : typeIndicator(e.targetSt, o.indicator === 'slash')),
      });
    }
    const inoW = Math.max(0, ...list.map((e) => String(e.st.ino).length));
    const cells = list.map((e) => (o.inode ? `${String(e.st.ino).padStart(inoW)} ` : '') + name(e));
    if (o.format === 'one') return cells.map((c) => c + '\n').join('');
    return formatColumns(cells, cells.map((c) => c.length), { lineLength: o.width, byColumns: o.format === 'columns', tabsize: o.tabsize });
  }

  /** List one directory; returns the subdirectories to descend into with -R. */
  async listDir(path: string, commandLine: boolean, header: boolean): Promise<string[]> {
    let names: string[];
    try {
      names = this.sys.readdir(path);
    } catch (e) {
      await this.problem(`cannot open directory ${quoteaf(path)}: ${errMsg(e)}`, commandLine ? 2 : 1);
      return [];
    }
    if (this.o.all === 'all') names = ['.', '..', ...names];
    else if (this.o.all === 'none') names = names.filter((n) => !n.startsWith('.'));
    const list: LsEntry[] = [];
    for (const n of names) {
      const p = joinName(path, n);
      try {
        list.push(this.entry(n, p, this.o.deref ? this.statDeref(p) : this.sys.lstat(p)));
      } catch (e) {
        await this.problem(`cannot access ${quoteaf(p)}: ${errMsg(e)}`, 1);
      }
    }
    sortEntries(list, this.o);
    let text = '';
    if (header) text += `${this.printedSomething ? '\n' : ''}${this.quoteName(path, ':')}:\n`;
    if (this.o.format === 'long') text += totalLine(list, this.o.human);
    text += this.render(list);
    this.out += text;
    this.printedSomething = true;
    return this.o.recursive
      ? list.filter((e) => e.st.type === 'dir' && e.name !== '.' && e.name !== '..').map((e) => e.path)
      : [];
  }

  statDeref(p: string): Stat {
    try { return this.sys.stat(p); } catch { return this.sys.lstat(p); }
  }

  /** Standard output goes out in chunks; before a diagnostic, so a terminal shows them in order. */
  async flush(): Promise<void> {
    if (this.out) await this.write(this.out);
    this.out = '';
  }

  async problem(msg: string, status: number): Promise<void> {
    await this.flush();
    await this.err(`ls: ${msg}\n`);
    this.status = Math.max(this.status, status);
  }
}

export const ls: ProgramImage = {
  vszKb: 7104, rssKb: 3364,
  main: async ({ argv, env, sys, out, err }) => {
    const tty = sys.isatty(1);
    const o: Options = {
      format: tty ? 'columns' : 'one', all: 'none', dirsOnly: false, recursive: false, human: false, inode: false,
      indicator: 'none', sort: 'name', reverse: false, numeric: false, showOwner: true, showGroup: true, deref: false,
      width: 80, tabsize: 8, tty,
    };
    const envCols = env.get('COLUMNS');
    if (envCols) {
      if (/^[0-9]+$/.test(envCols) && Number(envCols) > 0) o.width = Number(envCols);
      else await err(`ls: ignoring invalid width in environment variable COLUMNS: ${quote(env, envCols)}\n`);
    }
    if (tty) o.width = sys.getWinsize(1).cols || o.width;
    let operands: string[];
    let derefSet = false;
    try {
      const r = getopt('ls', argv.slice(1), 'aAdRhiFrtSUln1CxgopLw:T:', [...LONGS]);
      for (const { key, value } of r.options) {
        switch (key) {
          case 'a': o.all = 'all'; break;
          case 'A': o.all = 'almost'; break;
          case 'd': o.dirsOnly = true; break;
          case 'R': o.recursive = true; break;
          case 'h': o.human = true; break;
          case 'i': o.inode = true; break;
          case 'F': o.indicator = 'classify'; break;
          case 'p': o.indicator = 'slash'; break;
          case 'r': o.reverse = true; break;
          case 't': o.sort = 'time'; break;
          case 'S': o.sort = 'size'; break;
          case 'U': o.sort = 'none'; break;
          case 'l': o.format = 'long'; break;
          case 'n': o.format = 'long'; o.numeric = true; break;
          case 'g': o.format = 'long'; o.showOwner = false; break;
          case 'o': o.format = 'long'; o.showGroup = false; break;
          case '1': if (o.format !== 'long') o.format = 'one'; break;
          case 'C': o.format = 'columns'; break;
          case 'x': o.format = 'across'; break;
          case 'L': o.deref = true; derefSet = true; break;
          case 'w': case 'T': {
            if (!/^[0-9]+$/.test(value!)) {
              await err(`ls: invalid ${key === 'w' ? 'line width' : 'tab size'}: ${quote(env, value!)}\n`);
              return 2;
            }
            if (key === 'w') o.width = Number(value) || Number.MAX_SAFE_INTEGER; else o.tabsize = Number(value);
            break;
          }
          case 'color':
            if (value !== undefined && !COLOR_ARGS.includes(value)) {
              await err(`ls: invalid argument ${quote(env, value)} for '--color'\nValid arguments are:\n  - 'always', 'yes', 'force'\n  - 'never', 'no', 'none'\n  - 'auto', 'tty', 'if-tty'\nTry 'ls --help' for more information.\n`);
              return 2;
            }
            break;
          case 'indicator-style': {
            const styles: Record<string, Options['indicator']> = { none: 'none', slash: 'slash', classify: 'classify' };
            if (!(value! in styles)) {
              await err(`ls: invalid argument ${quote(env, value!)} for '--indicator-style'\nValid arguments are:\n  - 'none'\n  - 'slash'\n  - 'file-type'\n  - 'classify'\nTry 'ls --help' for more information.\n`);
              return 2;
            }
            o.indicator = styles[value!];
            break;
          }
        }
      }
      operands = r.operands;
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'ls --help' for more information.\n`);
      return 2;
    }
    // Command-line symlinks to directories are followed unless -d, -F or -l say otherwise.
    const followArgDirs = !derefSet && !(o.dirsOnly || o.indicator === 'classify' || o.format === 'long');
    const lister = new Lister(sys, o, out, err, sys.time(), await idNames(sys));
    const files: LsEntry[] = [];
    const dirs: string[] = [];
    const args = operands.length ? operands : ['.'];
    for (const a of args) {
      let st: Stat;
      try {
        st = sys.lstat(a);
        if (st.type === 'symlink' && (o.deref || followArgDirs)) {
          try {
            const t = sys.stat(a);
            if (o.deref || t.type === 'dir') st = t;
          } catch (e) { if (o.deref) throw e; }
        }
      } catch (e) {
        await lister.problem(`cannot access ${quoteaf(a)}: ${errMsg(e)}`, 2);
        continue;
      }
      if (st.type === 'dir' && !o.dirsOnly) dirs.push(a);
      else files.push(lister.entry(a, a, st));
    }
    if (files.length) {
      sortEntries(files, o);
      lister.out += lister.render(files);
      lister.printedSomething = true;
    }
    const sortedDirs = dirs.map((d) => lister.entry(d, d, sys.stat(d)));
    sortEntries(sortedDirs, o);
    const showHeaders = o.recursive || args.length > 1;
    const stack = sortedDirs.map((d) => ({ path: d.path, commandLine: true })).reverse();
    while (stack.length) {
      const { path, commandLine } = stack.pop()!;
      const subdirs = await lister.listDir(path, commandLine, showHeaders);
      for (const s of subdirs.reverse()) stack.push({ path: s, commandLine: false });
      if (lister.out.length > 4096) await lister.flush();
      await sys.sched_yield();
    }
    await lister.flush();
    return lister.status;
  },
};
