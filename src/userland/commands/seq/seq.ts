import type { ProgramImage } from '../../../kernel/program.ts';
import { formatFloat, type Spec } from '../../lib/cformat.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { quote } from '../../lib/quote.ts';
import { HELP, VERSION } from './help.ts';

interface Operand { value: number; width: number; precision: number }

const INT_MAX = 2 ** 31 - 1;
class Usage extends Error {}

/** xstrtold: the whole argument must be a number (decimal, hex, inf, nan). */
function strtold(s: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(inf(?:inity)?)|(nan))$/i.exec(s);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[2]) {
    const [mant, exp] = m[2].slice(2).split(/[pP]/);
    const [ip, fp = ''] = mant.split('.');
    return sign * (parseInt(ip || '0', 16) + (fp ? parseInt(fp, 16) / 16 ** fp.length : 0)) * 2 ** Number(exp ?? 0);
  }
  if (m[3]) return sign * Number(m[3]);
  return m[4] ? sign * Infinity : NaN;
}

/** scan_arg(): the value plus the width and precision seq infers from how it was written. */
function scanArg(arg: string, q: (s: string) => string): Operand {
  const value = strtold(arg);
  if (value === null) throw new Usage(`seq: invalid floating point argument: ${q(arg)}\n`);
  if (Number.isNaN(value)) throw new Usage(`seq: invalid ${q('not-a-number')} argument: ${q(arg)}\n`);
  const a = arg.replace(/^[\s+]+/, '');
  const r: Operand = { value, width: 0, precision: INT_MAX };
  const dot = a.indexOf('.');
  if (dot < 0 && !a.includes('p')) r.precision = 0;
  if (!/[xX]/.test(a) && Number.isFinite(value)) {
    let fractionLen = 0;
    r.width = a.length;
    if (dot >= 0) {
      fractionLen = a.slice(dot + 1).search(/[eE]|$/);
      r.precision = fractionLen;
      r.width += fractionLen === 0 ? -1 : dot === 0 || !/\d/.test(a[dot - 1]) ? 1 : 0;
    }
    let e = a.indexOf('e');
    if (e < 0) e = a.indexOf('E');
    if (e >= 0) {
      let exponent = parseInt(a.slice(e + 1), 10) || 0;
      r.precision += exponent < 0 ? -exponent : -Math.min(r.precision, exponent);
      r.width -= a.length - e;
      if (exponent < 0) {
        if (dot >= 0) { if (e === dot + 1) r.width++; } else r.width++;
        exponent = -exponent;
      } else {
        if (dot >= 0 && r.precision === 0 && exponent) r.width--;
        exponent -= Math.min(fractionLen, exponent);
      }
      r.width += exponent;
    }
  }
  return r;
}

/** validate_format(): exactly one floating-point directive. Returns [prefix, spec, suffix]. */
function parseFormat(fmt: string, q: (s: string) => string): [string, Spec, string] {
  let i = 0;
  let prefix = '';
  for (; i < fmt.length; i++) {
    if (fmt[i] === '%') { if (fmt[i + 1] === '%') { prefix += '%'; i++; continue; } break; }
    prefix += fmt[i];
  }
  if (i >= fmt.length) throw new Usage(`seq: format ${q(fmt)} has no % directive\n`);
  const m = /^%([-+#0 ']*)(\d*)(?:\.(\d*))?(.?)/.exec(fmt.slice(i))!;
  if (!m[4] || !'efgaEFGA'.includes(m[4])) {
    throw new Usage(`seq: format ${q(fmt)} has unknown %${m[4]} directive\n`);
  }
  let suffix = '';
  for (let j = i + m[0].length; j < fmt.length; j++) {
    if (fmt[j] === '%') {
      if (fmt[j + 1] !== '%') throw new Usage(`seq: format ${q(fmt)} has too many % directives\n`);
      suffix += '%'; j++;
    } else suffix += fmt[j];
  }
  return [prefix, { flags: m[1], width: m[2] ? Number(m[2]) : null, precision: m[3] === undefined ? null : Number(m[3] || '0'), conv: m[4] }, suffix];
}

/** seq(1) from coreutils: FIRST/INCREMENT/LAST, -f FORMAT, -s SEPARATOR, -w equal width. */
export const seq: ProgramImage = {
  vszKb: 5520, rssKb: 1796,
  main: async ({ argv, env, sys, out, err }) => {
    const q = (s: string) => quote(env, s);
    let format: string | null = null, sep = '\n', equalWidth = false;
    let first: Operand, step: Operand, last: Operand;
    let fmt: (x: number) => string;
    let nums: string[];
    try {
      // Options stop at the first argument that looks like a negative number.
      const args = argv.slice(1);
      const stop = args.findIndex((a) => /^-[.\d]/.test(a));
      const r = getopt('seq', stop < 0 ? args : args.slice(0, stop), '+f:s:w', [
        { name: 'format', arg: 'required', key: 'f' }, { name: 'separator', arg: 'required', key: 's' },
        { name: 'equal-width', arg: 'none', key: 'w' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const o of r.options) {
        if (o.key === 'f') format = o.value!; else if (o.key === 's') sep = o.value!; else equalWidth = true;
      }
      nums = [...r.operands, ...(stop < 0 ? [] : args.slice(stop))];
      if (!nums.length) throw new GetoptError('seq: missing operand');
      if (nums.length > 3) throw new GetoptError(`seq: extra operand ${q(nums[3])}`);
      if (format !== null && equalWidth) throw new GetoptError('seq: format string may not be specified when printing equal width strings');
      const one = { value: 1, width: 1, precision: 0 };
      last = scanArg(nums[nums.length - 1], q);
      first = nums.length >= 2 ? scanArg(nums[0], q) : one;
      step = nums.length === 3 ? scanArg(nums[1], q) : one;
      if (step.value === 0) throw new GetoptError(`seq: invalid Zero increment value: ${q(nums[1])}`);
      if (format !== null) {
        const [pre, spec, post] = parseFormat(format, q);
        fmt = (x) => pre + formatFloat(spec, x) + post;
      } else {
        const prec = Math.max(first.precision, step.precision);
        let spec: Spec = { flags: '', width: null, precision: null, conv: 'g' };
        if (prec !== INT_MAX && last.precision !== INT_MAX) {
          spec = { flags: '', width: null, precision: prec, conv: 'f' };
          if (equalWidth) {
            const firstWidth = first.width + (prec - first.precision) + (first.precision === 0 && prec ? 1 : 0);
            let lastWidth = last.width + (prec - last.precision);
            if (last.precision && prec === 0) lastWidth--;
            if (last.precision === 0 && prec) lastWidth++;
            spec = { flags: '0', width: Math.max(firstWidth, lastWidth), precision: prec, conv: 'f' };
          }
        }
        fmt = (x) => formatFloat(spec, x);
      }
    } catch (e) {
      if (e instanceof Usage) { await err(`${e.message}${e.message.includes('directive') ? '' : "Try 'seq --help' for more information.\n"}`); return 1; }
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'seq --help' for more information.\n`);
      return 1;
    }
    const ints = nums.every((n) => /^\s*[+-]?\d+$/.test(n)) && format === null;
    if (ints) return bigSeq(nums, sep, equalWidth ? Math.max(first.width, last.width) : 0, out, sys.sched_yield.bind(sys));
    const a = first.value, d = step.value, z = last.value;
    if (d < 0 ? a < z : z < a) return 0;
    let buf = fmt(a);
    let prev = buf;
    for (let i = 1; ; i++) {
      const x = a + i * d;
      if (d < 0 ? x < z : z < x) {
        // Print a number just past LAST when it prints as LAST (rounding), like seq does.
        const s = fmt(x);
        if (format !== null || strtold(s) !== z || s === prev) break;
      }
      const s = fmt(x);
      buf += sep + s;
      prev = s;
      if (buf.length >= 32768) {
        await out(buf);
        buf = '';
        await sys.sched_yield();
      }
      if (d < 0 ? x < z : z < x) break;
    }
    await out(buf + '\n');
    return 0;
  },
};

/** Integer sequences in arbitrary precision (seq's fast path), zero-padded to `width` with -w. */
async function bigSeq(nums: string[], sep: string, width: number, out: (s: string) => Promise<void>, yieldCpu: () => Promise<void>): Promise<number> {
  const v = nums.map((n) => BigInt(n.trim()));
  const last = v[v.length - 1];
  const first = v.length >= 2 ? v[0] : 1n;
  const step = v.length === 3 ? v[1] : 1n;
  if (step < 0n ? first < last : last < first) return 0;
  const show = (x: bigint) => {
    if (!width) return x.toString();
    const neg = x < 0n;
    const digits = (neg ? -x : x).toString();
    return (neg ? '-' : '') + digits.padStart(width - (neg ? 1 : 0), '0');
  };
  let buf = show(first);
  const safe = (x: bigint) => x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= -BigInt(Number.MAX_SAFE_INTEGER);
  if (!width && safe(first) && safe(last) && safe(step) && safe(last + step)) {
    // Plain numbers are much faster than bigints for the common `seq N`.
    const [f, l, d] = [Number(first), Number(last), Number(step)];
    for (let x = f + d; d < 0 ? x >= l : x <= l; x += d) {
      buf += sep + x;
      if (buf.length >= 32768) { await out(buf); buf = ''; await yieldCpu(); }
    }
    await out(buf + '\n');
    return 0;
  }
  for (let x = first + step; step < 0n ? x >= last : x <= last; x += step) {
    buf += sep + show(x);
    if (buf.length >= 32768) { await out(buf); buf = ''; await yieldCpu(); }
  }
  await out(buf + '\n');
  return 0;
}
