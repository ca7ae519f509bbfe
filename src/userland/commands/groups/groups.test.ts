import { expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { ttySession } from '../../../../test/helpers/tty.ts';

test('groups', async () => {
  const sb = bootSandbox();
  const k = sb.host.kernel;
  expect(await (await ttySession(sb))('groups')).toBe('vagrant wheel docker\n');
  expect(await execCapture(k, ['groups'])).toEqual({ stdout: 'root\n', stderr: '', status: 0 });
  expect(await execCapture(k, ['groups', 'vagrant', 'root'])).toEqual({ stdout: 'vagrant : vagrant wheel docker\nroot : root\n', stderr: '', status: 0 });
  expect(await execCapture(k, ['groups', 'zz'])).toEqual({ stdout: '', stderr: "groups: 'zz': no such user\n", status: 1 });
});
