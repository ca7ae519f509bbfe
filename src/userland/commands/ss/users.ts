import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/**
 * user_ent_hash_build: walk /proc/PID/fd/* of the reader's /proc and map socket inodes to
 * `("comm",pid=N,fd=M)`. Entries are pushed onto the head of each chain, so a socket shared by
 * several processes lists the last one found first, as ss does.
 */
export async function userMap(sys: SysApi): Promise<{ byInode: Map<number, string[]>; comm: Map<number, string> }> {
  const byInode = new Map<number, string[]>();
  const comm = new Map<number, string>();
  let pids: number[] = [];
  try { pids = sys.readdir('/proc').filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => a - b); } catch { /* no /proc */ }
  for (const pid of pids) {
    let fds: string[];
    try { fds = sys.readdir(`/proc/${pid}/fd`); } catch { continue; }
    let name: string | undefined;
    for (const fd of fds.map(Number).sort((a, b) => a - b)) {
      let link: string;
      try { link = sys.readlink(`/proc/${pid}/fd/${fd}`); } catch { continue; }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (!m) continue;
      if (name === undefined) {
        try { name = /^\d+ \(([^)]*)\)/.exec(await sys.readFile(`/proc/${pid}/stat`))?.[1] ?? ''; } catch { name = ''; }
        comm.set(pid, name);
      }
      const ino = Number(m[1]);
      const list = byInode.get(ino) ?? [];
      list.unshift(`("${name}",pid=${pid},fd=${fd})`);
      byInode.set(ino, list);
    }
  }
  return { byInode, comm };
}
