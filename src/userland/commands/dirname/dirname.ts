import type { ProgramImage } from '../../../kernel/program.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { HELP, VERSION } from './help.ts';

/** POSIX dirname of a path: "." without a slash, "/" at the root (and "//" kept as "/"). */
export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const at = trimmed.lastIndexOf('/');
  if (at < 0) return '.';
  const dir = trimmed.slice(0, at).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

/** dirname(1) from coreutils: NAME..., -z ends lines with NUL. */
export const dirname: ProgramImage = {
  vszKb: 5480, rssKb: 1020,
  main: async ({ argv, out, err }) => {
    let term = '\n';
    let names: string[];
    try {
      const r = getopt('dirname', argv.slice(1), 'z', [{ name: 'zero', arg: 'none', key: 'z' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      if (r.options.length) term = '\0';
      names = r.operands;
      if (!names.length) throw new GetoptError('dirname: missing operand');
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'dirname --help' for more information.\n`);
      return 1;
    }
    await out(names.map((n) => dirName(n) + term).join(''));
    return 0;
  },
};
