import type { Proc } from '../../../kernel/program.ts';
import { passwd } from '../../../userland/lib/users.ts';

/**
 * BusyBox ps (procps/ps.c, CONFIG_DESKTOP): default `-o pid,user,time,args`, headers left-aligned
 * in their widths, one space between columns, no sorting beyond /proc's order:
 *   PID   USER     TIME  COMMAND
 *       1 root      0:00 /bin/sh
 * Lines are cut at the terminal width when stdout is a tty.
 */
export async function bbPs(proc: Proc): Promise<number> {
  const { sys } = proc;
  for (const a of proc.argv.slice(1)) {
    if (!/^-?[aAefwlT]*$/.test(a)) {
      await proc.err(`ps: unrecognized option: ${a.replace(/^-+/, '').replace(/[aAefwlT]/g, '')[0] ?? a}\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads\n`);
      return 1;
    }
  }
  const users = new Map((await passwd(sys)).map((u) => [u.uid, u.name] as [number, string]));
  let width = Infinity;
  try { if (sys.isatty(1)) width = sys.getWinsize(1).cols; } catch { /* not a tty */ }
  const pids = sys.readdir('/proc').filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  const lines = ['PID   USER     TIME  COMMAND'];
  for (const pid of pids) {
    let stat: string, status: string, cmdline: string;
    try {
      stat = await sys.readFile(`/proc/${pid}/stat`);
      status = await sys.readFile(`/proc/${pid}/status`);
      cmdline = await sys.readFile(`/proc/${pid}/cmdline`);
    } catch { continue; /* gone meanwhile */ }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]);
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const user = (users.get(uid) ?? String(uid)).slice(0, 8);
    const secs = Math.floor(ticks / 100);
    const time = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
    const args = cmdline.replace(/\0+$/, '').replace(/\0/g, ' ') || `[${comm}]`;
    lines.push(`${String(pid).padStart(5)} ${user.padEnd(8)} ${time.padStart(5)} ${args}`);
  }
  await proc.out(lines.map((l) => (l.length > width ? l.slice(0, width) : l) + '\n').join(''));
  return 0;
}
