import type { ProgramImage } from '../../../kernel/program.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';

/**
 * sleep(1) from GNU coreutils: the sum of NUMBER[smhd] arguments (strtod syntax, so `1.5`, `1e2`,
 * `0x10` and `inf` work), slept with nanosleep(2) so ^C or SIGTERM ends it by their default action.
 */
const HELP = `Usage: sleep NUMBER[SUFFIX]...
  or:  sleep OPTION
Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),
'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an
integer.  Given two or more arguments, pause for the amount of time
specified by the sum of their values.

      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/sleep>
or available locally via: info '(coreutils) sleep invocation'
`;

const VERSION = `sleep (GNU coreutils) 9.1
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jim Meyering and Paul Eggert.
`;

const TRY = "Try 'sleep --help' for more information.\n";

/**
 * C strtod over the start of `s`: [blanks][sign](decimal[exp] | 0x hex[.hex][p exp] | inf[inity] |
 * nan[(…)]). Returns the value and the unparsed rest, or undefined when no number starts `s`.
 */
export function cStrtod(s: string): { value: number; rest: string } | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(inf(?:inity)?)|(nan(?:\([0-9A-Za-z_]*\))?))/i.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let v: number;
  if (m[2]) {
    const [, mant, exp] = /^0[xX]([^pP]*)(?:[pP]([+-]?\d+))?$/.exec(m[2])!;
    const [ip, fp = ''] = mant.split('.');
    v = (parseInt(ip || '0', 16) + (fp ? parseInt(fp, 16) / 16 ** fp.length : 0)) * 2 ** Number(exp ?? 0);
  } else if (m[3]) v = Number(m[3]);
  else if (m[4]) v = Infinity;
  else v = NaN;
  return { value: sign * v, rest: s.slice(m[0].length) };
}

const SUFFIX: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** gnulib quote(): ‘…’ in a UTF-8 locale, '…' otherwise. */
function quote(s: string, env: Map<string, string>): string {
  const lang = env.get('LC_ALL') || env.get('LC_MESSAGES') || env.get('LANG') || '';
  return /utf-?8/i.test(lang) ? `\u2018${s}\u2019` : `'${s}'`;
}

export const sleep: ProgramImage = {
  vszKb: 5440, rssKb: 1524,
  main: async ({ argv, env, sys, out, err }) => {
    let operands: string[];
    try {
      // parse_gnu_standard_options_only: just --help and --version; anything else is invalid.
      const r = getopt('sleep', argv.slice(1), '', [{ name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      for (const o of r.options) {
        if (o.key === 'help') { await out(HELP); return 0; }
        if (o.key === 'version') { await out(VERSION); return 0; }
      }
      operands = r.operands;
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\n${TRY}`);
      return 1;
    }
    if (argv.length === 1) {
      await err(`sleep: missing operand\n${TRY}`);
      return 1;
    }
    let seconds = 0;
    let ok = true;
    for (const a of operands) {
      const n = cStrtod(a);
      const mult = n && n.rest.length <= 1 ? SUFFIX[n.rest] : undefined;
      if (!n || !(n.value >= 0) || mult === undefined) {
        await err(`sleep: invalid time interval ${quote(a, env)}\n`);
        ok = false;
        continue;
      }
      seconds += n.value * mult;
    }
    if (!ok) { await err(TRY); return 1; }
    // xnanosleep: sleep the remainder again if a caught signal interrupts (default actions end us).
    const until = sys.time() + seconds * 1000;
    for (;;) {
      const left = until - sys.time();
      if (!(left > 0)) break;
      try {
        await sys.nanosleep(Math.min(left, 2 ** 31 - 1));
      } catch (e) {
        if (!isKernelError(e, 'EINTR')) throw e;
      }
    }
    return 0;
  },
};
