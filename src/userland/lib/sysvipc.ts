import type { IpcKind } from '../../kernel/ipc/IpcIds.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/** One row of /proc/sysvipc/{msg,shm,sem}, as util-linux's ipcutils.c reads it. */
export interface IpcRow {
  key: number; id: number; perms: number; uid: number; gid: number; cuid: number; cgid: number;
  /** msg: cbytes and qnum; shm: size and nattch; sem: nsems. */
  bytes: number; count: number;
}

/** The objects of the caller's IPC namespace; an absent file (no procfs) reads as none. */
export async function readSysvipc(sys: SysApi, kind: IpcKind): Promise<IpcRow[]> {
  let text: string;
  try { text = await sys.readFile(`/proc/sysvipc/${kind}`); } catch { return []; }
  return text.split('\n').slice(1).filter((l) => l.trim()).map((l) => {
    const f = l.trim().split(/\s+/).map(Number);
    const row = { key: f[0] >>> 0, id: f[1], perms: parseInt(l.trim().split(/\s+/)[2], 8) };
    // Column positions differ per file (ipc/msg.c, shm.c, sem.c sysvipc_*_proc_show).
    if (kind === 'msg') return { ...row, bytes: f[3], count: f[4], uid: f[7], gid: f[8], cuid: f[9], cgid: f[10] };
    if (kind === 'shm') return { ...row, bytes: f[3], count: f[6], uid: f[7], gid: f[8], cuid: f[9], cgid: f[10] };
    return { ...row, bytes: f[3], count: 0, uid: f[4], gid: f[5], cuid: f[6], cgid: f[7] };
  });
}

export const IPC_KINDS: readonly IpcKind[] = ['msg', 'shm', 'sem'];
