import { SIG } from '../constants.ts';
import type { Kernel } from '../Kernel.ts';
import { TaskExit, type Task } from './Task.ts';
import { sendSignal } from './signals.ts';

/**
 * do_exit (kernel/exit.c): close files, kill the namespace if this was its init, hand children to
 * the reaper, become a zombie and tell the parent. `status` is the wait4 encoding.
 */
export function doExit(kernel: Kernel, task: Task, status: number): void {
  if (!task.alive) return;
  task.exitStatus = status;
  task.state = 'Z';
  task.vszKb = 0;
  task.rssKb = 0;
  for (const b of [...task.blockers]) b.reject(new TaskExit(task));
  task.blockers.clear();
  task.continueWaiters.wake();
  task.fdTable.closeAll();
  kernel.releaseCtty(task);

  // pid_namespaces(7): when init terminates, the kernel SIGKILLs every other process in the namespace.
  const ns = task.pidNs;
  if (ns.childReaper === task) {
    ns.dead = true;
    for (const t of [...ns.tasks.values()]) if (t !== task) sendSignal(kernel, t, SIG.SIGKILL, true);
  }

  reparentChildren(kernel, task);

  const parent = task.parent;
  const autoreap = !parent || parent.reapsChildren || parent.handlers.get(SIG.SIGCHLD) === 'ignore' || !parent.alive;
  if (autoreap) release(kernel, task);
  else {
    sendSignal(kernel, parent, SIG.SIGCHLD);
    kernel.childStateChanged(task);
  }
  kernel.taskExited(task);
}

/**
 * forget_original_parent: children go to the init of the dying task's pid namespace, or — when the
 * dying task is that init — to the reaper of the parent namespace (they are being killed anyway).
 */
function reparentChildren(kernel: Kernel, task: Task): void {
  if (task.children.size === 0) return;
  let ns = task.pidNs;
  let reaper = ns.childReaper;
  while (reaper === task || (reaper && !reaper.alive)) {
    if (!ns.parent) { reaper = null; break; }
    ns = ns.parent;
    reaper = ns.childReaper;
  }
  for (const child of [...task.children]) {
    task.children.delete(child);
    child.parent = reaper;
    if (!reaper) { if (!child.alive) release(kernel, child); continue; }
    reaper.children.add(child);
    if (!child.alive) kernel.childStateChanged(child);
  }
}

/** release_task: a reaped zombie frees its pid numbers at every level. */
export function release(kernel: Kernel, task: Task): void {
  task.state = 'X';
  task.parent?.children.delete(task);
  for (const { ns, nr } of task.pid.numbers) if (ns.tasks.get(nr) === task) ns.tasks.delete(nr);
  kernel.removeTask(task);
  kernel.namespacesChanged();
}
