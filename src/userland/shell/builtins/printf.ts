import { trackLoad } from '../../../kernel/loader.ts';
import { builtinError, type Builtin } from './types.ts';

/**
 * bash's printf builtin shares coreutils' formatter, read in with the printf program's code at the
 * first use (or by the readahead behind the first prompt): the login shell does not need it.
 */
export const printf: Builtin = async (ctx, args) => {
  if (!args.length) { await ctx.err(`${ctx.state.name}: printf: usage: printf [-v var] format [arguments]\n`); return 2; }
  const { formatPrintf } = await trackLoad(import('../../commands/printf/printf.ts'));
  const r = formatPrintf(args[0], args.slice(1), { dialect: 'bash' });
  await ctx.out(r.text);
  for (const e of r.errors) await builtinError(ctx, 'printf', e);
  return r.errors.length ? 1 : 0;
};
