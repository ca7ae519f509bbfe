import { describe, expect, it } from 'vitest';
import { TimerQueue, type HostEnv } from './sched.ts';

const host: HostEnv = { setTimer: () => 0, clearTimer: () => undefined, macrotask: (fn) => { setImmediate(fn); } };

function virtualQueue() {
  let now = 0;
  const q = new TimerQueue(host, () => now, true);
  return { q, advance: (to: number) => { now = to; q.fireDue(now); }, get now() { return now; } };
}

describe('TimerQueue (virtual clock)', () => {
  it('fires in (due time, creation) order, timers added while firing included', () => {
    const { q, advance } = virtualQueue();
    const fired: string[] = [];
    q.add(30, () => fired.push('c'));
    q.add(10, () => { fired.push('a'); q.add(0, () => fired.push('a0')); });
    q.add(10, () => fired.push('b'));
    q.add(50, () => fired.push('d'));
    expect(q.nextDue()).toBe(10);
    advance(30);
    // a0 is due at 30 (the clock already reads 30) and was created after c.
    expect(fired).toEqual(['a', 'b', 'c', 'a0']);
    expect(q.nextDue()).toBe(50);
  });

  it('cancelled timers never fire and do not count as due', () => {
    const { q, advance } = virtualQueue();
    const fired: number[] = [];
    const a = q.add(5, () => fired.push(5));
    q.add(7, () => fired.push(7));
    q.cancel(a);
    q.cancel(a);
    q.cancel(12345);
    expect(q.nextDue()).toBe(7);
    advance(100);
    expect(fired).toEqual([7]);
    expect(q.nextDue()).toBeUndefined();
  });

  it('matches a sorted reference under random adds, cancels and advances (heap compaction included)', () => {
    const { q, advance } = virtualQueue();
    let seed = 42;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const ref = new Map<number, { when: number; id: number }>();
    const fired: number[] = [];
    const expected: number[] = [];
    let now = 0;
    for (let step = 0; step < 5000; step++) {
      const op = rnd(10);
      if (op < 6) {
        const delay = rnd(1000);
        let id = 0;
        id = q.add(delay, () => fired.push(id));
        ref.set(id, { when: now + delay, id });
      } else if (op < 9 && ref.size) {
        const ids = [...ref.keys()];
        const id = ids[rnd(ids.length)];
        q.cancel(id);
        ref.delete(id);
      } else {
        now += rnd(300);
        const due = [...ref.values()].filter((t) => t.when <= now).sort((x, y) => x.when - y.when || x.id - y.id);
        for (const t of due) { expected.push(t.id); ref.delete(t.id); }
        advance(now);
        expect(fired).toEqual(expected);
      }
      const next = [...ref.values()].reduce<number | undefined>((m, t) => (m === undefined || t.when < m ? t.when : m), undefined);
      expect(q.nextDue()).toBe(next);
    }
  });
});
