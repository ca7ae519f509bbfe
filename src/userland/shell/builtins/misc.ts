import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import { builtinError, type Builtin } from './types.ts';
import { testExpression } from './test.ts';

export const type: Builtin = async (ctx, args) => {
  let status = 0;
  const names = args.filter((a) => !a.startsWith('-'));
  const terse = args.includes('-t');
  const pathOnly = args.includes('-p') || args.includes('-P');
  for (const name of names) {
    const d = ctx.describe(name);
    if (!d) { if (!terse && !pathOnly) await builtinError(ctx, 'type', `${name}: not found`); status = 1; continue; }
    if (terse) { await ctx.out(d.kind + '\n'); continue; }
    if (pathOnly) { if (d.kind === 'file') await ctx.out(d.detail + '\n'); continue; }
    const text = d.kind === 'alias' ? `${name} is aliased to \`${d.detail}'`
      : d.kind === 'keyword' ? `${name} is a shell keyword`
        : d.kind === 'function' ? `${name} is a function`
          : d.kind === 'builtin' ? `${name} is a shell builtin`
            : `${name} is ${d.detail}`;
    await ctx.out(text + '\n');
  }
  return status;
};

export const source: Builtin = async (ctx, args) => {
  if (!args.length) {
    await builtinError(ctx, 'source', 'filename argument required');
    await ctx.err('source: usage: source filename [arguments]\n');
    return 2;
  }
  let text: string;
  try {
    text = await ctx.sys.readFile(args[0]);
  } catch {
    await builtinError(ctx, args[0], 'No such file or directory');
    return 1;
  }
  return ctx.runSource(text, args[0]);
};

export const evalB: Builtin = async (ctx, args) => (args.length ? ctx.runSource(args.join(' '), 'eval') : 0);

export const exec: Builtin = async (ctx, args) => (args.length ? ctx.execProgram(args) : 0);

export const read: Builtin = async (ctx, args) => {
  let raw = false;
  let prompt = '';
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-r') raw = true;
    else if (args[i] === '-p') prompt = args[++i] ?? '';
    else names.push(args[i]);
  }
  // -p: shown only when the input is a terminal.
  if (prompt && ctx.sys.isatty(0)) await ctx.err(prompt);
  let got: { line: string; eof: boolean };
  try {
    got = await readOneLine(ctx.sys, 0);
  } catch (e) {
    if (!isKernelError(e)) throw e;
    await builtinError(ctx, 'read', `read error: 0: ${e.message}`);
    return 1;
  }
  let line = got.line;
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const vars = names.length ? names : ['REPLY'];
  const ifs = ctx.state.get('IFS') ?? ' \t\n';
  const fields = vars.length === 1 ? [line.trim()] : splitFields(line, ifs, vars.length);
  vars.forEach((v, i) => ctx.state.set(v, fields[i] ?? ''));
  // End of file before a newline: the variables get what was read, and the status is 1
  // (so `while read l` skips a last line without a newline, as in bash).
  return got.eof ? 1 : 0;
};

/**
 * One line from `fd`, consuming nothing after its newline, as bash's read does: from a seekable file
 * it reads a block and seeks back to just past the newline; from a pipe it reads one character at a
 * time (a tty in canonical mode hands over a line per read anyway).
 */
async function readOneLine(sys: SysApi, fd: number): Promise<{ line: string; eof: boolean }> {
  let seekable = true;
  try { sys.lseek(fd, 0, 1); } catch { seekable = false; }
  let line = '';
  for (;;) {
    const chunk = await sys.read(fd, seekable ? 128 : 1);
    if (chunk === '') return { line, eof: true };
    const nl = chunk.indexOf('\n');
    if (nl < 0) { line += chunk; continue; }
    if (seekable && nl + 1 < chunk.length) sys.lseek(fd, nl + 1 - chunk.length, 1);
    return { line: line + chunk.slice(0, nl), eof: false };
  }
}

function splitFields(line: string, ifs: string, n: number): string[] {
  const out: string[] = [];
  let rest = line.replace(/^[ \t\n]+/, '');
  while (out.length < n - 1 && rest) {
    const m = new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`).exec(rest);
    if (!m) break;
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  out.push(rest.replace(/[ \t\n]+$/, ''));
  return out;
}

export const test: Builtin = async (ctx, args) => testExpression(ctx, 'test', args);
export const bracket: Builtin = async (ctx, args) => {
  if (args[args.length - 1] !== ']') { await builtinError(ctx, '[', "missing `]'"); return 2; }
  return testExpression(ctx, '[', args.slice(0, -1));
};

export const help: Builtin = async (ctx, args) => {
  if (args.length) {
    await builtinError(ctx, 'help', `no help topics match \`${args[0]}'.  Try \`help help' or \`man -k ${args[0]}' or \`info ${args[0]}'.`);
    return 1;
  }
  await ctx.out([
    'GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)',
    'These shell commands are defined internally.  Type `help\' to see this list.',
    '',
    'nsbox simulates Linux namespaces. Try: ps aux, lsns, readlink /proc/self/ns/*,',
    '  sudo unshare --pid --fork --mount-proc bash, hostname, mount, ip a, ss,',
    '  docker run -it --pid=host rust:latest bash',
    '',
    'Type `type NAME` to see whether a command is a builtin.',
    '',
  ].join('\n'));
  return 0;
};
