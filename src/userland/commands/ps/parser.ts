import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { helpText, listFormatSpecifiers, VERSION } from './help.ts';
import { listParsers, type Item, type ListParser, type ListParsers } from './lists.ts';
import { OUTBUF_SIZE, type SysInfo } from './procs.ts';
import {
  cStrtol, FF_Bj, FF_Bl, FF_Bs, FF_Bu, FF_Bv, FF_Fc, FF_Lm, FF_LX, FF_Uf, FF_Ul, FM_c, FM_F, FM_j, FM_M,
  FM_P, FM_y, PsExit, SS_B_a, SS_B_g, SS_B_x, SS_U_a, SS_U_d, TF_B_H, TF_B_m, TF_must_use, TF_U_L, TF_U_m, TF_U_T,
  type PsState, type SelType, type SfCode,
} from './state.ts';

/**
 * procps parser.c: every argument is classified as BSD (`aux`), SysV (`-ef`), GNU (`--sort`) or a
 * bare PID list; a first pass reads `-x` words as SysV options and, if anything fails, a second pass
 * re-reads everything the BSD way (so `ps -aux` works). Errors are reported from the first pass.
 */

export class Parser {
  private argv: string[];
  private i = 0;
  private flag = '';
  private pos = 0;

  constructor(argv: string[], private readonly s: PsState, sys: SysApi, info: SysInfo) {
    this.argv = argv;
    this.items = listParsers(s, sys, info);
  }

  /** get_opt_arg: the rest of this word, else the next (non-empty) word. */
  private optArg(): string | undefined {
    const rest = this.flag.slice(this.pos + 1);
    if (rest) return rest;
    if (this.i + 1 >= this.argv.length || this.argv[this.i + 1] === '') return undefined;
    return this.argv[++this.i];
  }

  private readonly items: ListParsers;
  private get pid() { return this.items.pid; }
  private get uid() { return this.items.uid; }
  private get gid() { return this.items.gid; }
  private get cmd() { return this.items.cmd; }
  private get tty() { return this.items.tty; }

  /** parse_list: comma/blank separated, no empty items. */
  private list(arg: string, fn: ListParser, type: SelType): string | undefined {
    if (/^[ ,\t]|[ ,\t]$|[ ,\t]{2}/.test(arg) || arg === '') return 'improper list';
    const vals: Item[] = [];
    for (const item of arg.split(/[ ,\t]/)) {
      const r = fn(item);
      if (r.err) return r.err;
      vals.push(r.v!);
    }
    this.s.selections.push({ type, nums: vals.filter((v): v is number => typeof v === 'number'), strs: vals.filter((v): v is string => typeof v === 'string') });
    return undefined;
  }

  private exclusive(x: string): string | undefined {
    if (this.argv.length !== 1 || this.argv[0] !== x) return `the option is exclusive: ${x}`;
    throw new PsExit(0, VERSION);
  }

  private sysv(): string | undefined {
    const s = this.s;
    for (this.pos = 1; this.pos < this.flag.length; this.pos++) {
      const c = this.flag[this.pos];
      const listOpt = (msg: string, fn: ListParser, type: SelType) => { const a = this.optArg(); return a === undefined ? msg : this.list(a, fn, type) ?? null; };
      let r: string | null | undefined;
      switch (c) {
        case 'A': case 'e': s.allProcesses = true; break;
        case 'C': r = listOpt('list of command names must follow -C', this.cmd, 'COMM'); break;
        case 'D': { const a = this.optArg(); if (a === undefined) return 'date format must follow -D'; s.lstartFormat = a; break; }
        case 'F': s.formatModifiers |= FM_F; s.formatFlags |= FF_Uf; s.unixF = true; break;
        case 'G': r = listOpt('list of real groups must follow -G', this.gid, 'RGID'); break;
        case 'H': s.forestType = 'u'; break;
        case 'L': s.threadFlags |= TF_U_L; break;
        case 'M': case 'Z': s.formatModifiers |= FM_M; break;
        case 'N': s.negate = true; break;
        case 'O': { const a = this.optArg(); if (a === undefined) return 'format or sort specification must follow -O'; this.defer(a, 'U_O'); return undefined; }
        case 'P': s.formatModifiers |= FM_P; break;
        case 'T': s.threadFlags |= TF_U_T; break;
        case 'U': r = listOpt('list of real users must follow -U', this.uid, 'RUID'); break;
        case 'V': return this.exclusive('-V');
        case 'a': s.simpleSelect |= SS_U_a; break;
        case 'c': s.formatModifiers |= FM_c; break;
        case 'd': s.simpleSelect |= SS_U_d; break;
        case 'f': s.formatFlags |= FF_Uf; s.unixF = true; break;
        case 'g': {
          const a = this.optArg();
          if (a === undefined) return 'list of session leaders OR effective group names must follow -g';
          if (!this.list(a, this.pid, 'SESS')) return undefined;
          if (!this.list(a, this.gid, 'EGID')) return undefined;
          return 'list of session leaders OR effective group IDs was invalid';
        }
        case 'j': s.formatModifiers |= FM_j; break;
        case 'l': s.formatFlags |= FF_Ul; break;
        case 'm': s.threadFlags |= TF_U_m; break;
        case 'o': { const a = this.optArg(); if (a === undefined) return 'format specification must follow -o'; this.defer(a, 'U_o'); return undefined; }
        case 'p': r = listOpt('list of process IDs must follow -p', this.pid, 'PID'); break;
        case 'q': r = listOpt('List of process IDs must follow -q.', this.pid, 'PID'); break;
        case 's': r = listOpt('list of session IDs must follow -s', this.pid, 'SESS'); break;
        case 't': r = listOpt('list of terminals (pty, tty...) must follow -t', this.tty, 'TTY'); break;
        case 'u': r = listOpt('list of users must follow -u', this.uid, 'EUID'); break;
        case 'w': s.wCount++; break;
        case 'x': return 'must set personality to get -x option';
        case 'y': s.formatModifiers |= FM_y; break;
        case '-': return "embedded '-' among SysV options makes no sense";
        default: return 'unsupported SysV option';
      }
      if (r !== undefined) return r ?? undefined; // list options end the word
    }
    return undefined;
  }

  private bsd(): string | undefined {
    const s = this.s;
    if (!this.flag.startsWith('-') && s.forceBsd) return 'second chance parse failed, not BSD or SysV';
    const start = this.flag.startsWith('-') ? 1 : 0;
    for (this.pos = start; this.pos < this.flag.length; this.pos++) {
      const c = this.flag[this.pos];
      const listOpt = (msg: string, fn: ListParser, type: SelType) => { const a = this.optArg(); return a === undefined ? msg : this.list(a, fn, type) ?? null; };
      let r: string | null | undefined;
      if (c >= '0' && c <= '9') return this.list(this.flag.slice(this.pos), this.pid, 'PID');
      switch (c) {
        case 'H': s.threadFlags |= TF_B_H; break;
        case 'L': if (this.argv.length !== 1 || this.argv[0] !== 'L') return 'the option is exclusive: L'; throw new PsExit(0, listFormatSpecifiers());
        case 'M': s.threadFlags |= TF_B_m; break;
        case 'O': { const a = this.optArg(); if (a === undefined) return 'format or sort specification must follow O'; this.defer(a, 'B_O'); return undefined; }
        case 'S': s.includeDeadChildren = true; break;
        case 'T': s.selections.push({ type: 'TTY', nums: [s.cachedTty], strs: [] }); break;
        case 'U': r = listOpt('list of users must follow U', this.uid, 'EUID'); break;
        case 'V': return this.exclusive('V');
        case 'W': return 'obsolete W option not supported (you have a /dev/drum?)';
        case 'X': s.formatFlags |= FF_LX; break;
        case 'Z': s.formatModifiers |= FM_M; break;
        case 'a': s.simpleSelect |= SS_B_a; break;
        case 'c': s.bsdC = true; break;
        case 'e': s.bsdE = true; break;
        case 'f': s.forestType = 'b'; break;
        case 'g': s.simpleSelect |= SS_B_g; break;
        case 'h': if (s.headerType !== 'single') return 'only one heading option may be specified'; s.headerType = 'none'; break;
        case 'j': s.formatFlags |= FF_Bj; break;
        case 'k': { const a = this.optArg(); if (a === undefined) return "long sort specification must follow 'k'"; this.defer(a, 'G_sort'); return undefined; }
        case 'l': s.formatFlags |= FF_Bl; break;
        case 'm': if (s.oldM) s.formatFlags |= FF_Lm; else s.threadFlags |= TF_B_m; break;
        case 'n': s.userIsNumber = true; break;
        case 'o': { const a = this.optArg(); if (a === undefined) return 'format specification must follow o'; this.defer(a, 'B_o'); return undefined; }
        case 'p': r = listOpt('list of process IDs must follow p', this.pid, 'PID'); break;
        case 'q': r = listOpt('List of process IDs must follow q.', this.pid, 'PID'); break;
        case 'r': s.runningOnly = true; break;
        case 's': s.formatFlags |= FF_Bs; break;
        case 't': {
          const a = this.optArg();
          if (a === undefined) { s.selections.push({ type: 'TTY', nums: [s.cachedTty], strs: [] }); return undefined; }
          return this.list(a, this.tty, 'TTY');
        }
        case 'u': s.formatFlags |= FF_Bu; break;
        case 'v': s.formatFlags |= FF_Bv; break;
        case 'w': s.wCount++; break;
        case 'x': s.simpleSelect |= SS_B_x; break;
        case '-': return "embedded '-' among BSD options makes no sense";
        default: return 'unsupported option (BSD syntax)';
      }
      if (r !== undefined) return r ?? undefined;
    }
    return undefined;
  }

  /** grab_gnu_arg: after `=` or `:`, else the next non-empty word. */
  private gnuArg(rest: string): string | undefined {
    if (rest) return rest.length > 1 ? rest.slice(1) : undefined;
    if (this.i + 1 >= this.argv.length || this.argv[this.i + 1] === '') return undefined;
    return this.argv[++this.i];
  }

  private gnu(): string | undefined {
    const s = this.s;
    const body = this.flag.slice(2);
    const sl = body.search(/[:=]|$/);
    if (sl > 15) return 'unknown gnu long option';
    const name = body.slice(0, sl);
    const rest = body.slice(sl);
    const list = (msg: string, fn: ListParser, type: SelType) => { const a = this.gnuArg(rest); return a === undefined ? msg : this.list(a, fn, type); };
    const noArg = (what: string) => (rest ? `option --${what} does not take an argument` : undefined);
    const heading = (t: 'none' | 'multi') => {
      const e = noArg(t === 'none' ? 'no-heading' : 'heading');
      if (e) return e;
      if (s.headerType !== 'single') return 'only one heading option may be specified';
      s.headerType = t;
      return undefined;
    };
    switch (name) {
      case 'Group': return list('list of real groups must follow --Group', this.gid, 'RGID');
      case 'User': return list('list of real users must follow --User', this.uid, 'RUID');
      case 'cols': case 'columns': case 'width': {
        const a = this.gnuArg(rest);
        const { value, end } = a ? cStrtol(a) : { value: 0, end: 0 };
        if (a && end === a.length && value > 0 && value < 2000000000) { s.screenCols = value; return undefined; }
        return 'number of columns must follow --cols, --width, or --columns';
      }
      case 'context': s.formatFlags |= FF_Fc; return undefined;
      case 'cumulative': return noArg('cumulative') ?? void (s.includeDeadChildren = true);
      case 'date-format': { const a = this.gnuArg(rest); if (a === undefined) return 'date format must follow --date-format'; s.lstartFormat = a; return undefined; }
      case 'deselect': return noArg('deselect') ?? void (s.negate = true);
      case 'forest': return noArg('forest') ?? void (s.forestType = 'g');
      case 'format': { const a = this.gnuArg(rest); if (a === undefined) return 'format specification must follow --format'; this.defer(a, 'G_format'); return undefined; }
      case 'group': return list('list of effective groups must follow --group', this.gid, 'EGID');
      case 'header': case 'headers': case 'heading': case 'headings': return heading('multi');
      case 'no-header': case 'no-headers': case 'no-heading': case 'no-headings':
      case 'noheader': case 'noheaders': case 'noheading': case 'noheadings': return heading('none');
      case 'lines': case 'rows': {
        const a = this.gnuArg(rest);
        const { value, end } = a ? cStrtol(a) : { value: 0, end: 0 };
        if (a && end === a.length && value > 0 && value < 2000000000) { s.screenRows = value; return undefined; }
        return 'number of rows must follow --rows or --lines';
      }
      case 'pid': return list('list of process IDs must follow --pid', this.pid, 'PID');
      case 'ppid': return list('list of process IDs must follow --ppid', this.pid, 'PPID');
      case 'quick-pid': return list('List of process IDs must follow --quick-pid.', this.pid, 'PID');
      case 'sid': return list('some sid thing(s) must follow --sid', this.pid, 'SESS');
      case 'sort': { const a = this.gnuArg(rest); if (a === undefined) return 'long sort specification must follow --sort'; this.defer(a, 'G_sort'); return undefined; }
      case 'tty': return list('list of ttys must follow --tty', this.tty, 'TTY');
      case 'user': return list('list of effective users must follow --user', this.uid, 'EUID');
      case 'version': return this.exclusive('--version');
      case 'help': throw new PsExit(0, helpText(this.gnuArg(rest)));
      default: return 'unknown gnu long option';
    }
  }

  private defer(arg: string, code: SfCode): void { this.s.sfList.push({ sf: arg, code }); }

  /** parse_trailing_pids: `123 -45 +6` = pid, process group, session. */
  private trailing(): string | undefined {
    const kinds: Record<string, SelType> = { '': 'PID', '-': 'PGRP', '+': 'SESS' };
    const got: Record<string, number[]> = { PID: [], PGRP: [], SESS: [] };
    for (const a of this.argv.slice(this.i)) {
      const sign = a[0] === '-' || a[0] === '+' ? a[0] : '';
      const r = this.pid(a.slice(sign.length));
      if (r.err) return r.err;
      got[kinds[sign]].push(r.v as number);
    }
    this.i = this.argv.length;
    for (const type of ['PID', 'PGRP', 'SESS'] as SelType[]) if (got[type].length) this.s.selections.push({ type, nums: got[type], strs: [] });
    return undefined;
  }

  /** parse_all_options. */
  parseAll(): string | undefined {
    const s = this.s;
    for (this.i = 0; this.i < this.argv.length; this.i++) {
      this.flag = this.argv[this.i];
      const a = this.flag;
      const letter = (ch: string | undefined) => !!ch && /[a-zA-Z]/.test(ch);
      let err: string | undefined;
      if (letter(a[0])) {
        // In the second (BSD) pass a bare BSD word ends it: procps answers "way bad" there.
        if (s.forceBsd) return 'way bad';
        s.preferBsd = true;
        err = this.bsd();
      }
      else if (/[0-9+]/.test(a[0] ?? '')) { s.preferBsd = true; err = this.trailing(); }
      else if (a[0] !== '-') return 'garbage option';
      else if (letter(a[1])) {
        if (s.forceBsd) { s.preferBsd = true; err = this.bsd(); } else err = this.sysv();
      } else if (/[0-9]/.test(a[1] ?? '')) { s.preferBsd = true; err = this.trailing(); }
      else if (a[1] === '-' && letter(a[2])) err = this.gnu();
      else return 'garbage option';
      if (err) return err;
    }
    return undefined;
  }
}

/** choose_dimensions: `w` gives at least 132 columns, `ww` unlimited. */
export function chooseDimensions(s: PsState): void {
  if (s.wCount && s.screenCols < 132) s.screenCols = 132;
  if (s.wCount > 1) s.screenCols = OUTBUF_SIZE;
}

/** thread_option_check. */
export function threadOptionCheck(s: PsState): string | undefined {
  if (!s.threadFlags) return undefined;
  if (s.forestType) return 'thread display conflicts with forest display';
  if (s.threadFlags & TF_B_H && s.threadFlags & (TF_B_m | TF_U_m)) return "thread flags conflict; can't use H with m or -m";
  if (s.threadFlags & TF_B_m && s.threadFlags & TF_U_m) return "thread flags conflict; can't use both m and -m";
  if (s.threadFlags & TF_U_L && s.threadFlags & TF_U_T) return "thread flags conflict; can't use both -L and -T";
  // -L/-T combined with a thread style must modify the format (nsbox lists no threads, only processes).
  if (s.threadFlags & (TF_U_T | TF_U_L) && s.threadFlags & (TF_B_m | TF_U_m | TF_B_H)) s.threadFlags |= TF_must_use;
  return undefined;
}
