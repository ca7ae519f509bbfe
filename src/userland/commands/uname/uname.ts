import type { ProgramImage } from '../../../kernel/program.ts';
import { parseArgs, usageMessage } from '../../lib/cli.ts';
import { quoteaf } from '../../lib/quote.ts';

/** uname(1) from coreutils, from the caller's UTS namespace; -p and -i are "unknown" and left out of -a. */
export const uname: ProgramImage = {
  vszKb: 7200, rssKb: 1740,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('uname', argv.slice(1), 'asnrvmpio', [
      { name: 'all', arg: 'none', key: 'a' }, { name: 'kernel-name', arg: 'none', key: 's' },
      { name: 'nodename', arg: 'none', key: 'n' }, { name: 'kernel-release', arg: 'none', key: 'r' },
      { name: 'kernel-version', arg: 'none', key: 'v' }, { name: 'machine', arg: 'none', key: 'm' },
      { name: 'processor', arg: 'none', key: 'p' }, { name: 'hardware-platform', arg: 'none', key: 'i' },
      { name: 'operating-system', arg: 'none', key: 'o' },
    ], err);
    if (!r) return 1;
    if (r.operands.length) { await err(usageMessage('uname', `extra operand ${quoteaf(r.operands[0])}`)); return 1; }
    const want = new Set(r.options.map((o) => o.key));
    const all = want.has('a');
    if (want.size === 0) want.add('s');
    const u = sys.uname();
    const fields: string[] = [];
    const add = (k: string, v: string, inAll = true) => { if (want.has(k) || (all && inAll)) fields.push(v); };
    add('s', u.sysname);
    add('n', u.nodename);
    add('r', u.release);
    add('v', u.version);
    add('m', u.machine);
    add('p', 'unknown', false);
    add('i', 'unknown', false);
    add('o', 'GNU/Linux');
    await out(fields.join(' ') + '\n');
    return 0;
  },
};
