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

/**
 * The parts of do_task_stat's line that are the same for every kernel thread, or for every user
 * task, as whole strings: flags through cmajflt, and rsslim to the end (startcode and endcode are 0
 * for a kernel thread; the rest is 0 but exit_signal, 17). A substitution in the template costs two
 * more strings, and ps reads this file for every process.
 */
const REST = ' 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
const USER_FLAGS = ` ${0x400100} 0 0 0 0 `, KTHREAD_FLAGS = ` ${0x208040} 0 0 0 0 `;
const USER_REST = ` 18446744073709551615 1 1${REST}`, KTHREAD_REST = ` 18446744073709551615 0 0${REST}`;

/** priority and nice (`20+nice nice`) for each nice value, -20..19. */
const PRIO_NICE = Array.from({ length: 40 }, (_, i) => `${i} ${i - 20}`);

/** /proc/PID/stat (fs/proc/array.c do_task_stat), numbers as seen from the procfs's namespace. */
export function procStat(kernel: Kernel, ns: PidNamespace, t: Task): string {
  const tty = t.ctty;
  const k = t.kthread;
  // Kernel threads inherit the idle task's process group and session: 0. No tty: tty_nr 0, tpgid -1.
  const ttyFields = tty ? `${ttyNr(tty)} ${tty.fgPgrp ? tty.fgPgrp.nrIn(ns) : -1}` : '0 -1';
  return `${t.pid.nrIn(ns)} (${t.comm}) ${stateLetter(t)} ${t.parent ? t.parent.pid.nrIn(ns) : 0} ` +
    `${k ? 0 : t.pgrp.nrIn(ns)} ${k ? 0 : t.session.nrIn(ns)} ${ttyFields}` +
    `${k ? KTHREAD_FLAGS : USER_FLAGS}${Math.floor(t.cpuMs / 10)} 0 0 0 ${PRIO_NICE[t.nice + 20] ?? `${20 + t.nice} ${t.nice}`} ` +
    `${t.nlwp} 0 ${startTicks(kernel, t)} ${t.vszKb * 1024} ${Math.floor(t.rssKb / 4)}${k ? KTHREAD_REST : USER_REST}`;
}
