import type { MountNamespace } from '../vfs/MountNamespace.ts';
import type { NetNamespace } from '../net/NetNamespace.ts';
import type { PidNamespace } from './PidNamespace.ts';
import type { CgroupNamespace, IpcNamespace, TimeNamespace, UtsNamespace } from './simple.ts';

/**
 * Linux's `struct nsproxy`: the namespaces a task uses, shared between tasks until one of them
 * unshares. The pid namespace a task *is in* is fixed at creation (Task.pidNs); this holds only the
 * one its future children go into (`pid_for_children`), as in the kernel.
 */
export interface NsProxy {
  readonly uts: UtsNamespace;
  readonly ipc: IpcNamespace;
  readonly mnt: MountNamespace;
  readonly net: NetNamespace;
  readonly cgroup: CgroupNamespace;
  readonly pidForChildren: PidNamespace;
  readonly timeForChildren: TimeNamespace;
}
