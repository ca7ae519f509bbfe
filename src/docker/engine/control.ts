import { SIG } from '../../kernel/constants.ts';
import { isKernelError } from '../../kernel/errno.ts';
import type { Task } from '../../kernel/task/Task.ts';
import { DaemonError } from '../../userland/commands/docker/api.ts';
import type { Container } from './Container.ts';
import type { Engine } from './Engine.ts';
import { killContainer, startContainer } from './lifecycle.ts';

/** `SIGTERM`, `TERM`, `15` → 15 (signal.ParseSignal). */
export function parseSignal(s: string | undefined, dflt: number): number {
  if (!s) return dflt;
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n < 1 || n > 64) throw new DaemonError(400, `Invalid signal: ${s}`);
    return n;
  }
  const name = s.toUpperCase().replace(/^SIG/, '');
  const n = (SIG as Record<string, number>)[`SIG${name}`];
  if (!n) throw new DaemonError(400, `Invalid signal: ${s}`);
  return n;
}

/** Sleep `caller` in the kernel until `done()` holds, re-checking whenever `c` changes state, or the timeout. */
export async function blockUntil(engine: Engine, caller: Task, c: Container, done: () => boolean, timeoutMs?: number): Promise<boolean> {
  let timedOut = false;
  let timer = -1;
  if (timeoutMs !== undefined) timer = engine.kernel.timers.add(timeoutMs, () => { timedOut = true; c.wakeExit(); });
  try {
    while (!done() && !timedOut) {
      try {
        await engine.kernel.block(caller, (wake) => {
          c.exitWaiters.add(wake);
          c.removeWaiters.add(wake);
          return () => { c.exitWaiters.delete(wake); c.removeWaiters.delete(wake); };
        });
      } catch (e) {
        // The caller is the docker CLI, a Go program: a signal it handles (SIGWINCH while `docker run
        // -it` follows the terminal's size) runs its handler and the request goes on, as Go retries
        // EINTR (internal/poll's ignoringEINTRIO). A fatal signal still ends the wait (TaskExit).
        if (!isKernelError(e, 'EINTR')) throw e;
      }
    }
  } finally {
    if (timer >= 0) engine.kernel.timers.cancel(timer);
  }
  return done();
}

/**
 * ContainerStop (daemon/stop.go): the stop signal (SIGTERM, or the image's StopSignal), then
 * SIGKILL once the timeout (10 s) has passed. Bash as PID 1 ignores SIGTERM, and a pid
 * namespace's init never gets signals it has no handler for, so that often takes the full 10 s.
 */
export async function stopContainer(engine: Engine, caller: Task, c: Container, timeout = 10, signal?: string): Promise<void> {
  if (!c.running) return;
  const sig = parseSignal(signal ?? c.config.StopSignal, SIG.SIGTERM);
  c.stopping = true;
  const runs = c.io.finished;
  const ended = () => !c.running || c.io.finished > runs;
  try { killContainer(engine, c, sig); } catch { /* exited meanwhile */ }
  if (timeout < 0) { await blockUntil(engine, caller, c, ended); return; }
  if (await blockUntil(engine, caller, c, ended, timeout * 1000)) return;
  try { killContainer(engine, c, SIG.SIGKILL); } catch { /* exited meanwhile */ }
  await blockUntil(engine, caller, c, ended);
}

export async function restartContainer(engine: Engine, caller: Task, c: Container, timeout = 10): Promise<void> {
  await stopContainer(engine, caller, c, timeout);
  c.restartCount++;
  await startContainer(engine, c);
}

/** ContainerWait: `not-running` returns at once for a stopped container; `next-exit` waits for the next exit. */
export async function waitContainer(engine: Engine, caller: Task, c: Container, condition: 'not-running' | 'next-exit' | 'removed' = 'not-running'): Promise<number> {
  if (condition === 'removed') {
    await blockUntil(engine, caller, c, () => !engine.containers.has(c.id));
    return c.state.ExitCode;
  }
  if (condition === 'not-running' && !c.running && c.state.Status !== 'created') return c.state.ExitCode;
  const runs = c.io.finished;
  await blockUntil(engine, caller, c, () => c.io.finished > runs || !engine.containers.has(c.id));
  return c.state.ExitCode;
}
