import { beforeAll, describe, expect, test } from 'vitest';
import { loadsSettled } from '../../../kernel/loader.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** procps-ng 4.0.2 option handling: both parsing passes, error texts, canned formats, help. */
const k = bootSandbox().host.kernel;
const run = (...argv: string[]) => execCapture(k, ['ps', ...argv]);
// dockerd reads its engine in after boot (state D until then): list processes once it has.
beforeAll(() => loadsSettled());

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

describe('ps errors: the first pass\'s message, the usage block, exit 1', () => {
  test.each([
    [['-Q'], 'unsupported SysV option'],
    [['Q'], 'unsupported option (BSD syntax)'],
    [['--foo'], 'unknown gnu long option'],
    [['-o', 'foo'], 'unknown user-defined format specifier "foo"'],
    [['-o', 'pid,,comm'], 'improper format list'],
    [['-o', 'pid:0'], 'column widths must be unsigned decimal numbers'],
    [['-p', 'abc'], 'process ID list syntax error'],
    [['-p', '0'], 'process ID out of range'],
    [['-p', '1,,2'], 'improper list'],
    [['-u', 'nosuch'], 'user name does not exist'],
    [['-G', 'nosuch'], 'group name does not exist'],
    [['-t', 'pts/99'], 'TTY could not be found'],
    [['--pid'], 'list of process IDs must follow --pid'],
    [['-p'], 'list of process IDs must follow -p'],
    [['--sort=foo'], 'unknown sort specifier'],
    [['--cols', 'x'], 'number of columns must follow --cols, --width, or --columns'],
    [['--forest=1'], 'option --forest does not take an argument'],
    [['h', '--no-headers'], 'only one heading option may be specified'],
    [['-V', 'x'], 'the option is exclusive: -V'],
    // `-ax` only parses the BSD way, and a bare BSD word ends that second pass ("way bad").
    [['-ax', 'u'], 'must set personality to get -x option'],
    [['-L', '-T'], "thread flags conflict; can't use both -L and -T"],
    [['-l', 'u'], 'conflicting format options'],
    [['--', 'x'], 'garbage option'],
  ])('ps %j', async (args, msg) => {
    expect(await run(...args)).toEqual({ stdout: '', stderr: `error: ${msg}\n${USAGE}`, status: 1 });
  });

  test('no such process: just the header, exit 1; with --no-headers nothing', async () => {
    expect(await run('-p', '999999')).toEqual({ stdout: '    PID TTY          TIME CMD\n', stderr: '', status: 1 });
    expect(await run('--no-headers', '-p', '999999')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect(await run('-C', 'nosuchcmd', '-o', 'pid=')).toEqual({ stdout: '', stderr: '', status: 1 });
  });
});

describe('ps second (BSD) pass and odd forms', () => {
  test('ps -aux is ps aux; ps -x is ps x', async () => {
    const dash = (await run('-aux')).stdout.split('\n');
    const bsd = (await run('aux')).stdout.split('\n');
    expect(dash.slice(0, -3)).toEqual(bsd.slice(0, -3));
    expect(dash[dash.length - 2]).toMatch(/ R {4}09:13 {3}0:00 ps -aux$/);
    expect((await run('-x', '-o', 'pid=', '-p', '1')).stdout).toMatch(/^ +1\n/);
  });
  test('bare pids after the options, -N negation, r (running only)', async () => {
    expect((await run('-o', 'pid=', '1', '290')).stdout).toBe('      1\n    290\n');
    expect((await run('-N', '-p', '1', '-o', 'pid=', '--ppid', '2', '-u', 'root')).stdout.split('\n')[0]).toBe('    254');
    expect((await run('axr', '-o', 'comm=')).stdout).toBe('ps\n');
  });
});

describe('ps canned formats (headers with 7-wide PIDs)', () => {
  const head = async (...args: string[]) => (await run(...args, '-p', '1')).stdout.split('\n').slice(0, 2);
  test.each([
    [['-f'], 'UID          PID    PPID  C STIME TTY          TIME CMD', 'root           1       0  0 Nov19 ?        00:00:04 /sbin/init'],
    [['-l'], 'F S   UID     PID    PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD', '4 S     0       1       0  0  80   0 -  7299 -      ?        00:00:04 systemd'],
    [['-F'], 'UID          PID    PPID  C    SZ   RSS PSR STIME TTY          TIME CMD', 'root           1       0  0  7299 11860   0 Nov19 ?        00:00:04 /sbin/init'],
    [['-j'], '    PID    PGID     SID TTY          TIME CMD', '      1       1       1 ?        00:00:04 systemd'],
    [['j'], '   PPID     PID    PGID     SID TTY        TPGID STAT   UID   TIME COMMAND', '      0       1       1       1 ?             -1 Ss       0   0:04 /sbin/init'],
    [['l'], 'F   UID     PID    PPID PRI  NI    VSZ   RSS WCHAN  STAT TTY        TIME COMMAND', '4     0       1       0  20   0  29196 11860 -      Ss   ?          0:04 /sbin/init'],
    [['u'], 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND', 'root           1  0.0  0.1  29196 11860 ?        Ss   Nov19   0:04 /sbin/init'],
    [['v'], '    PID TTY      STAT   TIME  MAJFL   TRS   DRS   RSS %MEM COMMAND', '      1 ?        Ss     0:04      0     0 29196 11860  0.1 /sbin/init'],
    [['s'], '  UID     PID          PENDING          BLOCKED          IGNORED           CAUGHT STAT TTY        TIME COMMAND',
      '    0       1 0000000000000000 0000000000000000 0000000000000000 0000000000000000 Ss   ?          0:04 /sbin/init'],
    [['-O', 'comm'], '    PID COMMAND         S TTY          TIME COMMAND', '      1 systemd         S ?        00:00:04 /sbin/init'],
    [['-o', 'pid,etime,time,start,start_time,lstart'], '    PID     ELAPSED     TIME  STARTED START                  STARTED',
      '      1 10-01:14:58 00:00:04   Nov 19 Nov19 Thu Nov 19 07:58:02 2026'],
    [['-o', 'user:12,uid,pri,ni,cls,sz'], 'USER           UID PRI  NI CLS    SZ', 'root             0  19   0  TS  7299'],
    [['-o', '%p %c|%U'], '    PID COMMAND        |USER', '      1 systemd        |root'],
  ])('ps %j', async (args, h, row) => {
    expect(await head(...args)).toEqual([h, row]);
  });

  test('-e and -A: every process in the default SysV columns', async () => {
    for (const o of ['-e', '-A']) {
      expect((await run(o)).stdout.split('\n').slice(0, 3)).toEqual(['    PID TTY          TIME CMD', '      1 ?        00:00:04 systemd', '      2 ?        00:00:00 kthreadd']);
    }
  });

  test('blank-separated lists, repeated -o, tt/state/nlwp columns', async () => {
    expect((await run('-o', 'pid ppid', '-o', 'tt,state,nlwp', '-p', '318')).stdout).toBe(
      '    PID    PPID TT       S NLWP\n    318       1 ?        S   10\n');
  });

  test('empty headers suppress the header line; the last header may be renamed', async () => {
    expect((await run('-o', 'pid=', '-o', 'comm=', '-p', '1')).stdout).toBe('      1 systemd\n');
    expect((await run('-o', 'pid,comm=Name', '-p', '1')).stdout).toBe('    PID Name\n      1 systemd\n');
  });
});

describe('ps BSD modifiers', () => {
  test('c shows the command name, e appends the environment (when readable)', async () => {
    expect((await run('c', '-o', 'args=', '-p', '1')).stdout).toBe('systemd\n');
    expect((await run('e', '-o', 'args=', '-p', '1')).stdout).toBe('/sbin/init\n');
    const self = await execCapture(k, ['ps', 'e', '-o', 'args=', '--ppid', '1', '--sort=-pid'], { env: { FOO: 'bar' } });
    expect(self.stdout.split('\n')[0]).toBe('/sbin/init');
    const own = await execCapture(k, ['ps', 'e', '-C', 'ps', '-o', 'args='], { env: { FOO: 'bar' } });
    expect(own.stdout).toBe('ps e -C ps -o args= PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin FOO=bar\n');
  });
  test('n prints numeric user ids, right-aligned', async () => {
    expect((await run('n', '-o', 'user,pid', '-p', '1,254')).stdout).toBe('    USER     PID\n       0       1\n     982     254\n');
  });
  test('--headers repeats the header every LINES-1 rows', async () => {
    const r = await execCapture(k, ['ps', '--headers', '-o', 'pid', '-p', '1,2,3,4,6'], { env: { LINES: '3' } });
    expect(r.stdout).toBe('    PID\n      1\n      2\n    PID\n      3\n      4\n    PID\n      6\n');
  });
});

describe('ps --help, --version, L', () => {
  test('--help without a section, with one, and all', async () => {
    expect(await run('--help')).toEqual({ stdout: USAGE, stderr: '', status: 0 });
    const s = await run('--help', 's');
    expect(s.stdout).toBe(`
Usage:
 ps [options]

Basic options:
 -A, -e               all processes
 -a                   all with tty, except session leaders
  a                   all with tty, including other users
 -d                   all except session leaders
 -N, --deselect       negate selection
  r                   only running processes
  T                   all processes on this terminal
  x                   processes without controlling ttys

For more details see ps(1).
`);
    expect((await run('--help', 'all')).stdout).toContain('\nMiscellaneous options:\n');
  });
  test('version in three spellings; L lists the specifiers', async () => {
    for (const v of ['-V', 'V', '--version']) expect(await run(v)).toEqual({ stdout: 'ps from procps-ng 4.0.2\n', stderr: '', status: 0 });
    const l = (await run('L')).stdout.split('\n');
    expect(l[0]).toBe('%cpu         %CPU    ');
    expect(l).toContain('pidns        PIDNS   ');
  });
});
