import { KernelError } from '../errno.ts';
import { defaultAction, SIG } from '../constants.ts';
import type { Kernel } from '../Kernel.ts';
import type { Pid } from './Pid.ts';
import { TaskExit, type Task } from './Task.ts';
import { doExit } from './exit.ts';

/**
 * send_signal + the default actions of signal(7). Caught signals run their handler at once and
 * interrupt a blocking call with EINTR; the init of a pid namespace ignores signals it has no handler
 * for, except SIGKILL/SIGSTOP sent from an ancestor namespace (pid_namespaces(7)).
 */
export function sendSignal(kernel: Kernel, task: Task, sig: number, fromAncestorNs = true): void {
  if (!task.alive || sig === 0) return;
  const isInit = task.pidNs.childReaper === task && !task.kthread;
  if (task.kthread) return; // kernel threads ignore signals
  if (sig === SIG.SIGCONT) resume(task);
  const disp = task.handlers.get(sig) ?? 'default';
  const forced = sig === SIG.SIGKILL || sig === SIG.SIGSTOP;
  if (!forced && disp === 'ignore') return;
  if (!forced && typeof disp === 'function') {
    for (const b of task.blockers) if (b.interruptible) b.reject(new KernelError('EINTR'));
    disp(sig);
    return;
  }
  // sig_task_ignored(): an init drops default-action signals, unless SIGKILL/SIGSTOP comes from an ancestor.
  if (isInit && !(forced && fromAncestorNs)) return;
  const action = sig === SIG.SIGKILL ? 'term' : sig === SIG.SIGSTOP ? 'stop' : defaultAction(sig);
  switch (action) {
    case 'ign':
    case 'cont':
      return;
    case 'stop':
      stop(kernel, task, sig);
      return;
    case 'term':
    case 'core':
      doExit(kernel, task, sig | (action === 'core' ? 0x80 : 0));
      return;
  }
}

function stop(kernel: Kernel, task: Task, sig: number): void {
  if (task.state === 'T') return;
  task.state = 'T';
  task.stopSignal = sig;
  task.stopReported = false;
  kernel.childStateChanged(task);
}

function resume(task: Task): void {
  if (task.state !== 'T') return;
  task.state = 'S';
  task.continueReported = false;
  task.continueWaiters.wake();
}

/** Signal every member of a process group (kill(-pgid), the tty's ^C). */
export function signalGroup(kernel: Kernel, pgrp: Pid, sig: number): void {
  for (const t of kernel.tasks) if (t.pgrp === pgrp && t.alive) sendSignal(kernel, t, sig);
}

/** Called at the end of every blocking wait: a stopped task waits here for SIGCONT. */
export async function waitWhileStopped(task: Task): Promise<void> {
  while (task.state === 'T') {
    await new Promise<void>((resolve) => task.continueWaiters.add(resolve));
  }
  if (!task.alive) throw new TaskExit(task);
}
