/** A set of sleepers woken together (wait_queue_head_t). */
export class WaitQueue {
  private readonly waiters = new Set<() => void>();
  add(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => { this.waiters.delete(wake); };
  }
  wake(): void {
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }
  get size(): number { return this.waiters.size; }
}

/** What the embedding environment provides: timers and a way to yield to its event loop. */
export interface HostEnv {
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Run `fn` in a later macrotask (setImmediate in Node, MessageChannel in a worker). */
  macrotask(fn: () => void): void;
}

interface Timer { id: number; when: number; fn: () => void; handle?: unknown }

/**
 * Timers on the kernel's clock. With a virtual clock they fire only when the kernel advances time
 * (see Kernel.settle); with wall time they are host timers.
 */
export class TimerQueue {
  private timers: Timer[] = [];
  private nextId = 1;
  constructor(private readonly host: HostEnv, private readonly now: () => number, private readonly virtual: boolean) {}

  add(delayMs: number, fn: () => void): number {
    const t: Timer = { id: this.nextId++, when: this.now() + Math.max(0, delayMs), fn };
    if (this.virtual) {
      this.timers.push(t);
      this.timers.sort((a, b) => a.when - b.when || a.id - b.id);
    } else {
      t.handle = this.host.setTimer(() => { this.timers = this.timers.filter((x) => x !== t); fn(); }, delayMs);
      this.timers.push(t);
    }
    return t.id;
  }

  cancel(id: number): void {
    const t = this.timers.find((x) => x.id === id);
    if (!t) return;
    this.timers = this.timers.filter((x) => x !== t);
    if (t.handle !== undefined) this.host.clearTimer(t.handle);
  }

  /** Virtual clock: when the next timer is due, or undefined. */
  nextDue(): number | undefined { return this.virtual ? this.timers[0]?.when : undefined; }

  /** Virtual clock: fire every timer due at or before `now`. */
  fireDue(now: number): void {
    while (this.timers.length && this.timers[0].when <= now) this.timers.shift()!.fn();
  }
}
