import { O_RDONLY } from '../../kernel/constants.ts';
import { isKernelError, KernelError } from '../../kernel/errno.ts';
import type { Proc } from '../../kernel/program.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { W } from '../../kernel/task/wait.ts';
import { getopt, GetoptError, type GetoptResult, type LongOption } from './getopt.ts';

/** Conventions shared by the util-linux tools (include/c.h, lib/exec_shell.c, include/exitcodes.h). */

/** program_invocation_short_name. */
export function progName(argv0: string): string {
  const parts = argv0.split('/').filter(Boolean);
  return parts.length ? parts[parts.length - 1] : argv0;
}

/** errtryhelp(): the line after a getopt diagnostic. */
export function tryHelp(prog: string): string {
  return `Try '${prog} --help' for more information.\n`;
}

/** getopt_long, and on a bad option glibc's message + errtryhelp; null means "exit with 1". */
export async function ulGetopt(proc: Proc, prog: string, spec: string, longs: LongOption[]): Promise<GetoptResult | null> {
  try {
    return getopt(prog, proc.argv.slice(1), spec, longs);
  } catch (e) {
    if (!(e instanceof GetoptError)) throw e;
    await proc.err(`${e.message}\n${tryHelp(prog)}`);
    return null;
  }
}

/** EX_EXEC_FAILED / EX_EXEC_ENOENT (include/exitcodes.h). */
export const EX_EXEC_FAILED = 126, EX_EXEC_ENOENT = 127;

/** execvp(3): a name with a slash is run as is; otherwise the first executable file in $PATH. */
function lookPath(sys: SysApi, name: string, path: string): string {
  if (name.includes('/')) return name;
  let sawEacces = false;
  for (const dir of path.split(':')) {
    const p = `${dir || '.'}/${name}`;
    try {
      const st = sys.stat(p);
      if (st.type === 'file' && sys.access(p, 'x')) return p;
      sawEacces = true;
    } catch { /* next directory */ }
  }
  throw new KernelError(sawEacces ? 'EACCES' : 'ENOENT');
}

/**
 * execvp + errexec(): on failure `PROG: failed to execute NAME: strerror` and 127 for ENOENT,
 * 126 otherwise. On success this never returns.
 */
export async function execvpOrErr(proc: Proc, prog: string, args: string[]): Promise<number> {
  const { sys, env } = proc;
  try {
    const path = lookPath(sys, args[0], env.get('PATH') ?? '/bin:/usr/bin');
    return await sys.execve(path, args, env);
  } catch (e) {
    if (!isKernelError(e)) throw e;
    await proc.err(`${prog}: failed to execute ${args[0]}: ${e.message}\n`);
    return e.code === 'ENOENT' ? EX_EXEC_ENOENT : EX_EXEC_FAILED;
  }
}

/** exec_shell(): $SHELL (default /bin/sh) as a login shell, argv[0] = "-" + its basename. */
export async function execShell(proc: Proc, prog: string): Promise<number> {
  const shell = proc.env.get('SHELL') ?? '/bin/sh';
  try {
    return await proc.sys.execve(shell, [`-${progName(shell)}`], proc.env);
  } catch (e) {
    if (!isKernelError(e)) throw e;
    await proc.err(`${prog}: failed to execute ${shell}: ${e.message}\n`);
    return e.code === 'ENOENT' ? EX_EXEC_ENOENT : EX_EXEC_FAILED;
  }
}

/** Run the rest of argv (from `optind`) or the user's shell, as unshare and nsenter end. */
export function execCommandOrShell(proc: Proc, prog: string, command: string[]): Promise<number> {
  return command.length ? execvpOrErr(proc, prog, command) : execShell(proc, prog);
}

/**
 * What a parent that forked only to put its child into a namespace does with the child's end: exit
 * with its status, or die of the same signal by sending it to itself (unshare.c, nsenter.c).
 */
export async function exitLikeChild(sys: SysApi, status: number): Promise<number> {
  if (W.ifExited(status)) return W.exitStatus(status);
  if (W.ifSignaled(status)) {
    const sig = W.termSig(status);
    // SIGKILL and SIGSTOP cannot be caught, so their disposition is not (and may not be) reset.
    if (sig !== 9 && sig !== 19) sys.signal(sig, 'default');
    sys.kill(sys.getpid(), sig);
  }
  return 1;
}

/** open(path, O_RDONLY) for the tools that hand an fd to setns(2) or fchdir(2). */
export function openRdonly(sys: SysApi, path: string): number {
  return sys.open(path, O_RDONLY);
}
