import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

describe('touch', () => {
  test('creates files with 0666 & ~umask and the current time', async () => {
    const x = box();
    expect(await x(['touch', '/tmp/a'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await x(['ls', '-l', '/tmp/a'])).stdout).toBe('-rw-r--r-- 1 root root 0 Nov 29 09:13 /tmp/a\n');
  });

  test('-d, -t, -r, -c', async () => {
    const x = box();
    await x(['touch', '-d', '2025-05-01 12:00:00', '/tmp/a']);
    await x(['touch', '-t', '202001020304.05', '/tmp/b']);
    await x(['touch', '-r', '/tmp/a', '/tmp/c']);
    await x(['touch', '-c', '/tmp/none']);
    expect((await x(['ls', '-l', '/tmp'])).stdout).toBe('total 0\n'
      + '-rw-r--r-- 1 root root 0 May  1  2025 a\n-rw-r--r-- 1 root root 0 Jan  2  2020 b\n-rw-r--r-- 1 root root 0 May  1  2025 c\n');
    expect(await x(['touch', '-d', 'garbage', '/tmp/a'])).toEqual({ stdout: '', stderr: "touch: invalid date format 'garbage'\n", status: 1 });
  });

  test('errors', async () => {
    const x = box();
    expect(await x(['touch', '/etc/x'], { uid: 1000 })).toEqual({ stdout: '', stderr: "touch: cannot touch '/etc/x': Permission denied\n", status: 1 });
    expect(await x(['touch', '/etc/hosts'], { uid: 1000 })).toEqual({ stdout: '', stderr: "touch: setting times of '/etc/hosts': Permission denied\n", status: 1 });
    expect(await x(['touch'])).toEqual({ stdout: '', stderr: "touch: missing file operand\nTry 'touch --help' for more information.\n", status: 1 });
  });
});
