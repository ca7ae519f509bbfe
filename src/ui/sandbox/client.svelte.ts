import * as Comlink from 'comlink';
import type { PortFromWorker, PortToWorker, SandboxWorkerApi } from '../worker/protocol.ts';

export type ClientStatus = 'starting' | 'running' | 'failed';

export interface TerminalHandlers {
  /** Output for the terminal, at most one call per worker macrotask. */
  output(data: string): void;
  /** The session ended (the shell exited). */
  closed(status: number | undefined): void;
}

/** One open terminal in the worker: keystrokes go over its MessagePort, resizes through Comlink. */
export class TerminalConnection {
  #disposed = false;

  constructor(
    private readonly api: Comlink.Remote<SandboxWorkerApi>,
    readonly id: number,
    private readonly port: MessagePort,
  ) {}

  input(data: string): void {
    if (this.#disposed) return;
    const msg: PortToWorker = { type: 'input', data };
    this.port.postMessage(msg);
  }

  resize(cols: number, rows: number): void {
    if (this.#disposed) return;
    void this.api.resize(this.id, cols, rows).catch(() => {});
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.port.onmessage = null;
    this.port.close();
    void this.api.close(this.id).catch(() => {});
  }
}

/**
 * Owns the sandbox worker. Reactive state (Svelte runes) tells the UI whether the worker is alive;
 * `restart()` replaces a failed worker with a fresh machine and bumps `generation` so panes reconnect.
 */
export class SandboxClient {
  status = $state<ClientStatus>('starting');
  error = $state<string | null>(null);
  /** Technical detail for the failure (a stack trace), shown folded. */
  errorDetail = $state<string | null>(null);
  generation = $state(0);

  #worker: Worker | null = null;
  #api: Comlink.Remote<SandboxWorkerApi> | null = null;

  constructor() {
    this.#spawn();
  }

  #spawn(): void {
    const worker = new Worker(new URL('../worker/sandbox.worker.ts', import.meta.url), {
      type: 'module',
      name: 'nsbox-sandbox',
    });
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      const where = ev.filename ? `${ev.filename}:${ev.lineno}:${ev.colno}` : null;
      this.fail(ev.message || 'The sandbox worker could not be started.', where);
    });
    worker.addEventListener('messageerror', () => this.fail('The sandbox worker sent a message that could not be read.'));
    this.#worker = worker;
    this.#api = Comlink.wrap<SandboxWorkerApi>(worker);
  }

  /** Shows the failure in every pane (with a restart button). The first failure wins. */
  fail(message: string, detail: string | null = null): void {
    if (this.status === 'failed') return;
    this.status = 'failed';
    this.error = message;
    this.errorDetail = detail;
  }

  /** Stops the worker for good (the app is being torn down). */
  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }

  /** Throws the machine away and boots a new one. */
  restart(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.error = null;
    this.errorDetail = null;
    this.status = 'starting';
    this.#spawn();
    this.generation++;
  }

  async openTerminal(cols: number, rows: number, handlers: TerminalHandlers): Promise<TerminalConnection> {
    const api = this.#api;
    if (!api) throw new Error('sandbox worker not running');
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (ev: MessageEvent<PortFromWorker>) => {
      const msg = ev.data;
      if (msg.type === 'output') handlers.output(msg.data);
      else if (msg.type === 'closed') handlers.closed(msg.status);
    };
    try {
      const id = await api.open(cols, rows, Comlink.transfer(port2, [port2]));
      if (api === this.#api && this.status === 'starting') this.status = 'running';
      return new TerminalConnection(api, id, port1);
    } catch (err) {
      port1.close();
      if (api === this.#api) this.fail(...describeError(err));
      throw err;
    }
  }
}

function describeError(err: unknown): [message: string, detail: string | null] {
  if (err instanceof Error) return [`${err.name}: ${err.message}`, err.stack ?? null];
  return [String(err), null];
}
