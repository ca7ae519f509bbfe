import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { strftime } from '../../lib/strftime.ts';

test('date formats', async () => {
  const k = bootSandbox().host.kernel;
  const run = async (argv: string[], env: Record<string, string> = {}) => (await execCapture(k, ['date', ...argv], { env })).stdout;
  expect(await run([])).toBe('Sun Nov 29 09:13:00 UTC 2026\n');
  expect(await run([], { LANG: 'en_US.UTF-8' })).toBe('Sun Nov 29 09:13:00 AM UTC 2026\n');
  expect(await run(['+%Y-%m-%d %H:%M:%S %Z %z %s %j %u %V %e %-d %_m %^a %p'])).toBe('2026-11-29 09:13:00 UTC +0000 1795943580 333 7 48 29 29 11 SUN AM\n');
  expect(await run(['-u', '+%F %T'])).toBe('2026-11-29 09:13:00\n');
  expect(await run(['-R'])).toBe('Sun, 29 Nov 2026 09:13:00 +0000\n');
  expect(await run(['-I'])).toBe('2026-11-29\n');
  expect(await run(['-Iseconds'])).toBe('2026-11-29T09:13:00+00:00\n');
  expect(await run(['-d', '2025-01-05 10:00', '+%c'])).toBe('Sun Jan  5 10:00:00 2025\n');
  expect(await run(['-d', 'yesterday', '+%F'])).toBe('2026-11-28\n');
  expect(await run(['-d', '2 hours ago', '+%T'])).toBe('07:13:00\n');
  expect(await run(['-d', '@0'])).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
});

test('date errors', async () => {
  const k = bootSandbox().host.kernel;
  expect(await execCapture(k, ['date', '-d', 'blah'])).toEqual({ stdout: '', stderr: "date: invalid date 'blah'\n", status: 1 });
  expect(await execCapture(k, ['date', 'blah'])).toEqual({ stdout: '', stderr: "date: invalid date 'blah'\n", status: 1 });
  expect(await execCapture(k, ['date', '+%Y', '+%m'])).toEqual({ stdout: '', stderr: "date: extra operand '+%m'\nTry 'date --help' for more information.\n", status: 1 });
});

test('strftime corner cases', () => {
  const t = Date.UTC(2021, 0, 3, 15, 4, 5, 123);
  expect(strftime('%G-W%V-%u %U %W %I %l %k %N %3N %y %C %D %R %r %n%t%%', t)).toBe('2020-W53-7 01 00 03  3 15 123000000 123 21 20 01/03/21 15:04 03:04:05 PM \n\t%');
});
