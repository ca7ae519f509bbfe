import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

test('clear', async () => {
  const k = bootSandbox().host.kernel;
  expect(await execCapture(k, ['clear'], { env: { TERM: 'xterm-256color' } })).toEqual({ stdout: '\x1b[H\x1b[2J\x1b[3J', stderr: '', status: 0 });
  expect((await execCapture(k, ['clear', '-x'], { env: { TERM: 'xterm' } })).stdout).toBe('\x1b[H\x1b[2J');
  expect(await execCapture(k, ['clear'])).toEqual({ stdout: '', stderr: 'TERM environment variable not set.\n', status: 1 });
});
