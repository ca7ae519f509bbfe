/**
 * `$`-expansions and backquotes inside words: `$NAME`, `${...}`, `$(...)`,
 * `$((...))`, `$'...'`, `$"..."` and `` `...` ``.
 */
import type { ParamOp, ParamPart, Word } from './ast.ts';
import { ShellNestingError, ShellSyntaxError, unmatched } from './errors.ts';
import type { Cursor } from './lexer.ts';
import { Parts, readDouble, readSingle, tilde } from './words.ts';

const SPECIAL = '@*#?$!-';

/** A parameter name at `p`: identifier, digits (braced), one digit, or a special char. */
function nameAt(s: string, p: number, braced: boolean): { name: string; end: number } | null {
  const c = s[p] ?? '';
  let e = p;
  if (/[A-Za-z_]/.test(c)) {
    while (/[A-Za-z0-9_]/.test(s[e + 1] ?? '')) e++;
  } else if (/[0-9]/.test(c)) {
    // `$10` is `$1` then `0`; `${10}` is parameter 10.
    while (braced && /[0-9]/.test(s[e + 1] ?? '')) e++;
  } else if (!SPECIAL.includes(c) || c === '') return null;
  return { name: s.slice(p, e + 1), end: e + 1 };
}

/** At `$`: read one expansion (or a literal `$`) into b. */
export function readDollar(cur: Cursor, b: Parts, quoted: boolean): void {
  const s = cur.text;
  const i = cur.pos;
  const n = s[i + 1];
  if (n === '(') {
    if (s[i + 2] === '(') {
      const a = scanArith(cur, i + 3, i);
      if (a) {
        b.push({ type: 'arith', expr: a.expr, quoted });
        cur.pos = a.end;
        return;
      }
      // `$((cmd) )` is a command substitution of a subshell, as in bash.
    }
    cur.pos = i + 2;
    cur.enter();
    try {
      b.push({ type: 'cmdsubst', script: cur.st.hooks.parseSubst(cur), quoted, backquote: false });
    } finally {
      cur.leave();
    }
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
 * After `$((` or `((`: find the `))` closing an arithmetic expression, skipping
 * quotes and balanced parens. Null when the parens close as `)` then something
 * else: bash then re-reads the text as a (command substitution of a) subshell.
 */
export function scanArith(cur: Cursor, p: number, open: number): { expr: string; end: number } | null {
  const s = cur.text;
  let depth = 0;
  for (let i = p; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '`') {
      i = s.indexOf(c, i + 1);
      if (i < 0) break;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (depth > 0) depth--;
      else if (s[i + 1] === ')') return { expr: s.slice(p, i), end: i + 2 };
      else return null;
    }
  }
  throw unmatched(')', cur.lineAt(open));
}

/** `${...}`; anything bash could not expand becomes a `badsubst` part. */
function readBrace(cur: Cursor, b: Parts, quoted: boolean): void {
  const s = cur.text;
  const open = cur.pos;
  cur.enter();
  try {
    const part = braceBody(cur, open, quoted);
    if (part) return b.push(part);
    const end = skipBraced(cur, open);
    b.push({ type: 'badsubst', text: s.slice(open, end + 1), quoted });
    cur.pos = end + 1;
  } finally {
    cur.leave();
  }
}

function braceBody(cur: Cursor, open: number, quoted: boolean): ParamPart | null {
  const s = cur.text;
  let p = open + 2;
  const part: ParamPart = { type: 'param', name: '', braced: true, quoted };
  const lookahead = nameAt(s, p + 1, true);
  if (s[p] === '#' && lookahead && (s[lookahead.end] === '}' || s[lookahead.end] === '[')) {
    part.length = true;
    p++;
  } else if (s[p] === '!' && lookahead) {
    part.indirect = true;
    p++;
  }
  const m = nameAt(s, p, true);
  if (!m) return null;
  part.name = m.name;
  p = m.end;
  if (s[p] === '[') {
    const close = s.indexOf(']', p);
    if (close < 0 || s.slice(p, close).includes('}')) return null;
    part.index = s.slice(p + 1, close);
    p = close + 1;
  }
  const c = s[p] ?? '';
  const c2 = s[p + 1] ?? '';
  if (c === '}') {
    cur.pos = p + 1;
    return part;
  }
  if (part.length) return null;
  let op: ParamOp;
  const word = (at: number, slash = false): Word => {
    cur.pos = at;
    return readParamWord(cur, quoted, slash, open);
  };
  if (c === ':' && '-=?+'.includes(c2) && c2) {
    op = { op: (c + c2) as ':-', word: word(p + 2) };
    if (!quoted) op.word.parts = tilde(op.word.parts, false);
  } else if ('-=?+'.includes(c) && c) {
    op = { op: c as '-', word: word(p + 1) };
    if (!quoted) op.word.parts = tilde(op.word.parts, false);
  } else if (c === '#' || c === '%') {
    const o = c2 === c ? c + c : c;
    op = { op: o as '#', pattern: word(p + o.length) };
  } else if (c === '/') {
    const o = '/#%'.includes(c2) && c2 ? c + c2 : c;
    const pattern = word(p + o.length, true);
    let replacement: Word | null = null;
    if (s[cur.pos] === '/') replacement = word(cur.pos + 1);
    op = { op: o as '/', pattern, replacement };
  } else if (c === '^' || c === ',') {
    const o = c2 === c ? c + c : c;
    const pattern = word(p + o.length);
    op = { op: o as '^', pattern: pattern.text ? pattern : null };
  } else if (c === ':') {
    // Substring: arithmetic texts, kept raw for the interpreter.
    const end = skipBraced(cur, open, p + 1);
    const raw = s.slice(p + 1, end);
    const colon = topLevelColon(raw);
    op = colon < 0
      ? { op: ':', offset: raw, length: null }
      : { op: ':', offset: raw.slice(0, colon), length: raw.slice(colon + 1) };
    cur.pos = end;
  } else if (c === '@' && c2 && s[p + 2] === '}') {
    op = { op: '@', transform: c2 };
    cur.pos = p + 2;
  } else return null;
  if (s[cur.pos] !== '}') return null;
  cur.pos++;
  part.op = op;
  return part;
}

function topLevelColon(raw: string): number {
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ':' && depth === 0) return i;
  }
  return -1;
}

/** Index of the `}` closing the `${` at `open`, skipping quotes and nested braces. */
function skipBraced(cur: Cursor, open: number, from = open + 2): number {
  const s = cur.text;
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '"' || c === '`') {
      for (i++; i < s.length && s[i] !== c; i++) if (c !== "'" && s[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && depth-- === 0) return i;
  }
  throw unmatched('}', cur.lineAt(open));
}

/**
 * The word after a `${name OP`: up to the closing `}` (or `/` for a pattern).
 * Blanks and metachars are ordinary here; braces nest (`${x:-{a}}` is `{a}`).
 * Inside double quotes, `'` is literal and `"` opens a nested quoted section.
 */
function readParamWord(cur: Cursor, quoted: boolean, slash: boolean, open: number): Word {
  const s = cur.text;
  const start = cur.pos;
  const b = new Parts();
  let depth = 0;
  for (;;) {
    const i = cur.pos;
    if (i >= s.length) throw unmatched('}', cur.lineAt(open));
    const c = s[i]!;
    if (c === '}' && depth === 0) break;
    if (c === '/' && slash && depth === 0) break;
    if (c === '\\') {
      if (cur.continuation(i)) {
        cur.pos += 2;
        continue;
      }
      const n = s[i + 1]!;
      if (!quoted || '$`"\\}'.includes(n)) {
        b.lit(n, true);
        cur.pos += 2;
      } else {
        b.lit('\\', true);
        cur.pos++;
      }
    } else if (c === "'" && !quoted) readSingle(cur, b);
    else if (c === '"') readDouble(cur, b);
    else if (c === '$') readDollar(cur, b, quoted);
    else if (c === '`') readBacktick(cur, b, quoted);
    else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      b.lit(c, quoted);
      cur.pos++;
    }
  }
  return { text: s.slice(start, cur.pos), parts: b.parts };
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
  cur.enter();
  try {
    b.push({ type: 'cmdsubst', script: cur.st.hooks.parseNested(inner, cur.lineAt(open), cur.st), quoted, backquote: true });
  } catch (e) {
    if (!(e instanceof ShellSyntaxError) || e instanceof ShellNestingError) throw e;
    b.push({ type: 'cmdsubst', script: { type: 'script', body: [] }, quoted, backquote: true, error: e.message });
  } finally {
    cur.leave();
  }
}
