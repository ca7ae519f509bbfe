/**
 * Messages on the worker's MessagePorts (terminal keystrokes and output, snapshot events). No DOM or
 * worker types, so that both sides and the Node unit tests can import them; see protocol.ts.
 */
import type { NamespaceSnapshot } from '../sandbox/snapshot.ts';

/** Main thread → worker, on a terminal's port. */
export type PortToWorker =
  | { type: 'input'; data: string }
  /**
   * The page's terminal has processed `chars` characters of output (xterm.js's write callback). The
   * worker keeps at most OUTPUT_WINDOW characters unacknowledged; programs writing more wait.
   */
  | { type: 'ack'; chars: number };

/** Worker → main thread, on a terminal's port. */
export type PortFromWorker =
  /** Everything the terminal printed since the previous message (one message per macrotask at most). */
  | { type: 'output'; data: string }
  /** The terminal's session has ended (its last process closed it). No message follows. */
  | { type: 'closed'; status: number | undefined };

/** Worker → main thread, on the port given to `watch`. */
export type EventFromWorker =
  /** The namespaces changed: sent after a command completed, only when the picture differs from the last one. */
  { type: 'snapshot'; snapshot: NamespaceSnapshot };
