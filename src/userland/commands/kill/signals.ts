/**
 * procps lib/signals.c: the signal table and name<->number conversions that kill, pkill and skill
 * share. Names are matched case-insensitively, with or without `SIG`; numbers up to RTMIN+93 pass.
 */
export const SIGRTMIN = 34;

/** sigtable, sorted by name as procps keeps it for bsearch. */
const SIGTABLE: Array<[string, number]> = [
  ['ABRT', 6], ['ALRM', 14], ['BUS', 7], ['CHLD', 17], ['CONT', 18], ['FPE', 8], ['HUP', 1], ['ILL', 4],
  ['INT', 2], ['KILL', 9], ['PIPE', 13], ['POLL', 29], ['PROF', 27], ['PWR', 30], ['QUIT', 3], ['SEGV', 11],
  ['STKFLT', 16], ['STOP', 19], ['SYS', 31], ['TERM', 15], ['TRAP', 5], ['TSTP', 20], ['TTIN', 21], ['TTOU', 22],
  ['URG', 23], ['USR1', 10], ['USR2', 12], ['VTALRM', 26], ['WINCH', 28], ['XCPU', 24], ['XFSZ', 25],
];
export const NUMBER_OF_SIGNALS = SIGTABLE.length;

/** strtol(…, 10) that must consume the whole (non-empty) string. */
function wholeInt(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** signal_name_to_number: -1 when not a signal. */
export function signalNameToNumber(input: string): number {
  let name = input;
  if (name.slice(0, 3).toUpperCase() === 'SIG') name = name.slice(3);
  const up = name.toUpperCase();
  if (up === 'CLD') return 17;
  if (up === 'IO') return 29;
  if (up === 'IOT') return 6;
  const hit = SIGTABLE.find(([n]) => n === up);
  if (hit) return hit[1];
  if (up === 'RTMIN') return SIGRTMIN;
  if (up === 'EXIT' || up === 'NULL') return 0;
  let offset = 0;
  if (up.startsWith('RTMIN+')) { name = name.slice(6); offset = SIGRTMIN; }
  const val = wholeInt(name);
  if (val === undefined || val < 0 || val + SIGRTMIN > 127) return -1;
  return val + offset;
}

/** signal_number_to_name. */
export function signalNumberToName(signo: number): string {
  const s = signo & 0x7f;
  const hit = SIGTABLE.find(([, n]) => n === s);
  if (hit) return hit[0];
  if (s === SIGRTMIN) return 'RTMIN';
  return s ? `RTMIN+${s - SIGRTMIN}` : '0';
}

/** strtosig (`kill -l NAME|NUMBER`): the other representation, or undefined. */
export function strtosig(s: string): string | undefined {
  let p = s.toUpperCase();
  if (p.startsWith('SIG')) p = p.slice(3);
  if (/^\d/.test(p)) {
    // procps converts the original text here, so `SIG9` fails.
    const m = /^[ \t\n\v\f\r]*[+-]?\d+$/.exec(s);
    if (!m) return undefined;
    const n = Number(s.trim());
    return n ? SIGTABLE.find(([, v]) => v === n)?.[0] : undefined;
  }
  const hit = SIGTABLE.find(([name]) => name === p);
  return hit ? String(hit[1]) : undefined;
}

/** unix_print_signals (`kill -l`): names separated by spaces, a new line once past column 73. */
export function unixPrintSignals(): string {
  let out = '';
  let pos = 0;
  for (let i = 1; i <= NUMBER_OF_SIGNALS; i++) {
    if (i > 1) {
      if (pos > 73) { out += '\n'; pos = 0; } else { out += ' '; pos++; }
    }
    const name = signalNumberToName(i);
    out += name;
    pos += name.length;
  }
  return out + '\n';
}

/** pretty_print_signals (`kill -L`): `%2d %s` cells 11 wide, 7 per line (the last line keeps its padding). */
export function prettyPrintSignals(): string {
  let out = '';
  let i = 1;
  for (; i <= NUMBER_OF_SIGNALS; i++) {
    const cell = `${String(i).padStart(2)} ${signalNumberToName(i)}`;
    out += i % 7 ? cell + ' '.repeat(Math.max(0, 11 - cell.length)) : `${cell}\n`;
  }
  if ((i - 1) % 7) out += '\n';
  return out;
}

/** skill_sig_option: the first `-SIGNAL` word anywhere in args is taken out and returned (-1: none). */
export function takeSignalOption(args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    if (args[i][0] !== '-') continue;
    const signo = signalNameToNumber(args[i].slice(1));
    if (signo > -1) {
      args.splice(i, 1);
      return signo;
    }
  }
  return -1;
}
