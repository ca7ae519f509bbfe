/**
 * gnulib quotearg, the styles coreutils prints names with:
 * - `shellQuote(s)`          shell-escape: quoted only when needed (ls on a terminal, stat's %N);
 * - `quoteaf(s)`             shell-escape-always: coreutils' file names in diagnostics ('x');
 * - `quote(env, s)`          locale style: 'x' in the C locale, ‘x’ in a UTF-8 one (invalid mode …).
 */

/** The environment's locale for one category (LC_ALL beats LC_xxx beats LANG). */
export function localeOf(env: Map<string, string>, category: string): string {
  return env.get('LC_ALL') || env.get(category) || env.get('LANG') || 'C';
}

export function isUtf8Locale(env: Map<string, string>): boolean {
  return /utf-?8/i.test(localeOf(env, 'LC_CTYPE'));
}

const C_ESC: Record<string, string> = { '\x07': 'a', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v' };

function printable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c >= 0x20 && c !== 0x7f && (c < 0x80 || c >= 0xa0);
}

function utf8Bytes(ch: string): number[] {
  const c = ch.codePointAt(0)!;
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | c >> 6, 0x80 | c & 63];
  if (c < 0x10000) return [0xe0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63];
  return [0xf0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63];
}

/** Characters that are never a problem for a shell (the "safe" list of quotearg.c). */
const SAFE = /[A-Za-z0-9%+,\-./:\]_@]/;

/** Does the name need quoting in shell-escape style? (`extra` = quote_these_too, e.g. ':' for ls headings) */
export function needsShellQuoting(s: string, extra = ''): boolean {
  if (s === '') return true;
  const chars = [...s];
  return chars.some((ch, i) => {
    if (extra.includes(ch)) return true;
    if (SAFE.test(ch)) return false;
    if (ch === '{' || ch === '}') return chars.length === 1;
    if (ch === '#' || ch === '~') return i === 0;
    if (ch.codePointAt(0)! >= 0x80) return !printable(ch);
    return true;
  });
}

/** Shell-escape quoting ('always' = shell-escape-always). */
export function shellQuote(s: string, always = false, extra = ''): string {
  if (!always && !needsShellQuoting(s, extra)) return s;
  const chars = [...s];
  let sawSingle = false;
  let compat = true;
  let out = "'";
  let pendingEnd = false; // inside a $'…' segment
  const startEsc = () => { if (!pendingEnd) { out += "'$'"; pendingEnd = true; } out += '\\'; };
  const endEsc = () => { if (pendingEnd) { out += "''"; pendingEnd = false; } };
  chars.forEach((ch, i) => {
    if (ch in C_ESC || ch === '\0') {
      compat = false;
      startEsc();
      out += ch === '\0' ? '0' : C_ESC[ch];
      return;
    }
    if (ch === "'") {
      sawSingle = true;
      out += "'\\'";
      pendingEnd = false;
      out += "'";
      return;
    }
    if (!printable(ch)) {
      compat = false;
      for (const b of utf8Bytes(ch)) { startEsc(); out += b.toString(8).padStart(3, '0'); }
      return;
    }
    const shellSpecialCompat = ch === ' ' || (ch === '#' || ch === '~') && i === 0 || (ch === '{' || ch === '}') && chars.length === 1;
    if (!(SAFE.test(ch) || ch.codePointAt(0)! >= 0x80 || shellSpecialCompat)) compat = false;
    endEsc();
    out += ch;
  });
  if (sawSingle && compat) return `"${s}"`;
  return out + "'";
}

/** quoteaf(): how coreutils names files in its diagnostics. */
export function quoteaf(s: string): string {
  return shellQuote(s, true);
}

/** quote(): locale quoting style. */
export function quote(env: Map<string, string>, s: string): string {
  const utf8 = isUtf8Locale(env);
  const [l, r] = utf8 ? ['\u2018', '\u2019'] : ["'", "'"];
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch in C_ESC) out += '\\' + C_ESC[ch];
    else if (ch === r) out += '\\' + ch;
    else if (!printable(ch)) {
      for (const b of utf8Bytes(ch)) out += '\\' + b.toString(8).padStart(3, '0');
    } else out += ch;
  }
  return l + out + r;
}
