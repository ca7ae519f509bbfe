import type { ProgramImage } from '../../../kernel/program.ts';
import { getopt, GetoptError, type LongOption } from '../../lib/getopt.ts';
import { closeInput, openInput } from '../../lib/input.ts';
import { errMsg } from '../../lib/io.ts';
import { quote, shellQuote } from '../../lib/quote.ts';
import { cmpStr } from './compare.ts';
import { defaultCompare, keyCompare, KeySpecError, keyOpts, newKey, parseKeySpec, setOrdering, type Key } from './keys.ts';
import { HELP, VERSION } from './help.ts';

const LONGS: LongOption[] = [
  ['ignore-leading-blanks', 'none', 'b'], ['dictionary-order', 'none', 'd'], ['ignore-case', 'none', 'f'],
  ['general-numeric-sort', 'none', 'g'], ['ignore-nonprinting', 'none', 'i'], ['month-sort', 'none', 'M'],
  ['human-numeric-sort', 'none', 'h'], ['numeric-sort', 'none', 'n'], ['random-sort', 'none', 'R'],
  ['reverse', 'none', 'r'], ['sort', 'required', 'sort'], ['version-sort', 'none', 'V'],
  ['batch-size', 'required', 'batch-size'], ['check', 'optional', 'check'], ['compress-program', 'required', 'compress'],
  ['debug', 'none', 'debug'], ['key', 'required', 'k'], ['merge', 'none', 'm'], ['output', 'required', 'o'],
  ['random-source', 'required', 'random-source'], ['stable', 'none', 's'], ['buffer-size', 'required', 'S'],
  ['field-separator', 'required', 't'], ['temporary-directory', 'required', 'T'], ['parallel', 'required', 'parallel'],
  ['unique', 'none', 'u'], ['zero-terminated', 'none', 'z'],
  ['help', 'none', 'help'], ['version', 'none', 'version'],
].map(([name, arg, key]) => ({ name, arg, key }) as LongOption);

const SORT_WORDS: Record<string, string> = { 'general-numeric': 'g', 'human-numeric': 'h', month: 'M', numeric: 'n', random: 'R', version: 'V' };

class Fatal extends Error {}

/** sort(1) from coreutils: keys (-k, -t), -n -g -h -M -V -R -f -d -i -b -r, -u, -s, -c/-C, -o, -z. */
export const sort: ProgramImage = {
  vszKb: 6472, rssKb: 2108,
  main: async ({ argv, env, sys, out, err }) => {
    const q = (s: string) => quote(env, s);
    const gkey = newKey();
    const keys: Key[] = [];
    let tab: string | null = null, unique = false, stable = false, check: 'diagnose' | 'quiet' | null = null;
    let output: string | null = null, term = '\n';
    let files: string[];
    try {
      const r = getopt('sort', argv.slice(1), 'bcCdfghik:mMno:rRsS:t:T:uVz', LONGS);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const { key, value = '' } of r.options) {
        switch (key) {
          case 'b': case 'd': case 'f': case 'g': case 'h': case 'i': case 'M': case 'n': case 'r': case 'R': case 'V':
            setOrdering(key, 0, gkey, null);
            break;
          case 'sort': {
            const w = Object.keys(SORT_WORDS).filter((x) => x.startsWith(value));
            if (w.length !== 1) {
              throw new Fatal(`sort: ${w.length > 1 ? 'ambiguous' : 'invalid'} argument ${q(value)} for ${q('--sort')}\nValid arguments are:\n`
                + Object.keys(SORT_WORDS).map((x) => `  - ${q(x)}\n`).join('') + "Try 'sort --help' for more information.\n", { cause: 1 });
            }
            setOrdering(SORT_WORDS[w[0]], 0, gkey, null);
            break;
          }
          case 'c': check = 'diagnose'; break;
          case 'C': check = 'quiet'; break;
          case 'check': check = value === '' || 'diagnose-first'.startsWith(value) ? 'diagnose' : 'quiet'; break;
          case 'k': keys.push(parseKeySpec(value, q)); break;
          case 'o':
            if (output !== null && output !== value) throw new Fatal('sort: multiple output files specified\n');
            output = value;
            break;
          case 's': stable = true; break;
          case 'S':
            if (!/^\d+[%bKkMGTPEZYRQ]?$/.test(value)) throw new Fatal(`sort: invalid -S argument ${q(value)}\n`);
            break;
          case 't': {
            let t = value;
            if (t === '') throw new Fatal('sort: empty tab\n');
            if ([...t].length > 1) {
              if (t === '\\0') t = '\0';
              else throw new Fatal(`sort: multi-character tab ${q(t)}\n`);
            }
            if (tab !== null && tab !== t) throw new Fatal('sort: incompatible tabs\n');
            tab = t;
            break;
          }
          case 'u': unique = true; break;
          case 'z': term = '\0'; break;
          default: break; // -m, -T, --parallel, --debug …: no effect here
        }
      }
      files = r.operands.length ? r.operands : ['-'];
    } catch (e) {
      if (e instanceof GetoptError) { await err(`${e.message}\nTry 'sort --help' for more information.\n`); return 2; }
      if (e instanceof KeySpecError) { await err(`sort: ${e.message}\n`); return 2; }
      if (e instanceof Fatal) { await err(e.message); return e.cause === 1 ? 1 : 2; }
      throw e;
    }
    for (const k of keys) {
      if (defaultCompare(k) && !k.reverse) {
        Object.assign(k, {
          ignore: gkey.ignore, translate: gkey.translate, skipsblanks: gkey.skipsblanks, skipeblanks: gkey.skipeblanks,
          month: gkey.month, numeric: gkey.numeric, general: gkey.general, human: gkey.human, version: gkey.version,
          random: gkey.random, reverse: gkey.reverse,
        });
      }
    }
    if (!keys.length && !defaultCompare(gkey)) keys.push({ ...gkey });
    for (const k of keys) {
      if (+k.numeric + +k.general + +k.human + +k.month + +(k.version || k.random || !!k.ignore) > 1) {
        await err(`sort: options '-${keyOpts({ ...k, skipsblanks: false, skipeblanks: false, reverse: false })}' are incompatible\n`);
        return 2;
      }
    }
    if (check && files.length > 1) {
      await err(`sort: extra operand ${shellQuote(files[1], true)} not allowed with -${check === 'quiet' ? 'C' : 'c'}\n`);
      return 2;
    }
    const reverse = gkey.reverse;
    const salt = Math.floor(sys.random() * 2 ** 32);
    const compare = (a: string, b: string): number => {
      if (keys.length) {
        const d = keyCompare(a, b, keys, tab, salt);
        if (d || unique || stable) return d;
      }
      const d = cmpStr(a, b);
      return reverse ? -d : d;
    };

    const lines: string[] = [];
    for (const f of files) {
      let fd: number;
      try { fd = openInput(sys, f); } catch (e) {
        await err(`sort: cannot read: ${shellQuote(f)}: ${errMsg(e)}\n`);
        return 2;
      }
      let text = '';
      try {
        for (let c = await sys.read(fd); c !== ''; c = await sys.read(fd)) text += c;
      } catch (e) {
        await err(`sort: read failed: ${shellQuote(f)}: ${errMsg(e)}\n`);
        return 2;
      } finally {
        closeInput(sys, fd);
      }
      if (text.endsWith(term)) text = text.slice(0, -1);
      else if (text === '') continue;
      const recs = text.split(term);
      if (check) {
        for (let i = 1; i < recs.length; i++) {
          const d = compare(recs[i - 1], recs[i]);
          if (d > 0 || (unique && d === 0)) {
            if (check === 'diagnose') await err(`sort: ${f}:${i + 1}: disorder: ${recs[i]}\n`);
            return 1;
          }
        }
        return 0;
      }
      for (const l of recs) lines.push(l);
    }
    if (check) return 0;
    lines.sort(compare);
    let result = '';
    for (let i = 0; i < lines.length; i++) {
      if (unique && i > 0 && compare(lines[i - 1], lines[i]) === 0) continue;
      result += lines[i] + term;
    }
    if (output === null) { await out(result); return 0; }
    try {
      await sys.writeFile(output, result);
    } catch (e) {
      await err(`sort: open failed: ${shellQuote(output)}: ${errMsg(e)}\n`);
      return 2;
    }
    return 0;
  },
};
