import { O_RDONLY, O_RDWR } from '../../kernel/constants.ts';
import type { NsType } from '../../kernel/ns/NsCommon.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import type { ShimCtl } from './ctl.ts';
import { EXEC_FD, lookPath, SYNC_FD } from './runc.ts';

/** The process spec of `docker exec` (runc exec --process). */
export interface ExecProcess {
  args: string[];
  env: string[];
  cwd: string;
  user: { uid: number; gid: number; additionalGids: number[] };
  caps: string[];
  terminal: boolean;
}

/**
 * `runc exec`: join every namespace of the container's init through /proc/PID/ns (nsexec's
 * setns loop; the pid namespace was joined by the shim before the clone, so this process is
 * born inside it), get a console from the container's own devpts, then sync, wait and exec.
 */
export async function runcExec(sys: SysApi, p: ExecProcess, initPid: number, ctl: ShimCtl, key: string): Promise<number> {
  let path: string;
  try {
    for (const t of ['ipc', 'uts', 'net', 'cgroup', 'mnt'] as NsType[]) {
      const fd = sys.open(`/proc/${initPid}/ns/${t}`, O_RDONLY);
      sys.setns(fd, t);
      sys.close(fd);
    }
    sys.setsid();
    if (p.terminal) {
      const [master, slave] = sys.openpty();
      const fd = sys.open(slave, O_RDWR);
      sys.setctty(fd);
      for (const n of [0, 1, 2]) sys.dup2(fd, n);
      if (fd > 2) sys.close(fd);
      ctl.sendConsole(key, master);
      sys.close(master);
    }
    sys.chdir(p.cwd || '/');
    path = lookPath(sys, p.args[0], p.env);
  } catch (e) {
    await sys.write(SYNC_FD, `error:${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  await sys.write(SYNC_FD, 'ready');
  if ((await sys.read(EXEC_FD)) !== 'start') return 1;
  sys.close(EXEC_FD);
  sys.close(SYNC_FD);
  sys.capset(p.caps);
  sys.setuid(p.user.uid, p.user.gid, [p.user.gid, ...p.user.additionalGids.filter((g) => g !== p.user.gid)]);
  const env = new Map(p.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] as [string, string]));
  return sys.execve(path, p.args, env);
}
