import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

test('uname', async () => {
  const k = bootSandbox().host.kernel;
  const run = async (...a: string[]) => (await execCapture(k, ['uname', ...a])).stdout;
  expect(await run()).toBe('Linux\n');
  expect(await run('-a')).toBe('Linux archlinux 5.9.8-arch1-1 #1 SMP PREEMPT Tue, 10 Nov 2020 22:44:11 +0000 x86_64 GNU/Linux\n');
  expect(await run('-r')).toBe('5.9.8-arch1-1\n');
  expect(await run('-m', '-n')).toBe('archlinux x86_64\n');
  expect(await run('-p', '-i', '-o')).toBe('unknown unknown GNU/Linux\n');
  expect(await run('-snrvm')).toBe('Linux archlinux 5.9.8-arch1-1 #1 SMP PREEMPT Tue, 10 Nov 2020 22:44:11 +0000 x86_64\n');
  expect(await execCapture(k, ['uname', 'x'])).toEqual({ stdout: '', stderr: "uname: extra operand 'x'\nTry 'uname --help' for more information.\n", status: 1 });
});
