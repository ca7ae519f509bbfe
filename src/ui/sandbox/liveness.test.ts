import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchLiveness } from './liveness.ts';

describe('watchLiveness', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('a worker that answers is never reported', async () => {
    const onStall = vi.fn();
    const ping = vi.fn(() => Promise.resolve(1));
    const stop = watchLiveness(ping, onStall, { intervalMs: 100, ticks: 3 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(ping.mock.calls.length).toBeGreaterThanOrEqual(10);
    expect(onStall).not.toHaveBeenCalled();
    stop();
  });

  it('a ping left unanswered for `ticks` ticks reports the worker once, and pinging stops', async () => {
    const onStall = vi.fn();
    const ping = vi.fn(() => new Promise<never>(() => {}));
    watchLiveness(ping, onStall, { intervalMs: 100, ticks: 3 });
    await vi.advanceTimersByTimeAsync(300);
    expect(onStall).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(onStall).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(onStall).toHaveBeenCalledTimes(1);
    expect(ping).toHaveBeenCalledTimes(1);
  });

  it('a slow answer that arrives in time resets the count', async () => {
    const onStall = vi.fn();
    let resolve: () => void = () => {};
    const ping = vi.fn(() => new Promise<void>((r) => { resolve = r; }));
    watchLiveness(ping, onStall, { intervalMs: 100, ticks: 3 });
    await vi.advanceTimersByTimeAsync(300); // sent at 100, missed at 200 and 300
    resolve();
    await vi.advanceTimersByTimeAsync(300); // a new ping at 400, missed at 500 and 600
    expect(onStall).not.toHaveBeenCalled();
    expect(ping).toHaveBeenCalledTimes(2);
  });

  it('stop() ends the watch', async () => {
    const onStall = vi.fn();
    const stop = watchLiveness(() => new Promise<never>(() => {}), onStall, { intervalMs: 100, ticks: 2 });
    stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(onStall).not.toHaveBeenCalled();
  });
});
