import { errMsg } from '../../lib/io.ts';
import { echoText } from '../../commands/echo/echo.ts';
import { builtinError, type Builtin } from './types.ts';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const cd: Builtin = async (ctx, args) => {
  const a = args.filter((x) => x !== '-L' && x !== '-P');
  if (a.length > 1) { await builtinError(ctx, 'cd', 'too many arguments'); return 1; }
  let dir: string | undefined = a[0];
  if (dir === undefined) {
    dir = ctx.state.get('HOME');
    if (!dir) { await builtinError(ctx, 'cd', 'HOME not set'); return 1; }
  } else if (dir === '-') {
    dir = ctx.state.get('OLDPWD');
    if (!dir) { await builtinError(ctx, 'cd', 'OLDPWD not set'); return 1; }
    await ctx.out(dir + '\n');
  }
  try {
    const old = ctx.sys.getcwd();
    ctx.sys.chdir(dir);
    ctx.state.set('OLDPWD', old);
    ctx.state.set('PWD', ctx.sys.getcwd());
    return 0;
  } catch (e) {
    await builtinError(ctx, 'cd', `${dir}: ${errMsg(e)}`);
    return 1;
  }
};

export const pwd: Builtin = async (ctx) => { await ctx.out(ctx.sys.getcwd() + '\n'); return 0; };

export const echo: Builtin = async (ctx, args) => { await ctx.out(echoText(args)); return 0; };

export const colon: Builtin = async () => 0;
export const trueB: Builtin = async () => 0;
export const falseB: Builtin = async () => 1;

export const exportB: Builtin = async (ctx, args) => {
  const names = args.filter((a) => a !== '-n' && a !== '-p');
  if (names.length === 0) {
    const lines = [...ctx.state.vars].filter(([, v]) => v.exported).sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `declare -x ${k}="${v.value.replace(/(["\\$`])/g, '\\$1')}"\n`);
    await ctx.out(lines.join(''));
    return 0;
  }
  let status = 0;
  for (const a of names) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) { await builtinError(ctx, 'export', `\`${a}': not a valid identifier`); status = 1; continue; }
    if (args.includes('-n')) { const v = ctx.state.vars.get(name); if (v) v.exported = false; continue; }
    ctx.state.set(name, eq < 0 ? ctx.state.get(name) ?? '' : a.slice(eq + 1), true);
    if (eq < 0 && !ctx.state.vars.has(name)) ctx.state.set(name, '', true);
  }
  return status;
};

export const unset: Builtin = async (ctx, args) => {
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    if (!NAME_RE.test(a)) { await builtinError(ctx, 'unset', `\`${a}': not a valid identifier`); return 1; }
    if (args.includes('-f')) ctx.state.functions.delete(a);
    else { ctx.state.unset(a); if (!args.includes('-v')) ctx.state.functions.delete(a); }
  }
  return 0;
};

export const exit: Builtin = async (ctx, args) => {
  let status = ctx.state.lastStatus;
  if (args.length) {
    if (!/^[+-]?\d+$/.test(args[0])) {
      await builtinError(ctx, 'exit', `${args[0]}: numeric argument required`);
      status = 2;
    } else if (args.length > 1) {
      await builtinError(ctx, 'exit', 'too many arguments');
      return 1;
    } else status = Number(args[0]) & 0xff;
  }
  return ctx.exitShell(status);
};

export const shift: Builtin = async (ctx, args) => {
  const n = args.length ? Number(args[0]) : 1;
  if (!Number.isInteger(n) || n < 0) { await builtinError(ctx, 'shift', `${args[0]}: numeric argument required`); return 1; }
  if (n > ctx.state.positional.length) return 1;
  ctx.state.positional = ctx.state.positional.slice(n);
  return 0;
};

export const set: Builtin = async (ctx, args) => {
  if (args.length === 0) {
    const lines = [...ctx.state.vars].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${quoteValue(v.value)}\n`);
    await ctx.out(lines.join(''));
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; ctx.state.positional = args.slice(i); return 0; }
    if (/^[-+][euxvfnC]+$/.test(a)) {
      for (const f of a.slice(1)) { if (a[0] === '-') ctx.state.options.add(f); else ctx.state.options.delete(f); }
      continue;
    }
    if ((a === '-o' || a === '+o') && args[i + 1]) {
      const opt = args[++i] === 'pipefail' ? 'pipefail' : args[i] === 'errexit' ? 'e' : args[i] === 'xtrace' ? 'x' : args[i] === 'nounset' ? 'u' : args[i];
      if (a === '-o') ctx.state.options.add(opt); else ctx.state.options.delete(opt);
      continue;
    }
    if (/^[-+]/.test(a)) { await builtinError(ctx, 'set', `${a}: invalid option`); return 2; }
    break;
  }
  if (i < args.length) ctx.state.positional = args.slice(i);
  return 0;
};

export function quoteValue(v: string): string {
  return /^[A-Za-z0-9_./:,+=@%-]*$/.test(v) && v !== '' ? v : `'${v.replace(/'/g, "'\\''")}'`;
}

export const umask: Builtin = async (ctx, args) => {
  if (!args.length) { await ctx.out(ctx.sys.umask().toString(8).padStart(4, '0') + '\n'); return 0; }
  if (!/^[0-7]{1,4}$/.test(args[0])) { await builtinError(ctx, 'umask', `${args[0]}: octal number out of range`); return 1; }
  ctx.sys.umask(parseInt(args[0], 8));
  return 0;
};

export const history: Builtin = async (ctx, args) => {
  if (args[0] === '-c') { ctx.state.history.length = 0; return 0; }
  const h = ctx.state.history;
  const n = args.length ? Number(args[0]) : h.length;
  const start = Math.max(0, h.length - n);
  await ctx.out(h.slice(start).map((l, i) => `${String(start + i + 1).padStart(5)}  ${l}\n`).join(''));
  return 0;
};

export const alias: Builtin = async (ctx, args) => {
  if (!args.length) {
    await ctx.out([...ctx.state.aliases].sort().map(([k, v]) => `alias ${k}='${v}'\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq < 0) {
      const v = ctx.state.aliases.get(a);
      if (v === undefined) { await builtinError(ctx, 'alias', `${a}: not found`); status = 1; } else await ctx.out(`alias ${a}='${v}'\n`);
    } else ctx.state.aliases.set(a.slice(0, eq), a.slice(eq + 1));
  }
  return status;
};

export const unalias: Builtin = async (ctx, args) => {
  for (const a of args) {
    if (a === '-a') { ctx.state.aliases.clear(); continue; }
    if (!ctx.state.aliases.delete(a)) { await builtinError(ctx, 'unalias', `${a}: not found`); return 1; }
  }
  return 0;
};
