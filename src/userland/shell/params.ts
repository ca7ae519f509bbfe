/**
 * `${...}` parameter expansions: names, `#`/`!` prefixes, subscripts and the
 * operators (`:-`, `#`, `%`, `/`, `^`, `,`, `:off:len`, `@op`).
 */
import type { ParamOp, ParamPart, Word } from './ast.ts';
import { unmatched } from './errors.ts';
import { readBacktick, readDollar, skipQuoted } from './expansions.ts';
import type { Cursor } from './lexer.ts';
import { Parts, readDouble, readSingle, tilde } from './words.ts';

const SPECIAL = '@*#?$!-';

/** A parameter name at `p`: identifier, digits (braced), one digit, or a special char. */
export function nameAt(s: string, p: number, braced: boolean): { name: string; end: number } | null {
  const c = s.charCodeAt(p);
  let e = p + 1;
  if (isNameStart(c)) {
    while (isNameStart(s.charCodeAt(e)) || isDigit(s.charCodeAt(e))) e++;
  } else if (isDigit(c)) {
    // `$10` is `$1` then `0`; `${10}` is parameter 10.
    while (braced && isDigit(s.charCodeAt(e))) e++;
  } else if (p >= s.length || !SPECIAL.includes(s[p]!)) return null;
  return { name: s.slice(p, e), end: e };
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `${...}`; anything bash could not expand becomes a `badsubst` part. */
export function readBrace(cur: Cursor, b: Parts, quoted: boolean): void {
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
export function skipBraced(cur: Cursor, open: number, from = open + 2): number {
  const s = cur.text;
  let depth = 0;
  cur.enter();
  try {
    for (let i = from; i < s.length; ) {
      const c = s[i];
      if (c === '}' && depth-- === 0) return i;
      if (c === '{') depth++;
      i = c === '{' || c === '}' ? i + 1 : skipQuoted(cur, i, true);
    }
  } finally {
    cur.leave();
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
