import { describe, expect, test } from 'vitest';
import type { Kernel } from '../../../kernel/Kernel.ts';
import { execCapture, type ExecResult } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { cStrtod } from './sleep.ts';

/** coreutils sleep(1) on the virtual clock: the kernel jumps time forward when everything sleeps. */
const TRY = "Try 'sleep --help' for more information.\n";

async function timed(k: Kernel, argv: string[], env?: Record<string, string>): Promise<ExecResult & { ms: number }> {
  const t0 = k.clock.now();
  let done = false;
  const p = execCapture(k, argv, { env }).finally(() => { done = true; });
  await k.settle(() => done);
  return { ...(await p), ms: k.clock.now() - t0 };
}

describe('sleep', () => {
  test('sums NUMBER[smhd] arguments, fractions and strtod forms included', async () => {
    const k = bootSandbox().host.kernel;
    expect(await timed(k, ['sleep', '1.5'])).toEqual({ stdout: '', stderr: '', status: 0, ms: 1500 });
    expect((await timed(k, ['sleep', '1m', '2s', '.5'])).ms).toBe(62500);
    expect((await timed(k, ['sleep', '1h', '1d'])).ms).toBe(90000000);
    expect((await timed(k, ['sleep', '1e1', '0x10', '+0'])).ms).toBe(26000);
    expect((await timed(k, ['sleep', '0'])).ms).toBe(0);
  });

  test('operand errors: every bad interval is reported, then the Try line', async () => {
    const k = bootSandbox().host.kernel;
    expect(await execCapture(k, ['sleep'])).toEqual({ stdout: '', stderr: `sleep: missing operand\n${TRY}`, status: 1 });
    expect(await execCapture(k, ['sleep', 'x'])).toEqual({ stdout: '', stderr: `sleep: invalid time interval 'x'\n${TRY}`, status: 1 });
    expect(await execCapture(k, ['sleep', '1', '2y', '3ss', 'nan'])).toEqual({
      stdout: '', status: 1,
      stderr: `sleep: invalid time interval '2y'\nsleep: invalid time interval '3ss'\nsleep: invalid time interval 'nan'\n${TRY}`,
    });
    // quote() uses ‘…’ in a UTF-8 locale (the host's login shell sets LANG=en_US.UTF-8).
    expect((await execCapture(k, ['sleep', 'x'], { env: { LANG: 'en_US.UTF-8' } })).stderr).toBe(`sleep: invalid time interval \u2018x\u2019\n${TRY}`);
  });

  test('options: only --help and --version; -1 is an invalid option', async () => {
    const k = bootSandbox().host.kernel;
    expect(await execCapture(k, ['sleep', '-1'])).toEqual({ stdout: '', stderr: `sleep: invalid option -- '1'\n${TRY}`, status: 1 });
    expect(await execCapture(k, ['sleep', '--foo'])).toEqual({ stdout: '', stderr: `sleep: unrecognized option '--foo'\n${TRY}`, status: 1 });
    expect((await execCapture(k, ['sleep', '--help'])).stdout).toBe(`Usage: sleep NUMBER[SUFFIX]...
  or:  sleep OPTION
Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),
'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an
integer.  Given two or more arguments, pause for the amount of time
specified by the sum of their values.

      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/sleep>
or available locally via: info '(coreutils) sleep invocation'
`);
    expect((await execCapture(k, ['sleep', '--version'])).stdout.split('\n')[0]).toBe('sleep (GNU coreutils) 9.1');
  });

  test('SIGTERM and SIGINT end it by their default action', async () => {
    const k = bootSandbox().host.kernel;
    for (const [sig, status] of [['-TERM', 143], ['-INT', 130]] as const) {
      const p = execCapture(k, ['sleep', 'inf']);
      let t;
      for (let i = 0; i < 100 && !t; i++) {
        await new Promise((r) => setTimeout(r, 0));
        t = [...k.tasks].find((x) => x.comm === 'sleep' && x.alive && x.state === 'S');
      }
      if (!t) throw new Error('sleep did not start');
      await execCapture(k, ['kill', sig, String(t.pid.nrIn(k.initPidNs))]);
      expect(await p).toEqual({ stdout: '', stderr: '', status });
    }
  });

  test('strtod', () => {
    expect(cStrtod('1.5s')).toEqual({ value: 1.5, rest: 's' });
    expect(cStrtod(' 0x1.8p1')).toEqual({ value: 3, rest: '' });
    expect(cStrtod('infinity')).toEqual({ value: Infinity, rest: '' });
    expect(cStrtod('-2')).toEqual({ value: -2, rest: '' });
    expect(cStrtod('x')).toBeUndefined();
  });
});
