import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

const boot = () => bootSandbox().host.kernel;
const ok = { stdout: '', stderr: '', status: 0 };
const fail = (t: string, m: string) => ({ stdout: '', stderr: `umount: ${t}: ${m}.\n`, status: 32 });

describe('umount', () => {
  test('unmounts by mount point or by source, with libmount\'s messages afterwards', async () => {
    const k = boot();
    expect(await execCapture(k, ['mount', '-t', 'tmpfs', 'scratch', '/mnt'])).toEqual(ok);
    expect(await execCapture(k, ['umount', '/mnt/'])).toEqual(ok);
    expect(await execCapture(k, ['umount', '/mnt'])).toEqual(fail('/mnt', 'not mounted'));
    expect(await execCapture(k, ['mount', '-t', 'tmpfs', 'scratch', '/mnt'])).toEqual(ok);
    expect(await execCapture(k, ['umount', '-v', 'scratch'])).toEqual({ stdout: 'umount: /mnt unmounted\n', stderr: '', status: 0 });
    expect((await execCapture(k, ['grep', '-c', 'scratch', '/proc/mounts'])).stdout).toBe('0\n');
  });

  test('busy, lazy and recursive unmounts', async () => {
    const k = boot();
    await execCapture(k, ['mount', '-t', 'tmpfs', 'outer', '/mnt']);
    await execCapture(k, ['mkdir', '/mnt/in']);
    await execCapture(k, ['mount', '-t', 'tmpfs', 'inner', '/mnt/in']);
    expect(await execCapture(k, ['umount', '/mnt'])).toEqual(fail('/mnt', 'target is busy'));
    expect(await execCapture(k, ['umount', '-R', '/mnt'])).toEqual(ok);
    expect((await execCapture(k, ['grep', '-c', 'outer\\|inner', '/proc/mounts'])).stdout).toBe('0\n');
    await execCapture(k, ['mount', '-t', 'tmpfs', 'outer', '/mnt']);
    await execCapture(k, ['mkdir', '/mnt/in']);
    await execCapture(k, ['mount', '-t', 'tmpfs', 'inner', '/mnt/in']);
    expect(await execCapture(k, ['umount', '-l', '/mnt'])).toEqual(ok);
    expect(await execCapture(k, ['umount', '/dev'])).toEqual(fail('/dev', 'target is busy'));
  });

  test('errors', async () => {
    const k = boot();
    expect(await execCapture(k, ['umount', '/nope'])).toEqual(fail('/nope', 'no mount point specified'));
    expect(await execCapture(k, ['umount', '/tmp'], { uid: 1000 })).toEqual(fail('/tmp', 'must be superuser to unmount'));
    expect(await execCapture(k, ['umount'])).toEqual({ stdout: '', stderr: "umount: bad usage\nTry 'umount --help' for more information.\n", status: 1 });
    expect(await execCapture(k, ['umount', '-z'])).toEqual({
      stdout: '', stderr: "umount: invalid option -- 'z'\nTry 'umount --help' for more information.\n", status: 1,
    });
  });

  test('a mount namespace unmounts only its own copy', async () => {
    const k = boot();
    expect((await execCapture(k, ['unshare', '-m', 'bash', '-c', 'umount /tmp; grep -c " /tmp " /proc/self/mounts'])).stdout).toBe('0\n');
    expect((await execCapture(k, ['grep', '-c', ' /tmp ', '/proc/self/mounts'])).stdout).toBe('1\n');
  });
});
