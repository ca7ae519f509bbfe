/**
 * The boundary between an `<nsbox-terminal>` widget (main thread) and its own sandbox worker
 * (src/embed/worker/embed.worker.ts). Lib-neutral: checked by both the DOM and the WebWorker projects.
 *
 * Every widget owns one worker = one machine with one terminal. Control calls go through Comlink
 * (`EmbedWorkerApi`); the terminal's byte stream travels on a MessagePort, and so do the "settled"
 * markers, so that a marker always arrives after the output that preceded it.
 */

/** Main thread → worker, on the terminal's port. */
export type EmbedPortIn =
  /** Keystrokes (or a whole typed line ending in `\r`). */
  | { type: 'input'; data: string }
  /** Reply with a `settled` message (same `seq`) once the system waits for input again. */
  | { type: 'settle'; seq: number }
  /** The widget's xterm.js has processed `chars` characters of output (flow control, see OUTPUT_WINDOW). */
  | { type: 'ack'; chars: number };

/** Worker → main thread, on the terminal's port. */
export type EmbedPortOut =
  /** Everything the terminal printed since the previous message (at most one message per macrotask). */
  | { type: 'output'; data: string }
  /** Answer to `settle`, sent after all the output printed before the system went quiet. */
  | { type: 'settled'; seq: number; quiet: boolean }
  /** The login session ended (its shell exited). Nothing follows. */
  | { type: 'closed'; status: number | undefined };

export interface EmbedBootOptions {
  /** Host profile (fixtures/hosts); validated by the widget, checked again by the worker. */
  host: string;
  /** Seed for container ids, MACs and veth names. */
  seed: number;
  cols: number;
  rows: number;
}

/** The views the widget's lens compares (a subset of the app's: the ones that read well in a small box). */
export const EMBED_LENS_VIEWS = ['ps', 'hostname', 'ip', 'mounts'] as const;
export type EmbedLensView = (typeof EMBED_LENS_VIEWS)[number];

export interface EmbedLensSide {
  command: string;
  text: string;
  status: number;
}

export interface EmbedLensResult {
  view: EmbedLensView;
  host: EmbedLensSide;
  /** Null while no container runs. */
  container: (EmbedLensSide & { hostPid: number; hostname: string; sharesWithHost: boolean }) | null;
}

export interface EmbedWorkerApi {
  /** Boots the machine and opens its terminal on `port` (transferred). Call once. */
  open(opts: EmbedBootOptions, port: MessagePort): Promise<void>;
  resize(cols: number, rows: number): void;
  /** Runs a lens view on the host and in the newest container (outside the terminal). */
  lens(view: EmbedLensView): Promise<EmbedLensResult>;
}
