import type { ProgramImage } from '../../../kernel/program.ts';
import { O_CREAT, O_WRONLY } from '../../../kernel/constants.ts';
import { parseArgs, usageMessage } from '../../lib/cli.ts';
import { errMsg } from '../../lib/io.ts';
import { parseDate, parseTouchStamp } from '../../lib/parsedate.ts';
import { quote, quoteaf } from '../../lib/quote.ts';

/** touch(1) from coreutils: create missing files (unless -c) and set their time (now, -d, -t or -r). */
export const touch: ProgramImage = {
  vszKb: 7240, rssKb: 1808,
  main: async ({ argv, env, sys, err }) => {
    const r = await parseArgs('touch', argv.slice(1), 'acd:fhmr:t:', [
      { name: 'no-create', arg: 'none', key: 'c' }, { name: 'date', arg: 'required', key: 'd' },
      { name: 'reference', arg: 'required', key: 'r' }, { name: 'no-dereference', arg: 'none', key: 'h' },
      { name: 'time', arg: 'required', key: 'time' },
    ], err);
    if (!r) return 1;
    const now = sys.time();
    let when: number | undefined;
    let noCreate = false;
    for (const { key, value } of r.options) {
      if (key === 'c') noCreate = true;
      else if (key === 'd') {
        const t = parseDate(value!, now);
        if (t === null) { await err(`touch: invalid date format ${quote(env, value!)}\n`); return 1; }
        when = t;
      } else if (key === 't') {
        const t = parseTouchStamp(value!, now);
        if (t === null) { await err(`touch: invalid date format ${quote(env, value!)}\n`); return 1; }
        when = t;
      } else if (key === 'r') {
        try { when = sys.stat(value!).mtime; } catch (e) {
          await err(`touch: failed to get attributes of ${quoteaf(value!)}: ${errMsg(e)}\n`);
          return 1;
        }
      }
    }
    if (r.operands.length === 0) { await err(usageMessage('touch', 'missing file operand')); return 1; }
    let status = 0;
    for (const f of r.operands) {
      if (f === '-') continue;
      let exists = true;
      try { sys.stat(f); } catch { exists = false; }
      if (!exists) {
        if (noCreate) continue;
        try {
          sys.close(sys.open(f, O_WRONLY | O_CREAT, 0o666));
        } catch (e) {
          await err(`touch: cannot touch ${quoteaf(f)}: ${errMsg(e)}\n`);
          status = 1;
          continue;
        }
        if (when === undefined) continue;
      }
      try {
        sys.utime(f, when ?? now);
      } catch (e) {
        await err(`touch: ${exists ? 'setting times of' : 'cannot touch'} ${quoteaf(f)}: ${errMsg(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};
