/**
 * POSIX basic and extended regular expressions with the GNU extensions (`\|`, `\+`, `\?`, `\<`, `\>`,
 * `\b`, `\w`, `\s`, …) as glibc's regex and gnulib's dfa read them for grep and sed, translated to a
 * JavaScript RegExp source (to be compiled with the `u` flag). Errors carry glibc's exact texts
 * ("Unmatched ( or \\(", "Invalid range end", …); warnings are the ones grep ≥ 3.8 prints.
 *
 * Matching semantics differ in one respect: POSIX picks the leftmost-longest match, JavaScript the
 * leftmost-first; `longestMatchAt` recovers the POSIX extent when it matters (grep -o, sed s///).
 */
export class RegexSyntaxError extends Error {}

export interface PosixRegexOptions {
  extended?: boolean;
  /** Number of capture groups before this pattern (when several are joined with `|`). */
  groupOffset?: number;
  /** Receives dfa's warnings ("* at start of expression", "stray \\ before -"). */
  warn?: (msg: string) => void;
}

export interface PosixRegexSource { source: string; groups: number }

const WORD = '\\p{L}\\p{N}_';
const CLASSES: Record<string, string> = {
  alpha: '\\p{L}', digit: '0-9', alnum: '\\p{L}\\p{Nd}', upper: '\\p{Lu}', lower: '\\p{Ll}',
  xdigit: '0-9A-Fa-f', space: ' \\t\\n\\v\\f\\r', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~',
  graph: '!-~\\u00a1-\\u{10ffff}', print: ' -~\\u00a0-\\u{10ffff}', cntrl: '\\x00-\\x1f\\x7f',
};
/** Word-boundary assertions for Unicode word characters (JS's \b only knows ASCII). */
export const WORD_START = `(?<![${WORD}])(?=[${WORD}])`;
export const WORD_END = `(?<=[${WORD}])(?![${WORD}])`;
export const NOT_WORD_BEFORE = `(?<![${WORD}])`;
export const NOT_WORD_AFTER = `(?![${WORD}])`;

const JS_SPECIAL = new Set([...'\\^$.*+?()[]{}|/']);
export function escapeLiteral(ch: string): string {
  return JS_SPECIAL.has(ch) ? `\\${ch}` : ch;
}
function classChar(ch: string): string {
  if ('\\]-^['.includes(ch)) return `\\${ch}`;
  if (ch === '\n') return '\\n';
  return ch;
}
/** JS source for a whole literal string (grep -F). */
export function escapeString(s: string): string {
  return [...s].map(escapeLiteral).join('');
}

const UNMATCHED_BRACKET = 'Unmatched [, [^, [:, [., or [=';

/** Parse a bracket expression at `start` (the `[`): the JS class and the index after `]`. */
function bracket(p: string, start: number): { re: string; end: number } {
  let i = start + 1;
  let negate = false;
  if (p[i] === '^') { negate = true; i++; }
  const contentStart = i;
  const items: string[] = [];
  let first = true;
  for (;;) {
    if (i >= p.length) throw new RegexSyntaxError(UNMATCHED_BRACKET);
    const ch = p[i];
    if (ch === ']' && !first) break;
    first = false;
    let single: string | null = null;
    if (ch === '[' && ':=.'.includes(p[i + 1] ?? '')) {
      const kind = p[i + 1];
      const close = p.indexOf(`${kind}]`, i + 2);
      if (close < 0) throw new RegexSyntaxError(UNMATCHED_BRACKET);
      const name = p.slice(i + 2, close);
      i = close + 2;
      if (kind === ':') {
        if (!(name in CLASSES)) throw new RegexSyntaxError('Invalid character class name');
        if (p[i] === '-' && p[i + 1] !== ']') throw new RegexSyntaxError('Invalid range end');
        items.push(CLASSES[name]);
        continue;
      }
      if ([...name].length !== 1) throw new RegexSyntaxError('Invalid collation character');
      single = name;
    } else {
      single = String.fromCodePoint(p.codePointAt(i)!);
      i += single.length;
    }
    if (p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']') {
      let end: string;
      if (p[i + 1] === '[' && p[i + 2] === '.') {
        const close = p.indexOf('.]', i + 3);
        if (close < 0) throw new RegexSyntaxError(UNMATCHED_BRACKET);
        end = p.slice(i + 3, close);
        if ([...end].length !== 1) throw new RegexSyntaxError('Invalid collation character');
        i = close + 2;
      } else if (p[i + 1] === '[' && (p[i + 2] === ':' || p[i + 2] === '=')) {
        throw new RegexSyntaxError('Invalid range end');
      } else {
        end = String.fromCodePoint(p.codePointAt(i + 1)!);
        i += 1 + end.length;
      }
      if (end.codePointAt(0)! < single.codePointAt(0)!) throw new RegexSyntaxError('Invalid range end');
      items.push(`${classChar(single)}-${classChar(end)}`);
      continue;
    }
    items.push(classChar(single));
  }
  const content = p.slice(contentStart, i);
  if (/^:.*:$/.test(content) && content.length > 1) {
    throw new RegexSyntaxError('character class syntax is [[:space:]], not [:space:]');
  }
  // A negated class never matches the newline that ends a line (RE_HAT_LISTS_NOT_NEWLINE).
  return { re: `[${negate ? '^\\n' : ''}${items.join('')}]`, end: i + 1 };
}

interface Piece { re: string; repeatable: boolean; repeated: boolean; anchor?: boolean }
interface Frame { alts: Piece[][]; group: number }

/** Translate one BRE/ERE pattern to a JS RegExp source. */
export function translatePosixRegex(p: string, opts: PosixRegexOptions = {}): PosixRegexSource {
  const ere = !!opts.extended;
  const warned = new Set<string>();
  const warn = (m: string) => { if (!warned.has(m)) { warned.add(m); opts.warn?.(m); } };
  const offset = opts.groupOffset ?? 0;
  let groups = 0;
  const closed = new Set<number>();
  const stack: Frame[] = [{ alts: [[]], group: 0 }];
  const top = () => stack[stack.length - 1];
  const cur = () => top().alts[top().alts.length - 1];
  /** Nothing but anchors so far in this alternative: a BRE `*` here is literal. */
  const atStart = () => cur().every((x) => x.anchor);
  const push = (re: string, repeatable = true, anchor = false) => cur().push({ re, repeatable, repeated: false, anchor });
  const repeat = (op: string, name: string) => {
    const pieces = cur();
    const prev = pieces[pieces.length - 1];
    if (!prev || !prev.repeatable) {
      if (ere) warn(`${name} at start of expression`);
      return; // repeats nothing
    }
    if (prev.repeated) prev.re = `(?:${prev.re})`;
    prev.re += op;
    prev.repeated = true;
  };
  /** `{m,n}` body at `start`; null when (in an ERE) it is not an interval and `{` is literal. */
  const interval = (start: number): { op: string; end: number } | null => {
    const close = ere ? '}' : '\\}';
    const m = /^(\d*)(,(\d*))?/.exec(p.slice(start))!;
    const after = start + m[0].length;
    if (!p.startsWith(close, after)) {
      if (ere) return null;
      throw new RegexSyntaxError(p.indexOf('\\}', start) < 0 ? 'Unmatched \\{' : 'Invalid content of \\{\\}');
    }
    if (m[1] === '' && m[2] === undefined) {
      if (ere) return null;
      throw new RegexSyntaxError('Invalid content of \\{\\}');
    }
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo > hi) throw new RegexSyntaxError('Invalid content of \\{\\}');
    if (lo > 32767 || (hi !== Infinity && hi > 32767)) throw new RegexSyntaxError('Regular expression too big');
    const op = m[2] === undefined ? `{${lo}}` : hi === Infinity ? `{${lo},}` : `{${lo},${hi}}`;
    return { op, end: after + close.length };
  };
  const open = () => { stack.push({ alts: [[]], group: ++groups }); };
  const closeGroup = () => {
    const f = stack.pop()!;
    closed.add(f.group);
    push(`(${join(f.alts)})`);
  };

  let i = 0;
  while (i < p.length) {
    const ch = p[i];
    if (ch === '\\') {
      if (i + 1 >= p.length) throw new RegexSyntaxError('Trailing backslash');
      const c = String.fromCodePoint(p.codePointAt(i + 1)!);
      i += 1 + c.length;
      if (!ere && c === '(') { open(); continue; }
      if (!ere && c === ')') {
        if (stack.length === 1) throw new RegexSyntaxError('Unmatched ) or \\)');
        closeGroup(); continue;
      }
      if (!ere && c === '|') { top().alts.push([]); continue; }
      if (!ere && c === '{') {
        if (atStart()) { push('\\{'); continue; }
        const iv = interval(i)!;
        repeat(iv.op, '{...}');
        i = iv.end;
        continue;
      }
      if (!ere && (c === '+' || c === '?')) {
        if (atStart()) push(escapeLiteral(c)); else repeat(c, c);
        continue;
      }
      if (c >= '1' && c <= '9') {
        const n = Number(c);
        if (n > groups || !closed.has(n)) throw new RegexSyntaxError('Invalid back reference');
        push(`\\${n + offset}`);
        continue;
      }
      switch (c) {
        case '<': push(WORD_START, false, true); continue;
        case '>': push(WORD_END, false, true); continue;
        case 'b': push(`(?:${WORD_START}|${WORD_END})`, false, true); continue;
        case 'B': push(`(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`, false, true); continue;
        case '`': push('^', false, true); continue;
        case "'": push('$', false, true); continue;
        case 'w': push(`[${WORD}]`); continue;
        case 'W': push(`[^${WORD}]`); continue;
        case 's': push('\\s'); continue;
        case 'S': push('\\S'); continue;
      }
      if (!'\\.*[]^$'.includes(c) && !(ere ? '+?{}()|' : '}').includes(c)) {
        warn(c === ' ' || c === '\t' ? 'stray \\ before white space'
          : /\p{Cc}/u.test(c) ? 'stray \\ before unprintable character' : `stray \\ before ${c}`);
      }
      push(escapeLiteral(c));
      continue;
    }
    if (ch === '[') {
      const b = bracket(p, i);
      push(b.re);
      i = b.end;
      continue;
    }
    i++;
    if (ch === '*') {
      if (!ere && atStart()) push('\\*'); else repeat('*', '*');
      continue;
    }
    if (ere && (ch === '+' || ch === '?')) { repeat(ch, ch); continue; }
    if (ere && ch === '{') {
      const iv = interval(i);
      if (!iv) { push('\\{'); continue; }
      repeat(iv.op, '{...}');
      i = iv.end;
      continue;
    }
    if (ere && ch === '(') { open(); continue; }
    if (ere && ch === ')') {
      if (stack.length === 1) push('\\)'); else closeGroup();
      continue;
    }
    if (ere && ch === '|') { top().alts.push([]); continue; }
    if (ch === '^') {
      if (ere || atStart()) push('^', false, true); else push('\\^');
      continue;
    }
    if (ch === '$') {
      const end = ere || i === p.length || p.startsWith('\\)', i) || p.startsWith('\\|', i);
      if (end) push('$', false, true); else push('\\$');
      continue;
    }
    if (ch === '.') { push('[^\\n]'); continue; }
    const cp = String.fromCodePoint(p.codePointAt(i - 1)!);
    i += cp.length - 1;
    push(escapeLiteral(cp));
  }
  if (stack.length > 1) throw new RegexSyntaxError('Unmatched ( or \\(');
  return { source: join(stack[0].alts), groups };
}

function join(alts: Piece[][]): string {
  return alts.map((pieces) => pieces.map((x) => x.re).join('')).join('|');
}

/**
 * The POSIX (leftmost-longest) extent of a match that `re` (`u` flag) found at `m.index`: the longest
 * match starting there. Only worth calling when the source has alternation.
 */
export function longestMatchAt(source: string, flags: string, text: string, m: RegExpExecArray): RegExpExecArray {
  const start = m.index;
  const firstEnd = start + m[0].length;
  const f = flags.replace(/[gy]/g, '') + 'y';
  const cps = (n: number) => [...text.slice(0, n)].length;
  const tryRe = (lookbehind: string) => {
    const re = new RegExp(`(?:${source})(?<=${lookbehind})`, f);
    re.lastIndex = start;
    return re.exec(text);
  };
  if (!tryRe(`^[\\s\\S]{${cps(firstEnd) + 1},}`)) return m;
  for (let end = text.length; end > firstEnd; end--) {
    const r = tryRe(`^[\\s\\S]{${cps(end)}}`);
    if (r && r.index + r[0].length === end) return r;
  }
  return m;
}
