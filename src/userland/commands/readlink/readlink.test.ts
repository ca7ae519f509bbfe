import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

const boot = () => bootSandbox().host.kernel;
const NS = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'pid_for_children', 'time', 'time_for_children', 'user', 'uts'];

describe('readlink', () => {
  test('every /proc/self/ns link, as in the host capture', async () => {
    const r = await execCapture(boot(), ['readlink', ...NS.map((n) => `/proc/self/ns/${n}`)]);
    const ref = readFileSync(new URL('../../../../test/reference/01-host/readlink_ns.txt', import.meta.url), 'utf8');
    expect(r).toEqual({ stdout: ref, stderr: '', status: 0 });
  });

  test('inside a new pid namespace the pid link differs', async () => {
    const r = await execCapture(boot(), ['unshare', '-p', '-f', '--mount-proc', 'readlink', '/proc/self/ns/pid']);
    expect(r.stdout).toMatch(/^pid:\[4026532\d{3}\]\n$/);
  });

  test('canonical names: -f, -e, -m', async () => {
    const k = boot();
    expect((await execCapture(k, ['readlink', '-f', '/bin/ls', '/etc/../etc//hostname'])).stdout).toBe('/usr/bin/ls\n/etc/hostname\n');
    // Symlinks are resolved before '..' (physically): /sbin/.. is /usr, which has no etc.
    expect(await execCapture(k, ['readlink', '-f', '/sbin/../etc/hostname'])).toEqual({ stdout: '', stderr: '', status: 1 });
    expect((await execCapture(k, ['readlink', '-f', '/proc/self/ns/pid'])).stdout).toMatch(/^\/proc\/\d+\/ns\/pid:\[4026531836\]\n$/);
    expect(await execCapture(k, ['readlink', '-e', '/etc/nope'])).toEqual({ stdout: '', stderr: '', status: 1 });
    expect((await execCapture(k, ['readlink', '-f', '/etc/nope'])).stdout).toBe('/etc/nope\n');
    expect(await execCapture(k, ['readlink', '-f', '/nope/nope'])).toEqual({ stdout: '', stderr: '', status: 1 });
    expect((await execCapture(k, ['readlink', '-m', '/nope/../x/./y'])).stdout).toBe('/x/y\n');
    expect((await execCapture(k, ['readlink', '-n', '/bin'])).stdout).toBe('usr/bin');
  });

  test('failures are silent unless -v', async () => {
    const k = boot();
    expect(await execCapture(k, ['readlink', '/etc/passwd'])).toEqual({ stdout: '', stderr: '', status: 1 });
    expect(await execCapture(k, ['readlink', '-v', '/etc/passwd', '/nope']))
      .toEqual({ stdout: '', stderr: 'readlink: /etc/passwd: Invalid argument\nreadlink: /nope: No such file or directory\n', status: 1 });
    expect(await execCapture(k, ['readlink', '-n', '/bin', '/sbin']))
      .toEqual({ stdout: 'usr/bin\nusr/bin\n', stderr: 'readlink: ignoring --no-newline with multiple arguments\n', status: 0 });
    expect(await execCapture(k, ['readlink']))
      .toEqual({ stdout: '', stderr: "readlink: missing operand\nTry 'readlink --help' for more information.\n", status: 1 });
  });
});
