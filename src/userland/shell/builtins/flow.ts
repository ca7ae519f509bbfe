import { ControlFlow } from '../ShellState.ts';
import { builtinError, type Builtin } from './types.ts';

/** break/continue/return unwind the interpreter with ControlFlow; loops and function calls catch it. */
export const breakB: Builtin = async (ctx, args) => { throw new ControlFlow('break', 0, levels(args)); };
export const continueB: Builtin = async (ctx, args) => { throw new ControlFlow('continue', 0, levels(args)); };
export const returnB: Builtin = async (ctx, args) => {
  if (ctx.state.localFrames.length === 0) {
    await builtinError(ctx, 'return', "can only `return' from a function or sourced script");
    return 1;
  }
  const n = args.length ? Number(args[0]) : ctx.state.lastStatus;
  if (!Number.isInteger(n)) { await builtinError(ctx, 'return', `${args[0]}: numeric argument required`); throw new ControlFlow('return', 2); }
  throw new ControlFlow('return', n & 0xff);
};

function levels(args: string[]): number {
  const n = args.length ? Number(args[0]) : 1;
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** `local NAME[=VALUE]`: remembers the outer value in the current function frame. */
export const local: Builtin = async (ctx, args) => {
  const frame = ctx.state.localFrames[ctx.state.localFrames.length - 1];
  if (!frame) { await builtinError(ctx, 'local', 'can only be used in a function'); return 1; }
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!frame.has(name)) frame.set(name, ctx.state.vars.get(name) && { ...ctx.state.vars.get(name)! });
    ctx.state.set(name, eq < 0 ? '' : a.slice(eq + 1));
  }
  return 0;
};

/** `declare`/`typeset`, `readonly`: only the attributes nsbox uses (-x export, -r readonly). */
export const declare: Builtin = async (ctx, args) => {
  const flags = args.filter((a) => /^[-+]\w+$/.test(a)).join('');
  for (const a of args.filter((x) => !/^[-+]\w+$/.test(x))) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    const cur = ctx.state.vars.get(name);
    ctx.state.set(name, eq < 0 ? cur?.value ?? '' : a.slice(eq + 1), flags.includes('x') || cur?.exported);
    if (flags.includes('r')) ctx.state.vars.get(name)!.readonly = true;
  }
  return 0;
};

export const readonly: Builtin = async (ctx, args) => declare(ctx, ['-r', ...args]);

export const letB: Builtin = async (ctx, args) => {
  if (!args.length) { await builtinError(ctx, 'let', 'expression expected'); return 1; }
  let v = 0;
  for (const a of args) v = Number(await ctx.runSource(`(( ${a} ))`, 'let') === 0);
  return v ? 0 : 1;
};
