import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { ttySession } from '../../../../test/helpers/tty.ts';

describe('id', () => {
  test('the login shell user has wheel as a supplementary group', async () => {
    const run = await ttySession(bootSandbox());
    expect(await run('id')).toBe('uid=1000(vagrant) gid=1000(vagrant) groups=1000(vagrant),998(wheel),970(docker)\n');
    expect(await run('id -G')).toBe('1000 998 970\n');
    expect(await run('id -Gn')).toBe('vagrant wheel docker\n');
  });

  test('-u -g -n, users by name, root', async () => {
    const k = bootSandbox().host.kernel;
    expect((await execCapture(k, ['id'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await execCapture(k, ['id', '-u'], { uid: 1000 })).stdout).toBe('1000\n');
    expect((await execCapture(k, ['id', '-un'], { uid: 1000 })).stdout).toBe('vagrant\n');
    expect((await execCapture(k, ['id', '-gn'], { uid: 1000 })).stdout).toBe('vagrant\n');
    expect((await execCapture(k, ['id', 'vagrant'])).stdout).toBe('uid=1000(vagrant) gid=1000(vagrant) groups=1000(vagrant),998(wheel),970(docker)\n');
    expect((await execCapture(k, ['id', '-nG', 'vagrant'])).stdout).toBe('vagrant wheel docker\n');
  });

  test('errors', async () => {
    const k = bootSandbox().host.kernel;
    expect(await execCapture(k, ['id', 'nobody2'])).toEqual({ stdout: '', stderr: "id: 'nobody2': no such user\n", status: 1 });
    expect(await execCapture(k, ['id', '-n'])).toEqual({ stdout: '', stderr: 'id: cannot print only names or real IDs in default format\n', status: 1 });
    expect(await execCapture(k, ['id', '-ug'])).toEqual({ stdout: '', stderr: 'id: cannot print "only" of more than one choice\n', status: 1 });
    expect(await execCapture(k, ['id', '-x'])).toEqual({ stdout: '', stderr: "id: invalid option -- 'x'\nTry 'id --help' for more information.\n", status: 1 });
  });
});
