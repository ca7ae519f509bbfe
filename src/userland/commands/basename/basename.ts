import type { ProgramImage } from '../../../kernel/program.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { quote } from '../../lib/quote.ts';
import { HELP, VERSION } from './help.ts';

/** POSIX basename of a path: trailing slashes dropped, "/" for all-slash names. */
export function baseName(path: string): string {
  if (path === '') return '';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** basename(1) from coreutils: NAME [SUFFIX], or -a/-s for several names; -z ends lines with NUL. */
export const basename: ProgramImage = {
  vszKb: 5480, rssKb: 1020,
  main: async ({ argv, env, out, err }) => {
    let multiple = false, suffix: string | null = null, term = '\n';
    let names: string[];
    try {
      const r = getopt('basename', argv.slice(1), '+as:z', [
        { name: 'multiple', arg: 'none', key: 'a' }, { name: 'suffix', arg: 'required', key: 's' },
        { name: 'zero', arg: 'none', key: 'z' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const o of r.options) {
        if (o.key === 'a') multiple = true;
        else if (o.key === 's') { suffix = o.value!; multiple = true; } else term = '\0';
      }
      names = r.operands;
      if (!names.length) throw new GetoptError('basename: missing operand');
      if (!multiple) {
        if (names.length > 2) throw new GetoptError(`basename: extra operand ${quote(env, names[2])}`);
        if (names.length === 2) { suffix = names[1]; names = [names[0]]; }
      }
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'basename --help' for more information.\n`);
      return 1;
    }
    let s = '';
    for (const n of names) {
      let b = baseName(n);
      if (suffix && b !== suffix && b.endsWith(suffix) && b !== '/') b = b.slice(0, -suffix.length);
      s += b + term;
    }
    await out(s);
    return 0;
  },
};
