import type { CompoundCommand, CondExpr, List } from '../ast.ts';
import { testExpression } from '../builtins/test.ts';
import { ControlFlow, ShellError } from '../ShellState.ts';
import { arith, expandPattern, expandWord, expandWords } from './expand.ts';
import type { Interpreter } from './Interpreter.ts';
import { applyRedirects, restoreRedirects, type SavedFds } from './redirect.ts';

const MAX_LOOP_ITERATIONS = 1_000_000;

/** if/while/for/case/groups, (( )) and [[ ]] in the current shell (subshells are forked by the caller). */
export async function runCompound(it: Interpreter, cmd: CompoundCommand): Promise<number> {
  const saved: SavedFds = [];
  try {
    await applyRedirects(it, cmd.redirects, saved);
    return await body(it, cmd);
  } finally {
    restoreRedirects(it.sys, saved);
  }
}

async function body(it: Interpreter, cmd: CompoundCommand): Promise<number> {
  switch (cmd.type) {
    case 'group': case 'subshell': return it.runList(cmd.body);
    case 'if': {
      for (const c of cmd.clauses) if (await it.ignoringErrexit(true, () => it.runList(c.cond)) === 0) return it.runList(c.body);
      return cmd.elseBody ? it.runList(cmd.elseBody) : 0;
    }
    case 'while': {
      let status = 0;
      for (let n = 0; ; n++) {
        if (n % 64 === 63) await it.sys.sched_yield();
        it.checkInterrupt();
        if (n > MAX_LOOP_ITERATIONS && !it.state.interactive) break;
        const c = await it.ignoringErrexit(true, () => it.runList(cmd.cond));
        if ((c === 0) === cmd.until) break;
        const r = await loopBody(it, cmd.body);
        if (r.stop) { status = r.status; break; }
        status = r.status;
      }
      return status;
    }
    case 'for': {
      const items = cmd.items ? await expandWords(it, cmd.items) : it.state.positional;
      let status = 0;
      for (const v of items) {
        it.checkInterrupt();
        it.state.set(cmd.name, v);
        const r = await loopBody(it, cmd.body);
        status = r.status;
        if (r.stop) break;
      }
      return status;
    }
    case 'arithfor': {
      let status = 0;
      if (cmd.init.trim()) arith(it, cmd.init);
      for (let n = 0; !cmd.cond.trim() || arith(it, cmd.cond) !== 0; n++) {
        if (n % 64 === 63) await it.sys.sched_yield();
        it.checkInterrupt();
        const r = await loopBody(it, cmd.body);
        status = r.status;
        if (r.stop) break;
        if (cmd.step.trim()) arith(it, cmd.step);
      }
      return status;
    }
    case 'case': {
      const subject = await expandWord(it, cmd.subject);
      for (let i = 0; i < cmd.items.length; i++) {
        const item = cmd.items[i];
        let matched = false;
        for (const p of item.patterns) if ((await expandPattern(it, p)).test(subject)) { matched = true; break; }
        if (!matched) continue;
        let status = await it.runList(item.body);
        let t = item.terminator;
        while (t === ';&' && i + 1 < cmd.items.length) { i++; status = await it.runList(cmd.items[i].body); t = cmd.items[i].terminator; }
        if (t !== ';;&') return status;
      }
      return 0;
    }
    case 'arith': return arith(it, await expandWord(it, { text: cmd.expr, parts: [{ type: 'literal', text: cmd.expr, quoted: true }] })) !== 0 ? 0 : 1;
    case 'cond': return (await cond(it, cmd.expr)) ? 0 : 1;
  }
}

/** One loop iteration; break/continue with a level count unwind outer loops too. */
async function loopBody(it: Interpreter, list: List): Promise<{ status: number; stop: boolean }> {
  try {
    return { status: await it.runList(list), stop: false };
  } catch (e) {
    if (!(e instanceof ControlFlow) || e.kind === 'return') throw e;
    if (e.levels > 1) throw new ControlFlow(e.kind, e.status, e.levels - 1);
    return { status: 0, stop: e.kind === 'break' };
  }
}

async function cond(it: Interpreter, e: CondExpr): Promise<boolean> {
  switch (e.type) {
    case 'and': return (await cond(it, e.left)) && cond(it, e.right);
    case 'or': return (await cond(it, e.left)) || cond(it, e.right);
    case 'not': return !(await cond(it, e.expr));
    case 'paren': return cond(it, e.expr);
    case 'word': return (await expandWord(it, e.word)) !== '';
    case 'unary': return (await testWith(it, [e.op, await expandWord(it, e.arg)])) === 0;
    case 'binary': {
      const left = await expandWord(it, e.left);
      if (e.op === '==' || e.op === '=' || e.op === '!=') {
        const m = (await expandPattern(it, e.right)).test(left);
        return e.op === '!=' ? !m : m;
      }
      if (e.op === '=~') {
        const src = await expandWord(it, e.right);
        try { return new RegExp(src).test(left); } catch { throw new ShellError(`[[: invalid regular expression \`${src}'`, 2); }
      }
      return (await testWith(it, [left, e.op, await expandWord(it, e.right)])) === 0;
    }
  }
}

function testWith(it: Interpreter, args: string[]): Promise<number> {
  return testExpression({ sys: it.sys, state: it.state, err: (t: string) => it.sys.write(2, t) } as never, '[[', args);
}
