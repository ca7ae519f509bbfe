/**
 * The boundary between the app (main thread) and the sandbox worker. Lib-neutral: included by both the
 * DOM project (tsconfig.json) and the WebWorker project (tsconfig.worker.json).
 *
 * Control calls go through Comlink (`Comlink.wrap<SandboxWorkerApi>(worker)`). Each terminal has its own
 * MessagePort, created by the main thread and transferred in `open`: keystrokes travel main → worker as
 * `PortToWorker` messages, and the terminal's output travels worker → main as `PortFromWorker` messages,
 * batched so that at most one `output` message is posted per macrotask.
 */

/** Main thread → worker, on a terminal's port. */
export type PortToWorker = { type: 'input'; data: string };

/** Worker → main thread, on a terminal's port. */
export type PortFromWorker =
  /** Everything the terminal printed since the previous message (one message per macrotask at most). */
  | { type: 'output'; data: string }
  /** The terminal's session has ended (its last process closed it). No message follows. */
  | { type: 'closed'; status: number | undefined };

export interface SandboxWorkerApi {
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
}
