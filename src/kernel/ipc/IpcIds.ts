import type { Pid } from '../task/Pid.ts';

export type IpcKind = 'msg' | 'shm' | 'sem';

/** struct kern_ipc_perm plus the per-kind fields /proc/sysvipc prints. Times are seconds since the epoch. */
export interface IpcObject {
  readonly kind: IpcKind;
  readonly key: number;
  readonly id: number;
  /** Permission bits (the low 9 bits of the creating call's flags). */
  mode: number;
  uid: number;
  gid: number;
  readonly cuid: number;
  readonly cgid: number;
  ctime: number;
  /** shm: segment size; sem: number of semaphores; msg: bytes queued (cbytes). */
  size: number;
  /** msg: messages queued; shm: attaches. */
  count: number;
  /** shm_cprid, or the last msgsnd/msgrcv/shmat caller (lspid/lrpid/lpid), kept as pids so every namespace sees its own number. */
  creator: Pid;
  last?: Pid;
  lastRecv?: Pid;
}

/** IPCMNI: the most objects of one kind a namespace holds (msgmni/shmmni/semmni default to less). */
const IPCMNI = 32768;

/**
 * struct ipc_ids: the objects of one kind in one IPC namespace. An id is `seq * 32768 + idx`
 * (ipc_buildid); idx is the lowest free slot, and the sequence number only advances when a slot at or
 * below the last one used is reused, so a fresh namespace hands out 0, 1, 2… and a reused slot gets
 * a new id (ipc_idr_alloc since Linux 5.x).
 */
export class IpcIds {
  private readonly bySlot = new Map<number, IpcObject>();
  private seq = 0;
  private lastIdx = -1;

  constructor(readonly limit: number) {}

  get size(): number { return this.bySlot.size; }

  /** The lowest free slot and the id it will carry, or null when the namespace is full (ENOSPC). */
  nextId(): number | null {
    if (this.bySlot.size >= this.limit) return null;
    let idx = 0;
    while (this.bySlot.has(idx)) idx++;
    if (idx <= this.lastIdx) this.seq = (this.seq + 1) % 65536;
    this.lastIdx = idx;
    return this.seq * IPCMNI + idx;
  }

  add(obj: IpcObject): void { this.bySlot.set(obj.id % IPCMNI, obj); }

  /** ipc_obtain_object_check: the slot must hold this exact id (a stale id fails with EINVAL). */
  byId(id: number): IpcObject | undefined {
    const obj = id >= 0 ? this.bySlot.get(id % IPCMNI) : undefined;
    return obj?.id === id ? obj : undefined;
  }

  byKey(key: number): IpcObject | undefined {
    for (const o of this.bySlot.values()) if (o.key === key) return o;
    return undefined;
  }

  remove(obj: IpcObject): void { this.bySlot.delete(obj.id % IPCMNI); }

  /** In slot order, as the /proc/sysvipc files walk the idr. */
  list(): IpcObject[] { return [...this.bySlot.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o); }
}

/** The defaults of kernel.msgmni, kernel.shmmni and kernel.sem's SEMMNI. */
export function newIpcIds(): Record<IpcKind, IpcIds> {
  return { msg: new IpcIds(32000), shm: new IpcIds(4096), sem: new IpcIds(32000) };
}
