/**
 * Shell arithmetic ($((…)), ((…)), let): integers, variables by name, the C operators bash supports
 * (precedence climbing), assignment operators and ++/--. Errors read like bash's
 * (`1/0: division by 0 (error token is "0")`).
 */
export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const BINARY: Array<[string[], number]> = [
  [['||'], 1], [['&&'], 2], [['|'], 3], [['^'], 4], [['&'], 5], [['==', '!='], 6],
  [['<=', '>=', '<', '>'], 7], [['<<', '>>'], 8], [['+', '-'], 9], [['*', '/', '%'], 10], [['**'], 11],
];
const PREC = new Map<string, number>(BINARY.flatMap(([ops, p]) => ops.map((o) => [o, p] as [string, number])));
const TOKEN = /\s*(\d+#[0-9a-zA-Z@_]+|0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=?|<<=|>>=|\+\+|--|&&|\|\||[=!<>]=|<<|>>|[-+*/%&|^]=|[-+*/%&|^~!<>=?:(),])/y;

export function evalArith(expr: string, vars: ArithVars, depth = 0): number {
  if (depth > 32) throw new ArithError('expression recursion level exceeded');
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(expr);
    if (!m) throw new ArithError(`${expr.trim()}: syntax error: invalid arithmetic operator (error token is "${expr.slice(pos).trim()}")`);
    tokens.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  if (!tokens.length) return 0;
  let i = 0;
  const peek = () => tokens[i];
  const value = (name: string): number => {
    const v = vars.get(name) ?? '';
    if (v === '') return 0;
    if (/^-?\d+$/.test(v.trim())) return Number(v);
    return evalArith(v, vars, depth + 1);
  };
  const num = (t: string): number => {
    if (/^0[xX]/.test(t)) return parseInt(t, 16);
    const based = /^(\d+)#(.+)$/.exec(t);
    if (based) return parseInt(based[2], Number(based[1]));
    if (/^0\d+$/.test(t)) return parseInt(t, 8);
    return Number(t);
  };
  // bash's MAX_EXPR_RECURSION_LEVEL (expr.c): a JavaScript stack is far smaller than bash's C one,
  // so nesting ((((…)))) or -(-(-…)) thousands deep must end in this error, not in a stack overflow.
  let level = 0;
  const nested = <T>(f: () => T): T => {
    if (++level > 1024) throw new ArithError(`${expr.trim()}: expression recursion level exceeded (error token is "${tokens.slice(i).join(' ')}")`);
    try { return f(); } finally { level--; }
  };
  const unary = (): number => nested(() => unaryOp());
  const unaryOp = (): number => {
    const t = tokens[i++];
    if (t === undefined) throw new ArithError(`${expr.trim()}: syntax error: operand expected (error token is "${expr.trim()}")`);
    if (t === '(') { const v = ternary(); if (tokens[i++] !== ')') throw new ArithError(`${expr.trim()}: syntax error: missing \`)'`); return v; }
    if (t === '-') return -unary();
    if (t === '+') return unary();
    if (t === '!') return unary() ? 0 : 1;
    if (t === '~') return ~unary();
    if (t === '++' || t === '--') {
      const name = tokens[i++];
      const v = value(name) + (t === '++' ? 1 : -1);
      vars.set(name, String(v));
      return v;
    }
    if (/^\d/.test(t)) return num(t);
    if (/^[A-Za-z_]/.test(t)) {
      const op = peek();
      if (op === '=' || (op && op.length >= 2 && op.endsWith('=') && !['==', '!=', '<=', '>='].includes(op))) {
        i++;
        const rhs = ternary();
        const v = op === '=' ? rhs : apply(op.slice(0, -1), value(t), rhs);
        vars.set(t, String(v));
        return v;
      }
      if (op === '++' || op === '--') { i++; const v = value(t); vars.set(t, String(v + (op === '++' ? 1 : -1))); return v; }
      return value(t);
    }
    throw new ArithError(`${expr.trim()}: syntax error: operand expected (error token is "${tokens.slice(i - 1).join(' ')}")`);
  };
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '||': return a || b ? 1 : 0;
      case '&&': return a && b ? 1 : 0;
      case '|': return a | b; case '^': return a ^ b; case '&': return a & b;
      case '==': return a === b ? 1 : 0; case '!=': return a !== b ? 1 : 0;
      case '<': return a < b ? 1 : 0; case '>': return a > b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0; case '>=': return a >= b ? 1 : 0;
      case '<<': return a << b; case '>>': return a >> b;
      case '+': return a + b; case '-': return a - b; case '*': return a * b;
      case '/': case '%':
        if (b === 0) throw new ArithError(`${expr.trim()}: division by 0 (error token is "${tokens[i - 1] ?? ''}")`);
        return op === '/' ? Math.trunc(a / b) : a % b;
      case '**': return a ** b;
      default: throw new ArithError(`${expr.trim()}: syntax error in expression`);
    }
  };
  const binary = (minPrec: number): number => nested(() => binaryOp(minPrec));
  const binaryOp = (minPrec: number): number => {
    let left = unary();
    for (;;) {
      const op = peek();
      const p = op === undefined ? undefined : PREC.get(op);
      if (p === undefined || p < minPrec) return left;
      i++;
      const right = binary(op === '**' ? p : p + 1);
      left = apply(op!, left, right);
    }
  };
  const ternary = (): number => {
    const c = binary(1);
    if (peek() !== '?') return c;
    i++;
    const a = ternary();
    if (tokens[i++] !== ':') throw new ArithError(`${expr.trim()}: syntax error: \`:' expected for conditional expression`);
    const b = ternary();
    return c ? a : b;
  };
  let result = ternary();
  while (peek() === ',') { i++; result = ternary(); }
  if (i < tokens.length) throw new ArithError(`${expr.trim()}: syntax error in expression (error token is "${tokens.slice(i).join(' ')}")`);
  return result;
}
