/**
 * Notices a sandbox worker that is gone without an `error` event: one that called `close()`, was
 * killed by the browser, or is stuck in a loop that never yields. The kernel yields to the worker's
 * event loop regularly (a CPU-bound program included, so that ^C works), so a live worker answers a
 * ping within a few macrotasks.
 *
 * Time is counted in ticks, not in wall-clock time: a hidden or frozen page runs its timers late
 * (Chrome throttles them to one a minute), and the answer to a ping sent before the freeze must get
 * its chance to arrive before the next tick counts against the worker.
 */
export interface LivenessOptions {
  /** Time between ticks; one ping is in flight at a time. */
  intervalMs?: number;
  /** Consecutive ticks a ping may stay unanswered before the worker counts as dead. */
  ticks?: number;
}

/** Starts pinging; calls `onStall` once if a ping stays unanswered. Returns a function that stops it. */
export function watchLiveness(ping: () => Promise<unknown>, onStall: () => void, { intervalMs = 2000, ticks = 5 }: LivenessOptions = {}): () => void {
  let waiting = false;
  let missed = 0;
  let stopped = false;
  const timer = setInterval(() => {
    if (waiting) {
      if (++missed >= ticks) {
        stop();
        onStall();
      }
      return;
    }
    waiting = true;
    missed = 0;
    // A rejected ping is an answer too: the worker is alive enough to reply.
    const answered = () => { waiting = false; };
    ping().then(answered, answered);
  }, intervalMs);
  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
  }
  return stop;
}
