import { PRINTERS, type PrCtx, type Printer } from './printers.ts';
import { OUTBUF_SIZE, type PsProc } from './procs.ts';
import {
  SS_B_a, SS_B_g, SS_B_x, SS_U_a, SS_U_d, type FormatNode, type PsState,
} from './state.ts';

/**
 * procps display.c / output.c / select.c: which processes are shown, in what order, and how each
 * line is laid out (show_one_proc's "correct vs actual" column bookkeeping).
 */

/** select_setup: the -a/-d/a/x/g combinations; undefined flags combinations conflict. */
export function selectSetup(s: PsState): string | undefined {
  return simpleSelection(s) ? undefined : 'process selection options conflict';
}

interface Simple { myEuid: boolean; myTty: boolean; noLeader: boolean; hasTty: boolean }

function simpleSelection(s: PsState): Simple | undefined {
  const r: Simple = { myEuid: false, myTty: false, noLeader: false, hasTty: false };
  switch (s.simpleSelect) {
    case 0:
      r.myEuid = true;
      // BSD wants any tty, non-BSD wants my tty.
      if (s.preferBsd) r.hasTty = true; else r.myTty = true;
      return r;
    case SS_U_a: r.noLeader = true; r.hasTty = true; return r;
    case SS_U_d: case SS_U_a | SS_U_d: r.noLeader = true; return r;
    case SS_B_a: case SS_B_a | SS_B_g: r.hasTty = true; return r;
    case SS_B_x: case SS_B_x | SS_B_g: r.myEuid = true; return r;
    case SS_B_a | SS_B_x: case SS_B_a | SS_B_x | SS_B_g: return r;
    default: return undefined;
  }
}

function listed(s: PsState, p: PsProc): boolean {
  for (const sel of s.selections) {
    const n = sel.nums;
    switch (sel.type) {
      case 'RUID': if (n.includes(p.ruid)) return true; break;
      case 'EUID': if (n.includes(p.euid)) return true; break;
      case 'RGID': if (n.includes(p.rgid)) return true; break;
      case 'EGID': if (n.includes(p.egid)) return true; break;
      case 'PGRP': if (n.includes(p.pgrp)) return true; break;
      case 'PID': if (n.includes(p.pid)) return true; break;
      case 'PPID': if (n.includes(p.ppid)) return true; break;
      case 'TTY': if (n.includes(p.ttyNr)) return true; break;
      case 'SESS': if (n.includes(p.session)) return true; break;
      case 'COMM':
        // comm is at most 15 characters, so a longer name matches on its first 15.
        for (const c of sel.strs) {
          if (p.comm.length === 15 && c.length >= 15 && p.comm === c.slice(0, 15)) return true;
          if (p.comm.slice(0, 63) === c.slice(0, 63)) return true;
        }
        break;
    }
  }
  return false;
}

/** want_this_proc. */
export function wantThisProc(s: PsState, p: PsProc): boolean {
  let ok = true;
  const all = s.allProcesses || (s.simpleSelect & (SS_B_a | SS_B_x)) === (SS_B_a | SS_B_x);
  if (!all) {
    const simple = simpleSelection(s)!;
    const accept = () => !(simple.myEuid && p.euid !== s.cachedEuid) && !(simple.myTty && p.ttyNr !== s.cachedTty) &&
      !(simple.noLeader && p.session === p.pid) && !(simple.hasTty && p.ttyNr === 0);
    ok = ((s.simpleSelect || !s.selections.length) && accept()) || listed(s, p);
  }
  if (s.runningOnly && p.state !== 'R' && p.state !== 'D') ok = false;
  return s.negate ? !ok : ok;
}

/** check_header_width: the line is a multiple of the screen width wide enough for the fixed columns. */
export function activeCols(list: FormatNode[], screenCols: number): { cols: number; wideSignals: boolean } {
  let total = 0, wasNormal = 0, sigs = 0;
  list.forEach((f, i) => {
    const last = i === list.length - 1;
    if (f.just === 'AIX') { total += f.width; wasNormal = 0; return; }
    if (f.just === 'SIG') sigs++;
    total += f.just === 'U' && last ? 3 : f.width;
    total += wasNormal;
    wasNormal = 1;
  });
  let cols = screenCols;
  for (let i = 1; ; i++) {
    cols = screenCols * i;
    if (cols >= total) break;
    if (screenCols * i >= OUTBUF_SIZE / 2) break;
  }
  return { cols, wideSignals: total + sigs * 7 <= cols };
}

/** Runs of 0..144 spaces (the most show_one_proc pads with). */
const SPACES = Array.from({ length: 145 }, (_, n) => ' '.repeat(n));

/**
 * show_one_proc for one run: each column's printer looked up once, and one printer context for every
 * line (printers only read it; the column's room and the line's tree prefix are set before each call).
 */
export class LineFormatter {
  private readonly printers: Array<Printer | undefined>;
  private readonly ctx: PrCtx;
  constructor(private readonly list: FormatNode[], private readonly active: number, private readonly base: Omit<PrCtx, 'maxRightward'>) {
    this.printers = list.map((f) => (f.spec ? PRINTERS[f.spec.pr] : undefined));
    this.ctx = { ...base, maxRightward: 0 };
  }

  /** One line, newline included (p undefined: the header line). */
  line(p: PsProc | undefined, forestPrefix = ''): string {
    const { list, active, ctx } = this;
    ctx.forestPrefix = forestPrefix;
    let correct = 0, actual = 0, dospace = 0;
    let line = '';
    for (let i = 0; i < list.length; i++) {
      const f = list[i];
      const last = i === list.length - 1;
      let tmpspace = 0;
      let maxRightward: number;
      if (!last) maxRightward = f.width;
      else {
        tmpspace = correct - actual;
        if (tmpspace < 1) { tmpspace = dospace; maxRightward = active - actual - tmpspace; }
        else maxRightward = active - Math.max(correct, actual);
      }
      ctx.maxRightward = Math.max(0, Math.min(maxRightward, OUTBUF_SIZE - 1));
      const printer = this.printers[i];
      let text = p && printer ? printer(p, ctx) : f.name;
      let leftpad = 0;
      let legit = 0;
      switch (f.just) {
        case 'R': leftpad = Math.max(0, f.width - text.length); break;
        case 'SIG':
          if (this.base.wideSignals) { leftpad = Math.max(0, 16 - text.length); legit = 7; } else leftpad = Math.max(0, 9 - text.length);
          break;
        case 'USER': leftpad = this.base.userIsNumber ? Math.max(0, f.width - text.length) : 0; break;
        case 'U': case 'WCHAN': if (active - actual - tmpspace < 1) text = text.slice(0, 1); break;
        default: break;
      }
      let space = correct - actual + leftpad;
      if (space < 1) space = dospace;
      if (space > 144) space = 144;
      line += SPACES[space] + text;
      if (last) break;
      actual += space + text.length;
      correct += f.width + legit;
      if (f.spec && list[i + 1].spec) { correct++; dospace = 1; } else dospace = 0;
    }
    return line + '\n';
  }
}

/**
 * show_forest/show_tree: processes sorted by ppid; roots are those whose parent is not listed,
 * found scanning from the end (so kthreadd's tree comes before init's). Children of PID 1 stay at
 * their parent's level unless the tree is -H style (procps' ADOPTED rule).
 */
export function forestOrder(procs: PsProc[], forestType: string): Array<{ p: PsProc; prefix: string }> {
  const out: Array<{ p: PsProc; prefix: string }> = [];
  const n = procs.length;
  const prefix: string[] = [];
  const showTree = (self: number, level: number, haveSibling: boolean) => {
    if (level) prefix[level - 1] = haveSibling ? '+' : 'L';
    prefix.length = level;
    out.push({ p: procs[self], prefix: prefix.join('') });
    const selfPid = procs[self].pid;
    let i = procs.findIndex((q) => q.ppid === selfPid);
    if (i < 0) return;
    if (level) prefix[level - 1] = haveSibling ? '|' : ' ';
    prefix.length = level;
    for (let more = true; more && i < n; i++) {
      if (i + 1 >= n || procs[i + 1].ppid !== selfPid) more = false;
      showTree(i, selfPid === 1 && forestType !== 'u' ? level : level + 1, more);
    }
    prefix.length = level;
  };
  for (let i = n - 1; i >= 0; i--) {
    if (procs.some((q) => q.pid === procs[i].ppid)) continue;
    showTree(i, 0, false);
  }
  return out;
}
