import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/** A shell variable: value plus the attributes bash tracks (export, readonly). */
export interface Variable { value: string; exported: boolean; readonly?: boolean }

/**
 * Everything a bash process remembers between commands. A subshell (pipeline member, `( … )`,
 * `$( … )`) gets a deep copy in its forked task, so changes there never leak back — as with fork(2).
 */
export class ShellState {
  readonly vars = new Map<string, Variable>();
  readonly functions = new Map<string, unknown>();
  readonly aliases = new Map<string, string>();
  positional: string[] = [];
  /** $0 */
  name = 'bash';
  lastStatus = 0;
  /** Set by SIGINT (^C at the terminal, or a foreground job killed by it): the command line stops. */
  interrupted = false;
  /** Line number of the command being run (for non-interactive error messages). */
  currentLine: number | undefined;
  /** $! */
  lastBgPid = 0;
  /** The shell's own pid ($$): a subshell keeps its parent's. */
  readonly rootPid: number;
  interactive = false;
  login = false;
  /** `set -e`, `set -x`, … (only the ones the interpreter honours). */
  readonly options = new Set<string>();
  readonly history: string[] = [];
  /** True in forked subshells: `exit` ends the subshell only, job control is off. */
  subshell = false;
  /**
   * > 0 while `set -e` is being ignored: in an if/while/until test, a non-final part of && / ||, a
   * negated pipeline, and everything such a context runs (functions, groups, subshells).
   */
  errexitIgnored = 0;
  /** Nesting of function calls, for `return` and `local`. */
  readonly localFrames: Array<Map<string, Variable | undefined>> = [];

  constructor(rootPid: number) { this.rootPid = rootPid; }

  static fromEnvironment(sys: SysApi, env: Map<string, string>): ShellState {
    const s = new ShellState(sys.getpid());
    for (const [k, v] of env) s.vars.set(k, { value: v, exported: true });
    return s;
  }

  get(name: string): string | undefined { return this.vars.get(name)?.value; }

  set(name: string, value: string, exported?: boolean): void {
    const cur = this.vars.get(name);
    if (cur?.readonly) throw new ShellError(`${name}: readonly variable`, 1);
    this.vars.set(name, { value, exported: exported ?? cur?.exported ?? false });
  }

  unset(name: string): void {
    if (this.vars.get(name)?.readonly) throw new ShellError(`unset: ${name}: cannot unset: readonly variable`, 1);
    this.vars.delete(name);
  }

  /** The environment passed to execve: exported variables only. */
  environment(extra?: Map<string, string>): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.exported) env.set(k, v.value);
    if (extra) for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  /** fork(2) of the shell's memory. */
  clone(): ShellState {
    const s = new ShellState(this.rootPid);
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    for (const [k, v] of this.functions) s.functions.set(k, v);
    for (const [k, v] of this.aliases) s.aliases.set(k, v);
    s.positional = [...this.positional];
    s.name = this.name;
    s.lastStatus = this.lastStatus;
    s.currentLine = this.currentLine;
    s.lastBgPid = this.lastBgPid;
    // Messages keep the interactive form (`bash: x: command not found`, no line number), as in bash.
    s.interactive = this.interactive;
    s.login = this.login;
    for (const o of this.options) s.options.add(o);
    s.history.push(...this.history);
    s.subshell = true;
    s.errexitIgnored = this.errexitIgnored;
    return s;
  }
}

/** An error the shell reports as `bash: MESSAGE` and that sets `$?`. */
export class ShellError extends Error {
  constructor(message: string, readonly status = 1) { super(message); }
}

/** Thrown by `exit` (and by fatal errors in non-interactive shells) to unwind to the top level. */
export class ShellExit {
  constructor(readonly status: number) {}
}

/** ^C while a command line runs in an interactive shell: unwinds to the prompt with status 130. */
export class ShellInterrupt {}

/** Control flow for `return`, `break`, `continue`. */
export class ControlFlow {
  constructor(readonly kind: 'return' | 'break' | 'continue', readonly status = 0, readonly levels = 1) {}
}
