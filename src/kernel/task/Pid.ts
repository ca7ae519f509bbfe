import type { PidNamespace } from '../ns/PidNamespace.ts';
import type { DirInode } from '../vfs/inode.ts';

/**
 * Linux's `struct pid`: one number per pid-namespace level, from the root namespace (index 0) down to
 * the namespace the task was created in. Process groups and sessions refer to their leader's Pid, so
 * `NSpgid`/`NSsid` can be printed per level even after the leader is gone.
 */
export class Pid {
  /**
   * The /proc/PID directories made for this pid, one per procfs instance that looked it up (Linux's
   * pid->inodes): found from the pid itself, and gone with it.
   */
  procDirs: DirInode[] | undefined = undefined;

  constructor(readonly numbers: ReadonlyArray<{ ns: PidNamespace; nr: number }>) {}

  /** The namespace the pid was allocated in (its deepest level). */
  get ns(): PidNamespace { return this.numbers[this.numbers.length - 1].ns; }

  /** pid_nr_ns: the number as seen from `ns`, or 0 when the pid is invisible there. */
  nrIn(ns: PidNamespace): number {
    const entry = this.numbers[ns.level];
    return entry && entry.ns === ns ? entry.nr : 0;
  }

  /** The numbers from `ns`'s level down to the pid's own (what `NSpid:` prints). */
  nrsFrom(ns: PidNamespace): number[] {
    if (this.nrIn(ns) === 0) return [];
    return this.numbers.slice(ns.level).map((e) => e.nr);
  }
}
