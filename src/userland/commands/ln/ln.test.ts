import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

describe('ln', () => {
  test('symbolic links, -f, -v, into directories', async () => {
    const x = box();
    expect(await x(['ln', '-s', '/etc/hosts', '/tmp/h'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await x(['cat', '/tmp/h'])).stdout).toContain('localhost');
    expect(await x(['ln', '-s', '/etc/hostname', '/tmp/h'])).toEqual({ stdout: '', stderr: "ln: failed to create symbolic link '/tmp/h': File exists\n", status: 1 });
    expect(await x(['ln', '-sfv', '/etc/hostname', '/tmp/h'])).toEqual({ stdout: "'/tmp/h' -> '/etc/hostname'\n", stderr: '', status: 0 });
    await x(['mkdir', '/tmp/d']);
    await x(['ln', '-s', '/etc/passwd', '/tmp/d']);
    expect((await x(['ls', '-l', '/tmp/d'])).stdout).toMatch(/^total 0\nlrwxrwxrwx 1 root root 11 .* passwd -> \/etc\/passwd\n$/);
  });

  test('hard links and their errors', async () => {
    const x = box();
    await x(['touch', '/tmp/a']);
    expect(await x(['ln', '/tmp/a', '/tmp/b'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await x(['stat', '-c', '%i', '/tmp/a'])).stdout).toBe((await x(['stat', '-c', '%i', '/tmp/b'])).stdout);
    expect((await x(['ln', '/tmp/a', '/tmp/b'])).stderr).toBe("ln: failed to create hard link '/tmp/b': File exists\n");
    expect((await x(['ln', '/tmp/nope', '/tmp/c'])).stderr).toBe("ln: failed to access '/tmp/nope': No such file or directory\n");
    expect((await x(['ln', '/tmp', '/tmp/c'])).stderr).toBe("ln: '/tmp': hard link not allowed for directory\n");
    expect((await x(['ln', '/etc/hosts', '/tmp/c'])).stderr).toBe("ln: failed to create hard link '/tmp/c': Invalid cross-device link\n");
    expect(await x(['ln'])).toEqual({ stdout: '', stderr: "ln: missing file operand\nTry 'ln --help' for more information.\n", status: 1 });
  });
});
