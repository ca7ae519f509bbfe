import type { ProgramImage } from '../../../kernel/program.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { quote } from '../../lib/quote.ts';
import { caseClassAt, expand, parseSet, TrError, type Elem } from './sets.ts';
import { HELP, VERSION } from './help.ts';

const TRY = "Try 'tr --help' for more information.\n";

interface Plan {
  inSet1: (c: number) => boolean;
  map: ((c: number) => number) | null;
  inSqueeze: ((c: number) => boolean) | null;
}

/** validate() and the table building of coreutils tr. */
function plan(s1: Elem[], s2: Elem[] | null, o: { complement: boolean; del: boolean; squeeze: boolean; truncate: boolean }): Plan {
  if (s1.some((e) => e.t === 'repeat' && e.n === null)) throw new TrError('the [c*] repeat construct may not appear in string1');
  const set1 = new Set(expand(s1));
  const inSet1 = o.complement ? (c: number) => !set1.has(c) : (c: number) => set1.has(c);
  const translating = s2 !== null && !o.del;
  const s1len = o.complement ? 256 - [...set1].filter((c) => c < 256).length : expand(s1).length;
  let set2: number[] = [];
  if (s2) {
    const fills = s2.filter((e) => e.t === 'repeat' && e.n === null).length;
    if (fills > 1) throw new TrError('only one [c*] repeat construct may appear in string2');
    const fill = Math.max(0, s1len - expand(s2).length);
    set2 = expand(s2, fill);
    if (translating) {
      if (s2.some((e) => e.t === 'equiv')) throw new TrError('[=c=] expressions may not appear in string2 when translating');
      if (s2.some((e) => e.t === 'class' && e.name !== 'upper' && e.name !== 'lower')) {
        throw new TrError("when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'");
      }
      const c1 = caseClassAt(s1), c2 = caseClassAt(s2, fill);
      for (const pos of c2.keys()) if (!c1.has(pos) && !o.complement) throw new TrError('misaligned [:upper:] and/or [:lower:] construct');
      if (s1len > set2.length && !o.truncate) {
        if (set2.length === 0) throw new TrError('when not truncating set1, string2 must be non-empty');
        if (s2[s2.length - 1].t === 'class') {
          throw new TrError('when translating with string1 longer than string2,\nthe latter string must not end with a character class');
        }
      }
      if (o.complement && s1.some((e) => e.t === 'class') && new Set(set2).size > 1) {
        throw new TrError('when translating with complemented character classes,\nstring2 must map all characters in the domain to one');
      }
    } else if (fills > 0) throw new TrError('the [c*] construct may appear in string2 only when translating');
  }
  let map: Plan['map'] = null;
  if (translating) {
    const last = set2[set2.length - 1];
    if (o.complement) {
      const below = [...set1].sort((a, b) => a - b);
      map = (c) => {
        if (set1.has(c)) return c;
        let idx = c;
        for (const x of below) { if (x < c) idx--; else break; }
        return idx < set2.length ? set2[idx] : o.truncate ? c : last;
      };
    } else {
      const table = new Map<number, number>();
      expand(s1).forEach((c, i) => {
        if (i < set2.length) table.set(c, set2[i]);
        else if (!o.truncate) table.set(c, last);
      });
      map = (c) => table.get(c) ?? c;
    }
  }
  let inSqueeze: Plan['inSqueeze'] = null;
  if (o.squeeze) {
    if (s2 === null) inSqueeze = inSet1;
    else { const sq = new Set(set2); inSqueeze = (c) => sq.has(c); }
  }
  return { inSet1, map, inSqueeze };
}

/** tr(1) from coreutils: translate, -d delete, -s squeeze, -c complement, -t truncate SET1. */
export const tr: ProgramImage = {
  vszKb: 5516, rssKb: 1784,
  main: async ({ argv, env, sys, out, err }) => {
    const q = (s: string) => quote(env, s);
    const o = { complement: false, del: false, squeeze: false, truncate: false };
    let p: Plan;
    try {
      const r = getopt('tr', argv.slice(1), '+cCdst', [
        { name: 'complement', arg: 'none', key: 'c' }, { name: 'delete', arg: 'none', key: 'd' },
        { name: 'squeeze-repeats', arg: 'none', key: 's' }, { name: 'truncate-set1', arg: 'none', key: 't' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const { key } of r.options) {
        if (key === 'c' || key === 'C') o.complement = true;
        else if (key === 'd') o.del = true;
        else if (key === 's') o.squeeze = true;
        else o.truncate = true;
      }
      const ops = r.operands;
      const min = o.del === o.squeeze ? 2 : 1;
      const max = o.del && !o.squeeze ? 1 : 2;
      if (ops.length < min) {
        if (ops.length === 0) throw new GetoptError('tr: missing operand');
        throw new GetoptError(`tr: missing operand after ${q(ops[ops.length - 1])}\n${o.squeeze
          ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.'}`);
      }
      if (ops.length > max) {
        throw new GetoptError(`tr: extra operand ${q(ops[max])}${ops.length === 2 ? '\nOnly one string may be given when deleting without squeezing repeats.' : ''}`);
      }
      const warnings: string[] = [];
      const s1 = parseSet(ops[0], (m) => warnings.push(m), q);
      const s2 = ops.length > 1 ? parseSet(ops[1], (m) => warnings.push(m), q) : null;
      for (const w of warnings) await err(`tr: ${w}\n`);
      p = plan(s1, s2, o);
      if (o.truncate && !(ops.length > 1 && !o.del)) o.truncate = false;
    } catch (e) {
      if (e instanceof TrError) { await err(`tr: ${e.message}\n`); return 1; }
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\n${TRY}`);
      return 1;
    }
    let last = -1;
    // What each input character becomes (-1: deleted), computed once per distinct character.
    const fate = new Map<number, number>();
    const { inSet1, map, inSqueeze } = p;
    for (let chunk = await sys.read(0); chunk !== ''; chunk = await sys.read(0)) {
      const codes: number[] = [];
      for (let i = 0; i < chunk.length; i++) {
        let c = chunk.charCodeAt(i);
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < chunk.length) { c = chunk.codePointAt(i)!; i++; }
        let r = fate.get(c);
        if (r === undefined) {
          r = o.del && inSet1(c) ? -1 : map ? map(c) : c;
          fate.set(c, r);
        }
        if (r < 0 || (inSqueeze && r === last && inSqueeze(r))) continue;
        last = r;
        codes.push(r);
      }
      let s = '';
      for (let i = 0; i < codes.length; i += 8192) s += String.fromCodePoint(...codes.slice(i, i + 8192));
      if (s) await out(s);
    }
    return 0;
  },
};
