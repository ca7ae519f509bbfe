import { describe, expect, it } from 'vitest';
import { OutputBatcher } from '../../src/worker/outputBatcher.ts';

/** A hand-cranked macrotask queue. */
function manualScheduler() {
  const queue: Array<() => void> = [];
  return {
    schedule: (fn: () => void) => void queue.push(fn),
    runNext: () => queue.shift()?.(),
    get size() {
      return queue.length;
    },
  };
}

describe('OutputBatcher', () => {
  it('delivers everything pushed before the macrotask as one message', () => {
    const sent: string[] = [];
    const tasks = manualScheduler();
    const b = new OutputBatcher((d) => sent.push(d), tasks.schedule);
    b.push('vagrant@');
    b.push('archlinux');
    b.push(' ~ $ ');
    expect(sent).toEqual([]);
    expect(tasks.size).toBe(1);
    tasks.runNext();
    expect(sent).toEqual(['vagrant@archlinux ~ $ ']);
  });

  it('schedules at most one flush per macrotask and a new one after it ran', () => {
    const sent: string[] = [];
    const tasks = manualScheduler();
    const b = new OutputBatcher((d) => sent.push(d), tasks.schedule);
    b.push('a');
    tasks.runNext();
    b.push('b');
    b.push('c');
    expect(tasks.size).toBe(1);
    tasks.runNext();
    expect(sent).toEqual(['a', 'bc']);
  });

  it('ignores empty chunks and never sends empty messages', () => {
    const sent: string[] = [];
    const tasks = manualScheduler();
    const b = new OutputBatcher((d) => sent.push(d), tasks.schedule);
    b.push('');
    expect(tasks.size).toBe(0);
    b.push('x');
    b.flush();
    tasks.runNext();
    expect(sent).toEqual(['x']);
    expect(b.pending).toBe(false);
  });

  it('batches chunks written by microtasks into the same message', async () => {
    const sent: string[] = [];
    const b = new OutputBatcher((d) => sent.push(d), (fn) => void setTimeout(fn, 0));
    const done = new Promise<void>((resolve) => setTimeout(resolve, 0));
    b.push('1');
    await Promise.resolve();
    b.push('2');
    await Promise.resolve();
    b.push('3');
    await done;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual(['123']);
  });
});
