import { isKernelError } from '../../../kernel/errno.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/**
 * What lsns knows, read the way sys-utils/lsns.c reads it: /proc/PID/stat for pid and ppid, the
 * owner of /proc/PID for the uid, and stat(2) of /proc/PID/ns/* for the namespace inodes. A link
 * the caller may not follow (another user's process: EACCES) simply contributes nothing.
 */

/** lsns's type order (LSNS_ID_*), which is also the order types are tried for each process. */
export const NS_TYPES = ['mnt', 'net', 'pid', 'uts', 'ipc', 'user', 'cgroup', 'time'] as const;
export type LsnsType = (typeof NS_TYPES)[number];

export interface LsnsProcess {
  pid: number;
  ppid: number;
  uid: number;
  nsIds: Partial<Record<LsnsType, number>>;
  parent: LsnsProcess | null;
}

export interface LsnsNamespace {
  id: number;
  type: LsnsType;
  nprocs: number;
  /** The process with the lowest pid: its PID, USER and COMMAND are printed. */
  proc: LsnsProcess;
  processes: LsnsProcess[];
}

/** proc_open_processes() + read_process(): every numeric entry of /proc, in readdir (pid) order. */
export async function collect(sys: SysApi, types: Set<LsnsType>): Promise<LsnsProcess[]> {
  let names: string[] = [];
  try { names = sys.readdir('/proc'); } catch { return []; }
  const out: LsnsProcess[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const dir = `/proc/${name}`;
    let uid: number, stat: string;
    try {
      uid = sys.stat(dir).uid;
      stat = await sys.readFile(`${dir}/stat`);
    } catch (e) {
      if (isKernelError(e)) continue; // the process went away
      throw e;
    }
    // parse_proc_stat(): the pid before " (", state and ppid after the last ')'.
    const close = stat.lastIndexOf(')');
    const m = /^\s*\S\s+(-?\d+)/.exec(stat.slice(close + 1));
    if (close < 0 || !m) continue;
    const p: LsnsProcess = { pid: parseInt(stat, 10), ppid: Number(m[1]), uid, nsIds: {}, parent: null };
    for (const t of NS_TYPES) {
      if (!types.has(t)) continue;
      // EACCES (someone else's process) and ENOENT (no such namespace type) leave the id unset.
      try { p.nsIds[t] = sys.stat(`${dir}/ns/${t}`).ino; } catch (e) { if (!isKernelError(e)) throw e; }
    }
    out.push(p);
  }
  return out;
}

/**
 * read_namespaces(): one entry per inode, in first-seen order, then sorted by inode. Parent links
 * between processes are made as in add_process_to_namespace(), and the representative process is the
 * one with the lowest pid.
 */
export function namespacesOf(procs: LsnsProcess[]): LsnsNamespace[] {
  const byId = new Map<number, LsnsNamespace>();
  for (const p of procs) {
    for (const t of NS_TYPES) {
      const id = p.nsIds[t];
      if (!id) continue;
      let ns = byId.get(id);
      if (!ns) { ns = { id, type: t, nprocs: 0, proc: p, processes: [] }; byId.set(id, ns); }
      for (const x of procs) {
        if (x.pid === p.ppid) p.parent = x;
        else if (x.ppid === p.pid) x.parent = p;
      }
      ns.processes.push(p);
      ns.nprocs++;
      if (ns.proc.pid > p.pid) ns.proc = p;
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** pid_get_cmdline(), else pid_get_cmdname(): NULs become spaces; kernel threads show their comm. */
export async function commandOf(sys: SysApi, pid: number): Promise<string | undefined> {
  try {
    const cmd = (await sys.readFile(`/proc/${pid}/cmdline`)).replace(/\0+$/, '').replace(/\0/g, ' ');
    if (cmd) return cmd;
    return (await sys.readFile(`/proc/${pid}/comm`)).replace(/\n$/, '');
  } catch (e) {
    if (isKernelError(e)) return undefined;
    throw e;
  }
}
