import type { NsProxy } from '../ns/NsProxy.ts';
import { WaitQueue } from '../sched.ts';
import type { PidNamespace } from '../ns/PidNamespace.ts';
import type { UserNamespace } from '../ns/simple.ts';
import type { SignalDisposition } from '../syscalls/SysApi.ts';
import type { Tty } from '../tty/Tty.ts';
import type { FdTable } from '../vfs/FdTable.ts';
import type { PathRef } from '../vfs/path.ts';
import type { Credentials } from './Credentials.ts';
import type { Pid } from './Pid.ts';

/**
 * Run state letters as /proc/PID/stat prints them. `R` running, `S` sleeping, `D` uninterruptible,
 * `T` stopped (job control), `Z` zombie, `X` dead, `I` idle kernel thread.
 */
export type TaskState = 'R' | 'S' | 'D' | 'T' | 'Z' | 'X' | 'I';

/** Thrown into a program's pending system calls once its task has exited; never caught by userland. */
export class TaskExit {
  constructor(readonly task: Task) {}
}

/**
 * do_exit never returns: a task that has exited runs no more code. Its blocked calls were failed with
 * TaskExit to unwind it; a program that swallows that (a catch-all retry loop such as
 * `for (;;) try { await wait4() } catch {}`) and calls again gets a call that never returns, so it
 * cannot spin the event loop forever.
 */
export function afterExit(): Promise<never> { return new Promise<never>(() => undefined); }

const NO_DISPOSITIONS: ReadonlyMap<number, SignalDisposition> = new Map();

/**
 * A process (struct task_struct; nsbox has no threads, so task = thread-group leader).
 * Data only: behaviour lives in clone.ts, exit.ts, signals.ts, wait.ts.
 */
export class Task {
  /** Owned by clone/exit: the pid numbers at every level; the task's pid namespace is pid.ns. */
  pid!: Pid;
  /** Process group and session leaders' pids (NSpgid/NSsid). */
  pgrp!: Pid;
  session!: Pid;
  parent: Task | null = null;
  /** Original parent before reparenting, kept for nothing but debugging. */
  readonly children = new Set<Task>();
  /** Linux's real_parent differs from parent only under ptrace; not modelled. */

  comm: string;
  argv: string[] = [];
  /**
   * The environment as execve copied it onto the new program's stack: `NAME=value\0` strings end to
   * end, what /proc/PID/environ shows. Forks share the parent's (strings are immutable).
   */
  environ = '';
  /** Path of the executable (/proc/PID/exe). */
  exe = '';
  cred: Credentials;
  userNs: UserNamespace;
  /** A seccomp filter (Docker's builtin profile), inherited by children and kept across execve. */
  seccomp: 'builtin' | null = null;
  nsproxy: NsProxy;

  state: TaskState = 'R';
  /** Kernel threads have no mm: VSZ/RSS 0 and an empty cmdline. */
  readonly kthread: boolean;
  nice = 0;
  /** Number of threads shown by `ps -o nlwp` and the `l` STAT flag. */
  nlwp = 1;
  memLocked = false;
  /** Memory figures in KiB, as /proc/PID/status reports them. */
  vszKb = 0;
  rssKb = 0;
  /** Epoch ms when started, and CPU time consumed (ms). */
  startTime: number;
  cpuMs = 0;

  fs!: { root: PathRef; cwd: PathRef & { path: string }; umask: number };
  fdTable!: FdTable;
  /** Controlling terminal of the session (set on the session leader when it acquires one). */
  ctty: Tty | null = null;

  /** Fixture daemons (systemd, sshd) stand for programs whose SIGCHLD handler reaps every child. */
  reapsChildren = false;
  /**
   * Signal dispositions other than the default, made at the first sigaction: most tasks never change
   * one (and /proc/PID/status reads them for every process ps lists).
   */
  private dispositions: Map<number, SignalDisposition> | undefined = undefined;
  /** Exit status as wait4 encodes it; set when the task becomes a zombie. */
  exitStatus = 0;
  /** Stopped state not yet reported to the parent via WUNTRACED; continued not yet reported. */
  stopReported = true;
  /** Signal that stopped the task (reported by wait4 with WUNTRACED). */
  stopSignal = 0;
  continueReported = true;
  /** Resolvers of blocking calls in progress; exit or a caught signal settles them. */
  readonly blockers = new Set<{ reject(e: unknown): void; interruptible: boolean }>();
  /** This task's sleepers in wait4, woken when one of its children changes state. */
  readonly childEvents = new WaitQueue();
  /** Waiters woken by SIGCONT. */
  readonly continueWaiters = new WaitQueue();
  /** System calls since the task last slept or yielded (Kernel.resched's preemption count). */
  callsSinceSleep = 0;

  constructor(opts: {
    comm: string; cred: Credentials; userNs: UserNamespace; nsproxy: NsProxy; startTime: number; kthread?: boolean;
  }) {
    // TASK_COMM_LEN is 16, but /proc shows kernel threads' full names (proc_task_name: workqueue
    // workers as `kworker/0:0H-kblockd`, long kthread names since 6.x), so only user tasks are cut.
    this.comm = opts.kthread ? opts.comm : opts.comm.slice(0, 15);
    this.cred = opts.cred;
    this.userNs = opts.userNs;
    this.nsproxy = opts.nsproxy;
    this.startTime = opts.startTime;
    this.kthread = !!opts.kthread;
    if (this.kthread) this.state = 'I';
  }

  /** The dispositions that are not the default (SIG_IGN or a handler). */
  get handlers(): ReadonlyMap<number, SignalDisposition> { return this.dispositions ?? NO_DISPOSITIONS; }

  /** sigaction: `default` forgets the signal's entry. */
  setDisposition(sig: number, d: SignalDisposition): void {
    if (d === 'default') this.dispositions?.delete(sig);
    else (this.dispositions ??= new Map()).set(sig, d);
  }

  /** The uid the task was counted under for RLIMIT_NPROC (credentials may change later). */
  get accountedUid(): number { return this.accounted ??= this.cred.uid; }
  private accounted: number | undefined;

  get pidNs(): PidNamespace { return this.pid.ns; }
  get alive(): boolean { return this.state !== 'Z' && this.state !== 'X'; }
  /** The pid as seen from inside the task's own namespace. */
  get nr(): number { return this.pid.nrIn(this.pid.ns); }
}
