/** printf's argument conversions (coreutils vstrtoimax/vstrtold and bash's getintmax) and bash's %q. */

const IMAX = (1n << 63n) - 1n;
const IMIN = -(1n << 63n);
const UMAX = (1n << 64n) - 1n;

export interface ArgContext {
  bash: boolean;
  errors: string[];
  /** Locale quoting of an argument in coreutils' diagnostics. */
  quote: (s: string) => string;
}

/** A character constant ('c or "c) is the character's code. */
function charConstant(a: string, cx: ArgContext): bigint | null {
  if (a[0] !== "'" && a[0] !== '"') return null;
  const rest = [...a.slice(1)];
  if (rest.length === 0) {
    if (cx.bash) return 0n;
    cx.errors.push(`${cx.quote(a)}: expected a numeric value`);
    return 0n;
  }
  if (rest.length > 1 && !cx.bash) cx.errors.push(`warning: ${rest.slice(1).join('')}: character(s) following character constant have been ignored`);
  return BigInt(rest[0].codePointAt(0)!);
}

/** strtoimax/strtoumax(s, 0): the parsed prefix and where it ended. */
function strtoi(a: string): { v: bigint; end: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX])([0-9a-fA-F]+)|(0[0-7]*)|([1-9]\d*))/.exec(a);
  if (!m) return { v: 0n, end: 0 };
  const neg = m[1] === '-';
  const mag = m[3] !== undefined ? BigInt('0x' + m[3]) : m[4] !== undefined ? BigInt('0o' + (m[4].slice(1) || '0')) : BigInt(m[5]);
  return { v: neg ? -mag : mag, end: m[0].length };
}

/** An integer argument for %d %i (signed) or %o %u %x %X (unsigned, negatives wrap). */
export function parseIntArg(a: string | undefined, signed: boolean, bash: boolean, errors: string[], quote = cQuote): bigint {
  if (a === undefined) return 0n;
  const cx: ArgContext = { bash, errors, quote };
  const cc = charConstant(a, cx);
  if (cc !== null) return cc;
  const { v, end } = strtoi(a);
  let val = v;
  let range = false;
  if (signed) {
    if (v > IMAX) { val = IMAX; range = true; } else if (v < IMIN) { val = IMIN; range = true; }
  } else {
    const mag = v < 0n ? -v : v;
    if (mag > UMAX) { val = UMAX; range = true; } else if (v < 0n) val = (UMAX + 1n - mag) & UMAX;
  }
  if (range) errors.push(bash ? `warning: ${a}: Numerical result out of range` : `${quote(a)}: Numerical result out of range`);
  else if (end < a.length || end === 0) {
    if (bash) errors.push(`${a}: invalid number`);
    else errors.push(`${quote(a)}: ${end === 0 ? 'expected a numeric value' : 'value not completely converted'}`);
  }
  return val;
}

/** strtold's longest prefix. */
function strtod(a: string): { v: number; end: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(inf(?:inity)?)|(nan(?:\([0-9A-Za-z_]*\))?))/i.exec(a);
  if (!m) return { v: 0, end: 0 };
  const sign = m[1] === '-' ? -1 : 1;
  let v: number;
  if (m[2]) {
    const [mant, exp] = m[2].slice(2).split(/[pP]/);
    const [ip, fp = ''] = mant.split('.');
    v = (parseInt(ip || '0', 16) + (fp ? parseInt(fp, 16) / 16 ** fp.length : 0)) * 2 ** Number(exp ?? 0);
  } else if (m[3]) v = Number(m[3]);
  else if (m[4]) v = Infinity;
  else v = NaN;
  return { v: sign * v, end: m[0].length };
}

export function parseFloatArg(a: string | undefined, bash: boolean, errors: string[], quote = cQuote): number {
  if (a === undefined) return 0;
  const cc = charConstant(a, { bash, errors, quote });
  if (cc !== null) return Number(cc);
  const { v, end } = strtod(a);
  if (end < a.length || end === 0) {
    if (bash) errors.push(`${a}: invalid number`);
    else errors.push(`${quote(a)}: ${end === 0 ? 'expected a numeric value' : 'value not completely converted'}`);
  }
  return v;
}

/** quote() in the C locale. */
export function cQuote(s: string): string {
  return `'${s.replace(/['\\]/g, '\\$&')}'`;
}

const ANSI: Record<string, string> = { '\x07': 'a', '\b': 'b', '\x1b': 'E', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v', '\\': '\\', "'": "'" };

/** bash's printf %q: backslash quoting, or $'…' when the string holds control characters. */
export function bashQuote(s: string): string {
  if (s === '') return "''";
  if (/[\x00-\x1f\x7f]/.test(s)) {
    let out = "$'";
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      if (ch in ANSI) out += `\\${ANSI[ch]}`;
      else if (c < 0x20 || c === 0x7f) out += `\\${c.toString(8).padStart(3, '0')}`;
      else out += ch;
    }
    return out + "'";
  }
  let out = '';
  [...s].forEach((ch, i) => {
    if (' \t\'"\\|&;()<>!{}*[?]^$`,'.includes(ch) || ((ch === '~' || ch === '#') && i === 0)) out += '\\';
    out += ch;
  });
  return out;
}
