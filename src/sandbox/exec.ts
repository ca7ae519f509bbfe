import { SIG } from '../kernel/constants.ts';
import type { Kernel } from '../kernel/Kernel.ts';
import { Sys } from '../kernel/syscalls/Sys.ts';
import type { SysApi } from '../kernel/syscalls/SysApi.ts';
import type { Task } from '../kernel/task/Task.ts';
import { W } from '../kernel/task/wait.ts';
import { findInPath } from '../userland/lib/path.ts';

export interface ExecOptions {
  /** Task whose namespaces, root and credentials the command inherits (default: pid 1 of the host). */
  from?: Task;
  uid?: number;
  gid?: number;
  stdin?: string;
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Start the helper as runc exec starts a process: in a session of its own and without `from`'s
   * descriptors, so `from`'s terminal can neither signal it (^C, SIGWINCH) nor receive its errors.
   * Without it the helper stays in `from`'s session and process group, as a child of a shell does.
   */
  detach?: boolean;
}

export interface ExecResult { stdout: string; stderr: string; status: number }

/**
 * Run one program outside any terminal, with pipes for stdin/stdout/stderr (what `docker exec`
 * without -t and the UI's lens do). The helper task is a child of `from`, so it sees exactly what
 * `from` sees.
 */
export function execCapture(kernel: Kernel, argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const from = opts.from ?? kernel.initPidNs.tasks.get(1)!;
  return new Promise<ExecResult>((resolve, reject) => {
    const helper = async (sys: SysApi): Promise<number> => {
      // The helper stands for a program just exec'd: handlers `from` installed are reset (ignored
      // signals stay ignored), as execve(2) does; otherwise a shell's SIGWINCH handler would interrupt it.
      for (const sig of Object.values(SIG)) {
        if (sig === SIG.SIGKILL || sig === SIG.SIGSTOP) continue;
        if (sys.signal(sig, 'default') === 'ignore') sys.signal(sig, 'ignore');
      }
      if (opts.detach) sys.setsid();
      const [inR, inW] = sys.pipe();
      const [outR, outW] = sys.pipe();
      const [errR, errW] = sys.pipe();
      const env = new Map(Object.entries({ PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...opts.env }));
      const child = sys.clone(async (c) => {
        if (opts.uid !== undefined) c.setuid(opts.uid, opts.gid ?? opts.uid);
        if (opts.cwd) c.chdir(opts.cwd);
        const path = argv[0].includes('/') ? argv[0] : findInPath(c, argv[0], env.get('PATH')!);
        if (!path) {
          await c.write(2, `exec: ${argv[0]}: not found\n`);
          return 127;
        }
        return c.execve(path, argv, env);
      }, { fds: { 0: inR, 1: outW, 2: errW } });
      for (const fd of [inR, outW, errW]) sys.close(fd);
      // Feed stdin while draining the output (a big input would otherwise deadlock against a full
      // output pipe); a child that exits before reading it all must not kill this helper.
      sys.signal(SIG.SIGPIPE, 'ignore');
      const feed = sys.write(inW, opts.stdin ?? '').catch(() => undefined).finally(() => sys.close(inW));
      const drain = async (fd: number) => { let s = ''; for (let c = await sys.read(fd); c; c = await sys.read(fd)) s += c; return s; };
      const [stdout, stderr] = await Promise.all([drain(outR), drain(errR), feed]);
      const res = await sys.wait4(child);
      const st = res!.status;
      resolve({ stdout, stderr, status: W.ifExited(st) ? W.exitStatus(st) : 128 + W.termSig(st) });
      return 0;
    };
    try {
      new Sys(kernel, from).clone(helper, { comm: 'nsbox-exec', ...(opts.detach ? { fds: {} } : {}) });
    } catch (e) {
      reject(e);
    }
  });
}
