import * as Comlink from 'comlink';
import type {
  EventFromWorker,
  LensOutput,
  LensView,
  NamespaceSnapshot,
  PortFromWorker,
  PortToWorker,
  SandboxWorkerApi,
} from '../../worker/protocol.ts';
import { Watchdog } from './watchdog.ts';
import { takeSandboxWorker } from './worker.ts';

export type ClientStatus = 'starting' | 'running' | 'failed';

export interface TerminalHandlers {
  /**
   * Output for the terminal, at most one call per worker macrotask. Call `processed` once the terminal
   * has taken it in (xterm.js's write callback): the worker lets only so much output be unprocessed,
   * which is what keeps a flood such as `yes` from piling up text faster than the page can draw it.
   */
  output(data: string, processed: () => void): void;
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

  /** Resolves when the command typed last has finished (see SandboxWorkerApi.settled). */
  settled(): Promise<boolean> {
    if (this.#disposed) return Promise.resolve(true);
    return this.api.settled(this.id).catch(() => false);
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
 * Owns the sandbox worker (one worker = one machine). Reactive state tells the UI whether the worker is
 * alive and what its namespaces look like; `restart()` replaces the machine and bumps `generation` so
 * panes reconnect. The page never runs simulation code: everything here is messages.
 */
export class SandboxClient {
  #status = $state<ClientStatus>('starting');
  #error = $state<string | null>(null);
  #errorDetail = $state<string | null>(null);
  #generation = $state(0);
  /** The latest namespace picture (raw: replaced whole, never mutated). */
  #snapshot = $state.raw<NamespaceSnapshot | null>(null);

  /** The worker has not answered the watchdog's ping for a while (stuck in a loop, or very busy). */
  #unresponsive = $state(false);

  #worker: Worker | null = null;
  #api: Comlink.Remote<SandboxWorkerApi> | null = null;
  #events: MessagePort | null = null;
  #watchdog: Watchdog | null = null;
  #seed: number;
  #failed: Array<() => void> = [];

  constructor(
    seed: number,
    /** Let the worker obey test hooks (hangForTest): only the browser tests ask for it. */
    private readonly testHooks = false,
  ) {
    this.#seed = seed;
    this.#spawn();
  }

  get unresponsive(): boolean { return this.#unresponsive; }

  get status(): ClientStatus { return this.#status; }
  /** Why the machine stopped, for the pane's notice. */
  get error(): string | null { return this.#error; }
  /** Technical detail for the failure (a stack trace), shown folded. */
  get errorDetail(): string | null { return this.#errorDetail; }
  /** Bumped on every restart: terminals of an older generation are gone. */
  get generation(): number { return this.#generation; }
  get snapshot(): NamespaceSnapshot | null { return this.#snapshot; }
  get seed(): number { return this.#seed; }

  #spawn(): void {
    const { worker, api, missedErrors } = takeSandboxWorker();
    const onError = (ev: ErrorEvent) => {
      ev.preventDefault();
      const where = ev.filename ? `${ev.filename}:${ev.lineno}:${ev.colno}` : null;
      this.fail(ev.message || 'The sandbox worker could not be started.', where);
    };
    worker.addEventListener('error', onError);
    missedErrors.forEach(onError);
    worker.addEventListener('messageerror', () => this.fail('The sandbox worker sent a message that could not be read.'));
    this.#worker = worker;
    this.#api = api;
    void api.boot({ seed: this.#seed, testHooks: this.testHooks }).catch((err: unknown) => {
      if (api === this.#api) this.fail(...describeError(err));
    });
    this.#watchdog = new Watchdog({
      ping: () => api.ping(),
      onChange: (responsive) => {
        if (api === this.#api) this.#unresponsive = !responsive;
      },
    });
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (ev: MessageEvent<EventFromWorker>) => {
      if (api === this.#api && ev.data?.type === 'snapshot') this.#snapshot = ev.data.snapshot;
    };
    this.#events = port1;
    void api.watch(Comlink.transfer(port2, [port2])).catch(() => {});
  }

  /** Shows the failure in every pane (with a restart button). The first failure wins. */
  fail(message: string, detail: string | null = null): void {
    if (this.#status === 'failed') return;
    this.#status = 'failed';
    this.#error = message;
    this.#errorDetail = detail;
    this.#failed.splice(0).forEach((f) => f());
  }

  /** Resolves when the machine fails (the next failure, or now when it has failed). */
  whenFailed(): Promise<void> {
    if (this.#status === 'failed') return Promise.resolve();
    return new Promise((resolve) => this.#failed.push(resolve));
  }

  /** Test hook: makes the worker hang for `ms` (ignored unless constructed with testHooks). */
  hangForTest(ms: number): void {
    void this.#api?.hangForTest(ms);
  }

  #stop(): void {
    this.#watchdog?.stop();
    this.#watchdog = null;
    this.#unresponsive = false;
    this.#worker?.terminate();
    this.#events?.close();
    this.#worker = null;
    this.#api = null;
    this.#events = null;
  }

  /** Stops the worker for good (the app is being torn down). */
  dispose(): void {
    this.#stop();
  }

  /** Throws the machine away and boots a new one (with a new seed when given). */
  restart(seed = this.#seed): void {
    this.#stop();
    this.#seed = seed;
    this.#error = null;
    this.#errorDetail = null;
    this.#status = 'starting';
    this.#snapshot = null;
    this.#spawn();
    this.#generation++;
  }

  async openTerminal(cols: number, rows: number, handlers: TerminalHandlers): Promise<TerminalConnection> {
    const api = this.#api;
    if (!api) throw new Error('sandbox worker not running');
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (ev: MessageEvent<PortFromWorker>) => {
      const msg = ev.data;
      if (msg.type === 'output') {
        const chars = msg.data.length;
        handlers.output(msg.data, () => port1.postMessage({ type: 'ack', chars } satisfies PortToWorker));
      }
      else if (msg.type === 'closed') handlers.closed(msg.status);
    };
    try {
      const id = await api.open(cols, rows, Comlink.transfer(port2, [port2]));
      if (api === this.#api && this.#status === 'starting') {
        this.#status = 'running';
      }
      return new TerminalConnection(api, id, port1);
    } catch (err) {
      port1.close();
      if (api === this.#api) this.fail(...describeError(err));
      throw err;
    }
  }

  /** Runs a lens view from the host (hostPid null) or from a container's first process. */
  async lens(view: LensView, hostPid: number | null): Promise<LensOutput> {
    const api = this.#api;
    if (!api) throw new Error('sandbox worker not running');
    return api.lens(view, hostPid);
  }
}

function describeError(err: unknown): [message: string, detail: string | null] {
  if (err instanceof Error) return [`${err.name}: ${err.message}`, err.stack ?? null];
  return [String(err), null];
}
