/**
 * The comparison functions of coreutils sort: strnumcmp (-n), human_numcompare (-h),
 * general_numcompare (-g), getmonth (-M) and gnulib's filevercmp (-V). Strings compare by code point,
 * which is byte order in the C and C.UTF-8 locales.
 */

export function cmpStr(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral characters) sort after every BMP character, as their UTF-8 bytes do.
      const xs = x >= 0xd800 && x < 0xe000, ys = y >= 0xd800 && y < 0xe000;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n';

interface Num { neg: boolean; int: string; frac: string }

/** The leading number of `s` as strnumcmp reads it (blanks, '-', digits, '.', digits). */
function scanNum(s: string): Num {
  let i = 0;
  while (isBlank(s[i])) i++;
  let neg = false;
  if (s[i] === '-') { neg = true; i++; }
  let j = i;
  while (s[j] >= '0' && s[j] <= '9') j++;
  const int = s.slice(i, j).replace(/^0+/, '');
  let frac = '';
  if (s[j] === '.') {
    let k = j + 1;
    while (s[k] >= '0' && s[k] <= '9') k++;
    frac = s.slice(j + 1, k).replace(/0+$/, '');
  }
  if (int === '' && frac === '') neg = false; // -0 == 0
  return { neg, int, frac };
}

function cmpMagnitude(a: Num, b: Num): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  return a.frac === b.frac ? 0 : a.frac < b.frac ? -1 : 1;
}

export function numCompare(a: string, b: string): number {
  const x = scanNum(a);
  const y = scanNum(b);
  if (x.neg !== y.neg) return x.neg ? -1 : 1;
  const d = cmpMagnitude(x, y);
  return x.neg ? -d : d;
}

const UNITS = 'KMGTPEZYRQ';

function unitOrder(s: string): number {
  let i = 0;
  while (isBlank(s[i])) i++;
  const neg = s[i] === '-';
  const m = /^(\d*)(?:\.(\d*))?(.?)/.exec(s.slice(i + (neg ? 1 : 0)))!;
  if (!/[1-9]/.test(m[1] + (m[2] ?? ''))) return 0;
  const u = m[3] === 'k' ? 1 : m[3] ? UNITS.indexOf(m[3]) + 1 : 0;
  return neg ? -u : u;
}

export function humanCompare(a: string, b: string): number {
  const d = unitOrder(a) - unitOrder(b);
  return d ? Math.sign(d) : numCompare(a, b);
}

/** strtold's prefix: a number, or NaN for "nan", or undefined when nothing converts. */
function strtod(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(inf(?:inity)?)|(nan))/i.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[2]) {
    const [mant, exp] = m[2].slice(2).split(/[pP]/);
    const [ip, fp = ''] = mant.split('.');
    const v = parseInt(ip || '0', 16) + (fp ? parseInt(fp, 16) / 16 ** fp.length : 0);
    return sign * v * 2 ** Number(exp ?? 0);
  }
  if (m[3]) return sign * Number(m[3]);
  if (m[4]) return sign * Infinity;
  return NaN;
}

export function generalCompare(a: string, b: string): number {
  const x = strtod(a);
  const y = strtod(b);
  if (x === undefined) return y === undefined ? 0 : -1;
  if (y === undefined) return 1;
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export function monthCompare(a: string, b: string): number {
  const m = (s: string) => MONTHS.indexOf(s.replace(/^[ \t\n]+/, '').slice(0, 3).toUpperCase()) + 1;
  return Math.sign(m(a) - m(b));
}

/** Debian's version ordering of non-digit characters: ~ first, then end, letters, everything else. */
function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c >= '0' && c <= '9') return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

function verrevcmp(s1: string, s2: string): number {
  let i = 0, j = 0;
  while (i < s1.length || j < s2.length) {
    let firstDiff = 0;
    while ((i < s1.length && !/\d/.test(s1[i])) || (j < s2.length && !/\d/.test(s2[j]))) {
      const a = order(s1[i]), b = order(s2[j]);
      if (a !== b) return a - b;
      i++; j++;
    }
    while (s1[i] === '0') i++;
    while (s2[j] === '0') j++;
    while (/\d/.test(s1[i] ?? '') && /\d/.test(s2[j] ?? '')) {
      if (!firstDiff) firstDiff = s1.charCodeAt(i) - s2.charCodeAt(j);
      i++; j++;
    }
    if (/\d/.test(s1[i] ?? '')) return 1;
    if (/\d/.test(s2[j] ?? '')) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** Length of `s` without its file suffix (`(\.[A-Za-z~][A-Za-z0-9~]*)*$`, never the first character). */
function prefixLen(s: string): number {
  return Math.max(Math.min(1, s.length), /(?:\.[A-Za-z~][A-Za-z0-9~]*)*$/.exec(s)!.index);
}

/** gnulib filevercmp(): "." first, then "..", then dot files, then the rest by version. */
export function versionCompare(a: string, b: string): number {
  if (a === '') return b === '' ? 0 : -1;
  if (b === '') return 1;
  if (a[0] === '.') {
    if (b[0] !== '.') return -1;
    if (a === '.') return b === '.' ? 0 : -1;
    if (b === '.') return 1;
    if (a === '..') return b === '..' ? 0 : -1;
    if (b === '..') return 1;
  } else if (b[0] === '.') return 1;
  const pa = prefixLen(a), pb = prefixLen(b);
  const d = verrevcmp(a.slice(0, pa), b.slice(0, pb));
  if (d || (pa === a.length && pb === b.length)) return Math.sign(d);
  return Math.sign(verrevcmp(a, b));
}
