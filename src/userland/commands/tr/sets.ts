/**
 * tr's SET syntax as coreutils parses it: backslash escapes, ranges, [:class:], [=c=], [c*n].
 * Classes are the C locale's (ASCII), like GNU tr, which works on bytes in every locale.
 */
export class TrError extends Error {}

export type Elem =
  | { t: 'char'; c: number }
  | { t: 'range'; a: number; b: number }
  | { t: 'class'; name: string }
  | { t: 'equiv'; c: number }
  | { t: 'repeat'; c: number; n: number | null };

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const A = (s: string) => [...s].map((c) => c.charCodeAt(0));
const UPPER = range(65, 90), LOWER = range(97, 122), DIGIT = range(48, 57);
export const CLASSES: Record<string, number[]> = {
  alnum: [...DIGIT, ...UPPER, ...LOWER], alpha: [...UPPER, ...LOWER], blank: [9, 32], cntrl: [...range(0, 31), 127],
  digit: DIGIT, graph: range(33, 126), lower: LOWER, print: range(32, 126),
  punct: range(33, 126).filter((c) => !/[A-Za-z0-9]/.test(String.fromCharCode(c))), space: [9, 10, 11, 12, 13, 32],
  upper: UPPER, xdigit: [...DIGIT, ...A('ABCDEF'), ...A('abcdef')],
};

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** make_printable_char(): how tr shows a character in a diagnostic. */
function printable(c: number): string {
  const names: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v', 92: '\\\\' };
  if (names[c]) return names[c];
  if (c < 32 || c === 127) return `\\${c.toString(8).padStart(3, '0')}`;
  return String.fromCodePoint(c);
}

/** Unescape a SET operand into characters with an "escaped" flag each; warnings go to `warn`. */
function unescape(s: string, warn: (m: string) => void): { c: number[]; esc: boolean[] } {
  const c: number[] = [];
  const esc: boolean[] = [];
  const cps = [...s];
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] !== '\\') { c.push(cps[i].codePointAt(0)!); esc.push(false); continue; }
    if (i + 1 >= cps.length) {
      warn('warning: an unescaped backslash at end of string is not portable');
      c.push(92); esc.push(false);
      continue;
    }
    const n = cps[++i];
    if (n in SIMPLE) { c.push(SIMPLE[n]); esc.push(true); continue; }
    if (n >= '0' && n <= '7') {
      let digits = n;
      while (digits.length < 3 && cps[i + 1] >= '0' && cps[i + 1] <= '7') digits += cps[++i];
      if (parseInt(digits, 8) > 255) {
        warn(`warning: the ambiguous octal escape \\${digits} is being\n\tinterpreted as the 2-byte sequence \\0${digits.slice(0, 2)}, ${digits[2]}`);
        i--;
        digits = digits.slice(0, 2);
      }
      c.push(parseInt(digits, 8)); esc.push(true);
      continue;
    }
    c.push(n.codePointAt(0)!); esc.push(true);
  }
  return { c, esc };
}

/** build_spec_list(): the elements of one SET operand. */
export function parseSet(s: string, warn: (m: string) => void, q: (s: string) => string): Elem[] {
  const { c, esc } = unescape(s, warn);
  const out: Elem[] = [];
  const str = (a: number, b: number) => c.slice(a, b).map((x) => String.fromCodePoint(x)).join('');
  const findClose = (start: number, delim: number) => {
    for (let j = start; j + 1 < c.length; j++) if (c[j] === delim && !esc[j] && c[j + 1] === 93 && !esc[j + 1]) return j;
    return -1;
  };
  let i = 0;
  while (i + 2 < c.length) {
    if (c[i] === 91 && !esc[i]) {
      if ((c[i + 1] === 58 || c[i + 1] === 61) && !esc[i + 1]) {
        const close = findClose(i + 2, c[i + 1]);
        if (close >= 0) {
          const name = str(i + 2, close);
          if (c[i + 1] === 58) {
            if (name === '') throw new TrError('missing character class name \'[::]\'');
            if (!(name in CLASSES)) throw new TrError(`invalid character class ${q(name)}`);
            out.push({ t: 'class', name });
          } else {
            if (name === '') throw new TrError('missing equivalence class character \'[==]\'');
            if (close - (i + 2) !== 1) throw new TrError(`${name}: equivalence class operand must be a single character`);
            out.push({ t: 'equiv', c: c[i + 2] });
          }
          i = close + 2;
          continue;
        }
      }
      if (c[i + 2] === 42 && !esc[i + 2]) {
        let j = i + 3;
        while (j < c.length && !esc[j] && c[j] !== 93) j++;
        if (j < c.length && c[j] === 93 && !esc[j]) {
          const digits = str(i + 3, j);
          let n: number | null = null;
          if (digits !== '') {
            const ok = digits.startsWith('0') ? /^[0-7]+$/.test(digits) : /^\d+$/.test(digits);
            if (!ok) throw new TrError(`invalid repeat count ${q(digits)} in [c*n] construct`);
            n = parseInt(digits, digits.startsWith('0') ? 8 : 10);
            if (n === 0) n = null;
          }
          out.push({ t: 'repeat', c: c[i + 1], n });
          i = j + 1;
          continue;
        }
      }
    }
    if (c[i + 1] === 45 && !esc[i + 1]) {
      if (c[i + 2] < c[i]) {
        throw new TrError(`range-endpoints of '${printable(c[i])}-${printable(c[i + 2])}' are in reverse collating sequence order`);
      }
      out.push({ t: 'range', a: c[i], b: c[i + 2] });
      i += 3;
      continue;
    }
    out.push({ t: 'char', c: c[i] });
    i++;
  }
  for (; i < c.length; i++) out.push({ t: 'char', c: c[i] });
  return out;
}

/** The characters a SET stands for, in order (a fill repeat [c*] expands to `fill` characters). */
export function expand(set: Elem[], fill = 0): number[] {
  const out: number[] = [];
  for (const e of set) {
    if (e.t === 'char' || e.t === 'equiv') out.push(e.c);
    else if (e.t === 'range') out.push(...range(e.a, e.b));
    else if (e.t === 'repeat') for (let k = 0; k < (e.n ?? fill); k++) out.push(e.c);
    else out.push(...CLASSES[e.name]);
  }
  return out;
}

/** Where each [:upper:]/[:lower:] of a SET starts in its expansion. */
export function caseClassAt(set: Elem[], fill = 0): Map<number, string> {
  const at = new Map<number, string>();
  let n = 0;
  for (const e of set) {
    if (e.t === 'class' && (e.name === 'upper' || e.name === 'lower')) at.set(n, e.name);
    n += expand([e], fill).length;
  }
  return at;
}
