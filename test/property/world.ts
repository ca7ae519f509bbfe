/**
 * Puppet processes for the property tests: real tasks in the simulated kernel that sit in an
 * interruptible sleep (like a process blocked in read(2)) until the test hands them a system call to
 * make. Each call runs inside the task's own coroutine, so namespaces, credentials and pid numbers
 * are exactly the task's, and SIGKILL or the death of its pid namespace's init ends it as it would a
 * real process.
 */
import { isKernelError } from '../../src/kernel/errno.ts';
import type { Kernel } from '../../src/kernel/Kernel.ts';
import { Sys } from '../../src/kernel/syscalls/Sys.ts';
import type { SysApi } from '../../src/kernel/syscalls/SysApi.ts';
import { TaskExit, type Task } from '../../src/kernel/task/Task.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';

export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'errno'; code: string }
  /** The puppet died during the call (exit(2), or a signal it sent itself). */
  | { kind: 'died' };

export interface Puppet {
  readonly id: number;
  task: Task;
  inbox: Array<(sys: SysApi) => Promise<void>>;
  wake: (() => void) | null;
}

/** A booted host plus the puppets the test started on it. */
export class World {
  readonly kernel: Kernel;
  readonly puppets: Puppet[] = [];
  private nextId = 0;
  /** Set when anything escaped a coroutine: the kernel must turn every program error into an exit. */
  readonly escaped: unknown[] = [];

  constructor(seed = 1) {
    this.kernel = bootSandbox({ seed }).host.kernel;
  }

  get init(): Task { return this.kernel.initPidNs.tasks.get(1)!; }

  /** The puppet's main loop: sleep until there is work, do it, repeat (until killed). */
  private loop(p: Puppet) {
    return async (sys: SysApi): Promise<number> => {
      p.task = (sys as Sys).task;
      for (;;) {
        while (!p.inbox.length) {
          await this.kernel.block(p.task, (wake) => { p.wake = wake; return () => { p.wake = null; }; });
        }
        await p.inbox.shift()!(sys);
      }
    };
  }

  /**
   * clone(2) a new puppet from `parent` (a puppet, or the host's pid 1). The child gets no file
   * descriptors, so nothing it holds outlives it by accident.
   */
  async spawn(parent: Puppet | null, flags: number): Promise<Outcome<Puppet>> {
    const p: Puppet = { id: this.nextId++, task: null as unknown as Task, inbox: [], wake: null };
    const doClone = (sys: SysApi) => {
      const before = new Set((sys as Sys).task.children);
      sys.clone(this.loop(p), { flags, fds: {}, comm: `puppet${p.id}` });
      p.task = [...(sys as Sys).task.children].find((c) => !before.has(c))!;
      return p;
    };
    const r = parent ? await this.call(parent, doClone) : await this.settled(Promise.resolve().then(() => doClone(new Sys(this.kernel, this.init))));
    if (r.kind === 'ok') {
      this.puppets.push(p);
      await this.settle(() => p.task.state !== 'R' || !p.task.alive);
    }
    return r;
  }

  /** Run `fn` as a system call sequence inside puppet `p`, and let the system settle. */
  async call<T>(p: Puppet, fn: (sys: SysApi) => T | Promise<T>): Promise<Outcome<T>> {
    if (!p.task.alive) return { kind: 'died' };
    let result: Outcome<T> | undefined;
    p.inbox.push(async (sys) => {
      try {
        result = { kind: 'ok', value: await fn(sys) };
      } catch (e) {
        if (e instanceof TaskExit) { result = { kind: 'died' }; throw e; }
        if (!isKernelError(e)) { this.escaped.push(e); throw e; }
        result = { kind: 'errno', code: e.code };
      }
    });
    p.wake?.();
    await this.settle(() => result !== undefined || !p.task.alive);
    return result ?? { kind: 'died' };
  }

  /** Wait for a promise made outside any puppet (e.g. a clone from the host's init). */
  private async settled<T>(pr: Promise<T>): Promise<Outcome<T>> {
    let result: Outcome<T> | undefined;
    pr.then((value) => { result = { kind: 'ok', value }; }, (e) => {
      if (!isKernelError(e)) this.escaped.push(e);
      result = isKernelError(e) ? { kind: 'errno', code: e.code } : { kind: 'died' };
    });
    await this.settle(() => result !== undefined);
    return result!;
  }

  /** Drive the kernel (and its virtual clock) until `done`, giving up after a real-time budget. */
  async settle(done: () => boolean, budgetMs = 2000): Promise<void> {
    const deadline = Date.now() + budgetMs;
    // Settle may return early when everything sleeps; a few extra turns let exits and reaping finish.
    for (let i = 0; i < 50 && !done() && Date.now() < deadline; i++) {
      await this.kernel.settle(done, (loadWaitMs) => Date.now() - loadWaitMs > deadline, 200);
    }
    for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
  }

  /** Puppets whose task has not exited. */
  alive(): Puppet[] { return this.puppets.filter((p) => p.task.alive); }
}

/** The errno code of an outcome, 'ok', or 'died' — for transcripts and expectations. */
export function outcomeText(o: Outcome<unknown>): string {
  return o.kind === 'ok' ? 'ok' : o.kind === 'errno' ? o.code : 'died';
}
