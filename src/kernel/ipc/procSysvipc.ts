import type { Task } from '../task/Task.ts';
import type { IpcKind, IpcObject } from './IpcIds.ts';

/**
 * /proc/sysvipc/{msg,shm,sem} (ipc/util.c sysvipc_proc_show): the objects of the reader's IPC
 * namespace, pids as the reader's pid namespace numbers them. util-linux ipcs reads these files.
 */
export function procSysvipc(kind: IpcKind, reader: Task): string {
  const rows = reader.nsproxy.ipc.ids[kind].list().map((o) => ROW[kind](o, (p) => p?.nrIn(reader.pidNs) ?? 0));
  return HEADER[kind] + rows.join('');
}

const HEADER: Record<IpcKind, string> = {
  msg: '       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n',
  shm: '       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n',
  sem: '       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n',
};

type PidOf = (p: IpcObject['last']) => number;
const d = (n: number, w: number) => String(n).padStart(w);
const common = (o: IpcObject) => `${d(o.key | 0, 10)} ${d(o.id, 10)}  ${o.mode.toString(8).padStart(4)}`;
const owners = (o: IpcObject) => `${d(o.uid, 5)} ${d(o.gid, 5)} ${d(o.cuid, 5)} ${d(o.cgid, 5)}`;

const ROW: Record<IpcKind, (o: IpcObject, pid: PidOf) => string> = {
  msg: (o, pid) => `${common(o)}  ${d(o.size, 10)} ${d(o.count, 10)} ${d(pid(o.last), 5)} ${d(pid(o.lastRecv), 5)} ${owners(o)} ${d(0, 10)} ${d(0, 10)} ${d(o.ctime, 10)}\n`,
  shm: (o, pid) => `${common(o)} ${d(o.size, 21)} ${d(pid(o.creator), 5)} ${d(pid(o.last), 5)}  ${d(o.count, 5)} ${owners(o)} ${d(0, 10)} ${d(0, 10)} ${d(o.ctime, 10)} ${d(0, 21)} ${d(0, 21)}\n`,
  sem: (o) => `${common(o)} ${d(o.size, 10)} ${owners(o)} ${d(0, 10)} ${d(o.ctime, 10)}\n`,
};
