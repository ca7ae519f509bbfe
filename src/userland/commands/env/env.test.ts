import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

test('env prints, -i, -u, VAR=x, runs commands through $PATH', async () => {
  const k = bootSandbox().host.kernel;
  expect((await execCapture(k, ['env'], { env: { FOO: 'bar' } })).stdout).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nFOO=bar\n');
  expect((await execCapture(k, ['env', '-i', 'A=1', 'B=2'])).stdout).toBe('A=1\nB=2\n');
  expect((await execCapture(k, ['env', '-u', 'PATH', 'X=y'])).stdout).toBe('X=y\n');
  expect((await execCapture(k, ['env', '-i', 'PATH=/usr/bin', 'FOO=1', 'env'])).stdout).toBe('PATH=/usr/bin\nFOO=1\n');
  expect(await execCapture(k, ['env', 'echo', 'hi'])).toEqual({ stdout: 'hi\n', stderr: '', status: 0 });
  expect(await execCapture(k, ['env', 'nosuchcmd'])).toEqual({ stdout: '', stderr: "env: 'nosuchcmd': No such file or directory\n", status: 127 });
  expect(await execCapture(k, ['env', '-z'])).toEqual({ stdout: '', stderr: "env: invalid option -- 'z'\nTry 'env --help' for more information.\n", status: 125 });
  expect((await execCapture(k, ['env', 'false'])).status).toBe(1);
});
