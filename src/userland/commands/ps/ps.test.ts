import { describe, expect, test } from 'vitest';
import { CLONE_NEWNS, CLONE_NEWPID, O_RDWR } from '../../../kernel/constants.ts';
import type { Kernel } from '../../../kernel/Kernel.ts';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import type { CloneOptions, SysApi } from '../../../kernel/syscalls/SysApi.ts';
import type { Task } from '../../../kernel/task/Task.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** ps against the booted Arch host (fixtures/hosts/archlinux.json) and namespaces built with clone/unshare. */
const boot = () => bootSandbox().host.kernel;

/** A long-lived task (child of PID 1) prepared by `setup`, e.g. a pid-namespace init or a login session. */
function holder(k: Kernel, opts: CloneOptions, setup: (c: SysApi) => void, argv: string[]): Promise<Task> {
  const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
  return new Promise((resolve) => {
    const pid = sys.clone(async (c) => {
      setup(c);
      c.setproctitle(argv, argv[0]);
      resolve(k.initPidNs.tasks.get(pid)!);
      await c.nanosleep(1e12);
      return 0;
    }, { comm: argv[0], ...opts });
  });
}

/** Blank out what changes between runs: the test helper's and ps's own pids and START. */
const lines = (s: string) => s.split('\n').filter(Boolean);

describe('ps on the host', () => {
  test('ps aux: fixture processes in pid order, kernel threads in brackets, USER truncated', async () => {
    const r = await execCapture(boot(), ['ps', 'aux']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const l = lines(r.stdout);
    expect(l.slice(0, 7).join('\n') + '\n').toBe(`USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
root           1  0.0  0.1  29196 11860 ?        Ss   Nov19   0:04 /sbin/init
root           2  0.0  0.0      0     0 ?        S    Nov19   0:00 [kthreadd]
root           3  0.0  0.0      0     0 ?        I<   Nov19   0:00 [rcu_gp]
root           4  0.0  0.0      0     0 ?        I<   Nov19   0:00 [rcu_par_gp]
root           6  0.0  0.0      0     0 ?        I<   Nov19   0:00 [kworker/0:0H-kblockd]
root           8  0.0  0.0      0     0 ?        I<   Nov19   0:00 [mm_percpu_wq]
`);
    expect(l).toContain('systemd+     254  0.0  0.1  19916  8596 ?        Ss   Nov19   0:00 /usr/lib/systemd/systemd-networkd');
    expect(l).toContain('root         284  0.0  0.5 1352424 47812 ?       Ssl  Nov19   0:21 /usr/bin/containerd');
    expect(l).toContain('root        1101  0.0  0.0      0     0 ?        I    Nov19   0:01 [kworker/u4:1-events_unbound]');
    expect(l[l.length - 1]).toMatch(/^root {8}\d{4} {2}0\.0 {2}0\.0 {3}8116 {2}4388 \? {8}R {4}09:13 {3}0:00 ps aux$/);
    const pids = l.slice(1).map((x) => Number(x.slice(9, 16)));
    expect(pids).toEqual([...pids].sort((a, b) => a - b));
    expect(l.every((x) => !x.endsWith(' '))).toBe(true);
  });

  test('ps -ef and the 80-column COLUMNS rule', async () => {
    const k = boot();
    const ef = lines((await execCapture(k, ['ps', '-ef'])).stdout);
    expect(ef.slice(0, 3)).toEqual([
      'UID          PID    PPID  C STIME TTY          TIME CMD',
      'root           1       0  0 Nov19 ?        00:00:04 /sbin/init',
      'root           2       0  0 Nov19 ?        00:00:00 [kthreadd]',
    ]);
    expect(ef).toContain('vagrant      702     701  0 Nov19 ?        00:00:00 (sd-pam)');
    const narrow = lines((await execCapture(k, ['ps', 'aux'], { env: { COLUMNS: '80' } })).stdout);
    expect(narrow).toContain('dbus         271  0.0  0.0   8544  4712 ?        Ss   Nov19   0:00 /usr/bin/dbus');
    expect(Math.max(...narrow.map((x) => x.length))).toBe(80);
  });

  test('ps axf: kthreadd tree first, init\'s children unindented, deeper levels with \\_', async () => {
    const l = lines((await execCapture(boot(), ['ps', 'axf'])).stdout);
    expect(l.slice(0, 3)).toEqual([
      '    PID TTY      STAT   TIME COMMAND',
      '      2 ?        S      0:00 [kthreadd]',
      '      3 ?        I<     0:00  \\_ [rcu_gp]',
    ]);
    const init = l.indexOf('      1 ?        Ss     0:04 /sbin/init');
    expect(init).toBeGreaterThan(3);
    expect(l[init + 1]).toBe('    172 ?        Ss     0:01 /usr/lib/systemd/systemd-journald');
    expect(l).toContain('    702 ?        S      0:00  \\_ (sd-pam)');
    expect(l[l.length - 1]).toMatch(/^ +\d+ \? +R +0:00  \\_ ps axf$/);
  });

  test('selection: -p, -C, -u, --ppid, x as another user, --sort', async () => {
    const k = boot();
    expect((await execCapture(k, ['ps', '-p', '1,290'])).stdout).toBe(
      '    PID TTY          TIME CMD\n      1 ?        00:00:04 systemd\n    290 ?        00:00:00 sshd\n');
    expect((await execCapture(k, ['ps', '-C', 'dockerd,containerd', '-o', 'pid=,comm='])).stdout).toBe(
      '    284 containerd\n    318 dockerd\n');
    expect((await execCapture(k, ['ps', '-u', 'vagrant', '-o', 'user,pid,args'])).stdout).toBe(
      'USER         PID COMMAND\nvagrant      701 /usr/lib/systemd/systemd --user\nvagrant      702 (sd-pam)\n');
    expect(lines((await execCapture(k, ['ps', '--ppid', '2', '--no-headers'])).stdout)).toHaveLength(47);
    const asVagrant = await execCapture(k, ['ps', 'x', '-o', 'pid,stat,cmd'], { uid: 1000 });
    expect(lines(asVagrant.stdout).slice(0, 3)).toEqual(['    PID STAT CMD', '    701 Ss   /usr/lib/systemd/systemd --user', '    702 S    (sd-pam)']);
    expect(lines((await execCapture(k, ['ps', 'aux'], { uid: 1000 })).stdout).length).toBeGreaterThan(60);
    const sorted = lines((await execCapture(k, ['ps', '-eo', 'pid,rss,comm', '--sort=-rss'])).stdout);
    expect(sorted.slice(1, 3)).toEqual(['    318 81256 dockerd', '    284 47812 containerd']);
    const byPidDesc = lines((await execCapture(k, ['ps', 'ax', '-o', 'pid', '--sort', '-pid'])).stdout).slice(1).map(Number);
    expect(byPidDesc).toEqual([...byPidDesc].sort((a, b) => b - a));
  });

  test('namespace columns are `-` for processes another user may not inspect', async () => {
    const r = await execCapture(boot(), ['ps', '-o', 'pid,user,pidns,netns,comm', '-p', '1,701'], { uid: 1000 });
    expect(r.stdout).toBe(`    PID USER          PIDNS      NETNS COMMAND
      1 root              -          - systemd
    701 vagrant  4026531836 4026531833 systemd
`);
  });

  test('cmdline newlines become spaces, other control characters `?`', async () => {
    const k = boot();
    await holder(k, {}, () => undefined, ['python3', '-c', 'import os\nos.pause()\tx']);
    const r = await execCapture(k, ['ps', '-C', 'python3', '-o', 'args=']);
    expect(r.stdout).toBe('python3 -c import os os.pause()?x\n');
  });
});

describe('ps in a new pid namespace', () => {
  test('a fresh /proc lists only the namespace, from PID 1 with PPID 0, 7-wide PIDs', async () => {
    const k = boot();
    const init = await holder(k, { flags: CLONE_NEWPID }, (c) => {
      c.unshare(CLONE_NEWNS);
      c.mount('proc', '/proc', 'proc', 0);
    }, ['bash']);
    const ef = await execCapture(k, ['ps', '-ef'], { from: init });
    expect(ef.stdout).toBe(`UID          PID    PPID  C STIME TTY          TIME CMD
root           1       0  0 09:13 ?        00:00:00 bash
root           2       1  0 09:13 ?        00:00:00 bash
root           3       2  0 09:13 ?        00:00:00 ps -ef
`);
    const aux = lines((await execCapture(k, ['ps', 'aux'], { from: init })).stdout);
    expect(aux[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux[1]).toMatch(/^root {11}1 {2}0\.0 {2}0\.\d +\d+ +\d+ \? {8}S {4}09:13 {3}0:00 bash$/);
    // pid 1 here never reaps, so the first run's helper stays a zombie.
    expect(aux[2]).toBe('root           2  0.0  0.0      0     0 ?        Z    09:13   0:00 [nsbox-exec] <defunct>');
    expect(aux).toHaveLength(5);
    // The host still sees everything, the namespace's processes with host pids.
    const host = lines((await execCapture(k, ['ps', '-eo', 'pid,comm'])).stdout);
    expect(host).toContain(`${String(init.pid.nrIn(k.initPidNs)).padStart(7)} bash`);
  });

  test('without its own /proc the namespace sees the host\'s list', async () => {
    const k = boot();
    const init = await holder(k, { flags: CLONE_NEWPID }, () => undefined, ['bash']);
    expect(lines((await execCapture(k, ['ps', 'aux'], { from: init })).stdout).length).toBeGreaterThan(60);
  });

  test('no /proc at all', async () => {
    const k = boot();
    const t = await holder(k, {}, (c) => { c.unshare(CLONE_NEWNS); c.umount('/proc'); }, ['bash']);
    expect(await execCapture(k, ['ps'], { from: t })).toEqual({ stdout: '', stderr: 'Error, do this: mount -t proc proc /proc\n', status: 47 });
  });
});

describe('ps on a terminal', () => {
  async function session(k: Kernel) {
    return holder(k, {}, (c) => {
      c.setsid();
      const [, path] = c.openpty();
      c.setctty(c.open(path, O_RDWR));
    }, ['-bash']);
  }

  test('default ps: processes on my tty with my euid; STAT s and +', async () => {
    const k = boot();
    const sh = await session(k);
    const r = await execCapture(k, ['ps'], { from: sh });
    expect(r.stdout.replace(/^ +\d+/gm, (m) => ' '.repeat(m.length - 1) + 'N')).toBe(`    PID TTY          TIME CMD
      N pts/0    00:00:00 -bash
      N pts/0    00:00:00 nsbox-exec
      N pts/0    00:00:00 ps
`);
    const stat = await execCapture(k, ['ps', '-o', 'tty,stat,args', '-t', 'pts/0'], { from: sh });
    // Our session leader never reaps: the first run's helper is a zombie, still in the foreground group.
    expect(stat.stdout).toBe('TT       STAT COMMAND\npts/0    Ss+  -bash\npts/0    Z+   [nsbox-exec] <defunct>\n' +
      'pts/0    S+   -bash\npts/0    R+   ps -o tty,stat,args -t pts/0\n');
    // Another user, from outside the session, selecting the terminal by name (BSD t).
    expect((await execCapture(k, ['ps', 't', 'pts/0', '-o', 'pid=,tty='], { uid: 1000 })).stdout).toMatch(/^( +\d+ pts\/0\n){3}$/);
  });
});

/** Run ps with stdin/stdout/stderr on a fresh pty of `cols` columns (the login terminal's case). */
function onTty(k: Kernel, argv: string[], cols: number, env: Record<string, string> = {}): Promise<string> {
  const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
  return new Promise((resolve) => {
    sys.clone(async (c) => {
      const [master, path] = c.openpty();
      const child = c.clone(async (cc) => {
        cc.setsid();
        const fd = cc.open(path, O_RDWR);
        for (const n of [0, 1, 2]) cc.dup2(fd, n);
        cc.setctty(0);
        cc.setWinsize(0, { cols, rows: 24 });
        return cc.execve('/usr/bin/ps', argv, new Map(Object.entries(env)));
      });
      await c.wait4(child);
      resolve((await c.read(master)).replace(/\r\n/g, '\n'));
      return 0;
    });
  });
}

describe('ps with stdout on a terminal', () => {
  test('the terminal width cuts COMMAND; its own line shows pts/0 and Rs+', async () => {
    const k = boot();
    const l = lines(await onTty(k, ['ps', 'aux'], 80));
    expect(l[1]).toBe('root           1  0.0  0.1  29196 11860 ?        Ss   Nov19   0:04 /sbin/init');
    expect(l).toContain('dbus         271  0.0  0.0   8544  4712 ?        Ss   Nov19   0:00 /usr/bin/dbus');
    expect(l[l.length - 1]).toMatch(/^root +\d+  0\.0  0\.0   8116  4388 pts\/0    Rs\+  09:13   0:00 ps aux$/);
    expect(Math.max(...l.map((x) => x.length))).toBe(80);
    const wide = lines(await onTty(k, ['ps', 'aux'], 120));
    expect(wide).toContain('dbus         271  0.0  0.0   8544  4712 ?        Ss   Nov19   0:00 /usr/bin/dbus-daemon --system --address=systemd: --no');
    // COLUMNS beats the terminal; ww beats both.
    expect(lines(await onTty(k, ['ps', 'aux'], 80, { COLUMNS: '100' })).some((x) => x.length === 100)).toBe(true);
    expect(lines(await onTty(k, ['ps', 'auxww'], 80)).some((x) => x.endsWith('--syslog-only'))).toBe(true);
  });
});
