import { describe, expect, test } from 'vitest';
import type { Kernel } from '../../../kernel/Kernel.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { prettyPrintSignals, signalNameToNumber, takeSignalOption, unixPrintSignals } from './signals.ts';

/** procps-ng 4.0.2 kill(1). */
const USAGE = `
Usage:
 kill [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;

/** Start `sleep 1000` in the background; resolves with its pid and a promise of its result. */
async function backgroundSleep(k: Kernel, uid?: number) {
  const done = execCapture(k, ['sleep', '1000'], { uid });
  // Poll until the child has exec'd (new tasks start in a later macrotask).
  let t;
  for (let i = 0; i < 100 && !t; i++) {
    await new Promise((r) => setTimeout(r, 0));
    t = [...k.tasks].find((x) => x.comm === 'sleep' && x.alive && x.state === 'S');
  }
  if (!t) throw new Error('sleep did not start');
  return { pid: t.pid.nrIn(k.initPidNs), done };
}

describe('kill', () => {
  test('-l, -L and conversions', async () => {
    const k = bootSandbox().host.kernel;
    expect(await execCapture(k, ['kill', '-l'])).toEqual({
      stdout: 'HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\n' +
        'CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n', stderr: '', status: 0,
    });
    expect((await execCapture(k, ['kill', '-L'])).stdout).toBe(
      ' 1 HUP      2 INT      3 QUIT     4 ILL      5 TRAP     6 ABRT     7 BUS\n' +
      ' 8 FPE      9 KILL    10 USR1    11 SEGV    12 USR2    13 PIPE    14 ALRM\n' +
      '15 TERM    16 STKFLT  17 CHLD    18 CONT    19 STOP    20 TSTP    21 TTIN\n' +
      '22 TTOU    23 URG     24 XCPU    25 XFSZ    26 VTALRM  27 PROF    28 WINCH\n' +
      '29 POLL    30 PWR     31 SYS     \n');
    expect((await execCapture(k, ['kill', '-l', '9'])).stdout).toBe('KILL\n');
    expect((await execCapture(k, ['kill', '-l', 'sigterm'])).stdout).toBe('15\n');
    expect((await execCapture(k, ['kill', '--list=HUP'])).stdout).toBe('1\n');
    expect(await execCapture(k, ['kill', '-l', 'foo'])).toEqual({ stdout: '', stderr: 'kill: unknown signal name foo\n', status: 0 });
  });

  test('signal names and numbers, as procps parses them', () => {
    expect(['9', 'KILL', 'sigkill', 'SIGKILL', 'Kill'].map(signalNameToNumber)).toEqual([9, 9, 9, 9, 9]);
    expect(['CLD', 'IO', 'IOT', 'RTMIN', 'RTMIN+2', 'EXIT', '0', '93', '94', 'FOO', '-1'].map(signalNameToNumber))
      .toEqual([17, 29, 6, 34, 36, 0, 0, 93, -1, -1, -1]);
    const args = ['123', '-HUP', '-9'];
    expect(takeSignalOption(args)).toBe(1);
    expect(args).toEqual(['123', '-9']);
    expect(unixPrintSignals().split('\n')[0]).toHaveLength(76);
    expect(prettyPrintSignals().endsWith('31 SYS     \n')).toBe(true);
  });

  test('default SIGTERM ends a sleep; -9, -s KILL and -KILL too', async () => {
    const k = bootSandbox().host.kernel;
    for (const how of [[], ['-9'], ['-s', 'KILL'], ['-KILL'], ['--signal=INT']]) {
      const s = await backgroundSleep(k);
      expect(await execCapture(k, ['kill', ...how, String(s.pid)])).toEqual({ stdout: '', stderr: '', status: 0 });
      const sig = how.length === 0 ? 15 : how[0] === '--signal=INT' ? 2 : 9;
      expect((await s.done).status).toBe(128 + sig);
    }
  });

  test('failures: no such process, not permitted (exit 1, others still signalled)', async () => {
    const k = bootSandbox().host.kernel;
    const mine = await backgroundSleep(k, 1000);
    const r = await execCapture(k, ['kill', '999999', '1', String(mine.pid)], { uid: 1000 });
    expect(r).toEqual({ stdout: '', stderr: 'kill: (999999): No such process\nkill: (1): Operation not permitted\n', status: 1 });
    expect((await mine.done).status).toBe(143);
    expect(await execCapture(k, ['kill', '-s', 'FOO', '1'])).toEqual({ stdout: '', stderr: 'kill: (1): Invalid argument\n', status: 1 });
    expect(await execCapture(k, ['kill', '-0', '1'])).toEqual({ stdout: '', stderr: '', status: 0 });
  });

  test('usage errors', async () => {
    const k = bootSandbox().host.kernel;
    expect(await execCapture(k, ['kill'])).toEqual({ stdout: '', stderr: USAGE, status: 1 });
    // `-1` is SIGHUP for skill_sig_option, which leaves no pid.
    expect(await execCapture(k, ['kill', '-1'])).toEqual({ stdout: '', stderr: USAGE, status: 1 });
    expect(await execCapture(k, ['kill', 'abc'])).toEqual({ stdout: '', stderr: "kill: failed to parse argument: 'abc'\n", status: 1 });
    expect(await execCapture(k, ['kill', '-x', '1'])).toEqual({ stdout: '', stderr: `kill: invalid argument x\n${USAGE}`, status: 1 });
    expect(await execCapture(k, ['kill', '-s'])).toEqual({ stdout: '', stderr: `kill: invalid argument s\n${USAGE}`, status: 1 });
    expect(await execCapture(k, ['kill', '--help'])).toEqual({ stdout: USAGE, stderr: '', status: 0 });
    expect(await execCapture(k, ['kill', '-V'])).toEqual({ stdout: 'kill from procps-ng 4.0.2\n', stderr: '', status: 0 });
  });

  test('pids are the caller\'s namespace\'s: ps shows the sleep, kill removes it', async () => {
    const k = bootSandbox().host.kernel;
    const s = await backgroundSleep(k);
    expect((await execCapture(k, ['ps', '-o', 'pid=,stat=,args=', '-p', String(s.pid)])).stdout)
      .toBe(`${String(s.pid).padStart(7)} S    sleep 1000\n`);
    await execCapture(k, ['kill', String(s.pid)]);
    await s.done;
    expect((await execCapture(k, ['ps', '-p', String(s.pid), '--no-headers'])).status).toBe(1);
  });
});
