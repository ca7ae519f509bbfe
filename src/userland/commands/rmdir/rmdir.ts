import type { ProgramImage } from '../../../kernel/program.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import { parseArgs, usageMessage } from '../../lib/cli.ts';
import { errMsg } from '../../lib/io.ts';
import { quoteaf } from '../../lib/quote.ts';

/** rmdir(1) from coreutils: removes empty directories; -p also their parents. */
export const rmdir: ProgramImage = {
  vszKb: 7200, rssKb: 1720,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('rmdir', argv.slice(1), 'pv', [
      { name: 'parents', arg: 'none', key: 'p' }, { name: 'verbose', arg: 'none', key: 'v' },
      { name: 'ignore-fail-on-non-empty', arg: 'none', key: 'ignore' },
    ], err);
    if (!r) return 1;
    const has = (k: string) => r.options.some((o) => o.key === k);
    const parents = has('p'), verbose = has('v'), ignoreNonEmpty = has('ignore');
    if (r.operands.length === 0) { await err(usageMessage('rmdir', 'missing operand')); return 1; }
    let status = 0;
    const removeOne = async (d: string): Promise<boolean> => {
      if (verbose) await out(`rmdir: removing directory, ${quoteaf(d)}\n`);
      try {
        sys.rmdir(d);
        return true;
      } catch (e) {
        if (ignoreNonEmpty && (isKernelError(e, 'ENOTEMPTY') || isKernelError(e, 'EEXIST'))) return false;
        await err(`rmdir: failed to remove ${quoteaf(d)}: ${errMsg(e)}\n`);
        status = 1;
        return false;
      }
    };
    for (const dir of r.operands) {
      if (!(await removeOne(dir)) || !parents) continue;
      let d = dir.replace(/\/+$/, '');
      for (let slash = d.lastIndexOf('/'); slash > 0; slash = d.lastIndexOf('/')) {
        d = d.slice(0, slash).replace(/\/+$/, '');
        if (!d || !(await removeOne(d))) break;
      }
    }
    return status;
  },
};
