import type { ProgramImage } from '../../../kernel/program.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { Stat } from '../../../kernel/syscalls/SysApi.ts';
import { parseArgs, Prompter } from '../../lib/cli.ts';
import { absPath, Copier, removeTree } from '../../lib/copy.ts';
import { errMsg } from '../../lib/io.ts';
import { quoteaf } from '../../lib/quote.ts';
import { planTargets } from '../../lib/target.ts';

/** mv(1) from coreutils: rename(2), or copy and remove when the target is on another filesystem. */
export const mv: ProgramImage = {
  vszKb: 7304, rssKb: 1880,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('mv', argv.slice(1), 'finvTt:', [
      { name: 'force', arg: 'none', key: 'f' }, { name: 'interactive', arg: 'none', key: 'i' },
      { name: 'no-clobber', arg: 'none', key: 'n' }, { name: 'verbose', arg: 'none', key: 'v' },
      { name: 'no-target-directory', arg: 'none', key: 'T' }, { name: 'target-directory', arg: 'required', key: 't' },
    ], err);
    if (!r) return 1;
    let mode: 'force' | 'interactive' | 'no-clobber' = 'force';
    let verbose = false, noTarget = false;
    let targetDir: string | undefined;
    for (const { key, value } of r.options) {
      if (key === 'f') mode = 'force';
      else if (key === 'i') mode = 'interactive';
      else if (key === 'n') mode = 'no-clobber';
      else if (key === 'v') verbose = true;
      else if (key === 'T') noTarget = true;
      else if (key === 't') targetDir = value;
    }
    const plan = planTargets(sys, 'mv', r.operands, targetDir, noTarget);
    if ('error' in plan) { await err(plan.error); return 1; }
    const prompter = mode === 'interactive' ? new Prompter(sys) : null;
    const fail = async (msg: string) => { await err(`mv: ${msg}\n`); return false; };
    const move = async (src: string, dst: string): Promise<boolean> => {
      let st: Stat;
      try { st = sys.lstat(src); } catch (e) { return fail(`cannot stat ${quoteaf(src)}: ${errMsg(e)}`); }
      let dstSt: Stat | null = null;
      try { dstSt = sys.lstat(dst); } catch { /* new name */ }
      if (dstSt) {
        if (dstSt.ino === st.ino && dstSt.dev.join() === st.dev.join()) return fail(`${quoteaf(src)} and ${quoteaf(dst)} are the same file`);
        if (st.type === 'dir' && dstSt.type !== 'dir') return fail(`cannot overwrite non-directory ${quoteaf(dst)} with directory ${quoteaf(src)}`);
        if (st.type !== 'dir' && dstSt.type === 'dir') return fail(`cannot overwrite directory ${quoteaf(dst)} with non-directory`);
        if (mode === 'no-clobber') return true;
        if (prompter && !(await prompter.ask(err, `mv: overwrite ${quoteaf(dst)}? `))) return true;
      }
      if (st.type === 'dir') {
        const a = absPath(sys, src), b = absPath(sys, dst);
        if (b.startsWith(a === '/' ? '/' : a + '/')) return fail(`cannot move ${quoteaf(src)} to a subdirectory of itself, ${quoteaf(dst)}`);
      }
      try {
        sys.rename(src, dst);
      } catch (e) {
        if (!isKernelError(e, 'EXDEV')) return fail(`cannot move ${quoteaf(src)} to ${quoteaf(dst)}: ${errMsg(e)}`);
        const copier = new Copier(sys, {
          prog: 'mv', recursive: true, preserve: true, deref: 'never', force: true, noClobber: false, interactive: null, verbose: false,
        }, out, err);
        if (dstSt && dstSt.type === 'dir') {
          try { sys.rmdir(dst); } catch (e2) { return fail(`cannot move ${quoteaf(src)} to ${quoteaf(dst)}: ${errMsg(e2)}`); }
        }
        if (!(await copier.copy(src, dst))) return false;
        try { removeTree(sys, src); } catch (e2) { return fail(`cannot remove ${quoteaf(src)}: ${errMsg(e2)}`); }
      }
      if (verbose) await out(`renamed ${quoteaf(src)} -> ${quoteaf(dst)}\n`);
      return true;
    };
    let ok = true;
    for (const [src, dst] of plan.pairs) ok = (await move(src, dst)) && ok;
    return ok ? 0 : 1;
  },
};
