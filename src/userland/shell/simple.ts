/**
 * Simple commands (assignments, words, redirections), function definitions
 * and redirections, including registering here-docs with the lexer.
 */
import type { Assignment, FunctionDef, Redirect, RedirOp, SimpleCommand, Word } from './ast.ts';
import { COMPOUND_START } from './compound.ts';
import { unmatched } from './errors.ts';
import { isOp, REDIR_OPS, type Token } from './lexer.ts';
import type { Parser } from './parser.ts';
import { delimiterOf, tilde } from './words.ts';

/** `NAME=`, `NAME+=`, `NAME[sub]=` at the start of a word make it an assignment. */
const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?(\+?)=/;

export function simpleCommand(p: Parser): SimpleCommand | FunctionDef {
  const line = p.cur.lineAt(p.lx.peek().start);
  const cmd: SimpleCommand = { type: 'simple', assignments: [], words: [], redirects: [], line };
  for (let t = p.lx.peek(); ; t = p.lx.peek()) {
    if (t.kind === 'word') {
      p.lx.next();
      const a = cmd.words.length ? null : assignment(p, t);
      if (a) cmd.assignments.push(a);
      else cmd.words.push(t.word);
      // `name ( )` makes a function definition, whatever the name (`:(){ :|:& };:`).
      if (cmd.words.length === 1 && !a && !cmd.assignments.length && !cmd.redirects.length && isOp(p.lx.peek(), '(')) {
        return functionDef(p, t.word.text);
      }
    } else if (isRedir(t)) cmd.redirects.push(redirect(p));
    else break;
  }
  const t = p.lx.peek();
  if (isOp(t, '(')) throw p.near(t);
  return cmd;
}

function assignment(p: Parser, t: Token & { kind: 'word' }): Assignment | null {
  const w = t.word;
  const p0 = w.parts[0];
  const m = p0?.type === 'literal' && !p0.quoted ? ASSIGN.exec(p0.text) : null;
  if (!m || !p0 || p0.type !== 'literal') return null;
  const restText = p0.text.slice(m[0].length);
  const parts = restText ? [{ ...p0, text: restText }, ...w.parts.slice(1)] : w.parts.slice(1);
  const value: Word = { text: w.text.slice(m[0].length), parts: tilde(parts, true) };
  const a: Assignment = { name: m[1]!, append: m[3] === '+', value, text: w.text };
  if (m[2] !== undefined) a.index = m[2];
  const open = p.lx.peek();
  if (!value.text && isOp(open, '(') && open.start === t.end) {
    // `name=(a b c)`: an array assignment; newlines and comments allowed inside.
    p.lx.next();
    a.array = [];
    for (;;) {
      p.skipNewlines();
      const n = p.lx.next();
      if (n.kind === 'word') a.array.push(n.word);
      else if (isOp(n, ')')) break;
      else if (n.kind === 'eof') throw unmatched(')', p.cur.lineAt(open.start));
      else throw p.near(n);
    }
    a.text = p.textFrom(t.start);
  }
  return a;
}

/** After `function` (name null) or after the name, at `(`. */
export function functionDef(p: Parser, name: string | null): FunctionDef {
  const line = p.cur.lineAt(p.lx.peek().start);
  if (name === null) {
    p.lx.next();
    const t = p.lx.next();
    if (t.kind !== 'word') throw p.near(t);
    name = t.word.text;
  }
  if (isOp(p.lx.peek(), '(')) {
    p.lx.next();
    const t = p.lx.next();
    if (!isOp(t, ')')) throw p.near(t);
  }
  p.skipNewlines();
  // The body must be a compound command: `f() echo` is an error near `echo`.
  const t = p.lx.peek();
  const k = p.kw(t);
  if (!isOp(t, '(') && !(k !== null && COMPOUND_START.has(k))) throw p.near(t);
  return { type: 'function', name, body: p.compound(), line };
}

export function isRedir(t: Token): t is Token & { kind: 'op' } {
  return t.kind === 'op' && REDIR_OPS.has(t.op);
}

export function redirect(p: Parser): Redirect {
  const t = p.lx.next() as Token & { kind: 'op' };
  const w = p.lx.peek();
  if (w.kind !== 'word') throw p.near(w);
  p.lx.next();
  const r: Redirect = { op: t.op as RedirOp, fd: t.fd, target: w.word };
  if (t.op === '<<' || t.op === '<<-') {
    // The body is read when the lexer reaches the end of this line.
    const { delimiter, quoted } = delimiterOf(w.word.text);
    r.heredoc = { delimiter, quoted, stripTabs: t.op === '<<-', body: { text: '', parts: [] } };
    p.cur.pending.push({ redir: r, line: p.cur.lineAt(t.start) });
  }
  return r;
}
