import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

test('which', async () => {
  const k = bootSandbox().host.kernel;
  expect(await execCapture(k, ['which', 'ls'], { env: { PATH: '/usr/local/bin:/usr/bin' } })).toEqual({ stdout: '/usr/bin/ls\n', stderr: '', status: 0 });
  expect(await execCapture(k, ['which', '-a', 'ls'])).toEqual({ stdout: '/usr/sbin/ls\n/usr/bin/ls\n/sbin/ls\n/bin/ls\n', stderr: '', status: 0 });
  expect(await execCapture(k, ['which', 'nope', 'cat'])).toEqual({ stdout: '/usr/sbin/cat\n', stderr: '', status: 1 });
  expect(await execCapture(k, ['which', '/etc/hosts'])).toEqual({ stdout: '', stderr: '', status: 1 });
  expect(await execCapture(k, ['which', '-x', 'ls'])).toEqual({ stdout: '', stderr: 'Illegal option -x\nUsage: which [-as] args\n', status: 2 });
});
