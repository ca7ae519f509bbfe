import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

test('du', async () => {
  const k = bootSandbox().host.kernel;
  const x = (argv: string[], uid?: number) => execCapture(k, argv, { uid });
  await x(['mkdir', '-p', '/tmp/d/e']);
  await x(['cp', '/etc/passwd', '/tmp/d/e/p']);
  await x(['touch', '/tmp/d/empty']);
  expect(await x(['du', '/tmp/d'])).toEqual({ stdout: '8\t/tmp/d/e\n12\t/tmp/d\n', stderr: '', status: 0 });
  expect((await x(['du', '-sh', '/tmp/d'])).stdout).toBe('12K\t/tmp/d\n');
  expect((await x(['du', '-a', '/tmp/d'])).stdout).toBe('4\t/tmp/d/e/p\n8\t/tmp/d/e\n0\t/tmp/d/empty\n12\t/tmp/d\n');
  expect((await x(['du', '-c', '/tmp/d/e/p', '/tmp/d/empty'])).stdout).toBe('4\t/tmp/d/e/p\n0\t/tmp/d/empty\n4\ttotal\n');
  expect(await x(['du', '-s', '/nope'])).toEqual({ stdout: '', stderr: "du: cannot access '/nope': No such file or directory\n", status: 1 });
  expect((await x(['du', '-s', '/root'], 1000)).stderr).toBe("du: cannot read directory '/root': Permission denied\n");
});
