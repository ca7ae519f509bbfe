import type { PidNamespace } from '../ns/PidNamespace.ts';
import type { DirInode, SuperBlock } from '../vfs/inode.ts';

/**
 * Linux's `struct pid`: one number per pid-namespace level, from the root namespace (index 0) down to
 * the namespace the task was created in. Process groups and sessions refer to their leader's Pid, so
 * `NSpgid`/`NSsid` can be printed per level even after the leader is gone.
 */
export class Pid {
  /**
   * The /proc/PID directories made for this pid, one per procfs instance that looked it up (Linux's
   * pid->inodes): found from the pid itself, and gone with it. The first is kept apart from the
   * rest, as most pids are only ever seen through one procfs.
   */
  private procDir: DirInode | undefined = undefined;
  private moreProcDirs: DirInode[] | undefined = undefined;
  /** numbers[0], the number in the initial namespace every pid has (nrIn's usual answer, one load away). */
  private readonly ns0: PidNamespace | undefined;
  private readonly nr0: number;

  constructor(readonly numbers: ReadonlyArray<{ ns: PidNamespace; nr: number }>) {
    this.ns0 = numbers[0]?.ns;
    this.nr0 = numbers[0]?.nr ?? 0;
  }

  /** The namespace the pid was allocated in (its deepest level). */
  get ns(): PidNamespace { return this.numbers[this.numbers.length - 1].ns; }

  /** pid_nr_ns: the number as seen from `ns`, or 0 when the pid is invisible there. */
  nrIn(ns: PidNamespace): number {
    if (ns === this.ns0) return this.nr0;
    const entry = this.numbers[ns.level];
    return entry && entry.ns === ns ? entry.nr : 0;
  }

  /** The /proc/PID directory of procfs instance `sb`, if one was made (see addProcDir). */
  procDirOf(sb: SuperBlock): DirInode | undefined {
    const first = this.procDir;
    if (first === undefined || first.sb === sb) return first;
    const more = this.moreProcDirs;
    if (more) for (let i = 0; i < more.length; i++) if (more[i].sb === sb) return more[i];
    return undefined;
  }

  /** Keeps the /proc/PID directory made at the first lookup in its procfs instance. */
  addProcDir(d: DirInode): DirInode {
    if (this.procDir === undefined) this.procDir = d;
    else (this.moreProcDirs ??= []).push(d);
    return d;
  }

  /** The numbers from `ns`'s level down to the pid's own (what `NSpid:` prints). */
  nrsFrom(ns: PidNamespace): number[] {
    if (this.nrIn(ns) === 0) return [];
    return this.numbers.slice(ns.level).map((e) => e.nr);
  }
}
