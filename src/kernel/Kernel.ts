import { Random, type Clock } from './clock.ts';
import { KernelError, isKernelError } from './errno.ts';
import { NetNamespace, type PernetOps } from './net/NetNamespace.ts';
import { Nsfs } from './ns/nsfs.ts';
import type { FsFactory } from './vfs/mountOps.ts';
import { INITIAL_INUM, NsInumAllocator, type Namespace } from './ns/NsCommon.ts';
import type { NsProxy } from './ns/NsProxy.ts';
import { PidNamespace } from './ns/PidNamespace.ts';
import { CgroupNamespace, IpcNamespace, TimeNamespace, UserNamespace, UtsNamespace } from './ns/simple.ts';
import { cachedImage, loadsInFlight, loadsSettled, readImage, trackLoad } from './loader.ts';
import type { ProgramFile, ProgramImage } from './program.ts';
import { TimerQueue, WaitQueue, type HostEnv } from './sched.ts';
import type { SysApi } from './syscalls/SysApi.ts';
import { Sys } from './syscalls/Sys.ts';
import { IpcCalls } from './ipc/calls.ts';
import { Credentials, rootCreds } from './task/Credentials.ts';
import { doExit } from './task/exit.ts';
import { Pid } from './task/Pid.ts';
import { signalGroup, waitWhileStopped } from './task/signals.ts';
import { afterExit, Task, TaskExit } from './task/Task.ts';
import { Devpts } from './tty/Devpts.ts';
import { VirtualConsole } from './tty/VirtualConsole.ts';
import type { Tty } from './tty/Tty.ts';
import { FdTable } from './vfs/FdTable.ts';
import type { Inode, SuperBlock } from './vfs/inode.ts';
import { MountNamespace } from './vfs/MountNamespace.ts';
import { PathWalker } from './vfs/path.ts';
import { TmpDir } from './vfs/tmpfs.ts';

export interface KernelOptions {
  clock: Clock;
  seed: number;
  host: HostEnv;
  hostname: string;
  /** Root filesystem of the initial mount namespace. */
  rootfs: { inode: Inode; sb: SuperBlock; flags: string[] };
  /** When the machine booted (epoch ms). */
  bootTime: number;
  release?: string;
  version?: string;
}

/**
 * The simulated kernel: owns every task, namespace, timer and terminal. Behaviour is spread over
 * task/, ns/, vfs/, procfs/, tty/ and net/; this class holds the shared state and the scheduler glue.
 */
export class Kernel {
  readonly clock: Clock;
  readonly random: Random;
  readonly host: HostEnv;
  readonly bootTime: number;
  readonly release: string;
  readonly version: string;
  readonly timers: TimerQueue;
  private readonly inums = new NsInumAllocator();

  /** Every task that has not been reaped. */
  readonly tasks = new Set<Task>();
  /** Fork-bomb guards: the system-wide task limit (kernel.threads-max) and, for non-root users, a
   * per-user one (RLIMIT_NPROC, `ulimit -u`). Both make fork fail with EAGAIN, as on Linux. */
  maxTasks = 4096;
  maxTasksPerUser = 1024;
  /** Live (unreaped) tasks per real uid, for RLIMIT_NPROC. */
  readonly tasksPerUid = new Map<number, number>();
  /** Executables by the name their files point at (the files' "ELF entry point"). */
  readonly programs = new Map<string, ProgramFile>();
  readonly pernetOps: PernetOps[] = [];
  readonly netNamespaces = new Set<NetNamespace>();
  /** Extension call tables (network stack, SysV IPC, docker's engine hooks) reached via sys.ext(name). */
  readonly extensions = new Map<string, (sys: Sys) => unknown>();
  /** Extensions whose code is still being read in (see loadExtension), by name. */
  readonly extensionLoads = new Map<string, Promise<void>>();
  readonly devpts: Devpts[] = [];
  /**
   * Extra conditions for a terminal whose reader is blocked to count as idle: a relay reading it
   * (`docker run -it`, `docker attach`) is only idle while what it relays to waits for input too.
   */
  readonly ttyIdleChecks: Array<(tty: Tty) => boolean> = [];
  readonly nsfs = new Nsfs();
  /** Mountable filesystem types (register_filesystem). */
  readonly filesystems = new Map<string, FsFactory>();
  /** Extra /proc/PID entries and /proc/sys/net entries contributed by subsystems (the network stack). */
  readonly procPidHooks: Array<(sb: SuperBlock, t: Task) => Record<string, () => Inode>> = [];
  readonly procSysNetHooks: Array<(sb: SuperBlock) => Record<string, () => Inode>> = [];
  readonly sysfsNetHooks: Array<(net: NetNamespace) => string[]> = [];
  /** The single devtmpfs instance (the kernel's own /dev), set at boot. */
  devtmpfs: { root: Inode; sb: SuperBlock } | null = null;
  /** Observers of namespace/task topology changes (the UI map). */
  private readonly topologyListeners = new Set<(task?: Task) => void>();

  readonly initUserNs: UserNamespace;
  readonly initPidNs: PidNamespace;
  readonly initNsProxy: NsProxy;
  /** Tasks currently yielding the CPU; settle() waits for them. */
  private yielding = 0;
  /** Tasks sleeping on a terminal's full output buffer, and the queue woken when one gets room. */
  private outputBlocked = 0;
  private readonly outputProgress = new WaitQueue();

  constructor(opts: KernelOptions) {
    this.clock = opts.clock;
    this.random = new Random(opts.seed);
    this.host = opts.host;
    this.bootTime = opts.bootTime;
    this.release = opts.release ?? '6.6.1-arch1-1';
    this.version = opts.version ?? '#1 SMP PREEMPT_DYNAMIC Mon, 20 Nov 2023 10:00:00 +0000';
    this.timers = new TimerQueue(opts.host, () => this.clock.now(), opts.clock.virtual);
    this.initUserNs = new UserNamespace(INITIAL_INUM.user, null);
    this.initPidNs = new PidNamespace(INITIAL_INUM.pid, null, this.initUserNs);
    const owner = this.initUserNs;
    const net = new NetNamespace(INITIAL_INUM.net, owner);
    this.netNamespaces.add(net);
    this.initNsProxy = {
      mnt: MountNamespace.create(INITIAL_INUM.mnt, owner, opts.rootfs.inode, opts.rootfs.sb, opts.rootfs.flags),
      uts: new UtsNamespace(INITIAL_INUM.uts, owner, opts.hostname),
      ipc: new IpcNamespace(INITIAL_INUM.ipc, owner),
      net,
      cgroup: new CgroupNamespace(INITIAL_INUM.cgroup, owner),
      pidForChildren: this.initPidNs,
      timeForChildren: new TimeNamespace(INITIAL_INUM.time, owner),
    };
    this.extensions.set('ipc', (sys) => new IpcCalls(this, (sys as Sys).task));
  }

  allocInum(): number { return this.inums.alloc(); }

  /**
   * request_module: `load` reads in the code that will register extension `name` (dockerd's engine).
   * Until it has, sys.extReady(name) sleeps and settle() counts it as I/O in flight; a load that
   * fails leaves the extension missing (the daemon "is not running").
   */
  loadExtension(name: string, load: Promise<unknown>): void {
    const done = trackLoad(load).then(() => undefined, () => undefined).finally(() => {
      if (this.extensionLoads.get(name) === done) this.extensionLoads.delete(name);
    });
    this.extensionLoads.set(name, done);
  }

  procPidExtras(sb: SuperBlock, t: Task): Record<string, () => Inode> {
    return Object.assign({}, ...this.procPidHooks.map((h) => h(sb, t)));
  }

  sysfsNetNames(net: NetNamespace): string[] {
    return this.sysfsNetHooks.flatMap((h) => h(net));
  }

  /** overlay mount data → directories, resolved in the mounting task's view. */
  resolveOverlayLayers(task: Task, data: string): { lowers: Inode[]; upper: TmpDir } {
    const opts = new Map(data.split(',').map((kv) => kv.split('=', 2) as [string, string]));
    const walker = new PathWalker(task.fs.root, task.fs.cwd, { task });
    const lowers = (opts.get('lowerdir') ?? '').split(':').filter(Boolean).map((p) => walker.resolve(p).inode);
    const upper = opts.get('upperdir') ? walker.resolve(opts.get('upperdir')!).inode : undefined;
    if (!lowers.length || lowers.some((l) => l.type !== 'dir') || !(upper instanceof TmpDir)) throw new KernelError('EINVAL');
    return { lowers, upper };
  }

  procSysNetEntries(sb: SuperBlock): Record<string, () => Inode> {
    return Object.assign({}, ...this.procSysNetHooks.map((h) => h(sb)));
  }

  /** register_pernet_subsys: run `ops.init` for every existing and future network namespace. */
  registerPernet(ops: PernetOps): void {
    this.pernetOps.push(ops);
    for (const ns of this.netNamespaces) ops.init(ns);
  }

  createNetNamespace(owner: Namespace | null): NetNamespace {
    const ns = new NetNamespace(this.allocInum(), owner);
    for (const ops of this.pernetOps) ops.init(ns);
    this.netNamespaces.add(ns);
    return ns;
  }

  /**
   * A task that is not forked from anyone: the initial processes a host profile reproduces (systemd,
   * kernel threads, daemons). `pidNr` pins its number in the initial namespace.
   */
  spawnInitial(opts: {
    pidNr: number; parent: Task | null; comm: string; argv: string[]; cred?: Credentials; kthread?: boolean;
    startTime: number; pgrp?: Task; session?: Task;
  }): Task {
    const task = new Task({ comm: opts.comm, cred: opts.cred ?? rootCreds(), userNs: this.initUserNs, nsproxy: this.initNsProxy, startTime: opts.startTime, kthread: opts.kthread });
    task.pid = new Pid([{ ns: this.initPidNs, nr: opts.pidNr }]);
    this.initPidNs.tasks.set(opts.pidNr, task);
    this.initPidNs.setLastPid(Math.max(opts.pidNr, 0));
    if (opts.pidNr === 1) this.initPidNs.childReaper = task;
    task.pgrp = opts.pgrp?.pid ?? task.pid;
    task.session = opts.session?.pid ?? task.pid;
    task.argv = opts.argv;
    const root = this.initNsProxy.mnt.root;
    task.fs = { root: { mnt: root, inode: root.root }, cwd: { mnt: root, inode: root.root, path: '/' }, umask: 0o022 };
    task.fdTable = new FdTable();
    task.reapsChildren = true;
    if (opts.parent) { task.parent = opts.parent; opts.parent.children.add(task); }
    this.addTask(task);
    return task;
  }

  addTask(task: Task): void {
    this.tasks.add(task);
    const uid = task.accountedUid;
    this.tasksPerUid.set(uid, (this.tasksPerUid.get(uid) ?? 0) + 1);
  }

  removeTask(task: Task): void {
    if (!this.tasks.delete(task)) return;
    const n = (this.tasksPerUid.get(task.accountedUid) ?? 1) - 1;
    if (n > 0) this.tasksPerUid.set(task.accountedUid, n); else this.tasksPerUid.delete(task.accountedUid);
  }

  /** Start (or keep) a program running as `task`; its end is the task's exit. */
  run(task: Task, entry: (sys: SysApi) => Promise<number>): void {
    const sys = new Sys(this, task);
    // A new task starts in a later macrotask, like a freshly forked process waiting to be scheduled:
    // a fork storm then yields to the event loop (terminal input, ^C) instead of starving it.
    this.yielding++;
    this.host.macrotask(() => {
      this.yielding--;
      if (!task.alive) return;
      Promise.resolve()
        .then(() => entry(sys))
        .then(
          (code) => doExit(this, task, (code & 0xff) << 8),
          (e) => {
            if (e instanceof TaskExit) return;
            // A program bug must not take the sandbox down: the process dies like a crashing binary.
            const msg = isKernelError(e) ? e.message : e instanceof Error ? e.message : String(e);
            sys.write(2, `${task.comm}: ${msg}\n`).catch(() => undefined).finally(() => doExit(this, task, 1 << 8));
          },
        );
    });
  }

  /**
   * The image for an execve of `file`: at once when it is in memory, else read in with the task in
   * uninterruptible sleep ('D', as a process waiting on disk in kernel_read at exec, visible in ps).
   * Signals are not acted on during the read: a fatal one has ended the task when it completes, a
   * stop leaves it stopped. A read that fails (a chunk the network did not deliver) is EIO.
   */
  async loadImage(task: Task, file: ProgramFile): Promise<ProgramImage> {
    const hit = cachedImage(file);
    if (hit) return hit;
    if (!task.alive) return afterExit();
    task.state = 'D';
    let image: ProgramImage;
    try {
      image = await readImage(file);
    } catch {
      throw new KernelError('EIO');
    } finally {
      if (task.state === 'D') task.state = 'R';
    }
    await waitWhileStopped(task);
    return image;
  }

  /**
   * Sleep until `register`'s wake callback fires. Signals with handlers interrupt with EINTR; exit
   * rejects with TaskExit; a stopped task stays asleep until SIGCONT.
   */
  async block(task: Task, register: (wake: () => void) => () => void, interruptible = true): Promise<void> {
    if (!task.alive) return afterExit();
    task.state = 'S';
    task.callsSinceSleep = 0;
    let unregister: () => void = () => undefined;
    const blocker = { reject: (_: unknown) => undefined as void, interruptible };
    try {
      await new Promise<void>((resolve, reject) => {
        blocker.reject = reject;
        task.blockers.add(blocker);
        unregister = register(resolve);
      });
    } finally {
      unregister();
      task.blockers.delete(blocker);
      if (task.state === 'S') task.state = 'R';
    }
    await waitWhileStopped(task);
  }

  /**
   * Sleep until a terminal's full output buffer has room. The terminal emulator drains it on its own
   * (no task of ours has to run), so settle() counts the sleeper as busy rather than idle. Only a
   * fatal signal cuts it short; a caught one runs its handler and the write goes on, as the write
   * restarts under SA_RESTART (bash's handlers) instead of failing with EINTR.
   */
  async blockOnOutput(task: Task, register: (wake: () => void) => () => void): Promise<void> {
    this.outputBlocked++;
    try {
      await this.block(task, (wake) => register(() => { wake(); this.outputProgress.wake(); }), false);
    } finally {
      this.outputBlocked--;
    }
  }

  /**
   * cond_resched at a system call boundary. Programs are coroutines: one that copies without ever
   * sleeping (cat /dev/zero > /dev/null, two tasks ping-ponging through a pipe) would only ever
   * resume in microtasks and starve the event loop, ^C included. After RESCHED_CALLS calls in a row
   * that did not sleep, the task waits for one macrotask. Counting calls (not wall time) keeps runs
   * on the virtual clock deterministic; the clock and CPU accounting are left alone.
   */
  resched(task: Task): Promise<void> | undefined {
    if (!task.alive) return afterExit();
    if (++task.callsSinceSleep < Kernel.RESCHED_CALLS) return undefined;
    return this.reschedNow(task);
  }

  /** The preemption point itself; callers await only this (one promise per RESCHED_CALLS calls). */
  private async reschedNow(task: Task): Promise<void> {
    task.callsSinceSleep = 0;
    this.yielding++;
    try {
      await new Promise<void>((r) => this.host.macrotask(r));
    } finally {
      this.yielding--;
    }
    await waitWhileStopped(task);
  }

  static readonly RESCHED_CALLS = 64;

  /** sched_yield for CPU-bound programs: let the event loop (and ^C) in, account a little CPU time. */
  async yieldCpu(task: Task): Promise<void> {
    if (!task.alive) return afterExit();
    task.callsSinceSleep = 0;
    this.yielding++;
    try {
      await new Promise<void>((r) => this.host.macrotask(r));
    } finally {
      this.yielding--;
    }
    task.cpuMs += 1;
    if (this.clock.virtual) this.clock.advance(1);
    await waitWhileStopped(task);
  }

  /** Wake the parent's waiters in wait4 (only them: a global queue would make every exit O(tasks)). */
  childStateChanged(task: Task): void {
    task.parent?.childEvents.wake();
    this.namespacesChanged();
  }

  taskExited(task: Task): void { this.namespacesChanged(task); }

  onTopologyChange(listener: (task?: Task) => void): () => void {
    this.topologyListeners.add(listener);
    return () => this.topologyListeners.delete(listener);
  }

  /**
   * Something that namespaces hang on changed. `task` is given when that task left its namespaces
   * (it exited, or unshare/setns gave it new ones): the only events after which a namespace that
   * task was seen in may have lost its last task.
   */
  namespacesChanged(task?: Task): void { for (const l of this.topologyListeners) l(task); }

  signalGroup(pgrp: Pid, sig: number): void { signalGroup(this, pgrp, sig); }

  /** A session leader that exits hangs up its controlling terminal's foreground group (tty_io.c disassociate_ctty). */
  releaseCtty(task: Task): void {
    const tty = task.ctty;
    if (!tty) return;
    if (tty.session === task.pid && task.session === task.pid) {
      if (tty.fgPgrp && tty.fgPgrp !== task.pgrp) signalGroup(this, tty.fgPgrp, 1);
      tty.session = null;
      tty.fgPgrp = null;
    }
  }

  /** setpgid(2) on behalf of `caller`: move `target` into the group led by `leader` (or numbered `nr`). */
  setpgid(caller: Task, target: Task, leader: Pid | undefined, nr: number): void {
    if (target !== caller && target.parent !== caller) throw new KernelError('ESRCH');
    if (target.session === target.pid) throw new KernelError('EPERM');
    if (leader) { target.pgrp = leader; return; }
    if (nr === 0 || nr === target.pid.nrIn(caller.pidNs)) { target.pgrp = target.pid; return; }
    for (const t of this.tasks) {
      if (t.session === target.session && t.pgrp.nrIn(caller.pidNs) === nr) { target.pgrp = t.pgrp; return; }
    }
    throw new KernelError('EPERM');
  }

  ttyIdle(tty: Tty): boolean { return this.ttyIdleChecks.every((check) => check(tty)); }

  /** Every namespace in use by a live task (for lsns and the map). */
  /** The virtual consoles opened so far (/dev/ttyN), made on first use. */
  private readonly consoles = new Map<number, VirtualConsole>();
  console(vt: number): VirtualConsole {
    let c = this.consoles.get(vt);
    if (!c) { c = new VirtualConsole(vt, { signalGroup: (p, s) => this.signalGroup(p, s) }); this.consoles.set(vt, c); }
    return c;
  }

  liveTtys(): Tty[] { return this.devpts.flatMap((d) => d.list()); }

  /**
   * Run until `isQuiet()` holds, nothing is runnable, no yielding task remains and no code is being
   * read in (loader.ts); with a virtual clock, fire due timers in between (time jumps to the next
   * timer when everyone sleeps, never while code loads). Returns false when it gave up: a program
   * still runs after `maxRounds` event-loop turns or once `giveUp` says so (the host's real-time
   * budget; it is told the wall milliseconds spent waiting for code, which are nobody's fault), or
   * everything sleeps with no timer pending while not quiet.
   */
  async settle(isQuiet: () => boolean, giveUp: (loadWaitMs: number) => boolean = () => false, maxRounds = 3000): Promise<boolean> {
    let loadWaitMs = 0;
    for (let round = 0; round < maxRounds && !giveUp(loadWaitMs); round++) {
      if (loadsInFlight()) {
        const t0 = Date.now();
        await loadsSettled();
        loadWaitMs += Date.now() - t0;
        round--;
        continue;
      }
      await new Promise<void>((r) => this.host.macrotask(r));
      if (loadsInFlight()) continue;
      if (this.yielding > 0) continue;
      if (this.outputBlocked > 0) {
        // Busy, but waiting for the terminal emulator to read: sleep until it does instead of spinning
        // (looking again now and then, for giveUp's sake).
        await new Promise<void>((r) => {
          const timer = this.host.setTimer(() => { forget(); r(); }, 50);
          const forget = this.outputProgress.add(() => { this.host.clearTimer(timer); r(); });
        });
        continue;
      }
      if (isQuiet()) return true;
      const due = this.timers.nextDue();
      if (due === undefined) return false;
      this.clock.advance(due - this.clock.now());
      this.timers.fireDue(this.clock.now());
    }
    return false;
  }
}
