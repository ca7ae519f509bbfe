import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

describe('stat', () => {
  test('default format for a file', async () => {
    const x = box();
    await x(['cp', '/etc/hostname', '/tmp/h']);
    const [ino, dev] = (await x(['stat', '-c', '%i %Hd,%Ld', '/tmp/h'])).stdout.trim().split(' ');
    expect((await x(['stat', '/tmp/h'])).stdout).toBe(
      '  File: /tmp/h\n'
      + '  Size: 10        \tBlocks: 8          IO Block: 4096   regular file\n'
      + `Device: ${dev}\tInode: ${ino.padEnd(10)}  Links: 1\n`
      + 'Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n'
      + 'Access: 2026-11-29 09:13:00.000000000 +0000\n'
      + 'Modify: 2026-11-29 09:13:00.000000000 +0000\n'
      + 'Change: 2026-11-29 09:13:00.000000000 +0000\n'
      + ' Birth: -\n');
  });

  test('symlinks, devices, -c', async () => {
    const x = box();
    expect((await x(['stat', '/bin'])).stdout.split('\n').slice(0, 2)).toEqual([
      '  File: /bin -> usr/bin', '  Size: 7         \tBlocks: 0          IO Block: 4096   symbolic link']);
    expect((await x(['stat', '/dev/null'])).stdout.split('\n')[2]).toMatch(/^Device: 0,\d+\tInode: \d+ +Links: 1     Device type: 1,3$/);
    expect((await x(['stat', '-c', '%n %F %U:%G %s', '/etc', '/tmp'])).stdout).toBe('/etc directory root:root 4096\n/tmp directory root:root 4096\n');
    expect((await x(['stat', '-c', '%A', '/tmp'])).stdout).toBe('drwxrwxrwt\n');
  });

  test('errors', async () => {
    const x = box();
    expect(await x(['stat', '/nope'])).toEqual({ stdout: '', stderr: "stat: cannot stat '/nope': No such file or directory\n", status: 1 });
    expect(await x(['stat'])).toEqual({ stdout: '', stderr: "stat: missing operand\nTry 'stat --help' for more information.\n", status: 1 });
  });
});
