/**
 * `$`-expansions and backquotes inside words: `$NAME`, `$(...)`,
 * `$((...))`, `$'...'`, `$"..."` and `` `...` ``; `${...}` is in params.ts.
 */
import type { Script } from './ast.ts';
import { ShellNestingError, ShellSyntaxError, unmatched } from './errors.ts';
import type { Cursor } from './lexer.ts';
import { nameAt, readBrace, skipBraced } from './params.ts';
import { Parts, readDouble } from './words.ts';

/** At `$`: read one expansion (or a literal `$`) into b. */
export function readDollar(cur: Cursor, b: Parts, quoted: boolean): void {
  const s = cur.text;
  const i = cur.pos;
  const n = s[i + 1];
  if (n === '(') {
    // `$((cmd) )` is a command substitution of a subshell, as in bash.
    const a = s[i + 2] === '(' ? scanArith(cur, i + 3, i) : null;
    if (a) {
      b.push({ type: 'arith', expr: a.expr, quoted });
      cur.pos = a.end;
      return;
    }
    let r: { script: Script; end: number };
    try {
      r = substAt(cur, i + 2);
    } catch (e) {
      // Bash reports an unclosed `$((` at its own line even after the fallback.
      if (s[i + 2] === '(' && e instanceof ShellSyntaxError && e.eof) throw unmatched(')', cur.lineAt(i));
      throw e;
    }
    b.push({ type: 'cmdsubst', script: r.script, quoted, backquote: false });
    cur.pos = r.end;
    return;
  }
  if (n === '{') return readBrace(cur, b, quoted);
  if (!quoted && n === "'") return readAnsi(cur, b);
  if (!quoted && n === '"') {
    // `$"..."` is a locale-translated string; there is no catalog, so it is just "...".
    cur.pos++;
    return readDouble(cur, b);
  }
  const m = nameAt(s, i + 1, false);
  if (!m) {
    b.lit('$', quoted);
    cur.pos++;
    return;
  }
  b.push({ type: 'param', name: m.name, braced: false, quoted });
  cur.pos = m.end;
}

/**
 * The `$(` body starting at `p`, parsed by the parser (bash 5.2 parses command
 * substitutions when reading them, so their syntax errors are reported then).
 * Memoized: scanning an enclosing `$((` or `${` parses it too, and parsing it
 * again there would make nested fallbacks exponential.
 */
export function substAt(cur: Cursor, p: number): { script: Script; end: number } {
  let r = cur.substMemo?.get(p);
  if (!r) {
    cur.pos = p;
    cur.enter(2);
    try {
      r = { script: cur.st.hooks.parseSubst(cur), end: cur.pos };
    } finally {
      cur.leave(2);
    }
    (cur.substMemo ??= new Map()).set(p, r);
  }
  return r;
}

/**
 * After `$((` or `((`: find the `))` closing an arithmetic expression, skipping
 * quotes, substitutions and balanced parens. Null when the parens close as `)`
 * then something else: bash then re-reads the text as a (command substitution
 * of a) subshell. Memoized per position, like substAt.
 */
export function scanArith(cur: Cursor, p: number, open: number): { expr: string; end: number } | null {
  const memo = cur.arithMemo?.get(p);
  if (memo !== undefined) return memo;
  const s = cur.text;
  let depth = 0;
  let r: { expr: string; end: number } | null | undefined;
  cur.enter();
  try {
    for (let i = p; i < s.length && r === undefined; ) {
      const c = s[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth > 0) depth--;
        else r = s[i + 1] === ')' ? { expr: s.slice(p, i), end: i + 2 } : null;
      }
      // Bash does not look into `${` here: `(( ${ ` wants a `)`, not a `}`.
      i = c === '(' || c === ')' ? i + 1 : skipQuoted(cur, i, false);
    }
  } finally {
    cur.leave();
  }
  if (r === undefined) throw unmatched(')', cur.lineAt(open));
  (cur.arithMemo ??= new Map()).set(p, r);
  return r;
}

/**
 * If a quote, escape or substitution starts at `i`, the index just past it;
 * else i + 1. Like bash's parse_matched_pair, running out of input inside
 * reports the innermost construct (`echo ${x "` wants the `"`).
 */
export function skipQuoted(cur: Cursor, i: number, braces: boolean): number {
  const s = cur.text;
  const c = s[i];
  if (c === '\\') return i + 2;
  if (c === "'" || c === '`') {
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === c) return j + 1;
      if (c === '`' && s[j] === '\\') j++;
    }
    throw unmatched(c, cur.lineAt(i));
  }
  if (c === '"') {
    for (let j = i + 1; j < s.length; ) {
      if (s[j] === '"') return j + 1;
      j = s[j] === "'" ? j + 1 : skipQuoted(cur, j, braces);
    }
    throw unmatched('"', cur.lineAt(i));
  }
  if (c === '$' && s[i + 1] === '(') {
    const a = s[i + 2] === '(' ? scanArith(cur, i + 3, i) : null;
    return a ? a.end : substAt(cur, i + 2).end;
  }
  if (c === '$' && s[i + 1] === '{' && braces) return skipBraced(cur, i) + 1;
  return i + 1;
}
/** `$'...'`: ANSI-C quoting, decoded now. Bash cuts the string at a NUL. */
function readAnsi(cur: Cursor, b: Parts): void {
  const s = cur.text;
  const open = cur.pos;
  let out = '';
  let i = open + 2;
  for (;;) {
    if (i >= s.length) throw unmatched("'", cur.lineAt(open));
    const c = s[i]!;
    if (c === "'") break;
    if (c === '\\' && i + 1 < s.length) {
      const [str, next] = ansiEscape(s, i + 1);
      out += str;
      i = next;
    } else {
      out += c;
      i++;
    }
  }
  const nul = out.indexOf('\0');
  b.lit(nul < 0 ? out : out.slice(0, nul), true);
  cur.pos = i + 1;
}

const SIMPLE_ESC: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

function ansiEscape(s: string, i: number): [string, number] {
  const c = s[i]!;
  if (c in SIMPLE_ESC) return [SIMPLE_ESC[c]!, i + 1];
  const digits = (re: RegExp, max: number, from: number): string => {
    let e = from;
    while (e < from + max && re.test(s[e] ?? '')) e++;
    return s.slice(from, e);
  };
  if (/[0-7]/.test(c)) {
    const d = digits(/[0-7]/, 3, i);
    return [String.fromCharCode(parseInt(d, 8) & 0xff), i + d.length];
  }
  if (c === 'x' || c === 'u' || c === 'U') {
    const d = digits(/[0-9A-Fa-f]/, c === 'x' ? 2 : c === 'u' ? 4 : 8, i + 1);
    const v = parseInt(d, 16);
    if (!d || v > 0x10ffff) return ['\\' + c + d, i + 1 + d.length];
    return [String.fromCodePoint(v), i + 1 + d.length];
  }
  if (c === 'c' && i + 1 < s.length && s[i + 1] !== "'") {
    const x = s[i + 1]!;
    return [String.fromCharCode(x === '?' ? 0x7f : x.charCodeAt(0) & 0x1f), i + 2];
  }
  return ['\\' + c, i + 1];
}

/**
 * Backquotes: find the closing one (`\` escapes `` ` ``, `$`, `\`, and `"`
 * inside double quotes), unescape, and parse the result as a nested script.
 * Bash parses that text only when expanding it, so its syntax errors are
 * recorded on the part rather than thrown.
 */
export function readBacktick(cur: Cursor, b: Parts, quoted: boolean): void {
  const s = cur.text;
  const open = cur.pos;
  let inner = '';
  let seg = open + 1;
  let i = seg;
  for (;;) {
    if (i >= s.length) throw unmatched('`', cur.lineAt(open));
    const c = s[i];
    if (c === '`') break;
    if (c === '\\') {
      const n = s[i + 1] ?? '';
      if (n === '$' || n === '`' || n === '\\' || (quoted && n === '"')) {
        inner += s.slice(seg, i) + n;
        seg = i + 2;
      }
      i += 2;
    } else i++;
  }
  inner += s.slice(seg, i);
  cur.pos = i + 1;
  cur.enter(2);
  try {
    b.push({ type: 'cmdsubst', script: cur.st.hooks.parseNested(inner, cur.lineAt(open), cur.st), quoted, backquote: true });
  } catch (e) {
    if (!(e instanceof ShellSyntaxError) || e instanceof ShellNestingError) throw e;
    b.push({ type: 'cmdsubst', script: { type: 'script', body: [] }, quoted, backquote: true, error: e.message });
  } finally {
    cur.leave(2);
  }
}
