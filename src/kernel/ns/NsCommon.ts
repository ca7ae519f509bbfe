/**
 * What every namespace shares (Linux's `struct ns_common`): a type and an inode number in nsfs.
 * `/proc/PID/ns/*`, `lsns`, `nsenter` and the UI's map all iterate namespaces through this shape.
 */
export type NsType = 'mnt' | 'net' | 'time' | 'cgroup' | 'pid' | 'user' | 'uts' | 'ipc';

/** Order of `ls /proc/self/ns` entries (alphabetical, as the kernel lists them). */
export const NS_FILES = [
  'cgroup', 'ipc', 'mnt', 'net', 'pid', 'pid_for_children', 'time', 'time_for_children', 'user', 'uts',
] as const;
export type NsFile = (typeof NS_FILES)[number];

/**
 * The kernel's initial namespaces have fixed inode numbers (include/linux/proc_ns.h: PROC_IPC_INIT_INO
 * 0xEFFFFFFF down to PROC_TIME_INIT_INO 0xEFFFFFFA); the initial mnt and net namespaces take the
 * first two dynamically allocated numbers.
 */
export const INITIAL_INUM: Record<NsType, number> = {
  mnt: 4026531832, net: 4026531833, time: 4026531834, cgroup: 4026531835,
  pid: 4026531836, user: 4026531837, uts: 4026531838, ipc: 4026531839,
};

export interface Namespace {
  readonly type: NsType;
  readonly inum: number;
  /** Owning user namespace (every namespace has one). */
  readonly owner: Namespace | null;
}

/** Hands out nsfs inode numbers for new namespaces, upwards from where a booted kernel is. */
export class NsInumAllocator {
  private next = 4026532160;
  alloc(): number { return this.next++; }
}
