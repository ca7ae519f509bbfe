import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Watchdog } from './watchdog.ts';

/** A worker whose answers the test releases by hand. */
function fakeWorker() {
  const pending: Array<() => void> = [];
  return {
    ping: () => new Promise<void>((r) => pending.push(r)),
    answer: () => { for (const r of pending.splice(0)) r(); },
    get pings() { return pending.length; },
  };
}

describe('Watchdog', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  const make = (worker: ReturnType<typeof fakeWorker>, changes: boolean[]) =>
    new Watchdog({ ping: worker.ping, onChange: (r) => changes.push(r), interval: 1000, timeout: 4000, now: () => Date.now() });

  test('a worker that answers every ping stays responsive', async () => {
    const worker = fakeWorker();
    const changes: boolean[] = [];
    const dog = make(worker, changes);
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      worker.answer();
    }
    expect(changes).toEqual([]);
    expect(dog.responsive).toBe(true);
    dog.stop();
  });

  test('one ping in flight at a time; unresponsive once it is older than the timeout; responsive when it answers', async () => {
    const worker = fakeWorker();
    const changes: boolean[] = [];
    const dog = make(worker, changes);
    await vi.advanceTimersByTimeAsync(4000);
    expect(worker.pings).toBe(1);
    expect(changes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(changes).toEqual([false]);
    expect(dog.responsive).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(changes).toEqual([false]);
    worker.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(changes).toEqual([false, true]);
    dog.stop();
  });

  test('stop() ends the pings and the reports', async () => {
    const worker = fakeWorker();
    const changes: boolean[] = [];
    const dog = make(worker, changes);
    dog.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(worker.pings).toBe(1);
    expect(changes).toEqual([]);
  });
});
