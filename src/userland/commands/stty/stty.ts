import { isKernelError } from '../../../kernel/errno.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import type { Termios, Winsize } from '../../../kernel/syscalls/SysApi.ts';

/**
 * stty(1) from coreutils: shows or changes the terminal on standard input. nsbox's line discipline
 * models icanon, echo, isig and onlcr; every other setting prints as a pty's default, so `stty -a`
 * reads as on a real pty. Output lines are wrapped to the terminal width as stty's wrapf() does.
 */
export const stty: ProgramImage = {
  vszKb: 5584, rssKb: 1792,
  main: async (proc: Proc) => {
    const { sys } = proc;
    const args = proc.argv.slice(1);
    const fail = async (msg: string) => { await proc.err(`stty: ${msg}\n`); return 1; };
    let t: Termios;
    let ws: Winsize;
    try {
      t = sys.tcgetattr(0);
      ws = sys.getWinsize(0);
    } catch (e) {
      if (isKernelError(e)) return fail(`'standard input': ${e.message}`);
      throw e;
    }
    if (args.length === 1 && (args[0] === '-a' || args[0] === '--all')) { await proc.out(showAll(t, ws)); return 0; }
    if (args.length === 0) { await proc.out(showChanged(t)); return 0; }
    if (args.length === 1 && args[0] === 'size') { await proc.out(`${ws.rows} ${ws.cols}\n`); return 0; }
    const next: Termios = { ...t };
    const size = { ...ws };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const off = a.startsWith('-');
      const name = off ? a.slice(1) : a;
      if (name === 'icanon' || name === 'echo' || name === 'isig' || name === 'onlcr') next[name] = !off;
      else if (a === 'raw' || a === '-cooked') Object.assign(next, { icanon: false, isig: false });
      else if (a === 'cooked' || a === '-raw' || a === 'sane') Object.assign(next, { icanon: true, isig: true, echo: true, onlcr: true });
      else if (a === 'rows' || a === 'cols' || a === 'columns') {
        const v = args[++i];
        if (v === undefined) return fail(`missing argument to '${a}'\nTry 'stty --help' for more information.`);
        if (!/^\d+$/.test(v) || Number(v) > 65535) return fail(`invalid integer argument: '${v}'`);
        if (a === 'rows') size.rows = Number(v); else size.cols = Number(v);
      } else if (KNOWN.has(name)) continue; // a setting of the real line discipline nsbox does not model
      else return fail(`invalid argument '${a}'\nTry 'stty --help' for more information.`);
    }
    sys.tcsetattr(0, next);
    if (size.rows !== ws.rows || size.cols !== ws.cols) sys.setWinsize(0, size);
    return 0;
  },
};

/** The settings stty -a lists, by group, with a pty's defaults (true: set). */
const GROUPS: Array<Array<[string, boolean | keyof Termios]>> = [
  [['parenb', false], ['parodd', false], ['cmspar', false], ['cs8', true], ['hupcl', false], ['cstopb', false], ['cread', true], ['clocal', false], ['crtscts', false]],
  [['ignbrk', false], ['brkint', false], ['ignpar', false], ['parmrk', false], ['inpck', false], ['istrip', false], ['inlcr', false], ['igncr', false], ['icrnl', true], ['ixon', true], ['ixoff', false], ['iuclc', false], ['ixany', false], ['imaxbel', false], ['iutf8', true]],
  [['opost', true], ['olcuc', false], ['ocrnl', false], ['onlcr', 'onlcr'], ['onocr', false], ['onlret', false], ['ofill', false], ['ofdel', false], ['nl0', true], ['cr0', true], ['tab0', true], ['bs0', true], ['vt0', true], ['ff0', true]],
  [['isig', 'isig'], ['icanon', 'icanon'], ['iexten', true], ['echo', 'echo'], ['echoe', true], ['echok', true], ['echonl', false], ['noflsh', false], ['xcase', false], ['tostop', false], ['echoprt', false], ['echoctl', true], ['echoke', true], ['flusho', false], ['extproc', false]],
];
/** What `stty sane` would set differently from a pty's defaults: stty without arguments shows these. */
const SANE_DIFF = new Set(['brkint', 'imaxbel']);
const KNOWN = new Set(GROUPS.flat().map(([n]) => n));

const CONTROL_CHARS = 'intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>; eol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R; werase = ^W; lnext = ^V; discard = ^O;'.split(/(?<=;) /);

/** coreutils' wrapf(): items separated by a space, a new line before one that would reach the width. */
function wrapper(width: number) {
  let out = '', col = 0;
  return {
    item(s: string) {
      if (col > 0) {
        if (width - col <= s.length) { out += '\n'; col = 0; } else { out += ' '; col++; }
      }
      out += s;
      col += s.length;
    },
    endLine() { if (col > 0) out += '\n'; col = 0; },
    get text() { return out; },
  };
}

const flag = (t: Termios, [name, v]: [string, boolean | keyof Termios]) => (typeof v === 'boolean' ? v : t[v]) ? name : `-${name}`;

function showAll(t: Termios, ws: Winsize): string {
  const w = wrapper(ws.cols > 0 ? ws.cols : 80);
  w.item('speed 38400 baud;');
  w.item(`rows ${ws.rows}; columns ${ws.cols};`);
  w.item('line = 0;');
  w.endLine();
  for (const c of CONTROL_CHARS) w.item(c);
  w.item('min = 1; time = 0;');
  w.endLine();
  for (const g of GROUPS) { for (const f of g) w.item(flag(t, f)); w.endLine(); }
  return w.text;
}

function showChanged(t: Termios): string {
  const w = wrapper(80);
  w.item('speed 38400 baud;');
  w.item('line = 0;');
  w.endLine();
  for (const g of GROUPS) {
    for (const f of g) {
      const shown = flag(t, f);
      const modelled = typeof f[1] !== 'boolean';
      if ((modelled && shown.startsWith('-')) || SANE_DIFF.has(f[0]) || f[0] === 'iutf8') w.item(shown);
    }
    w.endLine();
  }
  return w.text;
}
