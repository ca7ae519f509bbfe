import { isKernelError, type KernelError } from '../../../kernel/errno.ts';
import type { FunctionDef, SimpleCommand } from '../ast.ts';
import { BUILTINS } from '../builtins/index.ts';
import { KEYWORDS } from '../builtins/keywords.ts';
import type { BuiltinContext } from '../builtins/types.ts';
import { ShellSyntaxError } from '../errors.ts';
import { ControlFlow, ShellError, ShellExit } from '../ShellState.ts';
import { findInPath } from '../../lib/path.ts';
import { runCompound } from './compound.ts';
import { expandWord, expandWords } from './expand.ts';
import type { Interpreter } from './Interpreter.ts';
import { applyRedirects, restoreRedirects, type SavedFds } from './redirect.ts';

export interface PreparedSimple { argv: string[] }

/** Expand a simple command's words (in the shell, before any fork, as bash does). */
export async function prepareSimple(it: Interpreter, cmd: SimpleCommand): Promise<PreparedSimple> {
  it.state.currentLine = cmd.line;
  const words = [...cmd.words];
  const first = words[0];
  // Alias substitution of the first word (interactive shells), one level deep.
  if (it.state.interactive && first && first.parts.length === 1 && first.parts[0].type === 'literal' && !first.parts[0].quoted) {
    const alias = it.state.aliases.get(first.text);
    if (alias !== undefined) {
      const script = it.opts.parse(alias);
      const simple = script.body[0]?.first.commands[0];
      if (simple?.type === 'simple') words.splice(0, 1, ...simple.words);
    }
  }
  return { argv: await expandWords(it, words) };
}

export function isInShellCommand(it: Interpreter, argv: string[]): boolean {
  return argv.length === 0 || it.state.functions.has(argv[0]) || BUILTINS.has(argv[0]);
}

async function assign(it: Interpreter, cmd: SimpleCommand, exported: boolean): Promise<void> {
  for (const a of cmd.assignments) {
    const value = await expandWord(it, a.value);
    it.state.set(a.name, a.append ? (it.state.get(a.name) ?? '') + value : value, exported || undefined);
  }
}

/** A builtin, function or bare assignment, run by the shell process itself. */
export async function runSimpleInShell(it: Interpreter, cmd: SimpleCommand, { argv }: PreparedSimple): Promise<number> {
  const saved: SavedFds = [];
  try {
    if (argv.length === 0) {
      it.state.lastStatus = 0;
      await assign(it, cmd, false);
      await applyRedirects(it, cmd.redirects, saved);
      return it.state.lastStatus;
    }
    await applyRedirects(it, cmd.redirects, saved);
    if (argv[0] === 'exec' && argv.length === 1) { saved.length = 0; return 0; }
    return await callInShell(it, argv, cmd);
  } finally {
    restoreRedirects(it.sys, saved);
  }
}

/** A builtin's standard output failed: bash's sh_wrerror() reports `NAME: write error: REASON`. */
class StdoutError {
  constructor(readonly cause: KernelError) {}
}

async function callInShell(it: Interpreter, argv: string[], cmd: SimpleCommand | null): Promise<number> {
  const fn = it.state.functions.get(argv[0]) as FunctionDef | undefined;
  if (fn) return callFunction(it, fn, argv);
  const builtin = BUILTINS.get(argv[0])!;
  // A system call failing under a builtin is that builtin's error (bash's builtin_error), never the
  // end of the shell: `read x <&-` must not log the user out.
  const run = async () => {
    try {
      return await builtin(builtinContext(it), argv.slice(1));
    } catch (e) {
      if (e instanceof StdoutError) throw new ShellError(`${argv[0]}: write error: ${e.cause.message}`, 1);
      if (isKernelError(e)) throw new ShellError(`${argv[0]}: ${e.message}`, 1);
      throw e;
    }
  };
  if (cmd && cmd.assignments.length) {
    // Assignments before a builtin last for that builtin only (special builtins aside).
    const before = new Map(cmd.assignments.map((a) => [a.name, it.state.vars.get(a.name)]));
    await assign(it, cmd, false);
    try { return await run(); } finally {
      for (const [k, v] of before) { if (v) it.state.vars.set(k, v); else it.state.vars.delete(k); }
    }
  }
  return run();
}

async function callFunction(it: Interpreter, fn: FunctionDef, argv: string[]): Promise<number> {
  const savedPositional = it.state.positional;
  it.state.positional = argv.slice(1);
  const frame = new Map();
  it.state.localFrames.push(frame);
  if (it.state.localFrames.length > 1000) {
    it.state.localFrames.pop();
    it.state.positional = savedPositional;
    throw new ShellError(`${argv[0]}: maximum function nesting level exceeded (1000)`, 1);
  }
  try {
    return await runCompound(it, fn.body);
  } catch (e) {
    if (e instanceof ControlFlow && e.kind === 'return') return e.status;
    throw e;
  } finally {
    it.state.localFrames.pop();
    for (const [k, v] of frame) { if (v) it.state.vars.set(k, v); else it.state.vars.delete(k); }
    it.state.positional = savedPositional;
  }
}

/** In a forked child: assignments become environment, redirections apply, then exec (or run a builtin). */
export async function runSimpleInChild(it: Interpreter, cmd: SimpleCommand, { argv }: PreparedSimple): Promise<number> {
  await assign(it, cmd, argv.length > 0);
  await applyRedirects(it, cmd.redirects, null);
  if (argv.length === 0) return it.state.lastStatus;
  if (isInShellCommand(it, argv)) return callInShell(it, argv, null);
  return execExternal(it, argv);
}

/** execve with bash's diagnostics: 127 not found, 126 not executable. */
export async function execExternal(it: Interpreter, argv: string[], viaExec = false): Promise<number> {
  const name = argv[0];
  const path = name.includes('/') ? name : findInPath(it.sys, name, it.state.get('PATH') ?? '');
  if (!path) {
    await it.err(viaExec ? `exec: ${name}: not found` : `${name}: command not found`);
    return 127;
  }
  try {
    if (it.sys.stat(path).type === 'dir') { await it.err(`${name}: Is a directory`); return 126; }
    return await it.sys.execve(path, argv, it.state.environment());
  } catch (e) {
    if (!isKernelError(e)) throw e;
    if (e.code === 'ENOENT') { await it.err(`${name}: No such file or directory`); return 127; }
    if (e.code === 'ENOEXEC') { await it.err(`${name}: cannot execute binary file: Exec format error`); return 126; }
    await it.err(`${name}: ${e.message}`);
    return 126;
  }
}

function builtinContext(it: Interpreter): BuiltinContext {
  return {
    sys: it.sys, state: it.state, jobs: it.jobs,
    out: async (t) => {
      try { await it.sys.write(1, t); } catch (e) { throw isKernelError(e) ? new StdoutError(e) : e; }
    },
    err: (t) => it.sys.write(2, t),
    runSource: async (source, name) => {
      try {
        return await it.runScript(it.opts.parse(source));
      } catch (e) {
        if (e instanceof ShellSyntaxError) { await it.err(`${name === 'eval' ? 'eval: ' : ''}${e.message}`); return 2; }
        throw e;
      }
    },
    // exec_builtin (builtins/exec.def, failed_exec): a failed exec ends a non-interactive shell or a
    // subshell; an interactive shell reports it and carries on.
    execProgram: async (argv) => {
      const status = await execExternal(it, argv, true);
      if (!it.state.interactive || it.state.subshell) throw new ShellExit(status);
      return status;
    },
    describe: (name) => {
      const alias = it.state.aliases.get(name);
      if (alias !== undefined) return { kind: 'alias', detail: alias };
      if (KEYWORDS.has(name)) return { kind: 'keyword' };
      if (it.state.functions.has(name)) return { kind: 'function' };
      if (BUILTINS.has(name)) return { kind: 'builtin' };
      const p = name.includes('/') ? name : findInPath(it.sys, name, it.state.get('PATH') ?? '');
      return p ? { kind: 'file', detail: p } : undefined;
    },
    foreground: async (spec) => {
      const job = it.jobs.find(spec);
      if (!job) { await it.err(`fg: ${spec ?? 'current'}: no such job`); return 1; }
      return it.foreground(job);
    },
    background: async (spec) => {
      const job = it.jobs.find(spec);
      if (!job) { await it.err(`bg: ${spec ?? 'current'}: no such job`); return 1; }
      job.state = 'Running';
      job.background = true;
      await it.sys.write(1, `[${job.id}]${it.jobs.marker(job)} ${job.text} &\n`);
      it.sys.kill(-job.pgid, 18);
      return 0;
    },
    exitShell: (status) => {
      if (it.state.interactive && !it.state.subshell) void it.sys.write(2, it.state.login ? 'logout\n' : 'exit\n').catch(() => undefined);
      throw new ShellExit(status);
    },
  };
}
