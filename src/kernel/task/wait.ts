import { KernelError } from '../errno.ts';
import { WNOHANG, WUNTRACED, WCONTINUED } from '../constants.ts';
import type { Kernel } from '../Kernel.ts';
import type { WaitResult } from '../syscalls/SysApi.ts';
import type { Task } from './Task.ts';
import { release } from './exit.ts';

/** wait4(2): pid > 0 one child, -1 any child, 0 same process group, < -1 group -pid. */
export async function doWait(kernel: Kernel, task: Task, pid: number, options: number): Promise<WaitResult | null> {
  for (;;) {
    const candidates = [...task.children].filter((c) => matches(task, c, pid));
    if (candidates.length === 0) throw new KernelError('ECHILD');
    for (const c of candidates) {
      const nr = c.pid.nrIn(task.pidNs);
      if (c.state === 'Z') {
        release(kernel, c);
        return { pid: nr, status: c.exitStatus };
      }
      if (c.state === 'T' && !c.stopReported && options & WUNTRACED) {
        c.stopReported = true;
        return { pid: nr, status: (c.stopSignal << 8) | 0x7f };
      }
      if (!c.continueReported && options & WCONTINUED) {
        c.continueReported = true;
        return { pid: nr, status: 0xffff };
      }
    }
    if (options & WNOHANG) return null;
    await kernel.block(task, (wake) => task.childEvents.add(wake));
  }
}

function matches(waiter: Task, child: Task, pid: number): boolean {
  if (pid > 0) return child.pid.nrIn(waiter.pidNs) === pid;
  if (pid === -1) return true;
  if (pid === 0) return child.pgrp === waiter.pgrp;
  return child.pgrp.nrIn(waiter.pidNs) === -pid;
}

/** WIFEXITED/WEXITSTATUS/WIFSIGNALED/WTERMSIG/WIFSTOPPED helpers for userland. */
export const W = {
  ifExited: (s: number) => (s & 0x7f) === 0,
  exitStatus: (s: number) => (s >> 8) & 0xff,
  ifSignaled: (s: number) => (s & 0x7f) !== 0 && (s & 0x7f) !== 0x7f && s !== 0xffff,
  termSig: (s: number) => s & 0x7f,
  coreDumped: (s: number) => (s & 0x80) !== 0,
  ifStopped: (s: number) => (s & 0xff) === 0x7f,
  stopSig: (s: number) => (s >> 8) & 0xff,
  ifContinued: (s: number) => s === 0xffff,
};
