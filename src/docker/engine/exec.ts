import { Sys } from '../../kernel/syscalls/Sys.ts';
import { DaemonError, type ExecRequest } from '../../userland/commands/docker/api.ts';
import { containerCaps } from './caps.ts';
import { mergeEnv } from './create.ts';
import type { ShimCtl } from './ctl.ts';
import type { Engine, ExecRecord } from './Engine.ts';
import { runcExec } from './runcExec.ts';
import { finish, spawnProcess, waitExit } from './shim.ts';
import { ContainerIO } from './streams.ts';
import { resolveUser } from './user.ts';

/** ContainerExecCreate: remember what to run; nothing starts yet. */
export function execCreate(engine: Engine, ref: string, req: ExecRequest): ExecRecord {
  const c = engine.find(ref);
  if (!c.running) throw new DaemonError(409, `container ${c.id} is not running`);
  if (!req.Cmd?.length) throw new DaemonError(400, 'No exec command specified');
  const rec: ExecRecord = {
    id: engine.newId(), container: c, args: req.Cmd, env: req.Env ?? [], cwd: req.WorkingDir ?? '', user: req.User ?? '',
    tty: !!req.Tty, stdin: !!req.AttachStdin, privileged: !!req.Privileged, io: new ContainerIO(), pid: 0, running: false,
    exitCode: null, exitWaiters: new Set(),
  };
  engine.execs.set(rec.id, rec);
  return rec;
}

/**
 * ContainerExecStart: the shim runs `runc exec` — a child of the shim that joins the init's
 * namespaces — and relays its stdio like the init's. Resolves once the process runs.
 */
export async function execStart(engine: Engine, rec: ExecRecord): Promise<void> {
  const c = rec.container;
  if (!c.running || !c.shim) throw new DaemonError(409, `container ${c.id} is not running`);
  if (rec.running || rec.exitCode !== null) throw new DaemonError(409, `Error: Exec command ${rec.id} is already running`);
  const merged = `${c.layerDir}/merged`;
  const user = await resolveUser(engine.sys, merged, rec.user || c.config.User);
  let env = mergeEnv([`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, `HOSTNAME=${c.config.Hostname}`], c.config.Env);
  if (rec.tty) env = mergeEnv(env, ['TERM=xterm']);
  env = mergeEnv(env, rec.env);
  if (!env.some((e) => e.startsWith('HOME='))) env.push(`HOME=${user.home}`);
  const hc = c.hostConfig;
  const proc = {
    args: rec.args, env, cwd: rec.cwd || c.config.WorkingDir || '/', terminal: rec.tty,
    user: { uid: user.uid, gid: user.gid, additionalGids: user.groups },
    caps: containerCaps(hc.Privileged || rec.privileged, hc.CapAdd, hc.CapDrop),
  };
  const key = `${c.id}/${rec.id}`;
  const shimSys = new Sys(engine.kernel, c.shim);
  const ctl = await shimSys.ext<ShimCtl>('containerd');
  const initPid = c.state.Pid;
  rec.io.beginRun();
  engine.ios.set(key, rec.io);
  const failure = { msg: '' };
  engine.pending.set(key, {
    resolve: async (pid) => {
      rec.pid = pid;
      rec.running = true;
      if (rec.tty) rec.io.resize = (cols, rows) => engine.consoleOf(pid)?.resize(cols, rows);
      return true;
    },
    fail: (msg) => { failure.msg = msg; },
  });
  const started = await spawnProcess(shimSys, ctl, {
    key, terminal: rec.tty, stdin: rec.stdin, flags: 0, pidns: `/proc/${initPid}/ns/pid`,
    entry: async (child) => runcExec(child, proc, initPid, await child.ext<ShimCtl>('containerd'), key),
  });
  engine.pending.delete(key);
  if (!started) {
    // Docker reports a failed exec start on the exec's own stream, as its output.
    const msg = failure.msg || 'exec failed';
    rec.io.push('stdout', `OCI runtime exec failed: exec failed: unable to start container process: ${msg}: unknown${rec.tty ? '\r' : ''}\n`, engine.now());
    rec.exitCode = /executable file not found|no such file/.test(msg) ? 127 : 126;
    rec.io.endRun();
    engine.ios.delete(key);
    return;
  }
  void (async () => {
    const status = await waitExit(shimSys, started.pid);
    await finish(started.relays);
    rec.running = false;
    rec.exitCode = status;
    rec.io.endRun();
    engine.ios.delete(key);
    for (const w of [...rec.exitWaiters]) w();
    rec.exitWaiters.clear();
  })();
}
