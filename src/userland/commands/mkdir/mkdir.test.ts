import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

describe('mkdir', () => {
  test('creates, complains, -p, -v, -m', async () => {
    const x = box();
    expect(await x(['mkdir', '/tmp/a'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await x(['mkdir', '/tmp/a'])).toEqual({ stdout: '', stderr: "mkdir: cannot create directory '/tmp/a': File exists\n", status: 1 });
    expect(await x(['mkdir', '/root/x'], { uid: 1000 })).toEqual({ stdout: '', stderr: "mkdir: cannot create directory '/root/x': Permission denied\n", status: 1 });
    expect(await x(['mkdir', '/tmp/b/c'])).toEqual({ stdout: '', stderr: "mkdir: cannot create directory '/tmp/b/c': No such file or directory\n", status: 1 });
    expect(await x(['mkdir', '-pv', '/tmp/b/c'])).toEqual({ stdout: "mkdir: created directory '/tmp/b'\nmkdir: created directory '/tmp/b/c'\n", stderr: '', status: 0 });
    expect(await x(['mkdir', '-p', '/tmp/b/c'])).toEqual({ stdout: '', stderr: '', status: 0 });
    await x(['mkdir', '-m', '700', '/tmp/m']);
    await x(['mkdir', '-m', 'a=rwx', '/tmp/n']);
    expect((await x(['stat', '-c', '%A %n', '/tmp/a', '/tmp/m', '/tmp/n'])).stdout).toBe('drwxr-xr-x /tmp/a\ndrwx------ /tmp/m\ndrwxrwxrwx /tmp/n\n');
    expect(await x(['mkdir', '-m', 'q', '/tmp/q'])).toEqual({ stdout: '', stderr: "mkdir: invalid mode 'q'\n", status: 1 });
    expect(await x(['mkdir'])).toEqual({ stdout: '', stderr: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", status: 1 });
  });

  test('curly quotes in a UTF-8 locale', async () => {
    const x = box();
    expect((await x(['mkdir', '/tmp'], { env: { LANG: 'en_US.UTF-8' } })).stderr).toBe('mkdir: cannot create directory \u2018/tmp\u2019: File exists\n');
  });
});
