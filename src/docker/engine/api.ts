import type { Task } from '../../kernel/task/Task.ts';
import {
  DaemonError, type Attachment, type ContainerSummary, type CreateRequest, type DockerApi, type ExecRequest, type Json,
} from '../../userland/commands/docker/api.ts';
import { stopContainer, restartContainer, waitContainer, parseSignal } from './control.ts';
import { createContainer } from './create.ts';
import type { Engine } from './Engine.ts';
import { execCreate, execStart } from './exec.ts';
import { inspectContainer, summary } from './inspect.ts';
import { killContainer, removeContainer, startContainer } from './lifecycle.ts';
import { ObjectsApi } from './apiObjects.ts';
import { openReader } from './streams.ts';
import { containerTop } from './top.ts';

/**
 * The Engine API bound to the connecting process (one "HTTP connection" to /var/run/docker.sock).
 * Calls that wait (stop, wait, attach reads) block that process in the kernel.
 */
export class ClientApi extends ObjectsApi implements DockerApi {
  constructor(engine: Engine, readonly caller: Task) { super(engine, caller); }

  async containerCreate(req: CreateRequest): Promise<{ Id: string; Warnings: string[] }> {
    const c = await createContainer(this.engine, req);
    const warnings: string[] = [];
    if (c.hostConfig.NetworkMode === 'host' && Object.keys(c.hostConfig.PortBindings).length) warnings.push('Published ports are discarded when using host network mode');
    return { Id: c.id, Warnings: warnings };
  }

  async containerStart(id: string): Promise<void> { await startContainer(this.engine, this.engine.find(id)); }

  containerStop(id: string, timeout?: number, signal?: string): Promise<void> {
    return stopContainer(this.engine, this.caller, this.engine.find(id), timeout ?? 10, signal);
  }

  containerRestart(id: string, timeout?: number): Promise<void> {
    return restartContainer(this.engine, this.caller, this.engine.find(id), timeout ?? 10);
  }

  containerKill(id: string, signal?: string): void {
    const c = this.engine.find(id);
    killContainer(this.engine, c, parseSignal(signal, 9));
  }

  containerRemove(id: string, opts: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    return removeContainer(this.engine, this.engine.find(id), opts);
  }

  async containerWait(id: string, condition?: 'not-running' | 'next-exit' | 'removed'): Promise<{ StatusCode: number }> {
    return { StatusCode: await waitContainer(this.engine, this.caller, this.engine.find(id), condition) };
  }

  containerList(opts: { all?: boolean } = {}): ContainerSummary[] {
    return [...this.engine.containers.values()].filter((c) => opts.all || c.running)
      .sort((a, b) => b.created - a.created).map((c) => summary(this.engine, c));
  }

  containerInspect(id: string): { [k: string]: Json } { return inspectContainer(this.engine, this.engine.find(id)); }

  containerTop(id: string, psArgs?: string): Promise<{ Titles: string[]; Processes: string[][] }> {
    const c = this.engine.find(id);
    if (!c.running) throw new DaemonError(409, `container ${c.id} is not running`);
    return containerTop(this.engine, c, psArgs ?? '-ef');
  }

  containerLogs(id: string, opts: { follow?: boolean; stdout?: boolean; stderr?: boolean }): Attachment {
    const c = this.engine.find(id);
    return openReader(this.engine.kernel, this.caller, c.io, {
      from: 0, untilRun: opts.follow ? (c.running ? c.io.started : c.io.finished) : -Infinity,
      streams: { stdout: opts.stdout ?? true, stderr: opts.stderr ?? true }, stdin: false,
    });
  }

  containerAttach(id: string, opts: { stdin?: boolean; stdout?: boolean; stderr?: boolean; logs?: boolean }): Attachment {
    const c = this.engine.find(id);
    if (opts.stdin && c.config.Tty) {
      const until = c.running ? c.io.started : c.io.started + 1;
      this.engine.relays.add({ caller: this.caller, console: () => (c.running ? this.engine.consoleOf(c.state.Pid) : null), live: () => c.io.finished < until });
    }
    return openReader(this.engine.kernel, this.caller, c.io, {
      from: opts.logs ? 0 : c.io.chunks.length, untilRun: c.running ? c.io.started : c.io.started + 1,
      streams: { stdout: opts.stdout ?? true, stderr: opts.stderr ?? true }, stdin: !!opts.stdin,
    });
  }

  containerRename(id: string, name: string): void {
    const c = this.engine.find(id);
    const n = name.replace(/^\//, '');
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(n)) throw new DaemonError(400, `Invalid container name (${n}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    const other = this.engine.lookup(n);
    if (other && other.name === n) throw new DaemonError(409, `Conflict. The container name "/${n}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    c.name = n;
  }

  containerPort(id: string): Array<{ port: string; host: Array<{ HostIp: string; HostPort: string }> }> {
    const c = this.engine.find(id);
    return c.ports.map((p) => ({ port: `${p.ctrPort}/${p.proto}`, host: [{ HostIp: p.hostIp, HostPort: String(p.hostPort) }] }));
  }

  execCreate(id: string, req: ExecRequest): { Id: string } { return { Id: execCreate(this.engine, id, req).id }; }

  async execStart(execId: string): Promise<Attachment> {
    const rec = this.engine.execs.get(execId);
    if (!rec) throw new DaemonError(404, `No such exec instance: ${execId}`);
    const att = openReader(this.engine.kernel, this.caller, rec.io, { from: 0, untilRun: 1, streams: { stdout: true, stderr: true }, stdin: rec.stdin });
    if (rec.stdin && rec.tty) this.engine.relays.add({ caller: this.caller, console: () => (rec.running ? this.engine.consoleOf(rec.pid) : null), live: () => rec.io.finished < 1 });
    await execStart(this.engine, rec);
    return att;
  }

  execInspect(execId: string): { ExitCode: number | null; Running: boolean; Pid: number } {
    const rec = this.engine.execs.get(execId);
    if (!rec) throw new DaemonError(404, `No such exec instance: ${execId}`);
    return { ExitCode: rec.exitCode, Running: rec.running, Pid: rec.pid };
  }
}
