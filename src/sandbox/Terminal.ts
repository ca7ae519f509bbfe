import { O_RDWR } from '../kernel/constants.ts';
import type { Kernel } from '../kernel/Kernel.ts';
import { Sys } from '../kernel/syscalls/Sys.ts';
import type { SysApi } from '../kernel/syscalls/SysApi.ts';
import type { Task } from '../kernel/task/Task.ts';
import type { Tty } from '../kernel/tty/Tty.ts';
import type { HostProfile } from './profile.ts';
import type { TerminalOptions, TerminalSession } from './types.ts';

/**
 * A terminal is an ssh login, as on the article's Vagrant box: sshd forks `sshd: USER [priv]`, which
 * forks `sshd: USER@pts/N` holding the pty master, whose child is the user's login shell on the slave.
 * The emulator (xterm.js or the CLI) is the other end of the ssh connection: it talks to the master.
 */
export function openLoginTerminal(kernel: Kernel, sshd: Task, profile: HostProfile, opts: TerminalOptions = {}): TerminalSession {
  const user = profile.users.find((u) => u.name === profile.login.user)!;
  const groups = profile.groups.filter((g) => g.gid === user.gid || g.members.includes(user.name)).map((g) => g.gid);
  const devpts = kernel.devpts[0];
  const tty: Tty = devpts.allocate(opts.cols ?? 80, opts.rows ?? 24, user.uid);
  let closed = false;

  const shell = async (sys: SysApi): Promise<number> => {
    sys.setsid();
    const fd = sys.open(`/dev/pts/${tty.index}`, O_RDWR);
    for (const n of [0, 1, 2]) if (fd !== n) sys.dup2(fd, n);
    if (fd > 2) sys.close(fd);
    sys.setctty(0);
    sys.setuid(user.uid, user.gid, groups);
    sys.chdir(user.home);
    const env = new Map([
      ['SHELL', user.shell], ['HOME', user.home], ['USER', user.name], ['LOGNAME', user.name],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/bin'], ['TERM', 'xterm-256color'], ['LANG', 'en_US.UTF-8'],
      ['MAIL', `/var/spool/mail/${user.name}`], ['SSH_TTY', `/dev/pts/${tty.index}`],
    ]);
    return sys.execve(user.shell, [`-${user.shell.split('/').pop()}`], env);
  };
  const session = async (sys: SysApi): Promise<number> => {
    sys.setproctitle([`sshd: ${user.name}@pts/${tty.index}`]);
    sys.clone(shell, { comm: 'sshd' });
    try {
      while (await sys.wait4(-1)) { /* until the login shell has gone */ }
    } catch { /* ECHILD: done */ }
    return 0;
  };
  const priv = async (sys: SysApi): Promise<number> => {
    sys.setproctitle([`sshd: ${user.name} [priv]`]);
    // sshd's child closes the listening sockets it inherited (close_listen_socks in sshd.c).
    for (const fd of sys.fds()) sys.close(fd);
    sys.setsid();
    sys.clone(session, { comm: 'sshd' });
    try { await sys.wait4(-1); } catch { /* ECHILD */ }
    closed = true;
    tty.hangup();
    devpts.remove(tty);
    return 0;
  };
  new Sys(kernel, sshd).clone(priv, { comm: 'sshd' });

  return {
    input: (data) => { if (!closed) tty.input(data); },
    onOutput: (listener) => tty.onOutput(listener),
    resize: (cols, rows) => tty.resize(cols, rows),
    setOutputWindow: (window) => tty.setOutputWindow(window),
    outputConsumed: (n) => tty.outputConsumed(n),
    settle: (budgetMs = 3000) => {
      const deadline = Date.now() + budgetMs;
      return kernel.settle(() => closed || (tty.blockedReaders > 0 && tty.pendingInput === 0 && kernel.ttyIdle(tty)), (loadWaitMs) => Date.now() - loadWaitMs > deadline);
    },
    get closed() { return closed; },
    lastStatus: () => tty.lastStatus,
  };
}
