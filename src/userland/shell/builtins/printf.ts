import { formatPrintf } from '../../commands/printf/printf.ts';
import { builtinError, type Builtin } from './types.ts';

/** bash's printf builtin shares coreutils' formatter. */
export const printf: Builtin = async (ctx, args) => {
  if (!args.length) { await ctx.err(`${ctx.state.name}: printf: usage: printf [-v var] format [arguments]\n`); return 2; }
  const r = formatPrintf(args[0], args.slice(1), { dialect: 'bash' });
  await ctx.out(r.text);
  for (const e of r.errors) await builtinError(ctx, 'printf', e);
  return r.errors.length ? 1 : 0;
};

