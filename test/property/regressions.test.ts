/**
 * Kernel bugs the property tests and fuzzers found, each pinned by the shortest case that showed it.
 */
import { describe, expect, test } from 'vitest';
import { CLONE_NEWNET, CLONE_NEWPID, O_CREAT, O_RDONLY, O_WRONLY } from '../../src/kernel/constants.ts';
import { isKernelError } from '../../src/kernel/errno.ts';
import { Kernel } from '../../src/kernel/Kernel.ts';
import { Sys } from '../../src/kernel/syscalls/Sys.ts';
import type { SysApi } from '../../src/kernel/syscalls/SysApi.ts';
import { ARG_MAX, MAX_ARG_STRLEN } from '../../src/kernel/task/argLimits.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';
import { session } from './dockerSession.ts';
import { runOps } from './runner.ts';

/** Run `body` as a root child of the host's init until it returns. */
async function asRoot<T>(body: (sys: SysApi) => Promise<T>): Promise<T> {
  const { kernel } = bootSandbox().host;
  let out: { v?: T; e?: unknown } | undefined;
  new Sys(kernel, kernel.initPidNs.tasks.get(1)!).clone(async (sys) => {
    try { out = { v: await body(sys) }; } catch (e) { out = { e }; }
    return 0;
  });
  await kernel.settle(() => out !== undefined);
  if (out?.e) throw out.e;
  return out!.v as T;
}

const errno = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return isKernelError(e) ? e.code : String(e); } };

describe('copy_pid_ns: CLONE_NEWPID only while pid_for_children is the caller\'s own namespace', () => {
  test('clone(CLONE_NEWPID) after unshare(CLONE_NEWPID) is EINVAL', async () => {
    await expect(runOps([{ t: 'clone', p: 0, flags: 0 }, { t: 'unshare', p: 0, flags: CLONE_NEWPID }, { t: 'clone', p: 0, flags: CLONE_NEWPID }])).resolves.toBeDefined();
    expect(await asRoot(async (sys) => { sys.unshare(CLONE_NEWPID); return errno(() => sys.unshare(CLONE_NEWPID)); })).toBe('EINVAL');
  });
});

describe('kill(2) of oneself with a fatal signal never returns to the program', () => {
  test('a self-SIGKILL is an exit, in the model test', async () => {
    const t = await runOps([{ t: 'clone', p: 0, flags: 0 }, { t: 'kill', p: 0, q: 0 }]);
    expect(t[1]).toMatch(/kill\(\d+, SIGKILL\) = died/);
  });
  test('nothing after kill -9 $$ runs (no file is created by a dead process)', async () => {
    const created = await asRoot(async (sys) => {
      const child = sys.clone(async (c) => {
        c.kill(c.getpid(), 9);
        c.open('/tmp/ghost', O_WRONLY | O_CREAT);
        return 0;
      });
      await sys.wait4(child);
      return errno(() => sys.stat('/tmp/ghost'));
    });
    expect(created).toBe('ENOENT');
  });
});

describe('closing the last reference to a network namespace tears it down (put_net)', () => {
  test('an nsfs descriptor', async () => {
    await expect(runOps([{ t: 'clone', p: -1, flags: 0 }, { t: 'clone', p: 0, flags: CLONE_NEWNET }, { t: 'veth', p: 1, q: 0 },
      { t: 'hold', p: 0, q: 1 }, { t: 'kill', p: 0, q: 1 }, { t: 'release', p: 0 }])).resolves.toBeDefined();
  });
  test('a socket created there', async () => {
    await expect(runOps([{ t: 'clone', p: -1, flags: 0 }, { t: 'clone', p: 0, flags: CLONE_NEWNET }, { t: 'veth', p: 1, q: 0 },
      { t: 'listen', p: 1, port: 0 }, { t: 'setns', p: 1, q: 0, ns: 'net' }, { t: 'release', p: 1 }])).resolves.toBeDefined();
  });
});

describe('programs that never sleep are preempted at system calls (cond_resched)', () => {
  test('a read/write loop on /dev/zero → /dev/null lets macrotasks run', async () => {
    let ticks = 0;
    const iterations = await asRoot(async (sys) => {
      const z = sys.open('/dev/zero', O_RDONLY);
      const n = sys.open('/dev/null', O_WRONLY);
      const tick = () => { ticks++; if (ticks < 1000) setImmediate(tick); };
      setImmediate(tick);
      let i = 0;
      for (; i < 20 * Kernel.RESCHED_CALLS; i++) await sys.write(n, await sys.read(z));
      return i;
    });
    expect(iterations).toBe(20 * Kernel.RESCHED_CALLS);
    expect(ticks).toBeGreaterThanOrEqual(20);
  });
  test('a killed task stops copying at its next system call', async () => {
    let copies = 0;
    let after = -1;
    await asRoot(async (sys) => {
      const pid = sys.clone(async (c) => {
        const z = c.open('/dev/zero', O_RDONLY);
        for (let i = 0; i < 5000; i++) { await c.read(z); copies++; }
        return 0;
      });
      while (copies < 10) await sys.sched_yield();
      sys.kill(pid, 9);
      after = copies;
      for (let i = 0; i < 5; i++) await sys.sched_yield();
      await sys.wait4(pid);
    });
    expect(copies).toBe(after);
    expect(copies).toBeLessThan(5000);
  });
});

describe('a killed task runs no more code (do_exit never returns)', () => {
  test('a catch-all retry loop around a sleeping call stops instead of spinning', async () => {
    let calls = 0;
    let atKill = -1;
    await asRoot(async (sys) => {
      const pid = sys.clone(async (c) => {
        // Like nginx's master did: for (;;) try { wait4() } catch { } — TaskExit swallowed, retried.
        for (let i = 0; i < 100_000; i++) { calls++; try { await c.nanosleep(1000); } catch { /* swallow */ } }
        return 0;
      });
      while (calls < 1) await sys.sched_yield();
      sys.kill(pid, 9);
      atKill = calls;
      for (let i = 0; i < 5; i++) await sys.sched_yield();
      await sys.wait4(pid);
    });
    expect(calls).toBeLessThanOrEqual(atKill + 1);
  });
  test('docker kill -9 of a container whose pid namespace another nginx shares does not hang', async () => {
    await session([
      { t: 'run', image: 'nginx', pid: 'private', net: 'host', uts: 'private', ipc: 'host', ref: 0, rm: false, hostname: false, publish: false },
      { t: 'run', image: 'nginx', pid: 'container', net: 'host', uts: 'host', ipc: 'host', ref: 0, rm: false, hostname: false, publish: false },
      { t: 'hostkill', c: 0 },
    ]);
  }, 20000);
});

describe('execve(2) E2BIG: MAX_ARG_STRLEN per string, ARG_MAX in all', () => {
  const exec = (argv: string[]) => asRoot(async (sys) => {
    try { await sys.execve('/usr/bin/true', argv, new Map()); return 'ok'; } catch (e) { return isKernelError(e) ? e.code : String(e); }
  });
  test('one argument longer than 32 pages', async () => { expect(await exec(['true', 'x'.repeat(MAX_ARG_STRLEN)])).toBe('E2BIG'); });
  test('many arguments past 2 MiB with their pointers', async () => {
    expect(await exec(['true', ...Array.from({ length: ARG_MAX / 16 }, () => 'x'.repeat(8))])).toBe('E2BIG');
  });
});

test('dup2(2) to a descriptor at or past RLIMIT_NOFILE is EBADF', async () => {
  expect(await asRoot(async (sys) => {
    const fd = sys.open('/dev/null', O_RDONLY);
    return [errno(() => sys.dup2(fd, 1023)), errno(() => sys.dup2(fd, 1024))].join(' ');
  })).toBe('ok EBADF');
});
