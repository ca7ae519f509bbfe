import { KernelError } from '../errno.ts';
import type { Kernel } from '../Kernel.ts';
import type { Task } from '../task/Task.ts';
import type { IpcKind, IpcObject } from './IpcIds.ts';
import { ownerCapable } from '../ns/userns.ts';

export const IPC_PRIVATE = 0;
export const IPC_CREAT = 0o1000;
export const IPC_EXCL = 0o2000;

/** SHMMIN and SEMMSL (the defaults of kernel.shmmax are far beyond anything a sandbox asks). */
const SEMMSL = 32000;

/**
 * The System V IPC calls (msgget/shmget/semget and their IPC_RMID), reached through
 * `sys.ext<IpcCalls>('ipc')`. Every object belongs to the caller's IPC namespace: that is all there
 * is to IPC isolation (ipc_namespaces(7)); `docker run --ipc=host` simply shares the host's.
 */
export class IpcCalls {
  constructor(private readonly kernel: Kernel, private readonly task: Task) {}

  private get ids() { return this.task.nsproxy.ipc.ids; }

  /**
   * ipcget(): IPC_PRIVATE always creates; a key finds its object, or creates one with IPC_CREAT.
   * `arg` is shmget's size or semget's nsems (ignored for msgget).
   */
  get(kind: IpcKind, key: number, flags: number, arg = 0): number {
    const ids = this.ids[kind];
    const existing = key === IPC_PRIVATE ? undefined : ids.byKey(key);
    if (existing) {
      if ((flags & IPC_CREAT) && (flags & IPC_EXCL)) throw new KernelError('EEXIST');
      this.checkPerms(existing, flags);
      // shmget: a bigger size than the segment's; semget: more semaphores than the set has.
      if ((kind === 'shm' || kind === 'sem') && arg > existing.size) throw new KernelError('EINVAL');
      return existing.id;
    }
    if (key !== IPC_PRIVATE && !(flags & IPC_CREAT)) throw new KernelError('ENOENT');
    if (kind === 'shm' && arg < 1) throw new KernelError('EINVAL');
    if (kind === 'sem' && (arg < 1 || arg > SEMMSL)) throw new KernelError('EINVAL');
    const id = ids.nextId();
    if (id === null) throw new KernelError('ENOSPC');
    const c = this.task.cred;
    ids.add({
      kind, key, id, mode: flags & 0o777, uid: c.euid, gid: c.egid, cuid: c.euid, cgid: c.egid,
      ctime: Math.floor(this.kernel.clock.now() / 1000), size: kind === 'msg' ? 0 : arg, count: 0, creator: this.task.pid,
    });
    return id;
  }

  /** msgctl/shmctl/semctl(IPC_RMID): the owner, the creator or CAP_SYS_ADMIN (ipcctl_obtain_check). */
  rmid(kind: IpcKind, id: number): void {
    const obj = this.ids[kind].byId(id);
    if (!obj) throw new KernelError('EINVAL');
    const c = this.task.cred;
    if (c.euid !== obj.uid && c.euid !== obj.cuid && !ownerCapable(this.task, this.task.nsproxy.ipc, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
    this.ids[kind].remove(obj);
  }

  /** ipcperms(): the requested rwx bits against the owner/group/other bits, unless CAP_IPC_OWNER. */
  private checkPerms(obj: IpcObject, flags: number): void {
    const c = this.task.cred;
    const requested = ((flags >> 6) | (flags >> 3) | flags) & 0o7;
    let granted = obj.mode;
    if (c.euid === obj.uid || c.euid === obj.cuid) granted >>= 6;
    else if (c.groups.includes(obj.gid) || c.groups.includes(obj.cgid) || c.egid === obj.gid) granted >>= 3;
    if (requested & ~granted & 0o7 && !ownerCapable(this.task, this.task.nsproxy.ipc, 'CAP_IPC_OWNER')) throw new KernelError('EACCES');
  }
}
