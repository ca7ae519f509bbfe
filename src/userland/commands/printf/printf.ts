import type { ProgramImage } from '../../../kernel/program.ts';
import { formatFloat, formatInt, type Spec } from '../../lib/cformat.ts';
import { utf8Bytes } from '../../lib/input.ts';
import { quote, shellQuote } from '../../lib/quote.ts';
import { bashQuote, cQuote, parseFloatArg, parseIntArg } from './args.ts';
import { HELP, VERSION } from './help.ts';

export interface PrintfOptions {
  /** 'bash' words diagnostics as bash's builtin does and allows width on %b/%q; default coreutils. */
  dialect?: 'coreutils' | 'bash';
  /** Locale quoting for coreutils' diagnostics (default: the C locale's 'x'). */
  quote?: (s: string) => string;
}

export interface PrintfResult {
  text: string;
  /** Diagnostics without the `printf: ` prefix; any of them means exit status 1. */
  errors: string[];
}

/** \c: no further output (not an error). */
class Stop extends Error {}
/** A fatal format error (already recorded in errors). */
class Fatal extends Error {}

/** print_esc(): one backslash escape at s[i] (the backslash). Returns [text, next index]. */
function escape(s: string, i: number, octal0: boolean, bash: boolean, errors: string[]): [string, number] {
  let p = i + 1;
  const c = s[p];
  if (c === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(p + 1));
    if (!m) {
      if (bash) { errors.push('missing hex digit for \\x'); return ['\\x', p + 1]; }
      errors.push('missing hexadecimal number in escape');
      throw new Fatal();
    }
    return [String.fromCharCode(parseInt(m[0], 16)), p + 1 + m[0].length];
  }
  if (c !== undefined && c >= '0' && c <= '7') {
    if (octal0 && c === '0') p++;
    const m = /^[0-7]{0,3}/.exec(s.slice(p))![0];
    return [String.fromCharCode(parseInt(m || '0', 8) & 0xff), p + m.length];
  }
  const simple: Record<string, string> = { '"': '"', '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  if (bash) { simple.E = '\x1b'; simple["'"] = "'"; simple['?'] = '?'; }
  if (c === 'c' && (octal0 || !bash)) throw new Stop();
  if (c !== undefined && c in simple) return [simple[c], p + 1];
  if (c === 'u' || c === 'U') {
    const n = c === 'u' ? 4 : 8;
    const m = new RegExp(`^[0-9a-fA-F]{${bash ? 1 : n},${n}}`).exec(s.slice(p + 1));
    if (!m || (!bash && m[0].length < n)) {
      if (bash) { errors.push(`missing unicode digit for \\${c}`); return [`\\${c}`, p + 1]; }
      errors.push('missing hexadecimal number in escape');
      throw new Fatal();
    }
    const v = parseInt(m[0], 16);
    if (!bash && ((v <= 0x9f && v !== 0x24 && v !== 0x40 && v !== 0x60) || (v >= 0xd800 && v <= 0xdfff))) {
      errors.push(`invalid universal character name \\${c}${m[0].toLowerCase().padStart(n, '0')}`);
      throw new Fatal();
    }
    return [v > 0x10ffff ? '' : String.fromCodePoint(v), p + 1 + m[0].length];
  }
  return [c === undefined ? '\\' : `\\${c}`, c === undefined ? p : p + 1];
}

/** Backslash escapes of a %b argument (\0NNN octal). */
function expandB(s: string, bash: boolean, errors: string[]): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length;) {
    if (s[i] !== '\\') { out += s[i++]; continue; }
    try {
      const [t, next] = escape(s, i, true, bash, errors);
      out += t;
      i = next;
    } catch (e) {
      if (e instanceof Stop) return { text: out, stop: true };
      throw e;
    }
  }
  return { text: out, stop: false };
}

/** Width/precision in bytes, as printf(3) counts them. */
function padStr(spec: Spec, s: string): string {
  if (spec.precision !== null && utf8Bytes(s) > spec.precision) {
    let n = 0;
    let cut = '';
    for (const ch of s) { n += utf8Bytes(ch); if (n > spec.precision) break; cut += ch; }
    s = cut;
  }
  const w = (spec.width ?? 0) - utf8Bytes(s);
  if (w <= 0) return s;
  return spec.flags.includes('-') ? s + ' '.repeat(w) : ' '.repeat(w) + s;
}

/**
 * printf's formatting (coreutils, or bash's builtin with `dialect: 'bash'`): the format is reused
 * while arguments remain; missing arguments read as '' or 0. Never throws.
 */
export function formatPrintf(format: string, args: string[], opts: PrintfOptions = {}): PrintfResult {
  const bash = opts.dialect === 'bash';
  const errors: string[] = [];
  let text = '';
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  const q = opts.quote ?? cQuote;
  const intArg = (a: string | undefined) => parseIntArg(a, true, bash, errors, q);
  try {
    for (;;) {
      const start = ai;
      for (let i = 0; i < format.length;) {
        const ch = format[i];
        if (ch === '\\') {
          const [t, n] = escape(format, i, false, bash, errors);
          text += t;
          i = n;
          continue;
        }
        if (ch !== '%') { text += ch; i++; continue; }
        const dstart = i;
        i++;
        if (format[i] === '%') { text += '%'; i++; continue; }
        if (!bash && (format[i] === 'b' || format[i] === 'q')) {
          const a = next() ?? '';
          if (format[i] === 'q') text += shellQuote(a);
          else { const r = expandB(a, false, errors); text += r.text; if (r.stop) throw new Stop(); }
          i++;
          continue;
        }
        const fm = /^[-+ #0'I]*/.exec(format.slice(i))![0];
        i += fm.length;
        const spec: Spec = { flags: fm, width: null, precision: null, conv: '' };
        if (format[i] === '*') {
          i++;
          const w = Number(intArg(next()));
          spec.width = Math.abs(w);
          if (w < 0) spec.flags += '-';
        } else {
          const m = /^\d+/.exec(format.slice(i));
          if (m) { spec.width = Number(m[0]); i += m[0].length; }
        }
        if (format[i] === '.') {
          i++;
          if (format[i] === '*') {
            i++;
            const pv = Number(intArg(next()));
            spec.precision = pv < 0 ? null : pv;
          } else {
            const m = /^\d*/.exec(format.slice(i))![0];
            spec.precision = Number(m || '0');
            i += m.length;
          }
        }
        while (format[i] !== undefined && 'hlLjzt'.includes(format[i])) i++;
        const conv = format[i] ?? '';
        spec.conv = conv;
        const ok = validConv(spec, bash);
        if (!ok) {
          if (bash) errors.push(conv && !/[\\\n]/.test(conv) ? `\`${conv}': invalid format character` : `\`${format.slice(dstart, i)}': missing format character`);
          else errors.push(`${format.slice(dstart, i + 1)}: invalid conversion specification`);
          throw new Fatal();
        }
        i++;
        const a = next();
        switch (conv) {
          case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
            text += formatInt(spec, parseIntArg(a, conv === 'd' || conv === 'i', bash, errors, q));
            break;
          case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
            text += formatFloat(spec, parseFloatArg(a, bash, errors, q));
            break;
          case 'c': text += padStr({ ...spec, precision: null }, a === undefined || a === '' ? (bash ? '' : '\0') : String.fromCodePoint(a.codePointAt(0)!)); break;
          case 's': text += padStr(spec, a ?? ''); break;
          case 'b': {
            const r = expandB(a ?? '', true, errors);
            text += padStr(spec, r.text);
            if (r.stop) throw new Stop();
            break;
          }
          case 'q': text += padStr(spec, bashQuote(a ?? '')); break;
        }
      }
      if (ai >= args.length || ai === start) {
        if (ai < args.length && !bash) errors.push(`warning: ignoring excess arguments, starting with ${shellQuote(args[ai], true)}`);
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof Stop || e instanceof Fatal)) throw e;
  }
  return { text, errors };
}

function validConv(spec: Spec, bash: boolean): boolean {
  const { conv, flags, precision } = spec;
  if (conv === '' || !'diouxXfFeEgGaAcs'.includes(conv)) return bash && (conv === 'b' || conv === 'q');
  if (bash) return true;
  if ((flags.includes("'") || flags.includes('I')) && 'aAceEosxX'.includes(conv)) return false;
  if (flags.includes('#') && 'cdisu'.includes(conv)) return false;
  if (flags.includes('0') && 'cs'.includes(conv)) return false;
  if (precision !== null && conv === 'c') return false;
  return true;
}


/** printf(1) from coreutils. */
export const printf: ProgramImage = {
  vszKb: 5516, rssKb: 1792,
  main: async ({ argv, env, out, err }) => {
    let args = argv.slice(1);
    if (args.length === 1 && args[0] === '--help') { await out(HELP); return 0; }
    if (args.length === 1 && args[0] === '--version') {
      await out(VERSION);
      return 0;
    }
    if (args[0] === '--') args = args.slice(1);
    if (!args.length) { await err("printf: missing operand\nTry 'printf --help' for more information.\n"); return 1; }
    const r = formatPrintf(args[0], args.slice(1), { quote: (s) => quote(env, s) });
    await out(r.text);
    for (const e of r.errors) await err(`printf: ${e}\n`);
    return r.errors.some((e) => !e.startsWith('warning:')) ? 1 : 0;
  },
};
