import type { ProgramImage } from '../../../kernel/program.ts';
import { parseArgs, usageMessage } from '../../lib/cli.ts';
import { idDb, userName } from '../../lib/ids.ts';
import { quoteaf } from '../../lib/quote.ts';

/** whoami(1) from coreutils: the effective user's name. */
export const whoami: ProgramImage = {
  vszKb: 7200, rssKb: 1700,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('whoami', argv.slice(1), '', [], err);
    if (!r) return 1;
    if (r.operands.length) { await err(usageMessage('whoami', `extra operand ${quoteaf(r.operands[0])}`)); return 1; }
    const uid = sys.geteuid();
    const name = userName(await idDb(sys), uid);
    if (name === undefined) { await err(`whoami: cannot find name for user ID ${uid}\n`); return 1; }
    await out(name + '\n');
    return 0;
  },
};
