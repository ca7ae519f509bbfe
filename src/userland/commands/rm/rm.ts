import type { ProgramImage } from '../../../kernel/program.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { Stat } from '../../../kernel/syscalls/SysApi.ts';
import { parseArgs, Prompter, usageMessage } from '../../lib/cli.ts';
import { baseName, joinName } from '../../lib/fileinfo.ts';
import { errMsg } from '../../lib/io.ts';
import { quoteaf } from '../../lib/quote.ts';

const KIND: Record<Stat['type'], string> = {
  file: 'regular file', dir: 'directory', symlink: 'symbolic link', chr: 'character special file', fifo: 'fifo', sock: 'socket',
};

/** rm(1) from coreutils: -r trees, -d empty directories, -f never asks nor complains about missing files, -i asks. */
export const rm: ProgramImage = {
  vszKb: 7200, rssKb: 1800,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('rm', argv.slice(1), 'fiIrRdv', [
      { name: 'force', arg: 'none', key: 'f' }, { name: 'interactive', arg: 'optional', key: 'interactive' },
      { name: 'recursive', arg: 'none', key: 'r' }, { name: 'dir', arg: 'none', key: 'd' },
      { name: 'verbose', arg: 'none', key: 'v' }, { name: 'no-preserve-root', arg: 'none', key: 'no-preserve-root' },
      { name: 'preserve-root', arg: 'optional', key: 'preserve-root' },
    ], err);
    if (!r) return 1;
    let force = false, interactive: 'never' | 'once' | 'always' = 'never', recursive = false, dirs = false, verbose = false;
    let preserveRoot = true;
    for (const { key, value } of r.options) {
      if (key === 'f') { force = true; interactive = 'never'; }
      else if (key === 'i') { interactive = 'always'; force = false; }
      else if (key === 'I') { interactive = 'once'; force = false; }
      else if (key === 'interactive') interactive = value === 'never' || value === 'no' || value === 'none' ? 'never' : value === 'once' ? 'once' : 'always';
      else if (key === 'r' || key === 'R') recursive = true;
      else if (key === 'd') dirs = true;
      else if (key === 'v') verbose = true;
      else if (key === 'no-preserve-root') preserveRoot = false;
    }
    if (r.operands.length === 0) {
      if (force) return 0;
      await err(usageMessage('rm', 'missing operand'));
      return 1;
    }
    const prompter = new Prompter(sys);
    const ask = (q: string) => prompter.ask(err, `rm: ${q}? `);
    if (interactive === 'once' && (r.operands.length > 3 || recursive)) {
      const n = r.operands.length;
      const q = recursive ? `remove ${n} argument${n === 1 ? '' : 's'} recursively` : `remove ${n} arguments`;
      if (!(await ask(q))) return 0;
    }
    const stdinTty = sys.isatty(0);
    let ok = true;
    const fail = async (msg: string) => { await err(`rm: ${msg}\n`); ok = false; return false; };

    /** Prompt for one file as remove.c's prompt() does; true = go ahead. */
    const confirm = async (path: string, st: Stat, descend: boolean): Promise<boolean> => {
      if (force) return true;
      const writeProtected = st.type !== 'symlink' && !sys.access(path, 'w');
      if (interactive !== 'always' && !(writeProtected && stdinTty)) return true;
      const kind = st.type === 'file' && st.size === 0 ? 'regular empty file' : KIND[st.type];
      if (descend) return ask(`descend into ${writeProtected ? 'write-protected ' : ''}directory ${quoteaf(path)}`);
      return ask(`remove ${writeProtected ? 'write-protected ' : ''}${kind} ${quoteaf(path)}`);
    };

    const remove = async (path: string): Promise<boolean> => {
      let st: Stat;
      try { st = sys.lstat(path); } catch (e) {
        if (force && isKernelError(e, 'ENOENT')) return true;
        return fail(`cannot remove ${quoteaf(path)}: ${errMsg(e)}`);
      }
      if (st.type === 'dir') {
        if (!recursive && !dirs) return fail(`cannot remove ${quoteaf(path)}: Is a directory`);
        let names: string[] = [];
        if (recursive) {
          try { names = sys.readdir(path); } catch (e) {
            try { sys.rmdir(path); return true; } catch { return fail(`cannot remove ${quoteaf(path)}: ${errMsg(e)}`); }
          }
        }
        if (names.length && !(await confirm(path, st, true))) return false;
        let all = true;
        for (const n of names) { all = (await remove(joinName(path, n))) && all; await sys.sched_yield(); }
        if (!all) return false;
        if (!(await confirm(path, st, false))) return false;
        try { sys.rmdir(path); } catch (e) { return fail(`cannot remove ${quoteaf(path)}: ${errMsg(e)}`); }
        if (verbose) await out(`removed directory ${quoteaf(path)}\n`);
        return true;
      }
      if (!(await confirm(path, st, false))) return false;
      try { sys.unlink(path); } catch (e) { return fail(`cannot remove ${quoteaf(path)}: ${errMsg(e)}`); }
      if (verbose) await out(`removed ${quoteaf(path)}\n`);
      return true;
    };

    for (const path of r.operands) {
      const base = baseName(path);
      if (base === '.' || base === '..') {
        await fail(`refusing to remove '.' or '..' directory: skipping ${quoteaf(path)}`);
        continue;
      }
      if (recursive && preserveRoot && /^\/+$/.test(path)) {
        await fail(`it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe`);
        continue;
      }
      await remove(path);
    }
    return ok ? 0 : 1;
  },
};
