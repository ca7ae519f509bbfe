/**
 * Notices a worker that stopped answering: a program that loops without ever yielding (a kernel bug,
 * since the model's programs yield) freezes the worker's event loop, and the page would otherwise
 * just show a terminal that ignores every key. Pings go out every `interval` ms, one at a time; when
 * the one in flight is older than `timeout`, the worker is reported unresponsive, and responsive
 * again if the answer arrives after all (a long but finite stall). No DOM: timers are injected.
 */
export interface WatchdogOptions {
  /** A round trip through the worker's message loop (a Comlink call). */
  ping: () => Promise<unknown>;
  onChange: (responsive: boolean) => void;
  interval?: number;
  timeout?: number;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export const PING_INTERVAL_MS = 1000;
/** Long enough for the boot and for the heaviest legitimate command to finish a turn. */
export const PING_TIMEOUT_MS = 4000;

export class Watchdog {
  #sentAt: number | null = null;
  #responsive = true;
  #handle: unknown;
  #stopped = false;
  readonly #opts: Required<WatchdogOptions>;

  constructor(opts: WatchdogOptions) {
    this.#opts = {
      interval: PING_INTERVAL_MS,
      timeout: PING_TIMEOUT_MS,
      now: () => performance.now(),
      setInterval: (fn, ms) => setInterval(fn, ms),
      clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
      ...opts,
    };
    this.#handle = this.#opts.setInterval(() => this.#tick(), this.#opts.interval);
    this.#tick();
  }

  get responsive(): boolean { return this.#responsive; }

  stop(): void {
    this.#stopped = true;
    this.#opts.clearInterval(this.#handle);
  }

  #tick(): void {
    if (this.#stopped) return;
    const now = this.#opts.now();
    if (this.#sentAt !== null) {
      if (now - this.#sentAt > this.#opts.timeout) this.#set(false);
      return;
    }
    this.#sentAt = now;
    this.#opts.ping().then(
      () => {
        this.#sentAt = null;
        this.#set(true);
      },
      // A terminated worker never answers; its client is being replaced (or reports the failure).
      () => undefined,
    );
  }

  #set(responsive: boolean): void {
    if (this.#stopped || responsive === this.#responsive) return;
    this.#responsive = responsive;
    this.#opts.onChange(responsive);
  }
}
