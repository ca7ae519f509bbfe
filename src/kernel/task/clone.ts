import { CLONE_NEWPID } from '../constants.ts';
import { KernelError } from '../errno.ts';
import type { Kernel } from '../Kernel.ts';
import { createNamespaces, enterUserNs, remapFs } from '../ns/createNamespaces.ts';
import type { PidNamespace } from '../ns/PidNamespace.ts';
import type { CloneOptions, SysApi } from '../syscalls/SysApi.ts';
import { Pid } from './Pid.ts';
import { Task } from './Task.ts';

/**
 * copy_process (kernel/fork.c). The child runs `entry` (our stand-in for "return 0 in the child").
 * With CLONE_NEWPID the child is the first process of a new namespace: pid 1 there, and its reaper.
 */
export function doClone(kernel: Kernel, parent: Task, entry: (sys: SysApi) => Promise<number>, opts: CloneOptions = {}): Task {
  const flags = opts.flags ?? 0;
  if (kernel.tasks.size >= kernel.maxTasks) throw new KernelError('EAGAIN');
  const uid = parent.cred.uid;
  if (uid !== 0 && (kernel.tasksPerUid.get(uid) ?? 0) >= kernel.maxTasksPerUser) throw new KernelError('EAGAIN');
  const { nsproxy, mountMap, userNs } = createNamespaces(kernel, parent, flags);
  const pidNs = nsproxy.pidForChildren;
  const pid = allocPid(pidNs);

  const child = new Task({
    comm: opts.comm ?? parent.comm, cred: parent.cred, userNs: parent.userNs, nsproxy,
    startTime: kernel.clock.now(),
  });
  child.seccomp = parent.seccomp;
  enterUserNs(child, userNs);
  child.pid = pid;
  for (const { ns, nr } of pid.numbers) ns.tasks.set(nr, child);
  if (flags & CLONE_NEWPID || !pidNs.childReaper) pidNs.childReaper ??= child;
  child.argv = [...parent.argv];
  child.environ = parent.environ;
  child.exe = parent.exe;
  child.vszKb = parent.vszKb;
  child.rssKb = Math.max(1, Math.round(parent.rssKb * 0.4));
  child.nice = parent.nice;
  child.fs = { root: parent.fs.root, cwd: parent.fs.cwd, umask: parent.fs.umask };
  if (mountMap) remapFs(child, mountMap);
  child.fdTable = parent.fdTable.clone();
  if (opts.fds) {
    const table = parent.fdTable;
    const next = child.fdTable;
    next.closeAll();
    for (const [cfd, pfd] of Object.entries(opts.fds)) next.set(Number(cfd), table.get(pfd));
  }
  child.ctty = parent.ctty;
  child.session = parent.session;
  child.pgrp = parent.pgrp;
  for (const [sig, d] of parent.handlers) child.setDisposition(sig, d);
  // A fresh namespace's init has no session or group visible inside; it keeps the caller's, as Linux does.
  child.parent = parent;
  parent.children.add(child);
  if (opts.pgid !== undefined) kernel.setpgid(parent, child, opts.pgid === 0 ? child.pid : undefined, opts.pgid);
  kernel.addTask(child);
  kernel.namespacesChanged();
  kernel.run(child, entry);
  return child;
}

/** alloc_pid: one number per level, from the root namespace down to `ns`. */
export function allocPid(ns: PidNamespace): Pid {
  const chain: PidNamespace[] = [];
  for (let n: PidNamespace | null = ns; n; n = n.parent) chain.unshift(n);
  if (ns.dead) throw new KernelError('ENOMEM');
  const numbers = chain.map((n) => {
    const nr = n.allocPid();
    if (nr < 0) throw new KernelError('EAGAIN');
    return { ns: n, nr };
  });
  return new Pid(numbers);
}
