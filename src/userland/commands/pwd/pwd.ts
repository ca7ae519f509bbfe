import type { ProgramImage } from '../../../kernel/program.ts';
import { parseArgs } from '../../lib/cli.ts';
import { errMsg } from '../../lib/io.ts';

/** pwd(1) from coreutils: the physical directory (-P, the default), or a valid $PWD with -L. */
export const pwd: ProgramImage = {
  vszKb: 7200, rssKb: 1700,
  main: async ({ argv, env, sys, out, err }) => {
    const r = await parseArgs('pwd', argv.slice(1), 'LP', [
      { name: 'logical', arg: 'none', key: 'L' }, { name: 'physical', arg: 'none', key: 'P' },
    ], err);
    if (!r) return 1;
    let logical = env.has('POSIXLY_CORRECT');
    for (const { key } of r.options) logical = key === 'L';
    if (r.operands.length) await err('pwd: ignoring non-option arguments\n');
    if (logical) {
      const p = env.get('PWD');
      if (p && p.startsWith('/') && !p.split('/').some((c) => c === '.' || c === '..')) {
        try {
          const a = sys.stat(p), b = sys.stat('.');
          if (a.ino === b.ino && a.dev.join() === b.dev.join()) { await out(p + '\n'); return 0; }
        } catch { /* fall back to the physical directory */ }
      }
    }
    try {
      await out(sys.getcwd() + '\n');
    } catch (e) {
      await err(`pwd: ${errMsg(e)}\n`);
      return 1;
    }
    return 0;
  },
};
