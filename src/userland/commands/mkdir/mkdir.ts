import type { ProgramImage } from '../../../kernel/program.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import { parseArgs, usageMessage } from '../../lib/cli.ts';
import { errMsg } from '../../lib/io.ts';
import { modeAdjust, modeCompile } from '../../lib/modechange.ts';
import { quote, quoteaf } from '../../lib/quote.ts';

/** mkdir(1) from coreutils: -p makes parents (no error if existing), -m sets the mode, -v reports. */
export const mkdir: ProgramImage = {
  vszKb: 7204, rssKb: 1784,
  main: async ({ argv, env, sys, out, err }) => {
    const r = await parseArgs('mkdir', argv.slice(1), 'pm:v', [
      { name: 'parents', arg: 'none', key: 'p' }, { name: 'mode', arg: 'required', key: 'm' },
      { name: 'verbose', arg: 'none', key: 'v' },
    ], err);
    if (!r) return 1;
    let parents = false, verbose = false;
    let modeText: string | undefined;
    for (const { key, value } of r.options) {
      if (key === 'p') parents = true;
      else if (key === 'm') modeText = value;
      else if (key === 'v') verbose = true;
    }
    if (r.operands.length === 0) { await err(usageMessage('mkdir', 'missing operand')); return 1; }
    const umask = sys.umask();
    let mode: number | undefined;
    if (modeText !== undefined) {
      const changes = modeCompile(modeText);
      if (!changes) { await err(`mkdir: invalid mode ${quote(env, modeText)}\n`); return 1; }
      mode = modeAdjust(0o777, true, umask, changes);
    }
    const announce = async (d: string) => { if (verbose) await out(`mkdir: created directory ${quoteaf(d)}\n`); };
    const isDir = (p: string) => { try { return sys.stat(p).type === 'dir'; } catch { return false; } };
    let status = 0;
    for (const dir of r.operands) {
      try {
        if (parents) {
          const parts = dir.split('/');
          for (let i = 1; i < parts.length; i++) {
            const prefix = parts.slice(0, i).join('/');
            if (prefix === '' || parts[i - 1] === '' || parts[i - 1] === '.' || parts[i - 1] === '..' || isDir(prefix)) continue;
            sys.mkdir(prefix, 0o777 | 0o300);
            await announce(prefix);
          }
          if (isDir(dir)) continue;
        }
        try {
          sys.mkdir(dir, mode ?? 0o777);
        } catch (e) {
          if (parents && isKernelError(e, 'EEXIST') && isDir(dir)) continue;
          throw e;
        }
        if (mode !== undefined) sys.chmod(dir, mode);
        await announce(dir);
      } catch (e) {
        await err(`mkdir: cannot create directory ${quote(env, dir)}: ${errMsg(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};
