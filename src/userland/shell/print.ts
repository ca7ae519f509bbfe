/**
 * Render AST back to shell text the way bash's make_command_string does for
 * `jobs` and `declare -f`, but on one line: words as written, single spaces,
 * `> file` with a space, `2>&1` without, `{ a; b; }`, `( a )`.
 * Bash's job text for `sleep 1 | cat &` is built per process, so it drops a
 * leading `!` and shows `a |& b` as `a 2>&1 | b`; commandText(pipeline) does the same.
 */
import type { AndOr, Command, CondExpr, List, Pipeline, Redirect, Script, SimpleCommand } from './ast.ts';

export function printScript(s: Script): string {
  return printList(s.body, false);
}

/** Text of a command, pipeline, and-or list or list (without a trailing `&`). */
export function commandText(node: Command | Pipeline | AndOr | List | Script): string {
  if (Array.isArray(node)) return printList(node, false);
  switch (node.type) {
    case 'script':
      return printScript(node);
    case 'andor':
      return andOr(node);
    case 'pipeline':
      return pipeline(node);
    default:
      return command(node);
  }
}

/** `terminated`: every item ends in `;` or `&`, as inside `{ }` and `if`. */
function printList(l: List, terminated: boolean): string {
  return l
    .map((a, i) => andOr(a) + (a.background ? ' &' : terminated || i < l.length - 1 ? ';' : ''))
    .join(' ');
}

function andOr(a: AndOr): string {
  return [pipeline(a.first), ...a.rest.map((r) => `${r.op} ${pipeline(r.pipeline)}`)].join(' ');
}

function pipeline(p: Pipeline): string {
  let s = (p.timed ? (p.timePosix ? 'time -p ' : 'time ') : '') + (p.negated ? '! ' : '');
  p.commands.forEach((c, i) => {
    s += command(c);
    if (i < p.ops.length) s += p.ops[i] === '|&' ? ' 2>&1 | ' : ' | ';
  });
  return s.trimEnd();
}

function command(c: Command): string {
  const body = (l: List) => printList(l, true);
  let s: string;
  switch (c.type) {
    case 'simple':
      return simple(c);
    case 'function':
      return `${c.name} () ${command(c.body)}`;
    case 'subshell':
      s = `( ${printList(c.body, false)} )`;
      break;
    case 'group':
      s = `{ ${body(c.body)} }`;
      break;
    case 'if':
      s = c.clauses.map((k, i) => `${i ? 'elif' : 'if'} ${body(k.cond)} then ${body(k.body)}`).join(' ');
      s += (c.elseBody ? ` else ${body(c.elseBody)}` : '') + ' fi';
      break;
    case 'while':
      s = `${c.until ? 'until' : 'while'} ${body(c.cond)} do ${body(c.body)} done`;
      break;
    case 'for':
      s = `${c.select ? 'select' : 'for'} ${c.name}${c.items ? ` in ${c.items.map((w) => w.text).join(' ')}` : ''}; do ${body(c.body)} done`;
      break;
    case 'arithfor':
      s = `for ((${c.init}; ${c.cond}; ${c.step})); do ${body(c.body)} done`;
      break;
    case 'case':
      s = `case ${c.subject.text} in ${c.items
        .map((it) => `${it.patterns.map((w) => w.text).join(' | ')}) ${printList(it.body, false)}${it.terminator}`)
        .join(' ')} esac`;
      break;
    case 'arith':
      s = `(( ${c.expr.trim()} ))`;
      break;
    case 'cond':
      s = `[[ ${cond(c.expr)} ]]`;
      break;
  }
  return [s, ...c.redirects.map(redirect)].join(' ');
}

function simple(c: SimpleCommand): string {
  return [...c.assignments.map((a) => a.text), ...c.words.map((w) => w.text), ...c.redirects.map(redirect)].join(' ');
}

function redirect(r: Redirect): string {
  const fd = r.fd === null ? '' : String(r.fd);
  // Bash separates a file name from its operator but not a fd: `> /dev/null 2>&1`.
  const dup = r.op === '>&' || r.op === '<&' || r.op === '<<' || r.op === '<<-';
  return `${fd}${r.op}${dup ? '' : ' '}${r.target.text}`;
}

function cond(e: CondExpr): string {
  switch (e.type) {
    case 'and':
      return `${cond(e.left)} && ${cond(e.right)}`;
    case 'or':
      return `${cond(e.left)} || ${cond(e.right)}`;
    case 'not':
      return `! ${cond(e.expr)}`;
    case 'paren':
      return `( ${cond(e.expr)} )`;
    case 'unary':
      return `${e.op} ${e.arg.text}`;
    case 'binary':
      return `${e.left.text} ${e.op} ${e.right.text}`;
    case 'word':
      return e.word.text;
  }
}
