import type { ProgramImage } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { NS_OF } from './formats.ts';
import { helpText } from './help.ts';
import { activeCols, forestOrder, LineFormatter, selectSetup, wantThisProc } from './output.ts';
import { forestKeys, sortProcs } from './sorting.ts';
import { chooseDimensions, Parser, threadOptionCheck } from './parser.ts';
import { OUTBUF_SIZE, reapProcs, readSysInfo, ttyResolver, type Needs, type PsProc, type SysInfo } from './procs.ts';
import { processSfOptions } from './sortformat.ts';
import { cStrtol, freshState, PsExit, type PsState } from './state.ts';

/**
 * ps(1) from procps-ng 4.0.2. It knows processes only through /proc (of its own mount namespace):
 * whatever pid namespace that procfs was mounted for is all it can list, numbered as that namespace
 * numbers them. Option parsing, column layout and sorting follow procps' parser.c, sortformat.c,
 * output.c and display.c.
 */

/** set_screen_size: the tty's size (stdout, stderr, stdin), 80x24 otherwise; unlimited when stdout is no tty; COLUMNS/LINES override. */
function screenSize(sys: SysApi, env: Map<string, string>, warn: (s: string) => void): [number, number] {
  let cols = 80, rows = 24;
  for (const fd of [1, 2, 0]) {
    try {
      if (!sys.isatty(fd)) continue;
      const ws = sys.getWinsize(fd);
      if (ws.cols > 0 && ws.rows > 0) { cols = ws.cols; rows = ws.rows; break; }
    } catch { /* not open */ }
  }
  let stdoutTty = false;
  try { stdoutTty = sys.isatty(1); } catch { /* closed */ }
  if (!stdoutTty) cols = OUTBUF_SIZE;
  const num = (v: string | undefined) => {
    if (!v) return undefined;
    const { value, end } = cStrtol(v);
    return end === v.length && value > 0 && value < OUTBUF_SIZE ? value : undefined;
  };
  cols = num(env.get('COLUMNS')) ?? cols;
  rows = num(env.get('LINES')) ?? rows;
  if (cols < 9 || rows < 2) warn(`your ${cols}x${rows} screen size is bogus. expect trouble\n`);
  return [cols, rows];
}

function needsOf(s: PsState): Needs {
  const needs: Needs = { ns: new Set(), environ: s.bsdE, exe: false, cgroup: false };
  for (const f of s.formatList) {
    if (!f.spec) continue;
    if (NS_OF[f.spec.pr]) needs.ns.add(NS_OF[f.spec.pr]);
    if (f.spec.pr === 'environ') needs.environ = true;
    if (f.spec.pr === 'exe') needs.exe = true;
    if (f.spec.pr === 'cgroup') needs.cgroup = true;
  }
  for (const k of s.sortList) {
    if (k.spec.sr.startsWith('ns_')) needs.ns.add(k.spec.sr.slice(3) as never);
    if (k.spec.sr === 'exe') needs.exe = true;
    if (k.spec.sr === 'cgroup') needs.cgroup = true;
  }
  return needs;
}

/** arg_parse: SysV-first pass, then the whole command line again the BSD way. */
export function argParse(argv: string[], mk: () => PsState, sys: SysApi, info: SysInfo, env: Map<string, string>, warn: (m: string) => void):
  { s: PsState } | { error: string } {
  const pass = (s: PsState) => new Parser(argv, s, sys, info).parseAll() ?? threadOptionCheck(s) ??
    processSfOptions(s, info.pidLen, env.get('PS_FORMAT'), warn) ?? selectSetup(s);
  const first = mk();
  const err = pass(first);
  if (!err) { chooseDimensions(first); return { s: first }; }
  const second = mk();
  second.forceBsd = true;
  second.preferBsd = true;
  second.oldM = true;
  if (!pass(second)) { chooseDimensions(second); return { s: second }; }
  return { error: err };
}

/**
 * simple_spew / fancy_spew / show_one_proc((proc_t*)-1): the lines of the output, one at a time; the
 * generator's return value is the exit status.
 */
export function* spew(s: PsState, procs: PsProc[], info: SysInfo, tty: (nr: number) => string | undefined, env: Map<string, string>):
  Generator<string, number, undefined> {
  const { cols: active, wideSignals } = activeCols(s.formatList, s.screenCols);
  const lang = env.get('LC_ALL') || env.get('LC_CTYPE') || env.get('LANG') || '';
  const fmt = new LineFormatter(s.formatList, active, {
    info, tty, forestType: s.forestType, forestPrefix: '', bsdC: s.bsdC, bsdE: s.bsdE,
    unixF: s.unixF, userIsNumber: s.userIsNumber, wideSignals, utf8: /utf-?8/i.test(lang), lstartFormat: s.lstartFormat,
  });
  // check_headers: no header when disabled or when every column's header is empty.
  const headerGap = s.headerType === 'multi' ? s.screenRows - 1 : -1;
  let linesToNext = s.headerType === 'none' || !s.formatList.some((f) => f.name !== '' && f.spec) ? -1 : 1;
  let didStuff = false;
  const wanted = procs.filter((p) => wantThisProc(s, p));
  let rows: PsProc[];
  let prefixes: string[] | undefined;
  if (s.forestType) {
    const tree = forestOrder(sortProcs(wanted, forestKeys(s.sortList), info), s.forestType);
    rows = tree.map((t) => t.p);
    prefixes = tree.map((t) => t.prefix);
  } else rows = s.sortList.length ? sortProcs(wanted, [...s.sortList].reverse(), info) : wanted;
  for (let i = 0; i < rows.length; i++) {
    if (!--linesToNext) { linesToNext = headerGap; yield fmt.line(undefined); }
    didStuff = true;
    yield fmt.line(rows[i], prefixes?.[i]);
  }
  // Nothing shown: the header alone, and exit status 1 (`ps -p 999999`).
  if (!didStuff && !--linesToNext) yield fmt.line(undefined);
  return didStuff ? 0 : 1;
}

/** The whole output and the exit status at once. */
export function render(s: PsState, procs: PsProc[], info: SysInfo, tty: (nr: number) => string | undefined, env: Map<string, string>):
  { text: string; status: number } {
  const lines: string[] = [];
  const it = spew(s, procs, info, tty, env);
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) return { text: lines.join(''), status: r.value };
    lines.push(r.value);
  }
}

/** glibc sizes stdout's buffer from st_blksize: 4096 bytes for a pipe or a file. */
const STDOUT_BUFSIZ = 4096;

/**
 * stdout as stdio buffers it: lines collect until a block is full, then leave in one write(2), as one
 * flat string. (On a terminal stdio would flush each line; what arrives is the same.) The lines' pieces
 * are garbage at once instead of living until the whole table is done.
 */
async function writeBuffered(lines: Generator<string, number, undefined>, out: (t: string) => Promise<void>): Promise<number> {
  let block: string[] = [];
  let size = 0;
  for (let r = lines.next(); ; r = lines.next()) {
    if (r.done) {
      if (block.length) await out(block.join(''));
      return r.value;
    }
    block.push(r.value);
    size += r.value.length;
    if (size >= STDOUT_BUFSIZ) {
      const text = block.join('');
      block = [];
      size = 0;
      await out(text);
    }
  }
}

async function main(argv: string[], env: Map<string, string>, sys: SysApi, out: (t: string) => Promise<void>, err: (t: string) => Promise<void>): Promise<number> {
  let selfStat: string;
  try { selfStat = await sys.readFile('/proc/self/stat'); } catch {
    await err('Error, do this: mount -t proc proc /proc\n');
    return 47;
  }
  const cachedTty = Number(selfStat.slice(selfStat.lastIndexOf(')') + 2).split(' ')[4]) || 0;
  const info = await readSysInfo(sys);
  let warnings = '';
  const warn = (m: string) => { warnings += m; };
  const [cols, rows] = screenSize(sys, env, warn);
  let parsed: ReturnType<typeof argParse>;
  try {
    parsed = argParse(argv.slice(1), () => freshState(cols, rows, cachedTty, sys.geteuid()), sys, info, env, warn);
  } catch (e) {
    if (!(e instanceof PsExit)) throw e;
    if (warnings) await err(warnings);
    if (e.stdout) await out(e.stdout);
    if (e.stderr) await err(e.stderr);
    return e.code;
  }
  if (warnings) await err(warnings);
  if ('error' in parsed) {
    await err(`error: ${parsed.error}\n${helpText(undefined, argv[0].split('/').pop())}`);
    return 1;
  }
  const procs = await reapProcs(sys, needsOf(parsed.s));
  return writeBuffered(spew(parsed.s, procs, info, ttyResolver(sys), env), out);
}

export const ps: ProgramImage = {
  vszKb: 8116, rssKb: 4388,
  main: ({ argv, env, sys, out, err }) => main(argv, env, sys, out, err),
};
