import type { ProgramImage } from '../../../kernel/program.ts';
import type { Stat } from '../../../kernel/syscalls/SysApi.ts';
import { parseArgs, Prompter } from '../../lib/cli.ts';
import { errMsg } from '../../lib/io.ts';
import { quoteaf } from '../../lib/quote.ts';
import { planTargets } from '../../lib/target.ts';

/** ln(1) from coreutils: hard links, or symbolic ones with -s; -f replaces, -n treats a link to a directory as a file. */
export const ln: ProgramImage = {
  vszKb: 7220, rssKb: 1796,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('ln', argv.slice(1), 'sfinvTt:LP', [
      { name: 'symbolic', arg: 'none', key: 's' }, { name: 'force', arg: 'none', key: 'f' },
      { name: 'interactive', arg: 'none', key: 'i' }, { name: 'no-dereference', arg: 'none', key: 'n' },
      { name: 'verbose', arg: 'none', key: 'v' }, { name: 'no-target-directory', arg: 'none', key: 'T' },
      { name: 'target-directory', arg: 'required', key: 't' },
    ], err);
    if (!r) return 1;
    let symbolic = false, force = false, interactive = false, noDeref = false, verbose = false, noTarget = false;
    let targetDir: string | undefined;
    for (const { key, value } of r.options) {
      if (key === 's') symbolic = true;
      else if (key === 'f') { force = true; interactive = false; }
      else if (key === 'i') { interactive = true; force = false; }
      else if (key === 'n') noDeref = true;
      else if (key === 'v') verbose = true;
      else if (key === 'T') noTarget = true;
      else if (key === 't') targetDir = value;
    }
    const plan = planTargets(sys, 'ln', r.operands, targetDir, noTarget, 1, !noDeref);
    if ('error' in plan) { await err(plan.error); return 1; }
    const prompter = interactive ? new Prompter(sys) : null;
    let status = 0;
    const fail = async (msg: string) => { await err(`ln: ${msg}\n`); status = 1; };
    for (const [source, dest] of plan.pairs) {
      let srcSt: Stat | undefined;
      if (!symbolic) {
        try { srcSt = sys.lstat(source); } catch (e) { await fail(`failed to access ${quoteaf(source)}: ${errMsg(e)}`); continue; }
        if (srcSt.type === 'dir') { await fail(`${quoteaf(source)}: hard link not allowed for directory`); continue; }
      }
      let destSt: Stat | undefined;
      try { destSt = sys.lstat(dest); } catch { /* free name */ }
      if (destSt && (force || prompter)) {
        if (srcSt && destSt.ino === srcSt.ino && destSt.dev.join() === srcSt.dev.join()) {
          await fail(`${quoteaf(source)} and ${quoteaf(dest)} are the same file`);
          continue;
        }
        if (destSt.type === 'dir') { await fail(`${quoteaf(dest)}: cannot overwrite directory`); continue; }
        if (prompter && !(await prompter.ask(err, `ln: replace ${quoteaf(dest)}? `))) continue;
        try { sys.unlink(dest); } catch (e) { await fail(`cannot remove ${quoteaf(dest)}: ${errMsg(e)}`); continue; }
      }
      try {
        if (symbolic) sys.symlink(source, dest); else sys.link(source, dest);
      } catch (e) {
        await fail(`failed to create ${symbolic ? 'symbolic' : 'hard'} link ${quoteaf(dest)}: ${errMsg(e)}`);
        continue;
      }
      if (verbose) await out(`${quoteaf(dest)} ${symbolic ? '->' : '=>'} ${quoteaf(source)}\n`);
    }
    return status;
  },
};
