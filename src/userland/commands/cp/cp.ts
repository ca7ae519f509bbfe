import type { ProgramImage } from '../../../kernel/program.ts';
import { parseArgs, Prompter } from '../../lib/cli.ts';
import { Copier, type CopyOptions } from '../../lib/copy.ts';
import { planTargets } from '../../lib/target.ts';

/** cp(1) from coreutils: files, or trees with -r; -a/-p keep attributes; -i asks, -n skips, -f forces. */
export const cp: ProgramImage = {
  vszKb: 7304, rssKb: 1912,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('cp', argv.slice(1), 'rRapfinvdPLHTt:', [
      { name: 'recursive', arg: 'none', key: 'r' }, { name: 'archive', arg: 'none', key: 'a' },
      { name: 'force', arg: 'none', key: 'f' }, { name: 'interactive', arg: 'none', key: 'i' },
      { name: 'no-clobber', arg: 'none', key: 'n' }, { name: 'verbose', arg: 'none', key: 'v' },
      { name: 'no-dereference', arg: 'none', key: 'P' }, { name: 'dereference', arg: 'none', key: 'L' },
      { name: 'preserve', arg: 'optional', key: 'p' }, { name: 'no-target-directory', arg: 'none', key: 'T' },
      { name: 'target-directory', arg: 'required', key: 't' },
    ], err);
    if (!r) return 1;
    const o: CopyOptions = {
      prog: 'cp', recursive: false, preserve: false, deref: 'always', force: false, noClobber: false, interactive: null, verbose: false,
    };
    let deref: CopyOptions['deref'] | undefined;
    let targetDir: string | undefined;
    let noTarget = false;
    for (const { key, value } of r.options) {
      switch (key) {
        case 'r': case 'R': o.recursive = true; break;
        case 'a': o.recursive = true; o.preserve = true; deref = 'never'; break;
        case 'p': o.preserve = true; break;
        case 'f': o.force = true; o.interactive = null; break;
        case 'i': o.interactive = new Prompter(sys); o.noClobber = false; break;
        case 'n': o.noClobber = true; o.interactive = null; break;
        case 'v': o.verbose = true; break;
        case 'd': case 'P': deref = 'never'; break;
        case 'L': deref = 'always'; break;
        case 'H': deref = 'command-line'; break;
        case 'T': noTarget = true; break;
        case 't': targetDir = value; break;
      }
    }
    o.deref = deref ?? (o.recursive ? 'never' : 'always');
    const plan = planTargets(sys, 'cp', r.operands, targetDir, noTarget);
    if ('error' in plan) { await err(plan.error); return 1; }
    const copier = new Copier(sys, o, out, err);
    let ok = true;
    for (const [src, dst] of plan.pairs) ok = (await copier.copy(src, dst)) && ok;
    return ok ? 0 : 1;
  },
};
