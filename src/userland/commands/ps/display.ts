import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { activeCols, forestOrder, LineFormatter, wantThisProc } from './output.ts';
import { reapProcs, type Needs, type PsProc, type SysInfo } from './procs.ts';
import { forestKeys, sortProcs } from './sorting.ts';
import type { PsState } from './state.ts';

/**
 * procps display.c: simple_spew for a plain listing, fancy_spew when it is sorted or a forest, and
 * what both do around show_one_proc (headers, the exit status).
 */

type TtyName = (nr: number) => string | undefined;

/** glibc sizes stdout's buffer from st_blksize: 4096 bytes for a pipe or a file. */
const STDOUT_BUFSIZ = 4096;

/**
 * stdout as stdio buffers it: lines collect until a block is full, then leave in one write(2), as one
 * flat string. (On a terminal stdio would flush each line; what arrives is the same.)
 */
export class StdoutBuffer {
  private block: string[] = [];
  private size = 0;
  constructor(private readonly out: (t: string) => Promise<void>) {}

  add(line: string): void {
    this.block.push(line);
    this.size += line.length;
  }

  /** The block's write(2) once it holds a buffer's worth; undefined while it has room. */
  flushIfFull(): Promise<void> | undefined { return this.size >= STDOUT_BUFSIZ ? this.flush() : undefined; }

  flush(): Promise<void> | undefined {
    if (!this.block.length) return undefined;
    const text = this.block.join('');
    this.block = [];
    this.size = 0;
    return this.out(text);
  }
}

/** Lines of the listing: a header before the first process and, with --headers, every screenful. */
export class Display {
  private readonly fmt: LineFormatter;
  private readonly headerGap: number;
  private linesToNext: number;
  private shown = false;

  constructor(s: PsState, info: SysInfo, tty: TtyName, env: Map<string, string>, private readonly emit: (line: string) => void) {
    const { cols: active, wideSignals } = activeCols(s.formatList, s.screenCols);
    const lang = env.get('LC_ALL') || env.get('LC_CTYPE') || env.get('LANG') || '';
    this.fmt = new LineFormatter(s.formatList, active, {
      info, tty, forestType: s.forestType, forestPrefix: '', bsdC: s.bsdC, bsdE: s.bsdE,
      unixF: s.unixF, userIsNumber: s.userIsNumber, wideSignals, utf8: /utf-?8/i.test(lang), lstartFormat: s.lstartFormat,
    });
    // check_headers: no header when disabled or when every column's header is empty.
    this.headerGap = s.headerType === 'multi' ? s.screenRows - 1 : -1;
    this.linesToNext = s.headerType === 'none' || !s.formatList.some((f) => f.name !== '' && f.spec) ? -1 : 1;
  }

  /** show_one_proc for a process want_this_proc accepted (`prefix`: its forest branch). */
  show(p: PsProc, prefix?: string): void {
    if (!--this.linesToNext) { this.linesToNext = this.headerGap; this.emit(this.fmt.line(undefined)); }
    this.shown = true;
    this.emit(this.fmt.line(p, prefix));
  }

  /** After the last process: nothing shown is the header alone and exit status 1 (`ps -p 999999`). */
  end(): number {
    if (!this.shown && !--this.linesToNext) this.emit(this.fmt.line(undefined));
    return this.shown ? 0 : 1;
  }
}

/** fancy_spew's order: the wanted processes sorted, or as a forest. */
function ordered(s: PsState, procs: PsProc[], info: SysInfo): { rows: PsProc[]; prefixes?: string[] } {
  const wanted = procs.filter((p) => wantThisProc(s, p));
  if (s.forestType) {
    const tree = forestOrder(sortProcs(wanted, forestKeys(s.sortList), info), s.forestType);
    return { rows: tree.map((t) => t.p), prefixes: tree.map((t) => t.prefix) };
  }
  return { rows: s.sortList.length ? sortProcs(wanted, [...s.sortList].reverse(), info) : wanted };
}

/**
 * The listing written to stdout; the exit status. Without sorting or a forest (simple_spew) each
 * process is shown as soon as it has been read, as procps 3.3's readproc loop did: nothing that is
 * shown waits for later processes, so no record outlives its line (procps 4 reaps them all first;
 * the output is the same). Sorted or forest output (fancy_spew) needs every process first.
 */
export async function spew(sys: SysApi, s: PsState, needs: Needs, info: SysInfo, tty: TtyName, env: Map<string, string>,
  out: (t: string) => Promise<void>): Promise<number> {
  const stdout = new StdoutBuffer(out);
  const display = new Display(s, info, tty, env, (line) => stdout.add(line));
  if (!s.forestType && !s.sortList.length) {
    await reapProcs(sys, needs, (p) => {
      if (!wantThisProc(s, p)) return undefined;
      display.show(p);
      return stdout.flushIfFull();
    });
  } else {
    const procs: PsProc[] = [];
    await reapProcs(sys, needs, (p) => { procs.push(p); });
    const { rows, prefixes } = ordered(s, procs, info);
    for (let i = 0; i < rows.length; i++) {
      display.show(rows[i], prefixes?.[i]);
      const w = stdout.flushIfFull();
      if (w) await w;
    }
  }
  const status = display.end();
  await stdout.flush();
  return status;
}

/** The whole listing of given processes and the exit status at once. */
export function render(s: PsState, procs: PsProc[], info: SysInfo, tty: TtyName, env: Map<string, string>): { text: string; status: number } {
  const lines: string[] = [];
  const display = new Display(s, info, tty, env, (line) => lines.push(line));
  const { rows, prefixes } = ordered(s, procs, info);
  for (let i = 0; i < rows.length; i++) display.show(rows[i], prefixes?.[i]);
  const status = display.end();
  return { text: lines.join(''), status };
}
