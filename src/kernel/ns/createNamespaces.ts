import {
  CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWTIME, CLONE_NEWUSER, CLONE_NEWUTS,
} from '../constants.ts';
import { KernelError } from '../errno.ts';
import type { Kernel } from '../Kernel.ts';
import { ALL_CAPS } from '../task/Credentials.ts';
import type { Task } from '../task/Task.ts';
import type { Mount } from '../vfs/Mount.ts';
import type { NsProxy } from './NsProxy.ts';
import { PidNamespace } from './PidNamespace.ts';
import { CgroupNamespace, IpcNamespace, TimeNamespace, UserNamespace, UtsNamespace } from './simple.ts';
import { nsCapable } from './userns.ts';

export const NS_FLAGS = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_NEWTIME | CLONE_NEWUSER;

/** user_namespaces(7): nesting is limited to 32 levels (EUSERS beyond). */
const MAX_USERNS_LEVEL = 32;

export interface NewNamespaces {
  nsproxy: NsProxy;
  mountMap?: Map<Mount, Mount>;
  /** After CLONE_NEWUSER: the new user namespace, in which the task holds every capability. */
  userNs?: UserNamespace;
}

/**
 * create_new_namespaces (kernel/nsproxy.c): copy the caller's nsproxy, replacing each namespace whose
 * CLONE_NEW* flag is set. CLONE_NEWUSER needs no privilege (Arch enables unprivileged user
 * namespaces) and comes first, so the other new namespaces are owned by it and the CAP_SYS_ADMIN
 * they need is checked there: `unshare -r -n` works for anyone, `unshare -n` alone does not.
 */
export function createNamespaces(kernel: Kernel, task: Task, flags: number): NewNamespaces {
  const old = task.nsproxy;
  if (flags & ~NS_FLAGS) throw new KernelError('EINVAL');
  // Docker's default seccomp profile allows namespace creation only with CAP_SYS_ADMIN.
  if (flags & NS_FLAGS && task.seccomp === 'builtin' && !task.cred.caps.has('CAP_SYS_ADMIN')) throw new KernelError('EPERM');
  let userNs: UserNamespace | undefined;
  if (flags & CLONE_NEWUSER) {
    if (task.userNs.level >= MAX_USERNS_LEVEL) throw new KernelError('EUSERS');
    userNs = new UserNamespace(kernel.allocInum(), task.userNs, task.cred.euid);
  }
  const owner = userNs ?? task.userNs;
  const others = flags & NS_FLAGS & ~CLONE_NEWUSER;
  // copy_namespaces: no new namespace shares the parent's nsproxy (get_nsproxy) rather than copying it.
  if (!userNs && !others) return { nsproxy: old, mountMap: undefined, userNs: undefined };
  if (others && !userNs && !nsCapable(task, owner, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
  // copy_pid_ns: a new pid namespace only below the caller's own (so not a second unshare -p, nor
  // clone(CLONE_NEWPID) after unshare(CLONE_NEWPID) or setns to a pid namespace).
  if (flags & CLONE_NEWPID && old.pidForChildren !== task.pidNs) throw new KernelError('EINVAL');
  let mountMap: Map<Mount, Mount> | undefined;
  let mnt = old.mnt;
  if (flags & CLONE_NEWNS) {
    const copy = old.mnt.copy(kernel.allocInum(), owner);
    mnt = copy.ns;
    mountMap = copy.map;
  }
  // Same order as create_new_namespaces() (kernel/nsproxy.c): mnt, uts, ipc, pid, cgroup, net, time,
  // so inode numbers of a new set come out in the order real tools list them.
  const uts = flags & CLONE_NEWUTS ? new UtsNamespace(kernel.allocInum(), owner, old.uts.hostname, old.uts.domainname) : old.uts;
  const ipc = flags & CLONE_NEWIPC ? new IpcNamespace(kernel.allocInum(), owner) : old.ipc;
  const pidForChildren = flags & CLONE_NEWPID ? new PidNamespace(kernel.allocInum(), old.pidForChildren, owner) : old.pidForChildren;
  const cgroup = flags & CLONE_NEWCGROUP ? new CgroupNamespace(kernel.allocInum(), owner) : old.cgroup;
  const net = flags & CLONE_NEWNET ? kernel.createNetNamespace(owner) : old.net;
  const timeForChildren = flags & CLONE_NEWTIME ? new TimeNamespace(kernel.allocInum(), owner, old.timeForChildren.bootOffsetMs) : old.timeForChildren;
  const nsproxy: NsProxy = { mnt, uts, ipc, net, cgroup, pidForChildren, timeForChildren };
  return { nsproxy, mountMap, userNs };
}

/** Enter the new user namespace: full capabilities there, none anywhere else (cap_capable). */
export function enterUserNs(task: Task, userNs: UserNamespace | undefined): void {
  if (!userNs) return;
  task.userNs = userNs;
  task.cred = { ...task.cred, caps: new Set(ALL_CAPS) };
}

/** After CLONE_NEWNS the task's root and cwd move to the copies of the mounts they were on. */
export function remapFs(task: Task, map: Map<Mount, Mount>): void {
  const root = task.fs.root;
  const cwd = task.fs.cwd;
  task.fs = {
    ...task.fs,
    root: { mnt: map.get(root.mnt) ?? root.mnt, inode: root.inode },
    cwd: { mnt: map.get(cwd.mnt) ?? cwd.mnt, inode: cwd.inode, path: cwd.path },
  };
}
