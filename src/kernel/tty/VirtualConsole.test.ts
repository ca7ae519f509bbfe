import { expect, test } from 'vitest';
import { execCapture } from '../../sandbox/exec.ts';
import { bootSandbox } from '../../sandbox/index.ts';

test('agetty holds tty1 as its controlling terminal: ps shows tty1 Ss+, /dev/tty1 is 4,1 root:tty 620', async () => {
  const { kernel } = bootSandbox().host;
  const run = (argv: string[], uid = 1000) => execCapture(kernel, argv, { uid, env: { PATH: '/usr/bin' } });
  expect((await run(['ps', '-o', 'pid,tty,stat,comm', '-t', 'tty1'])).stdout).toBe('    PID TT       STAT COMMAND\n    293 tty1     Ss+  agetty\n');
  expect((await run(['ls', '-l', '/dev/tty1'])).stdout).toMatch(/^crw--w---- 1 root tty 4, 1 .* \/dev\/tty1\n$/);
  expect(await run(['sh', '-c', 'echo hi > /dev/tty1'])).toMatchObject({ stderr: 'sh: line 1: /dev/tty1: Permission denied\n', status: 1 });
  expect(await run(['sh', '-c', 'echo hi > /dev/tty1'], 0)).toMatchObject({ stderr: '', status: 0 });
});
