/** A set of sleepers woken together (wait_queue_head_t). */
export class WaitQueue {
  /** Made at the first sleeper: every task has queues (SIGCONT, child events) that most never use. */
  private waiters: Set<() => void> | undefined = undefined;
  add(wake: () => void): () => void {
    (this.waiters ??= new Set()).add(wake);
    return () => { this.waiters?.delete(wake); };
  }
  wake(): void {
    if (!this.waiters?.size) return;
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }
  get size(): number { return this.waiters?.size ?? 0; }
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
  /** Pending timers by id (cancel is O(1)). */
  private readonly pending = new Map<number, Timer>();
  /** Virtual clock: a binary min-heap on (when, id); cancelled timers stay in it until they surface. */
  private readonly heap: Timer[] = [];
  private nextId = 1;
  constructor(private readonly host: HostEnv, private readonly now: () => number, private readonly virtual: boolean) {}

  add(delayMs: number, fn: () => void): number {
    const t: Timer = { id: this.nextId++, when: this.now() + Math.max(0, delayMs), fn };
    this.pending.set(t.id, t);
    if (this.virtual) this.push(t);
    else t.handle = this.host.setTimer(() => { this.pending.delete(t.id); fn(); }, delayMs);
    return t.id;
  }

  cancel(id: number): void {
    const t = this.pending.get(id);
    if (!t) return;
    this.pending.delete(id);
    if (t.handle !== undefined) this.host.clearTimer(t.handle);
    // Long sleeps cut short (signals, socket timeouts) would otherwise pile up in the heap.
    if (this.heap.length > 64 && this.heap.length > 2 * this.pending.size) this.rebuild();
  }

  /** Virtual clock: when the next timer is due, or undefined. */
  nextDue(): number | undefined { return this.virtual ? this.top()?.when : undefined; }

  /** Virtual clock: fire every timer due at or before `now` (in (when, id) order). */
  fireDue(now: number): void {
    for (let t = this.top(); t && t.when <= now; t = this.top()) {
      this.pop();
      this.pending.delete(t.id);
      t.fn();
    }
  }

  /** The earliest pending timer, dropping cancelled ones from the top of the heap. */
  private top(): Timer | undefined {
    while (this.heap.length && !this.pending.has(this.heap[0].id)) this.pop();
    return this.heap[0];
  }

  private rebuild(): void {
    const live = this.heap.filter((t) => this.pending.has(t.id));
    this.heap.length = 0;
    for (const t of live) this.push(t);
  }

  private static before(a: Timer, b: Timer): boolean { return a.when < b.when || (a.when === b.when && a.id < b.id); }

  private push(t: Timer): void {
    const h = this.heap;
    let i = h.push(t) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!TimerQueue.before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (!h.length) return;
    h[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && TimerQueue.before(h[l], h[m])) m = l;
      if (r < h.length && TimerQueue.before(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
