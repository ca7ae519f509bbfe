import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import type { JobTable } from '../jobs.ts';
import type { ShellState } from '../ShellState.ts';

/** What a builtin may use: the shell's memory, its job table and hooks back into the interpreter. */
export interface BuiltinContext {
  readonly sys: SysApi;
  readonly state: ShellState;
  readonly jobs: JobTable;
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
  /** Parse and run shell source in the current shell (`eval`, `source`). */
  runSource(source: string, name: string): Promise<number>;
  /** Replace the shell with a program (`exec`). */
  execProgram(argv: string[]): Promise<number>;
  /** How a name would be resolved: alias, keyword, function, builtin, or a file path. */
  describe(name: string): { kind: 'alias' | 'keyword' | 'function' | 'builtin' | 'file'; detail?: string } | undefined;
  /** Bring a job to the foreground / continue it in the background. */
  foreground(spec: string | undefined): Promise<number>;
  background(spec: string | undefined): Promise<number>;
  /** Interactive shells print `exit`/`logout` on exit. */
  exitShell(status: number): never;
}

export type Builtin = (ctx: BuiltinContext, args: string[]) => Promise<number>;

/**
 * bash prefixes messages with $0 (`bash: cd: /x: No such file or directory`; a login shell's $0 is
 * `-bash`, so an ssh session really prints `-bash: foo: command not found`), plus `line N: ` when
 * not interactive.
 */
export function shellPrefix(state: ShellState, line?: number): string {
  // bash's shell_name is the basename of argv[0]: `/bin/bash` reports as `bash: …`.
  const name = state.name.slice(state.name.lastIndexOf('/') + 1);
  return state.interactive || line === undefined ? `${name}: ` : `${name}: line ${line}: `;
}

export function builtinError(ctx: BuiltinContext, name: string, msg: string): Promise<void> {
  return ctx.err(`${shellPrefix(ctx.state, ctx.state.currentLine)}${name}: ${msg}\n`);
}
