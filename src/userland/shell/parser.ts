/**
 * Recursive-descent parser for bash's grammar (parse.y in bash 5.2), with
 * bash's exact syntax error texts. Entry points: parse() for a whole input,
 * createParser() to read one complete command at a time like bash does
 * (`bash -c 'echo a; (' ` runs nothing, but a script with a bad line 3 runs
 * lines 1-2 first).
 */
import type { AndOr, Command, CompoundCommand, List, Pipeline, Script, Word } from './ast.ts';
import { compound, COMPOUND_START } from './compound.ts';
import {
  MAX_DEPTH, nearToken, ShellNestingError, ShellSyntaxError, UNEXPECTED_END, unexpectedEnd, unmatched,
} from './errors.ts';
import { augment, Cursor, type Hooks, isOp, Lexer, REDIR_OPS, type State, type Token } from './lexer.ts';
import { functionDef, isRedir, redirect, simpleCommand } from './simple.ts';
import { readHeredocBody } from './words.ts';

export interface ParseOptions {
  /**
   * True when no more input can follow (a script, `bash -c`): running out of
   * input is then a ShellSyntaxError. False (default) for interactive input:
   * parse() returns {kind:'incomplete'} where bash would print PS2.
   */
  final?: boolean;
}

export type ParseResult =
  | { kind: 'ok'; script: Script; warnings: string[] }
  /** Needs more lines: the caller appends '\n' + next line and parses again. */
  | { kind: 'incomplete'; reason: string };

export type Stop = (t: Token) => boolean;

/** Words that are an error where a command should start (`echo a; fi`). */
const RESERVED = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}', 'in', '!', ']]']);

export class Parser {
  readonly cur: Cursor;
  constructor(readonly lx: Lexer) {
    this.cur = lx.cur;
  }

  /** Warnings so far (here-docs delimited by end of file). */
  get warnings(): string[] {
    return this.cur.st.warnings;
  }

  /** The whole input. Throws only ShellSyntaxError. */
  script(): Script {
    const body: List = [];
    for (let l = this.nextCommand(); l; l = this.nextCommand()) for (const a of l) body.push(a);
    return { type: 'script', body };
  }

  /**
   * The next complete command: and-or lists up to a newline (or end of input),
   * here-doc bodies included. Null at end of input. Throws only ShellSyntaxError.
   */
  nextCommand(): List | null {
    try {
      return this.completeCommand();
    } catch (e) {
      // Last line of defence: the depth cap should make a stack overflow impossible.
      if (e instanceof RangeError) throw new ShellNestingError(`syntax error: nesting deeper than ${MAX_DEPTH} levels`, 0);
      throw e;
    }
  }

  private completeCommand(): List | null {
    this.skipNewlines();
    if (this.lx.peek().kind === 'eof') return null;
    const items: List = [];
    for (;;) {
      const ao = this.andOr();
      items.push(ao);
      const t = this.lx.peek();
      if (isOp(t, ';') || isOp(t, '&')) {
        this.lx.next();
        ao.background = t.op === '&';
        const n = this.lx.peek();
        if (n.kind === 'newline') this.lx.next();
        if (n.kind === 'newline' || n.kind === 'eof') return items;
      } else if (t.kind === 'newline') {
        this.lx.next();
        return items;
      } else if (t.kind === 'eof') return items;
      else throw this.near(t);
    }
  }

  /** A compound_list: and-or lists separated by `;`, `&` or newlines, up to `stop`. */
  list(stop: Stop, allowEmpty = false): List {
    const items: List = [];
    for (;;) {
      this.skipNewlines();
      let t = this.lx.peek();
      if (stop(t)) break;
      if (t.kind === 'eof') throw this.near(t);
      const ao = this.andOr();
      items.push(ao);
      t = this.lx.peek();
      if (isOp(t, ';') || isOp(t, '&')) {
        this.lx.next();
        ao.background = t.op === '&';
      } else if (t.kind !== 'newline') {
        if (stop(t)) break;
        throw this.near(t);
      }
    }
    if (!items.length && !allowEmpty) throw this.near(this.lx.peek());
    return items;
  }

  andOr(): AndOr {
    const start = this.lx.peek().start;
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (let t = this.lx.peek(); isOp(t, '&&') || isOp(t, '||'); t = this.lx.peek()) {
      this.lx.next();
      this.skipNewlines();
      rest.push({ op: t.op as '&&' | '||', pipeline: this.pipeline() });
    }
    return { type: 'andor', first, rest, background: false, text: this.textFrom(start), line: this.cur.lineAt(start) };
  }

  pipeline(): Pipeline {
    const start = this.lx.peek().start;
    const p: Pipeline = {
      type: 'pipeline', commands: [], ops: [], negated: false, timed: false, timePosix: false, text: '',
      line: this.cur.lineAt(start),
    };
    let prefixed = false;
    for (;;) {
      const k = this.kw(this.lx.peek());
      if (k === '!') p.negated = !p.negated;
      else if (k === 'time') p.timed = true;
      else break;
      prefixed = true;
      this.lx.next();
      if (k === 'time' && this.kw(this.lx.peek()) === '-p') {
        this.lx.next();
        p.timePosix = true;
      }
    }
    const t = this.lx.peek();
    // Bash accepts a bare `!` or `time` (`! ;` is false, `time` prints times).
    if (!(prefixed && (t.kind === 'newline' || t.kind === 'eof' || isOp(t, ';')))) {
      p.commands.push(this.command());
      for (let t = this.lx.peek(); isOp(t, '|') || isOp(t, '|&'); t = this.lx.peek()) {
        this.lx.next();
        this.skipNewlines();
        p.ops.push(t.op as '|' | '|&');
        p.commands.push(this.command());
      }
    }
    p.text = this.textFrom(start);
    return p;
  }

  command(): Command {
    const t = this.lx.peek();
    const k = this.kw(t);
    if (k === 'function') return functionDef(this, null);
    if ((t.kind === 'op' && t.op === '(') || (k !== null && COMPOUND_START.has(k))) return this.compound();
    if (k !== null && RESERVED.has(k)) throw this.near(t);
    if (t.kind === 'word' || (t.kind === 'op' && REDIR_OPS.has(t.op))) return simpleCommand(this);
    throw this.near(t);
  }

  /** A compound command and the redirections after it. */
  compound(): CompoundCommand {
    this.cur.enter();
    try {
      const c = compound(this);
      while (isRedir(this.lx.peek())) c.redirects.push(redirect(this));
      return c;
    } finally {
      this.cur.leave();
    }
  }

  skipNewlines(): void {
    while (this.lx.peek().kind === 'newline') this.lx.next();
  }

  /** The reserved word a token spells, if it is one unquoted literal. */
  kw(t: Token): string | null {
    if (t.kind !== 'word' || t.word.parts.length !== 1) return null;
    const p = t.word.parts[0]!;
    return p.type === 'literal' && !p.quoted ? p.text : null;
  }

  expectKw(k: string): void {
    const t = this.lx.peek();
    if (this.kw(t) !== k) throw this.near(t);
    this.lx.next();
  }

  /** Bash's error for an unexpected token; at end of input it is "unexpected end of file". */
  near(t: Token): ShellSyntaxError {
    const line = this.cur.lineAt(t.start);
    if (t.kind === 'eof') return unexpectedEnd(line);
    if (t.kind === 'newline') return nearToken('newline', line);
    // For `2>` bash's unexpected token is the fd number itself.
    if (t.kind === 'op') return nearToken(t.fd === null ? t.op : this.cur.text.slice(t.start, t.end - t.op.length), line);
    return nearToken(t.word.text, line);
  }

  textFrom(start: number): string {
    return this.cur.text.slice(start, Math.max(start, this.lx.lastEnd)).trim();
  }
}

const HOOKS: Hooks = {
  parseSubst(cur: Cursor): Script {
    const p = new Parser(new Lexer(cur));
    let body: List;
    try {
      body = p.list((t) => isOp(t, ')'), true);
    } catch (e) {
      // `echo $(if true` ends with bash's "looking for matching `)'".
      if (e instanceof ShellSyntaxError && e.message === UNEXPECTED_END) throw unmatched(')', e.line);
      throw e;
    }
    p.lx.next();
    return { type: 'script', body };
  },
  parseNested(text: string, line: number, st: State): Script {
    const a = augment(text);
    return new Parser(new Lexer(new Cursor(a.text, { ...st, final: true }, line, a.virtualNL))).script();
  },
};

/**
 * A string to expand as bash expands a prompt or a here-doc body: parameters, command substitutions
 * and arithmetic, with only `\$`, `\``, `\\` as escapes. Throws nothing; `error` holds a syntax error.
 */
export function parseExpandable(text: string): Word & { error?: string } {
  return readHeredocBody(text, 1, { final: true, budget: { depth: 0 }, warnings: [], hooks: HOOKS });
}

/** A parser reading `src` one complete command at a time (nextCommand()). */
export function createParser(src: string, opts: ParseOptions = {}): Parser {
  const a = augment(src);
  const st: State = { final: opts.final ?? false, budget: { depth: 0 }, warnings: [], hooks: HOOKS };
  return new Parser(new Lexer(new Cursor(a.text, st, 1, a.virtualNL)));
}

/**
 * Parse a whole input. Throws only ShellSyntaxError. When not `final`, input
 * that runs out mid-construct yields {kind:'incomplete'} instead.
 */
export function parse(src: string, opts: ParseOptions = {}): ParseResult {
  try {
    const p = createParser(src, opts);
    const script = p.script();
    return { kind: 'ok', script, warnings: p.warnings };
  } catch (e) {
    if (e instanceof ShellSyntaxError && e.eof && !opts.final) return { kind: 'incomplete', reason: e.message };
    throw e;
  }
}

/**
 * A complete script (no more input can follow), as `bash -c`, files and each
 * interactive command need. Throws ShellSyntaxError.
 */
export function parseScript(src: string): Script {
  return (parse(src, { final: true }) as Extract<ParseResult, { kind: 'ok' }>).script;
}
