import type { SysApi } from './syscalls/SysApi.ts';

/**
 * A program is what an executable file runs: an async function over the process's syscall interface
 * returning the exit status. Blocking calls (read, wait4, nanosleep, accept) are pending promises; a
 * CPU-bound loop must `await sys.sched_yield()` now and then so signals (^C) get through.
 */
export type Program = (proc: Proc) => Promise<number>;

/** A registered executable image: its code and the memory figures `ps` shows for it. */
export interface ProgramImage {
  readonly main: Program;
  readonly vszKb?: number;
  readonly rssKb?: number;
}

/**
 * An executable as it sits on disk: its image, already in memory, or a loader that reads it in — a
 * code chunk fetched on first use (`() => import('./commands/ip/ip.ts').then((m) => m.ip)`), as Linux
 * reads a binary from disk at execve. Loading is the kernel's business (see loader.ts).
 */
export type ProgramFile = ProgramImage | (() => Promise<ProgramImage>);

export interface Proc {
  /** argv[0] is the name it was invoked by. */
  readonly argv: string[];
  /** The environment; programs may change their own copy. */
  readonly env: Map<string, string>;
  readonly sys: SysApi;
  /** write(1, …) / write(2, …) helpers. */
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
}
