import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

describe('mv', () => {
  test('renames, moves into directories, -v', async () => {
    const x = box();
    await x(['touch', '/tmp/a']);
    await x(['mkdir', '/tmp/d']);
    expect(await x(['mv', '-v', '/tmp/a', '/tmp/b'])).toEqual({ stdout: "renamed '/tmp/a' -> '/tmp/b'\n", stderr: '', status: 0 });
    expect(await x(['mv', '/tmp/b', '/tmp/d'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await x(['ls', '-R', '/tmp'])).stdout).toBe('/tmp:\nd\n\n/tmp/d:\nb\n');
  });

  test('errors', async () => {
    const x = box();
    await x(['mkdir', '-p', '/tmp/d/e']);
    await x(['touch', '/tmp/f']);
    expect(await x(['mv'])).toEqual({ stdout: '', stderr: "mv: missing file operand\nTry 'mv --help' for more information.\n", status: 1 });
    expect((await x(['mv', '/nope', '/tmp/x'])).stderr).toBe("mv: cannot stat '/nope': No such file or directory\n");
    expect((await x(['mv', '/tmp/d', '/tmp/d/e'])).stderr).toBe("mv: cannot move '/tmp/d' to a subdirectory of itself, '/tmp/d/e/d'\n");
    expect((await x(['mv', '/tmp/d', '/tmp/f'])).stderr).toBe("mv: cannot overwrite non-directory '/tmp/f' with directory '/tmp/d'\n");
    expect((await x(['mv', '/etc/hosts', '/tmp/h'], { uid: 1000 })).stderr).toBe("mv: cannot move '/etc/hosts' to '/tmp/h': Permission denied\n");
  });

  test('across filesystems: copy and remove', async () => {
    const x = box();
    await x(['mkdir', '-p', '/tmp/tree/sub']);
    await x(['cp', '/etc/hosts', '/tmp/tree/sub/h']);
    expect(await x(['mv', '/tmp/tree', '/root/tree'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await x(['ls', '-R', '/root/tree'])).stdout).toBe('/root/tree:\nsub\n\n/root/tree/sub:\nh\n');
    expect((await x(['ls', '/tmp'])).stdout).toBe('');
  });
});
