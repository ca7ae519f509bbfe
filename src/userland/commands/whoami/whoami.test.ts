import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

test('whoami', async () => {
  const k = bootSandbox().host.kernel;
  expect(await execCapture(k, ['whoami'])).toEqual({ stdout: 'root\n', stderr: '', status: 0 });
  expect(await execCapture(k, ['whoami'], { uid: 1000 })).toEqual({ stdout: 'vagrant\n', stderr: '', status: 0 });
  expect(await execCapture(k, ['whoami'], { uid: 4242 })).toEqual({ stdout: '', stderr: 'whoami: cannot find name for user ID 4242\n', status: 1 });
  expect(await execCapture(k, ['whoami', 'x'])).toEqual({ stdout: '', stderr: "whoami: extra operand 'x'\nTry 'whoami --help' for more information.\n", status: 1 });
});
