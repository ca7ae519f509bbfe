import type { ProgramImage } from '../../../kernel/program.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { HELP, VERSION } from './help.ts';

/**
 * yes(1) from coreutils: print the arguments (or "y") forever. It writes a few KiB at a time and
 * yields after each write so ^C gets through; a closed pipe ends it (SIGPIPE, or EPIPE if ignored).
 */
export const yes: ProgramImage = {
  vszKb: 5480, rssKb: 1024,
  main: async ({ argv, sys, out, err }) => {
    let words: string[];
    try {
      const r = getopt('yes', argv.slice(1), '+', [{ name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      words = r.operands;
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'yes --help' for more information.\n`);
      return 1;
    }
    const line = (words.length ? words.join(' ') : 'y') + '\n';
    const chunk = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
    for (;;) {
      try {
        await out(chunk);
      } catch (e) {
        if (!isKernelError(e)) throw e;
        await err(`yes: standard output: ${e.message}\n`);
        return 1;
      }
      await sys.sched_yield();
    }
  },
};
