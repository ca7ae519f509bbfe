import type { HostEnv } from '../kernel/sched.ts';

/**
 * Timers and macrotasks from whatever runtime we are in (Node, a worker, a page), found through
 * globalThis so the core needs neither DOM nor Node typings.
 */
interface TimerGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
  setImmediate?(fn: () => void): unknown;
  MessageChannel?: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(v: unknown): void } };
}

export function defaultHostEnv(): HostEnv {
  const g = globalThis as unknown as TimerGlobals;
  let macrotask: (fn: () => void) => void;
  if (g.setImmediate) {
    const si = g.setImmediate.bind(g);
    macrotask = (fn) => { si(fn); };
  } else if (g.MessageChannel) {
    // A MessageChannel message is a macrotask without setTimeout's 4 ms clamp.
    const ch = new g.MessageChannel();
    const queue: Array<() => void> = [];
    ch.port1.onmessage = () => queue.shift()?.();
    macrotask = (fn) => { queue.push(fn); ch.port2.postMessage(0); };
  } else {
    macrotask = (fn) => { g.setTimeout(fn, 0); };
  }
  return {
    setTimer: (fn, ms) => g.setTimeout(fn, ms),
    clearTimer: (h) => g.clearTimeout(h),
    macrotask,
  };
}
