import type { ProgramImage } from '../../../kernel/program.ts';
import type { Stat } from '../../../kernel/syscalls/SysApi.ts';
import { parseArgs, usageMessage } from '../../lib/cli.ts';
import { joinName, permString } from '../../lib/fileinfo.ts';
import { errMsg } from '../../lib/io.ts';
import { modeAdjust, modeCompile, type ModeChange } from '../../lib/modechange.ts';
import { quote, quoteaf, shellQuote } from '../../lib/quote.ts';

const describe = (m: number) => `${m.toString(8).padStart(4, '0')} (${permString(m)})`;

/** chmod(1) from coreutils: octal or symbolic modes (`u+x`, `go-w`, `a=rX`), -R, -v/-c, --reference. */
export const chmod: ProgramImage = {
  vszKb: 7224, rssKb: 1828,
  main: async ({ argv, env, sys, out, err }) => {
    // `chmod -w file`: mode-like "options" are the mode (and a surprise from the umask is diagnosed).
    let modeText: string | undefined;
    let diagnoseSurprises = false;
    const rest: string[] = [];
    for (const [i, a] of argv.slice(1).entries()) {
      if (a === '--') { rest.push('--', ...argv.slice(i + 2)); break; }
      if (/^-[rwxXstugoa0-7,+=-]+$/.test(a) && !a.startsWith('--')) {
        modeText = modeText === undefined ? a : `${modeText},${a}`;
        diagnoseSurprises = true;
      } else rest.push(a);
    }
    const r = await parseArgs('chmod', rest, 'Rcfv', [
      { name: 'recursive', arg: 'none', key: 'R' }, { name: 'changes', arg: 'none', key: 'c' },
      { name: 'silent', arg: 'none', key: 'f' }, { name: 'quiet', arg: 'none', key: 'f' },
      { name: 'verbose', arg: 'none', key: 'v' }, { name: 'reference', arg: 'required', key: 'reference' },
    ], err);
    if (!r) return 1;
    let recursive = false, verbosity: 'off' | 'changes' | 'all' = 'off', quiet = false;
    let refMode: number | undefined;
    for (const { key, value } of r.options) {
      if (key === 'R') recursive = true;
      else if (key === 'c') verbosity = 'changes';
      else if (key === 'v') verbosity = 'all';
      else if (key === 'f') quiet = true;
      else if (key === 'reference') {
        try { refMode = sys.stat(value!).mode & 0o7777; } catch (e) {
          await err(`chmod: failed to get attributes of ${quoteaf(value!)}: ${errMsg(e)}\n`);
          return 1;
        }
      }
    }
    const operands = [...r.operands];
    let modeFromOperand = false;
    if (modeText === undefined && refMode === undefined && operands.length) { modeText = operands.shift(); modeFromOperand = true; }
    if (operands.length === 0) {
      await err(usageMessage('chmod', modeFromOperand ? `missing operand after ${quote(env, modeText!)}` : 'missing operand'));
      return 1;
    }
    let changes: ModeChange[];
    if (refMode !== undefined) changes = [{ op: '=', flag: 'ordinary', affected: 0o7777, value: refMode, mentioned: 0o7777 }];
    else {
      const c = modeCompile(modeText!);
      if (!c) { await err(usageMessage('chmod', `invalid mode: ${quote(env, modeText!)}`)); return 1; }
      changes = c;
    }
    const umask = sys.umask();
    let status = 0;
    const fail = async (msg: string) => { if (!quiet) await err(`chmod: ${msg}\n`); status = 1; };

    const process = async (path: string, commandLine: boolean): Promise<void> => {
      let st: Stat;
      try {
        st = commandLine ? sys.stat(path) : sys.lstat(path);
      } catch (e) {
        await fail(`cannot access ${quoteaf(path)}: ${errMsg(e)}`);
        return;
      }
      if (st.type === 'symlink') return; // met while recursing: links have no mode of their own
      const old = st.mode & 0o7777;
      const mode = modeAdjust(old, st.type === 'dir', umask, changes);
      let changed = false;
      try {
        sys.chmod(path, mode);
        changed = mode !== old;
        if (verbosity === 'all' || (verbosity === 'changes' && changed)) {
          await out(changed ? `mode of ${quoteaf(path)} changed from ${describe(old)} to ${describe(mode)}\n`
            : `mode of ${quoteaf(path)} retained as ${describe(old)}\n`);
        }
        if (diagnoseSurprises) {
          const naive = modeAdjust(old, st.type === 'dir', 0, changes);
          if (mode & ~naive) {
            await fail(`${shellQuote(path, false, ':')}: new permissions are ${permString(mode)}, not ${permString(naive)}`);
          }
        }
      } catch (e) {
        if (verbosity !== 'off') await out(`failed to change mode of ${quoteaf(path)} from ${describe(old)} to ${describe(mode)}\n`);
        await fail(`changing permissions of ${quoteaf(path)}: ${errMsg(e)}`);
      }
      if (recursive && st.type === 'dir') {
        let names: string[] = [];
        try { names = sys.readdir(path); } catch (e) {
          await fail(`cannot read directory ${quoteaf(path)}: ${errMsg(e)}`);
        }
        for (const n of names) { await process(joinName(path, n), false); await sys.sched_yield(); }
      }
    };
    for (const f of operands) await process(f, true);
    return status;
  },
};
