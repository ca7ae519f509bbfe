/**
 * `[[ ... ]]`: bash parses the conditional expression at parse time, with its
 * own operator words and error messages (parse.y cond_term and friends).
 */
import type { CondCommand, CondExpr, Word } from './ast.ts';
import { ShellSyntaxError } from './errors.ts';
import { isOp, type Token } from './lexer.ts';
import type { Parser } from './parser.ts';

const UNARY = new Set('abcdefghkprstuwxGLNOSznovR'.split('').map((c) => '-' + c));
const BINARY = new Set(['=', '==', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
const BAD = 'syntax error in conditional expression';

export function condCommand(p: Parser): CondCommand {
  const expr = or(p);
  const t = p.lx.peek();
  if (p.kw(t) !== ']]') {
    if (t.kind === 'eof') throw err(p, t, "unexpected token `EOF' in conditional command");
    throw err(p, t, isOp(t, ')') ? `${BAD}: unexpected token \`)'` : BAD);
  }
  p.lx.next();
  return { type: 'cond', expr, redirects: [] };
}

function err(p: Parser, t: Token, msg: string): ShellSyntaxError {
  return new ShellSyntaxError(msg, p.cur.lineAt(t.start), t.kind === 'eof');
}

function show(t: Token): string {
  return t.kind === 'word' ? t.word.text : t.kind === 'op' ? t.op : t.kind === 'newline' ? 'newline' : 'EOF';
}

function or(p: Parser): CondExpr {
  let left = and(p);
  while (isOp(p.lx.peek(), '||')) {
    p.lx.next();
    left = { type: 'or', left, right: and(p) };
  }
  return left;
}

function and(p: Parser): CondExpr {
  let left = not(p);
  while (isOp(p.lx.peek(), '&&')) {
    p.lx.next();
    left = { type: 'and', left, right: not(p) };
  }
  return left;
}

/** Leading `!`s, counted in a loop so a long run cannot overflow the stack. */
function not(p: Parser): CondExpr {
  let n = 0;
  for (p.skipNewlines(); p.kw(p.lx.peek()) === '!'; p.skipNewlines()) {
    p.lx.next();
    n++;
  }
  let e = primary(p);
  while (n--) e = { type: 'not', expr: e };
  return e;
}

function primary(p: Parser): CondExpr {
  const t = p.lx.peek();
  if (isOp(t, '(')) {
    p.lx.next();
    p.cur.enter();
    try {
      const expr = or(p);
      const c = p.lx.peek();
      if (!isOp(c, ')')) throw err(p, c, `unexpected token \`${show(c)}', expected \`)'`);
      p.lx.next();
      return { type: 'paren', expr };
    } finally {
      p.cur.leave();
    }
  }
  if (t.kind !== 'word') throw err(p, t, `unexpected token \`${show(t)}' in conditional command`);
  // Bash gives no message for `[[ ]]` or `[[ a && ]]`; this one says what is wrong.
  if (p.kw(t) === ']]') throw err(p, t, BAD);
  p.lx.next();
  const op = p.kw(t);
  if (op !== null && UNARY.has(op)) {
    const a = p.lx.peek();
    if (a.kind !== 'word' || p.kw(a) === ']]') throw err(p, a, `unexpected argument \`${show(a)}' to conditional unary operator`);
    p.lx.next();
    return { type: 'unary', op, arg: a.word };
  }
  const n = p.lx.peek();
  const bop = p.kw(n) ?? (n.kind === 'op' && (n.op === '<' || n.op === '>') && n.fd === null ? n.op : null);
  if (bop !== null && BINARY.has(bop) || bop === '<' || bop === '>') {
    p.lx.next();
    const r = bop === '=~' ? p.lx.regexWord() : p.lx.next();
    if (r.kind !== 'word' || p.kw(r) === ']]') {
      throw err(p, r, r.kind === 'eof' ? "unexpected token `EOF' in conditional command"
        : `unexpected argument \`${show(r)}' to conditional binary operator`);
    }
    return { type: 'binary', op: bop!, left: t.word, right: r.word as Word };
  }
  if (n.kind === 'word' && p.kw(n) !== ']]') throw err(p, n, 'conditional binary operator expected');
  if (!(n.kind === 'word' || isOp(n, '&&') || isOp(n, '||') || isOp(n, ')'))) {
    if (n.kind === 'eof') throw err(p, n, "unexpected token `EOF' in conditional command");
    throw err(p, n, `unexpected token \`${show(n)}', conditional binary operator expected`);
  }
  return { type: 'word', word: t.word };
}
