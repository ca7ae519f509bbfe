/**
 * C printf(3) number conversions as glibc renders them: %d %i %o %u %x %X over 64-bit integers and
 * %f %F %e %E %g %G %a %A with exact decimal expansion and round-half-even, so `printf '%.0f' 2.5`
 * prints 2 as it does on Linux. Shared by printf, seq and anything else that formats numbers.
 */
export interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  conv: string;
}

const U64 = (1n << 64n) - 1n;

/** Pad a converted number to the field width (`0` pads after the sign/prefix). */
function pad(spec: Spec, sign: string, prefix: string, body: string, zeroOk: boolean): string {
  const w = spec.width ?? 0;
  const len = sign.length + prefix.length + body.length;
  if (len >= w) return sign + prefix + body;
  if (spec.flags.includes('-')) return sign + prefix + body + ' '.repeat(w - len);
  if (zeroOk && spec.flags.includes('0')) return sign + prefix + '0'.repeat(w - len) + body;
  return ' '.repeat(w - len) + sign + prefix + body;
}

/** %d %i %o %u %x %X %c-less integer conversions of a 64-bit value (signed for d/i). */
export function formatInt(spec: Spec, v: bigint): string {
  const { conv, flags, precision } = spec;
  let sign = '';
  let mag: bigint;
  if (conv === 'd' || conv === 'i') {
    if (v < 0n) { sign = '-'; mag = -v; } else { mag = v; sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : ''; }
  } else mag = v < 0n ? (v & U64) : v;
  const base = conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10;
  let digits = mag.toString(base);
  if (conv === 'X') digits = digits.toUpperCase();
  if (precision !== null) digits = precision === 0 && mag === 0n ? '' : digits.padStart(precision, '0');
  let prefix = '';
  if (flags.includes('#')) {
    if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((conv === 'x' || conv === 'X') && mag !== 0n) prefix = conv === 'x' ? '0x' : '0X';
  }
  return pad(spec, sign, prefix, digits, precision === null);
}

/** Exact decimal digits of a finite positive double: value = 0.DIGITS × 10^exp. */
function exactDigits(x: number): { digits: string; exp: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0), lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074; else { mant |= 1n << 52n; e = bexp - 1075; }
  let digits: string;
  let pointFromRight: number;
  if (e >= 0) { digits = (mant << BigInt(e)).toString(); pointFromRight = 0; } else {
    digits = (mant * 5n ** BigInt(-e)).toString();
    pointFromRight = -e;
  }
  const exp = digits.length - pointFromRight;
  const stripped = digits.replace(/^0+/, '');
  return { digits: stripped.replace(/0+$/, '') || '0', exp: exp - (digits.length - stripped.length) };
}

/** Round 0.DIGITS×10^exp to `n` significant digits, half to even. */
function roundSig(d: { digits: string; exp: number }, n: number): { digits: string; exp: number } {
  if (n < 0) return { digits: '', exp: d.exp };
  if (d.digits.length <= n) return { digits: d.digits.padEnd(n, '0'), exp: d.exp };
  const keep = d.digits.slice(0, n);
  const rest = d.digits.slice(n);
  const last = n > 0 ? Number(keep[n - 1]) : 0;
  const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || last % 2 === 1));
  if (!up) return { digits: keep, exp: d.exp };
  const bumped = (BigInt(keep || '0') + 1n).toString();
  if (bumped.length > n) return { digits: bumped.slice(0, Math.max(n, 1)).padEnd(n, '0'), exp: d.exp + 1 };
  return { digits: bumped.padStart(n, '0'), exp: d.exp };
}

function fixed(x: number, prec: number): string {
  if (x === 0) return prec > 0 ? `0.${'0'.repeat(prec)}` : '0';
  if (x < 1e21 && prec <= 70) {
    // toFixed rounds the exact binary value correctly except on exact ties, which glibc breaks to even.
    const wide = x.toFixed(prec + 30);
    const tail = wide.slice(wide.length - 30);
    if (!/^50*$/.test(tail)) return x.toFixed(prec);
  }
  const d = exactDigits(x);
  const r = roundSig(d, d.exp + prec);
  let digits = r.digits;
  let exp = r.exp;
  if (digits === '' || /^0*$/.test(digits)) { digits = ''; exp = 0; }
  // digits represent 0.digits × 10^exp with exp + prec digits in total.
  const intPart = exp > 0 ? digits.slice(0, exp).padEnd(exp, '0') : '0';
  let frac = exp >= 0 ? digits.slice(exp) : '0'.repeat(-exp) + digits;
  frac = frac.padEnd(prec, '0').slice(0, prec);
  return prec > 0 ? `${intPart || '0'}.${frac}` : intPart || '0';
}

function expo(x: number, prec: number, upper: boolean): { text: string; exp: number } {
  let digits: string;
  let e: number;
  if (x === 0) { digits = '0'.repeat(prec + 1); e = 0; } else {
    const r = roundSig(exactDigits(x), prec + 1);
    digits = r.digits;
    e = r.exp - 1;
  }
  const mant = prec > 0 ? `${digits[0]}.${digits.slice(1)}` : digits[0];
  const es = `${Math.abs(e)}`.padStart(2, '0');
  return { text: `${mant}${upper ? 'E' : 'e'}${e < 0 ? '-' : '+'}${es}`, exp: e };
}

/** %a as glibc prints a long double: the leading hex digit holds the top four mantissa bits (8–f). */
function hexFloat(x: number, prec: number | null, upper: boolean): string {
  if (x === 0) return `0x0${prec ? '.' + '0'.repeat(prec) : ''}p+0`;
  let e = Math.floor(Math.log2(x)) - 3;
  let m = x / 2 ** e;
  if (m >= 16) { m /= 2; e++; } else if (m < 8) { m *= 2; e--; }
  let lead = Math.floor(m);
  let frac = m - lead;
  let hex = '';
  for (let i = 0; i < 15 && frac > 0; i++) { frac *= 16; const d = Math.floor(frac); hex += d.toString(16); frac -= d; }
  if (prec !== null) {
    if (hex.length > prec) {
      const all = BigInt('0x' + lead.toString(16) + hex);
      const drop = BigInt(hex.length - prec) * 4n;
      const half = 1n << (drop - 1n);
      let kept = all >> drop;
      const rem = all & ((1n << drop) - 1n);
      if (rem > half || (rem === half && (kept & 1n))) kept++;
      const s = kept.toString(16);
      lead = parseInt(s.slice(0, s.length - prec) || '0', 16);
      hex = s.slice(s.length - prec);
      if (lead >= 16) { lead = lead / 2; e++; }
    } else hex = hex.padEnd(prec, '0');
  }
  const s = `0x${lead.toString(16)}${hex ? '.' + hex : ''}p${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  return upper ? s.toUpperCase() : s;
}

/** %f %F %e %E %g %G %a %A of a double. */
export function formatFloat(spec: Spec, v: number): string {
  const { conv, flags } = spec;
  const upper = conv === conv.toUpperCase();
  const neg = v < 0 || Object.is(v, -0);
  const x = Math.abs(v);
  const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  if (!Number.isFinite(x)) {
    const t = Number.isNaN(x) ? 'nan' : 'inf';
    return pad(spec, Number.isNaN(v) ? (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') : sign, '', upper ? t.toUpperCase() : t, false);
  }
  const alt = flags.includes('#');
  let body: string;
  switch (conv.toLowerCase()) {
    case 'f': body = fixed(x, spec.precision ?? 6); if (alt && !body.includes('.')) body += '.'; break;
    case 'e': body = expo(x, spec.precision ?? 6, upper).text; if (alt && !body.includes('.')) body = body.replace(/[eE]/, '.$&'); break;
    case 'g': {
      const p = spec.precision === null ? 6 : spec.precision === 0 ? 1 : spec.precision;
      const { exp } = expo(x, p - 1, upper);
      if (p > exp && exp >= -4) body = fixed(x, p - 1 - exp);
      else body = expo(x, p - 1, upper).text;
      if (!alt) body = body.replace(/\.?0+(?=$|[eE])/, (m) => (body.includes('.') ? '' : m));
      else if (!body.includes('.')) body = body.replace(/(?=[eE]|$)/, '.');
      break;
    }
    default: body = hexFloat(x, spec.precision, upper);
  }
  if (conv.toLowerCase() === 'a') return pad(spec, sign, body.slice(0, 2), body.slice(2), true);
  return pad(spec, sign, '', body, true);
}
