import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

test('pwd -P by default, -L trusts a valid $PWD', async () => {
  const k = bootSandbox().host.kernel;
  expect(await execCapture(k, ['pwd'], { cwd: '/usr/bin' })).toEqual({ stdout: '/usr/bin\n', stderr: '', status: 0 });
  expect((await execCapture(k, ['pwd'], { cwd: '/bin', env: { PWD: '/bin' } })).stdout).toBe('/usr/bin\n');
  expect((await execCapture(k, ['pwd', '-L'], { cwd: '/bin', env: { PWD: '/bin' } })).stdout).toBe('/bin\n');
  expect((await execCapture(k, ['pwd', '-L'], { cwd: '/bin', env: { PWD: '/etc' } })).stdout).toBe('/usr/bin\n');
  expect(await execCapture(k, ['pwd', 'x'], { cwd: '/' })).toEqual({ stdout: '/\n', stderr: 'pwd: ignoring non-option arguments\n', status: 0 });
});
