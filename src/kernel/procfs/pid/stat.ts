import type { Kernel } from '../../Kernel.ts';
import type { PidNamespace } from '../../ns/PidNamespace.ts';
import type { Task } from '../../task/Task.ts';
import type { Tty } from '../../tty/Tty.ts';

/** USER_HZ: /proc reports times in clock ticks of 1/100 s. */
export const HZ = 100;

/** new_encode_dev: how tty_nr packs major/minor. */
export function encodeDev([major, minor]: [number, number]): number {
  return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
}

export function ttyNr(tty: Tty | null): number { return tty ? encodeDev(tty.rdev) : 0; }

/** The state letter /proc prints; a sleeping kernel thread with no work is `I` (idle). */
export function stateLetter(t: Task): string { return t.state; }

export function startTicks(kernel: Kernel, t: Task): number {
  return Math.max(0, Math.floor((t.startTime - kernel.bootTime) / (1000 / HZ)));
}

/** /proc/PID/stat (fs/proc/array.c do_task_stat), numbers as seen from the procfs's namespace. */
export function procStat(kernel: Kernel, ns: PidNamespace, t: Task): string {
  const tty = t.ctty;
  const k = t.kthread;
  // Kernel threads inherit the idle task's process group and session: 0.
  return `${t.pid.nrIn(ns)} (${t.comm}) ${stateLetter(t)} ${t.parent ? t.parent.pid.nrIn(ns) : 0} ` +
    `${k ? 0 : t.pgrp.nrIn(ns)} ${k ? 0 : t.session.nrIn(ns)} ${ttyNr(tty)} ${tty?.fgPgrp ? tty.fgPgrp.nrIn(ns) : -1} ` +
    `${k ? 0x208040 : 0x400100} 0 0 0 0 ${Math.floor(t.cpuMs / 10)} 0 0 0 ${20 + t.nice} ${t.nice} ${t.nlwp} 0 ` +
    `${startTicks(kernel, t)} ${t.vszKb * 1024} ${Math.floor(t.rssKb / 4)} 18446744073709551615 ${k ? 0 : 1} ${k ? 0 : 1} ` +
    '0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
}
