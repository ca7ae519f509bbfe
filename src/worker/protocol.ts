/**
 * The boundary between the app (main thread) and the sandbox worker. Lib-neutral: included by both the
 * DOM project (tsconfig.json) and the WebWorker project (tsconfig.worker.json).
 *
 * Control calls go through Comlink (`Comlink.wrap<SandboxWorkerApi>(worker)`). Each terminal has its own
 * MessagePort, created by the main thread and transferred in `open`: keystrokes travel main → worker as
 * `PortToWorker` messages, and the terminal's output travels worker → main as `PortFromWorker` messages,
 * batched so that at most one `output` message is posted per macrotask. Namespace snapshots for the map
 * travel on one more port (`watch`), at most one per completed command.
 */
import type { NamespaceSnapshot } from '../sandbox/snapshot.ts';
import type { LensOutput, LensView } from './lensViews.ts';

export type { LensOutput, LensView, NamespaceSnapshot };
export type { EventFromWorker, PortFromWorker, PortToWorker } from './messages.ts';
export { LENS_VIEWS } from './lensViews.ts';

import type { BootOptions } from './bootName.ts';

export type { BootOptions };

export interface SandboxWorkerApi {
  /**
   * Boots the machine. Later calls with the same seed are ignored; a different seed before any
   * terminal was opened replaces the machine (the page booted one speculatively while it loaded).
   * `open` boots with defaults if this was never called.
   */
  boot(opts: BootOptions): Promise<void>;
  /**
   * Opens a terminal (a login shell on a new pty) of `cols`×`rows`. `port` must be transferred:
   * `api.open(cols, rows, Comlink.transfer(port2, [port2]))`. The sandbox boots on the first call
   * (errors from booting reject this promise). Resolves to the terminal's id.
   */
  open(cols: number, rows: number, port: MessagePort): Promise<number>;
  /** Keystrokes for terminal `id` (same effect as an `input` message on its port). */
  input(id: number, data: string): void;
  /** The terminal's window size changed (TIOCSWINSZ; the foreground job gets SIGWINCH). */
  resize(id: number, cols: number, rows: number): void;
  /** Stops delivering the terminal's output and closes its port. The session itself keeps running. */
  close(id: number): void;
  /**
   * Resolves once terminal `id` waits for input again (its command finished) or its session ended;
   * false when the system gave up waiting (a program is still running). Used to replay sessions.
   */
  settled(id: number): Promise<boolean>;
  /** Subscribes `port` (transferred) to snapshot events; the current snapshot is sent at once. */
  watch(port: MessagePort): void;
  /**
   * Runs a lens view as seen from the host's init (`hostPid` null) or from the process with host pid
   * `hostPid` (a container's first process), outside any terminal.
   */
  lens(view: LensView, hostPid: number | null): Promise<LensOutput>;
  /** Answers at once: the page's watchdog checks that the worker's event loop still turns. */
  ping(): Promise<true>;
  /**
   * Test hook: blocks the worker's event loop for `ms` in a synchronous loop, as a runaway bug would.
   * Ignored unless the machine was booted with `testHooks`.
   */
  hangForTest(ms: number): void;
}
