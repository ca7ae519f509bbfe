import type { ProgramImage } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { NS_OF } from './formats.ts';
import { helpText } from './help.ts';
import { spew } from './display.ts';
import { selectSetup } from './output.ts';
import { chooseDimensions, Parser, threadOptionCheck } from './parser.ts';
import { OUTBUF_SIZE, readSysInfo, ttyResolver, type Needs, type SysInfo } from './procs.ts';
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
  return spew(sys, parsed.s, needsOf(parsed.s), info, ttyResolver(sys), env, out);
}

export const ps: ProgramImage = {
  vszKb: 8116, rssKb: 4388,
  main: ({ argv, env, sys, out, err }) => main(argv, env, sys, out, err),
};
