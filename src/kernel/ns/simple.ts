import type { IdExtent, IdKind } from './userns.ts';
import { newIpcIds } from '../ipc/IpcIds.ts';
import type { Namespace } from './NsCommon.ts';

/** UTS namespace: hostname and NIS domain name (uname(2)). */
export class UtsNamespace implements Namespace {
  readonly type = 'uts' as const;
  constructor(readonly inum: number, readonly owner: Namespace | null, public hostname: string, public domainname = '(none)') {}
}

/** System V IPC objects (message queues, shared memory, semaphore sets) live here (ipc_namespaces(7)). */
export class IpcNamespace implements Namespace {
  readonly type = 'ipc' as const;
  readonly ids = newIpcIds();
  constructor(readonly inum: number, readonly owner: Namespace | null) {}
}

export class CgroupNamespace implements Namespace {
  readonly type = 'cgroup' as const;
  constructor(readonly inum: number, readonly owner: Namespace | null, readonly root = '/') {}
}

export class UserNamespace implements Namespace {
  readonly type = 'user' as const;
  readonly level: number;
  /** uid_map and gid_map; null until written (ids then read as 65534 inside). */
  readonly maps: Record<IdKind, IdExtent[] | null> = { uid: null, gid: null };
  /** /proc/PID/setgroups. */
  setgroupsAllowed = true;
  /** The effective uid (kernel id) of the task that created it: its owner (ns->owner). */
  constructor(readonly inum: number, readonly parent: UserNamespace | null, readonly creatorEuid = 0) {
    this.level = parent ? parent.level + 1 : 0;
  }
  get owner(): Namespace | null { return this.parent; }
}

/** Time namespace: offsets for CLOCK_MONOTONIC/BOOTTIME (only the boottime offset is used, by /proc/uptime). */
export class TimeNamespace implements Namespace {
  readonly type = 'time' as const;
  constructor(readonly inum: number, readonly owner: Namespace | null, public bootOffsetMs = 0) {}
}
