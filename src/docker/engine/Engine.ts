import type { Kernel } from '../../kernel/Kernel.ts';
import { Sys } from '../../kernel/syscalls/Sys.ts';
import type { Task } from '../../kernel/task/Task.ts';
import type { Tty } from '../../kernel/tty/Tty.ts';
import { DaemonError } from '../../userland/commands/docker/api.ts';
import type { ImageStore } from '../images/store.ts';
import type { NetworkManager } from '../network/NetworkManager.ts';
import type { Container } from './Container.ts';
import type { ContainerIO } from './streams.ts';
import type { VolumeStore } from './volumes.ts';

/** A `docker exec` instance (daemon/exec.go ExecConfig). */
export interface ExecRecord {
  id: string;
  container: Container;
  args: string[];
  env: string[];
  cwd: string;
  user: string;
  tty: boolean;
  stdin: boolean;
  privileged: boolean;
  io: ContainerIO;
  pid: number;
  running: boolean;
  exitCode: number | null;
  exitWaiters: Set<() => void>;
}

/** What the shim reports for a process being created (containerd TaskCreate → TaskStart). */
export interface PendingCreate {
  resolve(pid: number, shim: Task): Promise<boolean>;
  fail(message: string): void;
}

/**
 * dockerd's in-memory state: containers, execs, images, networks, volumes. Behaviour lives in
 * create.ts, lifecycle.ts, exec.ts, inspect.ts and network/; everything that touches the machine
 * goes through the system calls of the daemon tasks (dockerd, containerd, the shims).
 */
export class Engine {
  readonly containers = new Map<string, Container>();
  readonly execs = new Map<string, ExecRecord>();
  /** Processes being created, by shim key (ID or ID/EXECID). */
  readonly pending = new Map<string, PendingCreate>();
  readonly ios = new Map<string, ContainerIO>();
  /** Keyed exit handlers for running processes (init and execs). */
  readonly onExit = new Map<string, (status: number) => void>();
  /** Terminal relays (attach with stdin to a tty): the client and the console it feeds. */
  readonly relays = new Set<{ caller: Task; console: () => Tty | null; live: () => boolean }>();
  networks!: NetworkManager;
  volumes!: VolumeStore;
  readonly startedAt: number;

  constructor(
    readonly kernel: Kernel,
    readonly dockerd: Task,
    readonly containerd: Task,
    readonly store: ImageStore,
  ) {
    this.startedAt = kernel.clock.now();
  }

  /**
   * Kernel.ttyIdleChecks: a terminal whose reader is a `docker run -it`/`attach`/`exec -it` client
   * is idle only while the container's own console waits for input too (else the container works).
   */
  relaysIdle(tty: Tty): boolean {
    for (const r of [...this.relays]) {
      if (!r.caller.alive || !r.live()) { this.relays.delete(r); continue; }
      if (r.caller.ctty !== tty) continue;
      const c = r.console();
      if (!c || c.blockedReaders === 0 || c.pendingInput > 0) return false;
    }
    return true;
  }

  /** The controlling terminal of the process with host pid `pid` (a container's console). */
  consoleOf(pid: number): Tty | null { return this.kernel.initPidNs.tasks.get(pid)?.ctty ?? null; }

  /** dockerd's own system calls. */
  get sys(): Sys { return new Sys(this.kernel, this.dockerd); }

  now(): number { return this.kernel.clock.now(); }

  /** GetContainer: full id, name (with or without '/'), or a unique id prefix. */
  find(ref: string): Container {
    const c = this.lookup(ref);
    if (!c) throw new DaemonError(404, `No such container: ${ref}`);
    return c;
  }

  lookup(ref: string): Container | undefined {
    if (!ref) return undefined;
    const byId = this.containers.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^\//, '');
    for (const c of this.containers.values()) if (c.name === name) return c;
    const matches = [...this.containers.values()].filter((c) => c.id.startsWith(ref));
    if (matches.length > 1) throw new DaemonError(400, `multiple IDs found with provided prefix: ${ref}`);
    return matches[0];
  }

  nameTaken(name: string): boolean {
    for (const c of this.containers.values()) if (c.name === name) return true;
    return false;
  }

  /** A fresh 64-hex id from the kernel's seeded random source (stringid.GenerateRandomID). */
  newId(): string {
    for (;;) {
      const id = this.kernel.random.hex(64);
      // Docker skips ids that are all digits in their short form (they would parse as numbers).
      if (!/^\d{12}/.test(id)) return id;
    }
  }
}
