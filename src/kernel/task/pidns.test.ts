import { describe, expect, test } from 'vitest';
import { CLONE_NEWNS, CLONE_NEWPID, SIG } from '../constants.ts';
import { bootSandbox } from '../../sandbox/index.ts';
import { Sys } from '../syscalls/Sys.ts';
import type { SysApi } from '../syscalls/SysApi.ts';
import { W } from './wait.ts';

/** Run `body` as a child of the host's init and resolve with what it returns (plus its exit status). */
function asTask<T>(body: (sys: SysApi) => Promise<T>, flags = 0): Promise<T> {
  const { kernel } = bootSandbox().host;
  return new Promise<T>((resolve, reject) => {
    new Sys(kernel, kernel.initPidNs.tasks.get(1)!).clone(async (sys) => {
      try { resolve(await body(sys)); } catch (e) { reject(e); }
      return 0;
    }, { flags });
  });
}

/** A pipe-based rendezvous so tests never depend on timing. */
async function readByte(sys: SysApi, fd: number): Promise<string> { return sys.read(fd); }

describe('pid_namespaces(7)', () => {
  test('the first process of a new pid namespace is PID 1 with PPID 0, and has a host pid too', async () => {
    const seen = await asTask(async (sys) => {
      const [r, w] = sys.pipe();
      const hostPid = sys.clone(async (c) => {
        await c.write(w, `${c.getpid()} ${c.getppid()}`);
        return 0;
      }, { flags: CLONE_NEWPID });
      sys.close(w);
      const inside = await readByte(sys, r);
      await sys.wait4(hostPid);
      return { inside, hostPid };
    });
    expect(seen.inside).toBe('1 0');
    expect(seen.hostPid).toBeGreaterThan(1);
  });

  test('NSpid lists the pid at every level from the reader down', async () => {
    const status = await asTask(async (sys) => {
      const [r, w] = sys.pipe();
      const [r2, w2] = sys.pipe();
      const pid = sys.clone(async (c) => {
        // Grandchild in a nested namespace: three levels.
        c.clone(async (g) => { await g.write(w, 'ready'); await g.read(r2); return 0; }, { flags: CLONE_NEWPID });
        await c.wait4(-1);
        return 0;
      }, { flags: CLONE_NEWPID });
      await sys.read(r);
      const dirs = sys.readdir('/proc').filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => a - b);
      const newest = dirs[dirs.length - 1];
      const text = await sys.readFile(`/proc/${newest}/status`);
      await sys.write(w2, 'go');
      await sys.wait4(pid);
      return text;
    });
    expect(status).toMatch(/^NSpid:\t\d+\t2\t1$/m);
  });

  test('unshare(CLONE_NEWPID) moves only future children; the caller keeps its pid', async () => {
    const r = await asTask(async (sys) => {
      const before = sys.getpid();
      sys.unshare(CLONE_NEWPID);
      const after = sys.getpid();
      const [rd, wr] = sys.pipe();
      const child = sys.clone(async (c) => { await c.write(wr, String(c.getpid())); return 0; });
      sys.close(wr);
      const childPid = await sys.read(rd);
      await sys.wait4(child);
      return { before, after, childPid };
    });
    expect(r.after).toBe(r.before);
    expect(r.childPid).toBe('1');
  });

  test('orphans are reparented to the namespace init, and init death kills the namespace', async () => {
    const r = await asTask(async (sys) => {
      const [r1, w1] = sys.pipe();
      const init = sys.clone(async (c) => {
        const [r2, w2] = c.pipe();
        // A middle process forks a grandchild and exits at once: the grandchild is orphaned.
        const mid = c.clone(async (m) => {
          m.clone(async (g) => {
            await g.read(r2); // wait until the middle process has gone
            await g.write(w1, `ppid=${g.getppid()}`);
            await g.nanosleep(1e9);
            return 0;
          });
          return 0;
        });
        await c.wait4(mid);
        await c.write(w2, 'go');
        const [forever] = c.pipe();
        await c.read(forever); // init sleeps until killed
        return 0;
      }, { flags: CLONE_NEWPID });
      const msg = await sys.read(r1);
      const visible = () => sys.readdir('/proc').filter((d) => /^\d+$/.test(d)).length;
      const countBefore = visible();
      sys.kill(init, SIG.SIGKILL);
      const res = await sys.wait4(init);
      return { msg, termsig: W.termSig(res!.status), countBefore, countAfter: visible() };
    });
    expect(r.msg).toBe('ppid=1');
    expect(r.termsig).toBe(SIG.SIGKILL);
    // The orphaned grandchild died with its init and was reaped by the host's reaper.
    expect(r.countAfter).toBeLessThan(r.countBefore);
  });

  test('a task cannot see or signal tasks outside its namespace', async () => {
    const r = await asTask(async (sys) => {
      const [rd, wr] = sys.pipe();
      const pid = sys.clone(async (c) => {
        c.unshare(CLONE_NEWNS);
        c.mount('proc', '/proc', 'proc', 0);
        const entries = c.readdir('/proc').filter((d) => /^\d+$/.test(d));
        let killErr = '';
        try { c.kill(318, SIG.SIGTERM); } catch (e) { killErr = (e as Error).message; }
        await c.write(wr, JSON.stringify({ entries, killErr }));
        return 0;
      }, { flags: CLONE_NEWPID });
      sys.close(wr);
      const out = JSON.parse(await sys.read(rd));
      await sys.wait4(pid);
      return out;
    });
    expect(r.entries).toEqual(['1']);
    expect(r.killErr).toBe('No such process');
  });

  test('a zombie keeps its pid until its parent waits', async () => {
    const r = await asTask(async (sys) => {
      const pid = sys.clone(async () => 3);
      await sys.sched_yield();
      const stat = await sys.readFile(`/proc/${pid}/stat`);
      const res = await sys.wait4(pid);
      let gone = false;
      try { sys.stat(`/proc/${pid}`); } catch { gone = true; }
      return { state: stat.split(' ')[2], code: W.exitStatus(res!.status), gone };
    });
    expect(r).toEqual({ state: 'Z', code: 3, gone: true });
  });

  test('creating namespaces needs CAP_SYS_ADMIN', async () => {
    const msg = await asTask(async (sys) => {
      sys.setuid(1000, 1000);
      try { sys.unshare(CLONE_NEWPID); return 'allowed'; } catch (e) { return (e as Error).message; }
    });
    expect(msg).toBe('Operation not permitted');
  });
});
