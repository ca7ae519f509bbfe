import { describe, expect, test } from 'vitest';
import { netBox } from '../../sandbox/netTestkit.ts';
import { Sys } from '../syscalls/Sys.ts';

/**
 * collectNamespaces remembers, per namespace, a task last seen in it (so that with many containers a
 * topology change does not scan every task). These cases make sure a stale witness is never taken
 * for a holder.
 */
describe('network namespace lifetime with remembered holders', () => {
  test('a namespace outlives the task first seen in it while another task is in it', async () => {
    const box = await netBox();
    const first = await box.netnsTask();
    const ns = first.nsproxy.net;
    box.kernel.namespacesChanged(); // `first` becomes the namespace's witness
    const firstPid = first.pid.nrIn(box.kernel.initPidNs);
    const second = await box.netnsTask((sys) => {
      const fd = sys.open(`/proc/${firstPid}/ns/net`, 0);
      sys.setns(fd, 'net');
      sys.close(fd);
    });
    expect(second.nsproxy.net).toBe(ns);
    await box.run(['kill', '-9', String(firstPid)]);
    expect(box.kernel.netNamespaces.has(ns)).toBe(true);
    await box.run(['kill', '-9', String(second.pid.nrIn(box.kernel.initPidNs))]);
    expect(box.kernel.netNamespaces.has(ns)).toBe(false);
  });

  test('a namespace goes when its last task moves to another namespace (the task lives on)', async () => {
    const box = await netBox();
    const mover = await box.netnsTask();
    const ns = mover.nsproxy.net;
    box.kernel.namespacesChanged();
    expect(box.kernel.netNamespaces.has(ns)).toBe(true);
    const sys = new Sys(box.kernel, mover);
    const fd = sys.open('/proc/1/ns/net', 0);
    sys.setns(fd, 'net');
    sys.close(fd);
    expect(mover.alive).toBe(true);
    expect(box.kernel.netNamespaces.has(ns)).toBe(false);
  });

  test('many namespaces: each goes exactly when its own task does', async () => {
    const box = await netBox();
    const tasks = [];
    for (let i = 0; i < 20; i++) tasks.push(await box.netnsTask());
    const spaces = tasks.map((t) => t.nsproxy.net);
    for (let i = 0; i < tasks.length; i += 2) await box.run(['kill', '-9', String(tasks[i].pid.nrIn(box.kernel.initPidNs))]);
    spaces.forEach((ns, i) => expect(box.kernel.netNamespaces.has(ns)).toBe(i % 2 === 1));
  });

  test('a topology change does not walk every namespace when their remembered tasks still hold them (issue #7)', async () => {
    const box = await netBox();
    const tasks = [];
    for (let i = 0; i < 10; i++) tasks.push(await box.netnsTask());
    box.kernel.namespacesChanged(); // every namespace gets its witness
    let walks = 0;
    const count = <T>(set: Set<T>) => {
      const own = set[Symbol.iterator].bind(set);
      Object.defineProperty(set, Symbol.iterator, { configurable: true, value: () => { walks++; return own(); } });
      return () => delete (set as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    };
    // (Namespaces held only by a file or mount, as `ip netns add` leaves them, are still looked
    // for among the tasks: that walk is not counted here.)
    const undo = count(box.kernel.netNamespaces);
    box.kernel.namespacesChanged();
    undo();
    expect(walks).toBe(0);
    for (const t of tasks) expect(box.kernel.netNamespaces.has(t.nsproxy.net)).toBe(true);
  });
});
