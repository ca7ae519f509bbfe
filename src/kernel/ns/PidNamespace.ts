import type { Task } from '../task/Task.ts';
import type { Namespace } from './NsCommon.ts';

/** Linux's default pid_max on a 64-bit systemd host, and for every new pid namespace since 6.14. */
export const DEFAULT_PID_MAX = 4194304;

/**
 * A pid namespace (kernel/pid_namespace.c). Owns the pid numbers of its level; a task has one pid
 * in its own namespace and in every ancestor (see Task.pids).
 */
export class PidNamespace implements Namespace {
  readonly type = 'pid' as const;
  readonly level: number;
  /** pid number → task, for tasks that have a pid at this level. */
  readonly tasks = new Map<number, Task>();
  /** The namespace's init (pid 1); when it exits every task in the namespace is killed. */
  childReaper: Task | null = null;
  /** Per-namespace since Linux 6.14: /proc/sys/kernel/pid_max. */
  pidMax = DEFAULT_PID_MAX;
  /** After init died no new pid can be allocated (alloc_pid fails with ENOMEM, as in Linux). */
  dead = false;
  private lastPid = 0;

  constructor(readonly inum: number, readonly parent: PidNamespace | null, readonly owner: Namespace | null) {
    this.level = parent ? parent.level + 1 : 0;
  }

  /** alloc_pid: next free number after the last one handed out, wrapping at pid_max (Linux skips 1..299 on wrap). */
  allocPid(): number {
    for (let tries = 0; tries < this.pidMax; tries++) {
      let pid = this.lastPid + 1;
      if (pid >= this.pidMax) pid = this.level === 0 ? 300 : 2;
      this.lastPid = pid;
      if (!this.tasks.has(pid)) return pid;
    }
    return -1;
  }

  /** Used by fixtures that reproduce a running host with gaps between pids. */
  setLastPid(pid: number): void { this.lastPid = pid; }

  /** Whether `other` is this namespace or one nested below it. */
  isAncestorOf(other: PidNamespace): boolean {
    for (let ns: PidNamespace | null = other; ns; ns = ns.parent) if (ns === this) return true;
    return false;
  }
}
