import { builtinError, type BuiltinContext } from './types.ts';

/**
 * test(1) / `[` as bash's builtin evaluates it: POSIX's argument-count rules for 0–4 arguments,
 * then a recursive descent over `!`, `-a`, `-o` and parentheses.
 */
export async function testExpression(ctx: BuiltinContext, name: string, args: string[]): Promise<number> {
  try {
    const p = new Parser(ctx, args);
    const r = p.parse();
    return r ? 0 : 1;
  } catch (e) {
    if (e instanceof TestSyntaxError) { await builtinError(ctx, name, e.message); return 2; }
    throw e;
  }
}

class TestSyntaxError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-L', '-h', '-r', '-w', '-x', '-s', '-n', '-z', '-c', '-p', '-S', '-b', '-t', '-g', '-u', '-k', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

class Parser {
  private i = 0;
  constructor(private readonly ctx: BuiltinContext, private readonly a: string[]) {}

  parse(): boolean {
    if (this.a.length === 0) return false;
    const r = this.or();
    if (this.i < this.a.length) throw new TestSyntaxError(`${this.a[this.i]}: unexpected operator`);
    return r;
  }
  private or(): boolean {
    let v = this.and();
    while (this.a[this.i] === '-o') { this.i++; const r = this.and(); v = v || r; }
    return v;
  }
  private and(): boolean {
    let v = this.not();
    while (this.a[this.i] === '-a') { this.i++; const r = this.not(); v = v && r; }
    return v;
  }
  private not(): boolean {
    if (this.a[this.i] === '!' && this.i + 1 < this.a.length) { this.i++; return !this.not(); }
    return this.primary();
  }
  private primary(): boolean {
    const a = this.a;
    if (a[this.i] === '(' ) {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw new TestSyntaxError("`)' expected");
      this.i++;
      return v;
    }
    if (this.i + 2 < a.length && BINARY.has(a[this.i + 1])) {
      const l = a[this.i], op = a[this.i + 1], r = a[this.i + 2];
      this.i += 3;
      return this.binary(l, op, r);
    }
    if (UNARY.has(a[this.i]) && this.i + 1 < a.length) {
      const op = a[this.i], v = a[this.i + 1];
      this.i += 2;
      return this.unary(op, v);
    }
    const s = a[this.i++];
    if (s === undefined) throw new TestSyntaxError('argument expected');
    return s !== '';
  }
  private int(s: string): number {
    if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new TestSyntaxError(`${s}: integer expression expected`);
    return Number(s);
  }
  private binary(l: string, op: string, r: string): boolean {
    switch (op) {
      case '=': case '==': return l === r;
      case '!=': return l !== r;
      case '<': return l < r;
      case '>': return l > r;
      case '-eq': return this.int(l) === this.int(r);
      case '-ne': return this.int(l) !== this.int(r);
      case '-lt': return this.int(l) < this.int(r);
      case '-le': return this.int(l) <= this.int(r);
      case '-gt': return this.int(l) > this.int(r);
      case '-ge': return this.int(l) >= this.int(r);
      default: {
        const sl = this.stat(l), sr = this.stat(r);
        if (op === '-ef') return !!sl && !!sr && sl.ino === sr.ino;
        if (op === '-nt') return !!sl && (!sr || sl.mtime > sr.mtime);
        return !!sr && (!sl || sl.mtime < sr.mtime);
      }
    }
  }
  private stat(p: string, follow = true) {
    try { return follow ? this.ctx.sys.stat(p) : this.ctx.sys.lstat(p); } catch { return undefined; }
  }
  private unary(op: string, v: string): boolean {
    switch (op) {
      case '-n': return v !== '';
      case '-z': return v === '';
      case '-t': try { return this.ctx.sys.isatty(this.int(v)); } catch { return false; }
      case '-L': case '-h': return this.stat(v, false)?.type === 'symlink';
      case '-r': return this.ctx.sys.access(v, 'r');
      case '-w': return this.ctx.sys.access(v, 'w');
      case '-x': return this.ctx.sys.access(v, 'x');
    }
    const st = this.stat(v);
    if (!st) return false;
    switch (op) {
      case '-e': return true;
      case '-f': return st.type === 'file';
      case '-d': return st.type === 'dir';
      case '-s': return st.size > 0;
      case '-c': return st.type === 'chr';
      case '-p': return st.type === 'fifo';
      case '-S': return st.type === 'sock';
      case '-u': return (st.mode & 0o4000) !== 0;
      case '-g': return (st.mode & 0o2000) !== 0;
      case '-k': return (st.mode & 0o1000) !== 0;
      case '-O': return st.uid === this.ctx.sys.geteuid();
      case '-G': return st.gid === this.ctx.sys.getegid();
      default: return false;
    }
  }
}
