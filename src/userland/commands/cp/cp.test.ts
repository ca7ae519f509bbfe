import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

describe('cp', () => {
  test('copies a file, keeps content, new mode from the source', async () => {
    const x = box();
    expect(await x(['cp', '/etc/hostname', '/tmp/h'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await x(['cat', '/tmp/h'])).stdout).toBe('archlinux\n');
    expect((await x(['stat', '-c', '%a %U', '/tmp/h'])).stdout).toBe('644 root\n');
  });

  test('operand errors', async () => {
    const x = box();
    expect(await x(['cp'])).toEqual({ stdout: '', stderr: "cp: missing file operand\nTry 'cp --help' for more information.\n", status: 1 });
    expect((await x(['cp', 'a'])).stderr).toBe("cp: missing destination file operand after 'a'\nTry 'cp --help' for more information.\n");
    expect(await x(['cp', '/nope', '/tmp/x'])).toEqual({ stdout: '', stderr: "cp: cannot stat '/nope': No such file or directory\n", status: 1 });
    expect((await x(['cp', '/etc/hosts', '/etc/hostname', '/tmp/nodir'])).stderr).toBe("cp: target '/tmp/nodir' is not a directory\n");
    expect((await x(['cp', '/etc/hosts', '/etc/hosts'])).stderr).toBe("cp: '/etc/hosts' and '/etc/hosts' are the same file\n");
  });

  test('directories need -r; -r copies trees; into itself is refused', async () => {
    const x = box();
    await x(['mkdir', '-p', '/tmp/d/sub']);
    await x(['touch', '/tmp/d/sub/f']);
    expect(await x(['cp', '/tmp/d', '/tmp/e'])).toEqual({ stdout: '', stderr: "cp: -r not specified; omitting directory '/tmp/d'\n", status: 1 });
    expect(await x(['cp', '-rv', '/tmp/d', '/tmp/e'])).toEqual({
      stdout: "'/tmp/d' -> '/tmp/e'\n'/tmp/d/sub' -> '/tmp/e/sub'\n'/tmp/d/sub/f' -> '/tmp/e/sub/f'\n", stderr: '', status: 0,
    });
    expect((await x(['cp', '-r', '/tmp/d', '/tmp/d/sub'])).stderr).toBe("cp: cannot copy a directory, '/tmp/d', into itself, '/tmp/d/sub/d'\n");
  });

  test('into a directory, permission denied as vagrant', async () => {
    const x = box();
    await x(['cp', '/etc/hosts', '/etc/hostname', '/tmp']);
    expect((await x(['ls', '/tmp'])).stdout).toBe('hostname\nhosts\n');
    expect(await x(['cp', '/etc/hosts', '/etc/x'], { uid: 1000 })).toEqual({ stdout: '', stderr: "cp: cannot create regular file '/etc/x': Permission denied\n", status: 1 });
    expect((await x(['cp', '/etc/shadow', '/tmp/s'], { uid: 1000 })).stderr).toBe("cp: cannot open '/etc/shadow' for reading: Permission denied\n");
  });

  test('-i asks on stdin, -n never overwrites, -p keeps the time', async () => {
    const x = box();
    await x(['cp', '/etc/hosts', '/tmp/t']);
    expect(await x(['cp', '-i', '/etc/hostname', '/tmp/t'], { stdin: 'n\n' })).toEqual({ stdout: '', stderr: "cp: overwrite '/tmp/t'? ", status: 0 });
    expect((await x(['cat', '/tmp/t'])).stdout).toContain('localhost');
    await x(['cp', '-n', '/etc/hostname', '/tmp/t']);
    expect((await x(['cat', '/tmp/t'])).stdout).toContain('localhost');
    await x(['touch', '-d', '2020-01-02 03:04', '/tmp/t']);
    await x(['cp', '-p', '/tmp/t', '/tmp/u']);
    expect((await x(['stat', '-c', '%y', '/tmp/u'])).stdout).toBe('2020-01-02 03:04:00.000000000 +0000\n');
  });
});
