import type { ProgramImage } from '../../../kernel/program.ts';
import { errMsg } from '../../lib/io.ts';
import { findInPath } from '../../lib/path.ts';
import { groups, passwd } from '../../lib/users.ts';

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]
usage: sudo [-ABbEHknPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]
usage: sudo -e [-ABknS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...
`;

/**
 * sudo(8), set-user-ID root: checks /etc/sudoers (users and %groups with ALL; NOPASSWD is assumed,
 * as on a Vagrant box), then runs the command as the target user. `-i` starts the target's login
 * shell in its home; `-s` a shell keeping the cwd.
 */
export const sudo: ProgramImage = {
  vszKb: 12336, rssKb: 5968,
  main: async ({ argv, env, sys, err }) => {
    let i = 1;
    let login = false, shell = false, target = 'root', preserveEnv = false;
    for (; i < argv.length && argv[i].startsWith('-'); i++) {
      const a = argv[i];
      if (a === '--') { i++; break; }
      if (a === '-i' || a === '--login') login = true;
      else if (a === '-s' || a === '--shell') shell = true;
      else if (a === '-E' || a === '--preserve-env') preserveEnv = true;
      else if (a === '-u' || a === '--user') target = argv[++i] ?? '';
      else if (a.startsWith('-u')) target = a.slice(2);
      else if (a === '-V' || a === '--version') { await err('Sudo version 1.9.15p5\n'); return 0; }
      else if (a === '-h' || a === '--help') { await err(USAGE); return 0; }
      else if (a === '-k' || a === '-K') return 0;
      else { await err(`sudo: invalid option -- '${a.replace(/^-+/, '')}'\n${USAGE}`); return 1; }
    }
    const cmd = argv.slice(i);
    if (!cmd.length && !login && !shell) { await err(USAGE); return 1; }
    // sudo trusts only files owned by root: in a user namespace where root is unmapped (unshare -r)
    // /etc/sudoers reads as owned by 65534, and sudo refuses (sudoers.c check_owner).
    const policy = policyProblem(sys);
    if (policy) { await err(policy); return 1; }
    const users = await passwd(sys);
    const me = users.find((u) => u.uid === sys.getuid());
    const myName = me?.name ?? String(sys.getuid());
    if (sys.getuid() !== 0 && !(await allowed(sys, myName))) {
      await err(`${myName} is not in the sudoers file.\n`);
      return 1;
    }
    const to = users.find((u) => u.name === target || String(u.uid) === target.replace(/^#/, ''));
    if (!to) { await err(`sudo: unknown user ${target}\nsudo: error initializing audit plugin sudoers_audit\n`); return 1; }
    const tgroups = (await groups(sys)).filter((g) => g.gid === to.gid || g.members.includes(to.name)).map((g) => g.gid);
    sys.setuid(to.uid, to.gid, tgroups);
    const base = preserveEnv ? new Map(env) : new Map([...env].filter(([k]) => ['TERM', 'PATH', 'LANG', 'DISPLAY', 'COLORS', 'LS_COLORS'].includes(k)));
    const newEnv = new Map([...base,
      ['HOME', login ? to.home : to.home], ['USER', to.name], ['LOGNAME', to.name], ['SHELL', to.shell],
      ['SUDO_USER', myName], ['SUDO_UID', String(me?.uid ?? 0)], ['SUDO_GID', String(me?.gid ?? 0)],
      ['SUDO_COMMAND', cmd.join(' ') || to.shell], ['MAIL', `/var/mail/${to.name}`],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/bin'],
    ]);
    try {
      if (login) {
        sys.chdir(to.home);
        const base = to.shell.split('/').pop()!;
        return await sys.execve(to.shell, cmd.length ? [`-${base}`, '-c', cmd.join(' ')] : [`-${base}`], newEnv);
      }
      if (shell) return await sys.execve(to.shell, cmd.length ? [to.shell, '-c', cmd.join(' ')] : [to.shell], newEnv);
      const path = cmd[0].includes('/') ? cmd[0] : findInPath(sys, cmd[0], newEnv.get('PATH')!);
      if (!path) { await err(`sudo: ${cmd[0]}: command not found\n`); return 1; }
      return await sys.execve(path, cmd, newEnv);
    } catch (e) {
      await err(`sudo: unable to execute ${cmd[0] ?? to.shell}: ${errMsg(e)}\n`);
      return 1;
    }
  },
};

function policyProblem(sys: Parameters<ProgramImage['main']>[0]['sys']): string | null {
  if (sys.geteuid() !== 0) {
    // sudo_check_suid(): blame the mount if the binary looks right, else the binary.
    let looksRight = false;
    try { const st = sys.stat('/usr/bin/sudo'); looksRight = st.uid === 0 && (st.mode & 0o4000) !== 0; } catch { /* not there */ }
    return looksRight
      ? "sudo: effective uid is not 0, is /usr/bin/sudo on a file system with the 'nosuid' option set or an NFS file system without root privileges?\n"
      : 'sudo: /usr/bin/sudo must be owned by uid 0 and have the setuid bit set\n';
  }
  let uid: number;
  try { uid = sys.stat('/etc/sudoers').uid; } catch { return null; }
  return uid === 0 ? null : `sudo: /etc/sudoers is owned by uid ${uid}, should be 0\nsudo: no valid sudoers sources found, quitting\n`;
}

async function allowed(sys: Parameters<ProgramImage['main']>[0]['sys'], user: string): Promise<boolean> {
  let text = '';
  // sudo reads /etc/sudoers with its own privilege (it is set-uid root).
  try { text = await sys.readFile('/etc/sudoers'); } catch { return false; }
  const mine = (await groups(sys)).filter((g) => g.members.includes(user)).map((g) => g.name);
  return text.split('\n').some((l) => {
    const who = l.trim().split(/\s+/)[0];
    if (!who || who.startsWith('#') || !/ALL/.test(l)) return false;
    return who === user || (who.startsWith('%') && mine.includes(who.slice(1)));
  });
}
