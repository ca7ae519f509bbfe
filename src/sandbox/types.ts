/**
 * The headless API: boot a sandbox from a host profile and open terminals on it. Used unchanged by the
 * transcript CLI (Node), the tests and the Web Worker behind the app.
 */
export interface SandboxOptions {
  /** Host profile name under fixtures/hosts (default `archlinux`). */
  host?: string;
  /** Seed for container ids, MACs, veth names (default 1). */
  seed?: number;
  /** 'virtual' (deterministic, tests and CLI) or 'wall' (the app). Default 'virtual'. */
  clock?: 'virtual' | 'wall';
  /** Virtual clock start, ms since epoch (default 2026-11-29T09:13:00Z). */
  startTime?: number;
  /**
   * Code the login does not need (dockerd's engine, the network stack's call table) is read in once
   * this settles, not at boot: the app's worker holds it back until its first terminal is on screen,
   * so that it does not compete with the first prompt. Whoever needs it before sleeps until it is in.
   */
  deferLoadsUntil?: Promise<unknown>;
}

export interface TerminalOptions {
  cols?: number;
  rows?: number;
}

export interface TerminalSession {
  /** Bytes typed by the user (keystrokes, pasted text). */
  input(data: string): void;
  /** Everything the terminal should display, in order. Returns an unsubscribe function. */
  onOutput(listener: (data: string) => void): () => void;
  resize(cols: number, rows: number): void;
  /**
   * Flow control for an emulator that processes output at its own pace (in another thread): at most
   * `window` characters of output may be delivered to `onOutput` and not yet reported by
   * `outputConsumed`; a program writing more sleeps until there is room, like a writer on a pty whose
   * buffer is full, so `yes` runs at the emulator's speed instead of queueing text without bound.
   * null (the default) delivers everything at once.
   */
  setOutputWindow(window: number | null): void;
  /** The emulator has processed `n` characters of the output delivered to it. */
  outputConsumed(n: number): void;
  /**
   * Resolves once the system is quiet: a process waits for input on this terminal and nothing else is
   * runnable (on a virtual clock, timers due before that are fired first), or the session has ended.
   * Resolves false when it gave up instead: a runaway program such as `yes` still runs after
   * `budgetMs` of real time (default 3000).
   */
  settle(budgetMs?: number): Promise<boolean>;
  /** True once the terminal's session has ended (its last process closed it). */
  readonly closed: boolean;
  /** `$?` of the interactive shell after its last command, when known. */
  lastStatus(): number | undefined;
}

export interface Sandbox {
  openTerminal(opts?: TerminalOptions): TerminalSession;
}
