/**
 * Compound commands: ( ) { } if while until for case (( )) [[ ]].
 * Reserved words count only in command position (Parser.kw on a token the
 * grammar expects a command at), so `echo if fi` is a plain command.
 */
import type {
  ArithCommand, ArithForCommand, CaseCommand, CaseItem, CompoundCommand, ForCommand, IfCommand, Word,
} from './ast.ts';
import { condCommand } from './cond.ts';
import { ShellSyntaxError } from './errors.ts';
import { scanArith } from './expansions.ts';
import { isOp, type Token } from './lexer.ts';
import type { Parser, Stop } from './parser.ts';

export const COMPOUND_START = new Set(['if', 'while', 'until', 'for', 'select', 'case', '{', '[[']);

const CASE_TERMS = new Set([';;', ';&', ';;&']);

/** Parse the compound command at the current token (a `(` or a COMPOUND_START word). */
export function compound(p: Parser): CompoundCommand {
  const t = p.lx.peek();
  if (isOp(t, '(')) return paren(p, t);
  const k = p.kw(t);
  p.lx.next();
  const kw = (...ks: string[]): Stop => (x) => ks.includes(p.kw(x) ?? '');
  switch (k) {
    case '{': {
      const body = p.list(kw('}'));
      p.expectKw('}');
      return { type: 'group', body, redirects: [] };
    }
    case 'if': {
      const c: IfCommand = { type: 'if', clauses: [], elseBody: null, redirects: [] };
      for (;;) {
        const cond = p.list(kw('then'));
        p.expectKw('then');
        c.clauses.push({ cond, body: p.list(kw('elif', 'else', 'fi')) });
        const end = p.kw(p.lx.next());
        if (end === 'elif') continue;
        if (end === 'else') {
          c.elseBody = p.list(kw('fi'));
          p.expectKw('fi');
        }
        return c;
      }
    }
    case 'while':
    case 'until': {
      const cond = p.list(kw('do'));
      p.expectKw('do');
      const body = p.list(kw('done'));
      p.expectKw('done');
      return { type: 'while', until: k === 'until', cond, body, redirects: [] };
    }
    case 'for':
    case 'select':
      return forCommand(p, kw('done'), k);
    case 'case':
      return caseCommand(p);
    default:
      return condCommand(p);
  }
}

/** `( list )`, or `(( expr ))` when the parens close as `))` (else nested subshells, like bash). */
function paren(p: Parser, t: Token): CompoundCommand {
  p.lx.next();
  if (p.cur.text[t.end] === '(') {
    const a = scanArith(p.cur, t.end + 1, t.start);
    if (a) {
      p.lx.resetTo(a.end);
      const c: ArithCommand = { type: 'arith', expr: a.expr, redirects: [] };
      return c;
    }
  }
  const body = p.list((x) => isOp(x, ')'));
  p.lx.next();
  return { type: 'subshell', body, redirects: [] };
}

function forCommand(p: Parser, done: Stop, k: 'for' | 'select'): ForCommand | ArithForCommand {
  const t = p.lx.peek();
  const body = (): ForCommand['body'] => {
    p.skipNewlines();
    p.expectKw('do');
    const b = p.list(done);
    p.expectKw('done');
    return b;
  };
  if (k === 'for' && isOp(t, '(') && p.cur.text[t.end] === '(') {
    p.lx.next();
    const a = scanArith(p.cur, t.end + 1, t.start);
    const parts = a ? splitSemis(a.expr) : [];
    if (!a || parts.length !== 3) {
      throw new ShellSyntaxError('syntax error: arithmetic expression required', p.cur.lineAt(t.start));
    }
    p.lx.resetTo(a.end);
    if (isOp(p.lx.peek(), ';')) p.lx.next();
    const [init, cond, step] = parts as [string, string, string];
    return { type: 'arithfor', init, cond, step, body: body(), redirects: [] };
  }
  if (t.kind !== 'word') throw p.near(t);
  p.lx.next();
  let items: Word[] | null = null;
  p.skipNewlines();
  const n = p.lx.peek();
  if (p.kw(n) === 'in') {
    // The word list is not in command position: `for x in a b do` loops over "do" too.
    p.lx.next();
    items = [];
    for (let w = p.lx.next(); !isOp(w, ';') && w.kind !== 'newline'; w = p.lx.next()) {
      if (w.kind !== 'word') throw p.near(w);
      items.push(w.word);
    }
  } else if (isOp(n, ';')) p.lx.next();
  const c: ForCommand = { type: 'for', name: t.word.text, items, body: body(), redirects: [] };
  if (k === 'select') c.select = true;
  return c;
}

function splitSemis(expr: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth === 0) {
      out.push(expr.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(expr.slice(from).trim());
  return out;
}

function caseCommand(p: Parser): CaseCommand {
  const s = p.lx.next();
  if (s.kind !== 'word') throw p.near(s);
  p.skipNewlines();
  p.expectKw('in');
  const c: CaseCommand = { type: 'case', subject: s.word, items: [], redirects: [] };
  const stop: Stop = (t) => (t.kind === 'op' && CASE_TERMS.has(t.op)) || p.kw(t) === 'esac';
  for (;;) {
    p.skipNewlines();
    let t = p.lx.peek();
    // `esac` ends the case where a pattern could start (`case x in esac` is valid).
    if (p.kw(t) === 'esac') {
      p.lx.next();
      return c;
    }
    if (isOp(t, '(')) p.lx.next();
    const item: CaseItem = { patterns: [], body: [], terminator: ';;' };
    for (;;) {
      t = p.lx.next();
      if (t.kind !== 'word') throw p.near(t);
      item.patterns.push(t.word);
      t = p.lx.next();
      if (isOp(t, ')')) break;
      if (!isOp(t, '|')) throw p.near(t);
    }
    item.body = p.list(stop, true);
    t = p.lx.peek();
    if (t.kind === 'op' && CASE_TERMS.has(t.op)) {
      p.lx.next();
      item.terminator = t.op as CaseItem['terminator'];
    }
    c.items.push(item);
  }
}
