/**
 * Tokenizer. It is driven by the parser one token at a time because bash's
 * lexing is not context free: here-document bodies start after the next
 * newline token, and `$(...)` is parsed recursively by the parser itself
 * (bash 5.2 does the same), so both share one Cursor over the source.
 */
import type { Redirect, Script, Word } from './ast.ts';
import { MAX_DEPTH, ShellSyntaxError, tooDeep, unexpectedEnd } from './errors.ts';
import { isMeta, readHeredocBody, readWord } from './words.ts';

/** Callbacks into the parser (kept as hooks so lexer.ts does not import parser.ts). */
export interface Hooks {
  /** Parse a `$(` body starting at cur.pos; leave cur.pos after the closing `)`. */
  parseSubst(cur: Cursor): Script;
  /** Parse a complete nested text (backquotes) as a script, final mode. */
  parseNested(text: string, line: number, st: State): Script;
}

/** Per-parse state shared by every cursor of one parse. */
export interface State {
  /** No more input will come: EOF errors are real errors. */
  final: boolean;
  budget: { depth: number };
  warnings: string[];
  hooks: Hooks;
}

/** Position in one source text. `text` always ends with '\n' (see augment). */
export class Cursor {
  pos = 0;
  /** Here-docs whose bodies start after the next newline token. */
  pending: { redir: Redirect; line: number }[] = [];
  /** Parse results by position, see substAt/scanArith in expansions.ts (made on first use). */
  substMemo: Map<number, { script: Script; end: number }> | null = null;
  arithMemo: Map<number, { expr: string; end: number } | null> | null = null;
  private lineStarts: number[] | null = null;
  constructor(
    readonly text: string,
    readonly st: State,
    readonly lineBase = 1,
    /** The final '\n' was added by us (bash -c input has none). */
    readonly virtualNL = false,
  ) {}

  /** Line of a position, by binary search over lazily computed line starts. */
  lineAt(pos: number): number {
    if (!this.lineStarts) {
      const ls = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) ls.push(i + 1);
      this.lineStarts = ls;
    }
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    // `bash -c 'until \\'`: bash counts the kept final backslash as ending a line too.
    let bonus = 0;
    if (pos >= this.text.length && this.virtualNL) {
      let n = 0;
      for (let i = this.text.length - 2; i >= 0 && this.text.charCodeAt(i) === 92; i--) n++;
      bonus = n % 2;
    }
    return this.lineBase + lo + bonus;
  }

  /**
   * Is the backslash at `i` a line continuation (`\` + newline, removed)?
   * Bash -c keeps a backslash that ends the input literally (`bash -c 'echo a\'`
   * prints `a\`); interactively that backslash asks for another line.
   */
  continuation(i: number): boolean {
    if (this.text.charCodeAt(i + 1) !== 10) return false;
    if (i + 2 < this.text.length) return true;
    if (!this.st.final) throw unexpectedEnd(this.lineAt(i + 2));
    return !this.virtualNL;
  }

  /**
   * Count one level of nesting (`weight` for constructs that take about twice
   * the JS stack per level, such as command substitutions).
   */
  enter(weight = 1): void {
    this.st.budget.depth += weight;
    if (this.st.budget.depth > MAX_DEPTH) throw tooDeep(this.lineAt(this.pos));
  }
  leave(weight = 1): void {
    this.st.budget.depth -= weight;
  }
}

/** Bash reads input line by line, so the last line always ends in a newline. */
export function augment(src: string): { text: string; virtualNL: boolean } {
  return src.endsWith('\n') ? { text: src, virtualNL: false } : { text: src + '\n', virtualNL: true };
}

export type Token =
  | { kind: 'word'; word: Word; start: number; end: number }
  | { kind: 'op'; op: string; fd: number | null; start: number; end: number }
  | { kind: 'newline'; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

/** Operators, longest first within each leading char (bash's maximal munch). */
const OPS: Record<string, string[]> = {
  '|': ['||', '|&', '|'],
  '&': ['&&', '&>>', '&>', '&'],
  ';': [';;&', ';;', ';&', ';'],
  '(': ['('],
  ')': [')'],
  '<': ['<<<', '<<-', '<<', '<&', '<>', '<'],
  '>': ['>>', '>&', '>|', '>'],
};

export function isOp(t: Token, op: string): t is Token & { kind: 'op' } {
  return t.kind === 'op' && t.op === op;
}

export const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<', '<<-', '<<<']);

export class Lexer {
  private buf: Token | null = null;
  private prev: Token | null = null;
  /** End offset of the last token handed out by next(). */
  lastEnd = 0;
  constructor(readonly cur: Cursor) {}

  peek(): Token {
    if (!this.buf) this.buf = this.lex();
    return this.buf;
  }

  next(): Token {
    const t = this.peek();
    this.prev = t;
    this.buf = null;
    this.lastEnd = t.end;
    return t;
  }

  /** Drop a peeked token and continue lexing at `pos` (for `((` and `[[ =~`). */
  resetTo(pos: number): void {
    this.buf = null;
    this.cur.pos = pos;
    this.lastEnd = pos;
  }

  /**
   * The right side of `[[ x =~ re ]]`, read with bash's relaxed regex rules
   * (see readWord). Falls back to an ordinary token when no word starts here.
   */
  regexWord(): Token {
    if (this.buf) return this.next();
    this.skipBlank();
    const start = this.cur.pos;
    const c = this.cur.text.charCodeAt(start);
    if (start >= this.cur.text.length || (isMeta(c) && c !== 40 && c !== 124)) return this.next();
    const word = readWord(this.cur, true);
    this.lastEnd = this.cur.pos;
    return { kind: 'word', word, start, end: this.cur.pos };
  }

  /** Skip blanks, line continuations and comments. */
  private skipBlank(): void {
    const cur = this.cur;
    const s = cur.text;
    for (;;) {
      const c = s.charCodeAt(cur.pos);
      if (c === 32 || c === 9) cur.pos++;
      else if (c === 92 && cur.continuation(cur.pos)) cur.pos += 2;
      else if (c === 35) {
        // `#` starts a comment only at the start of a word (interactive_comments is on).
        const nl = s.indexOf('\n', cur.pos);
        cur.pos = nl < 0 ? s.length : nl;
      } else return;
    }
  }

  private lex(): Token {
    const cur = this.cur;
    const s = cur.text;
    this.skipBlank();
    const start = cur.pos;
    if (start >= s.length) return { kind: 'eof', start, end: start };
    const c = s[start]!;
    if (c === '\n') {
      cur.pos++;
      if (cur.pending.length) this.readHeredocs();
      return { kind: 'newline', start, end: start + 1 };
    }
    const ops = OPS[c];
    const procSubst = (c === '<' || c === '>') && s[start + 1] === '(';
    if (ops && !procSubst) return this.op(ops, start, null);
    const word = readWord(cur);
    const end = cur.pos;
    // `2>file`: an all-digit word glued to `<`/`>` is the fd of the redirection.
    const n = s.charCodeAt(end);
    // ...but not right after `>&`/`<&`: in `2>&1>f` the 1 is the dup target (parse.y read_token_word).
    const dup = this.prev?.kind === 'op' && (this.prev.op === '>&' || this.prev.op === '<&');
    if ((n === 60 || n === 62) && !dup && /^[0-9]+$/.test(word.text)) {
      return this.op(OPS[s[end]!]!, start, Number(word.text));
    }
    return { kind: 'word', word, start, end };
  }

  private op(ops: string[], start: number, fd: number | null): Token {
    const s = this.cur.text;
    const at = this.cur.pos;
    const op = ops.find((o) => s.startsWith(o, at))!;
    this.cur.pos = at + op.length;
    return { kind: 'op', op, fd, start, end: this.cur.pos };
  }

  /** Read the bodies of here-docs opened on the line that just ended. */
  private readHeredocs(): void {
    const cur = this.cur;
    const s = cur.text;
    for (const { redir, line } of cur.pending.splice(0)) {
      const hd = redir.heredoc!;
      let body = '';
      let done = false;
      while (cur.pos < s.length) {
        // Unquoted delimiter: backslash-newline joins lines before the delimiter test.
        const pieces: string[] = [];
        for (;;) {
          let nl = s.indexOf('\n', cur.pos);
          if (nl < 0) nl = s.length;
          const phys = s.slice(cur.pos, nl);
          cur.pos = Math.min(nl + 1, s.length);
          const join = !hd.quoted && oddBackslashes(phys) && cur.pos < s.length;
          pieces.push(join ? phys.slice(0, -1) : phys);
          if (!join) break;
        }
        let ln = pieces.join('');
        if (hd.stripTabs) ln = ln.replace(/^\t+/, '');
        if (ln === hd.delimiter) {
          done = true;
          break;
        }
        body += ln + '\n';
      }
      if (!done) {
        const msg = `warning: here-document at line ${line} delimited by end-of-file (wanted \`${hd.delimiter}')`;
        if (!cur.st.final) throw new ShellSyntaxError(msg, cur.lineAt(cur.pos), true);
        cur.st.warnings.push(msg);
      }
      if (hd.quoted) hd.body = { text: body, parts: [{ type: 'literal', text: body, quoted: true }] };
      else {
        const { error, ...word } = readHeredocBody(body, line + 1, cur.st);
        hd.body = word;
        if (error !== undefined) hd.error = error;
      }
    }
  }
}

function oddBackslashes(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}
