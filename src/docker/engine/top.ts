import { W } from '../../kernel/task/wait.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { DaemonError } from '../../userland/commands/docker/api.ts';
import type { Container } from './Container.ts';
import type { Engine } from './Engine.ts';

/** Run a host program from dockerd with its output captured (exec.Command(...).Output()). */
export function runCapture(sys: SysApi, argv: string[]): Promise<{ out: string; status: number }> {
  return new Promise((resolve, reject) => {
    sys.clone(async (h) => {
      try {
        const [r, w] = h.pipe();
        const pid = h.clone((c) => c.execve(argv[0], argv, new Map([['PATH', '/usr/bin'], ['LC_ALL', 'C']])), { fds: { 1: w, 2: w } });
        h.close(w);
        let out = '';
        for (let d = await h.read(r); d; d = await h.read(r)) out += d;
        const st = await h.wait4(pid);
        resolve({ out, status: st && W.ifExited(st.status) ? W.exitStatus(st.status) : 1 });
      } catch (e) {
        reject(e);
      }
      return 0;
    }, { comm: 'dockerd' });
  });
}

/** Host pids of the container's processes (its cgroup's cgroup.procs). */
export function containerPids(engine: Engine, c: Container): Set<number> {
  const init = [...engine.kernel.tasks].find((t) => t.pid.nrIn(engine.kernel.initPidNs) === c.state.Pid);
  const out = new Set<number>();
  if (!init) return out;
  const own = c.hostConfig.PidMode === '' ? init.pidNs : null;
  const under = (t: typeof init): boolean => { for (let p: typeof init | null = t; p; p = p.parent) if (p === init) return true; return false; };
  for (const t of engine.kernel.tasks) {
    if (!t.alive) continue;
    if (own ? t.pid.numbers.some((n) => n.ns === own) : under(t)) out.add(t.pid.nrIn(engine.kernel.initPidNs));
  }
  return out;
}

/** ContainerTop (daemon/top_unix.go): `ps ARGS` on the host, keeping the container's rows. */
export async function containerTop(engine: Engine, c: Container, psArgs: string): Promise<{ Titles: string[]; Processes: string[][] }> {
  const args = psArgs.split(/\s+/).filter(Boolean);
  const { out, status } = await runCapture(engine.sys, ['/usr/bin/ps', ...args]);
  if (status !== 0) throw new DaemonError(500, `ps: ${out.trim()}`);
  const lines = out.split('\n').filter(Boolean);
  const titles = lines[0].trim().split(/\s+/);
  const pidCol = titles.indexOf('PID');
  if (pidCol < 0) throw new DaemonError(500, `Couldn't find PID field in ps output`);
  const pids = containerPids(engine, c);
  const procs: string[][] = [];
  for (const l of lines.slice(1)) {
    const f = l.trim().split(/\s+/);
    if (!pids.has(Number(f[pidCol]))) continue;
    procs.push([...f.slice(0, titles.length - 1), f.slice(titles.length - 1).join(' ')]);
  }
  return { Titles: titles, Processes: procs };
}
