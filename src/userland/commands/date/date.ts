import type { ProgramImage } from '../../../kernel/program.ts';
import { parseArgs, tryHelp, usageMessage } from '../../lib/cli.ts';
import { errMsg } from '../../lib/io.ts';
import { parseDate } from '../../lib/parsedate.ts';
import { quote, quoteaf } from '../../lib/quote.ts';
import { dateFormat, strftime, timeLocale } from '../../lib/strftime.ts';

const ISO: Record<string, string> = {
  date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z',
  seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,%N%:z',
};
const RFC3339: Record<string, string> = { date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.%N%:z' };

/** Match an argument against a list of names the way argmatch does (unique prefixes allowed). */
function argmatch(v: string, names: string[]): string | undefined {
  return names.find((n) => n === v) ?? (names.filter((n) => n.startsWith(v)).length === 1 ? names.find((n) => n.startsWith(v)) : undefined);
}

/** date(1) from coreutils: the system clock (UTC) in the locale's format, +FORMAT, -d, -r, -I, -R. */
export const date: ProgramImage = {
  vszKb: 7352, rssKb: 1980,
  main: async ({ argv, env, sys, out, err }) => {
    const r = await parseArgs('date', argv.slice(1), 'd:f:I::r:Rs:u', [
      { name: 'date', arg: 'required', key: 'd' }, { name: 'iso-8601', arg: 'optional', key: 'I' },
      { name: 'reference', arg: 'required', key: 'r' }, { name: 'rfc-email', arg: 'none', key: 'R' },
      { name: 'rfc-3339', arg: 'required', key: 'rfc-3339' }, { name: 'set', arg: 'required', key: 's' },
      { name: 'utc', arg: 'none', key: 'u' }, { name: 'universal', arg: 'none', key: 'u' },
    ], err);
    if (!r) return 1;
    const loc = timeLocale(env);
    let when = sys.time();
    let format: string | undefined;
    let set: string | undefined;
    for (const { key, value } of r.options) {
      if (key === 'd') {
        const t = parseDate(value!, sys.time());
        if (t === null) { await err(`date: invalid date ${quote(env, value!)}\n`); return 1; }
        when = t;
      } else if (key === 'r') {
        try { when = sys.stat(value!).mtime; } catch (e) { await err(`date: ${value}: ${errMsg(e)}\n`); return 1; }
      } else if (key === 'R') format = '%a, %d %b %Y %H:%M:%S %z';
      else if (key === 'I' || key === 'rfc-3339') {
        const table = key === 'I' ? ISO : RFC3339;
        const m = value === undefined ? 'date' : argmatch(value, Object.keys(table));
        if (!m) {
          const opt = key === 'I' ? '--iso-8601' : '--rfc-3339';
          await err(`date: invalid argument ${quote(env, value!)} for '${opt}'\nValid arguments are:\n${Object.keys(table).map((k) => `  - '${k}'\n`).join('')}${tryHelp('date')}`);
          return 1;
        }
        format = table[m];
      } else if (key === 's') set = value;
    }
    for (const op of r.operands) {
      if (op.startsWith('+') && format === undefined) { format = op.slice(1); continue; }
      if (!op.startsWith('+') && set === undefined && r.operands.length === 1) {
        const m = /^(\d{2})(\d{2})(\d{2})(\d{2})((?:\d{2}){0,2})(?:\.(\d{2}))?$/.exec(op);
        if (!m) { await err(`date: invalid date ${quote(env, op)}\n`); return 1; }
        set = op;
        continue;
      }
      await err(usageMessage('date', `extra operand ${quoteaf(op)}`));
      return 1;
    }
    let status = 0;
    if (set !== undefined) {
      if (r.options.some((o) => o.key === 's') && parseDate(set, sys.time()) === null) {
        await err(`date: invalid date ${quote(env, set)}\n`);
        return 1;
      }
      // There is no settimeofday for programs: the simulated clock belongs to the host.
      await err('date: cannot set date: Operation not permitted\n');
      status = 1;
    }
    await out(strftime(format ?? dateFormat(loc), when, loc) + '\n');
    return status;
  },
};
