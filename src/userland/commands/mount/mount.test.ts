import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { MOUNT_USAGE } from './usage.ts';

const boot = () => bootSandbox().host.kernel;
const HINT = '       dmesg(1) may have more information after failed mount system call.\n';
const fail = (target: string, msg: string) => ({ stdout: '', stderr: `mount: ${target}: ${msg}.\n${HINT}`, status: 32 });

const HOST_TABLE = `/dev/sda1 on / type ext4 (rw,relatime)
proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)
sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)
dev on /dev type devtmpfs (rw,nosuid,relatime,size=4010720k,nr_inodes=1002680,mode=755,inode64)
devpts on /dev/pts type devpts (rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000)
shm on /dev/shm type tmpfs (rw,nosuid,nodev,inode64)
run on /run type tmpfs (rw,nosuid,nodev,size=1609848k,mode=755,inode64)
cgroup2 on /sys/fs/cgroup type cgroup2 (rw,nosuid,nodev,noexec,relatime)
mqueue on /dev/mqueue type mqueue (rw,nosuid,nodev,noexec,relatime)
tmpfs on /tmp type tmpfs (rw,nosuid,nodev,relatime,size=4024620k,nr_inodes=1048576,inode64)
`;

describe('mount: listing', () => {
  test('no arguments: the caller\'s mount table as SOURCE on TARGET type FSTYPE (OPTIONS)', async () => {
    expect(await execCapture(boot(), ['mount'])).toEqual({ stdout: HOST_TABLE, stderr: '', status: 0 });
  });

  test('the line format is /proc/self/mounts rewritten, as in the container capture', async () => {
    const mounts = readFileSync(new URL('../../../../test/reference/02-default/ctr_proc_mounts.txt', import.meta.url), 'utf8');
    const listing = readFileSync(new URL('../../../../test/reference/02-default/ctr_mount.txt', import.meta.url), 'utf8');
    const rewrite = (s: string) => s.split('\n').filter(Boolean).map((l) => {
      const [src, tgt, type, opts] = l.split(' ');
      return `${src} on ${tgt} type ${type} (${opts})`;
    }).join('\n') + '\n';
    expect(rewrite(mounts)).toBe(listing);
    const k = boot();
    expect((await execCapture(k, ['mount'])).stdout).toBe(rewrite((await execCapture(k, ['cat', '/proc/self/mounts'])).stdout));
  });

  test('-t filters by type (a "no" prefix negates)', async () => {
    const k = boot();
    expect((await execCapture(k, ['mount', '-t', 'tmpfs'])).stdout).toBe(`shm on /dev/shm type tmpfs (rw,nosuid,nodev,inode64)
run on /run type tmpfs (rw,nosuid,nodev,size=1609848k,mode=755,inode64)
tmpfs on /tmp type tmpfs (rw,nosuid,nodev,relatime,size=4024620k,nr_inodes=1048576,inode64)
`);
    expect((await execCapture(k, ['mount', '-t', 'proc,sysfs'])).stdout).toBe(`proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)
sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)
`);
    expect((await execCapture(k, ['mount', '-t', 'notmpfs,devtmpfs,cgroup2,mqueue,devpts,proc,sysfs'])).stdout)
      .toBe('/dev/sda1 on / type ext4 (rw,relatime)\n');
  });
});

describe('mount: mounting', () => {
  test('mount -t tmpfs, a bind mount, a remount read-only, then umount', async () => {
    const k = boot();
    expect(await execCapture(k, ['mount', '-t', 'tmpfs', '-o', 'size=64k,mode=755', 'scratch', '/mnt'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await execCapture(k, ['mount', '--bind', '/etc', '/srv'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await execCapture(k, ['mount', '-o', 'remount,ro', '/mnt'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await execCapture(k, ['mount'])).stdout).toBe(`${HOST_TABLE}scratch on /mnt type tmpfs (ro,relatime,size=64k,mode=755)
/dev/sda1 on /srv type ext4 (rw,relatime)
`);
    expect((await execCapture(k, ['cat', '/srv/hostname'])).stdout).toBe('archlinux\n');
    expect(await execCapture(k, ['umount', '/mnt'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await execCapture(k, ['umount', '/srv'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await execCapture(k, ['mount'])).stdout).toBe(HOST_TABLE);
  });

  test('a read-only bind mount is a bind followed by a remount', async () => {
    const k = boot();
    expect((await execCapture(k, ['mount', '-o', 'bind,ro', '/etc', '/srv'])).status).toBe(0);
    expect((await execCapture(k, ['grep', '/srv', '/proc/self/mounts'])).stdout).toBe('/dev/sda1 /srv ext4 ro,relatime 0 0\n');
    expect((await execCapture(k, ['mount', '-v', '--bind', '/etc', '/opt'])).stdout).toBe('mount: /etc bound on /opt.\n');
  });

  test('propagation changes', async () => {
    const k = boot();
    expect(await execCapture(k, ['mount', '--make-rprivate', '/'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await execCapture(k, ['mount', '--make-shared', '/tmp'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await execCapture(k, ['grep', ' /tmp ', '/proc/self/mountinfo'])).stdout).toMatch(/ \/tmp rw,nosuid,nodev,relatime shared:\d+ - tmpfs /);
    expect(await execCapture(k, ['mount', '--make-private', '/opt'])).toEqual(fail('/opt', 'not mount point or bad option'));
  });
});

describe('mount: errors', () => {
  test('libmount\'s messages, exit status 32', async () => {
    const k = boot();
    expect(await execCapture(k, ['mount', '-t', 'tmpfs', 'x', '/nope'])).toEqual(fail('/nope', 'mount point does not exist'));
    expect(await execCapture(k, ['mount', '-t', 'foo', 'x', '/mnt'])).toEqual(fail('/mnt', "unknown filesystem type 'foo'"));
    expect(await execCapture(k, ['mount', '-t', 'tmpfs', 'x', '/etc/hostname'])).toEqual(fail('/etc/hostname', 'mount point is not a directory'));
    expect(await execCapture(k, ['mount', '--bind', '/nope', '/mnt'])).toEqual(fail('/mnt', 'special device /nope does not exist'));
    expect(await execCapture(k, ['mount', '-o', 'remount,ro', '/opt'])).toEqual(fail('/opt', 'mount point not mounted or bad option'));
    expect(await execCapture(k, ['mount', 'tmpfs', '/mnt']))
      .toEqual({ stdout: '', stderr: 'mount: /mnt: special device tmpfs does not exist.\n', status: 32 });
  });

  test('non-root: the mount(2) call is refused', async () => {
    expect(await execCapture(boot(), ['mount', '-t', 'tmpfs', 'tmpfs', '/mnt'], { uid: 1000 })).toEqual(fail('/mnt', 'must be superuser to use mount'));
    expect((await execCapture(boot(), ['mount'], { uid: 1000 })).stdout).toBe(HOST_TABLE);
  });

  test('usage errors, exit status 1', async () => {
    const k = boot();
    const usage = { stdout: '', stderr: "mount: bad usage\nTry 'mount --help' for more information.\n", status: 1 };
    expect(await execCapture(k, ['mount', '--bind'])).toEqual(usage);
    expect(await execCapture(k, ['mount', 'a', 'b', 'c'])).toEqual(usage);
    expect(await execCapture(k, ['mount', '/mnt'])).toEqual({ stdout: '', stderr: "mount: /mnt: can't find in /etc/fstab.\n", status: 1 });
    expect(await execCapture(k, ['mount', '--bogus'])).toEqual({
      stdout: '', stderr: "mount: unrecognized option '--bogus'\nTry 'mount --help' for more information.\n", status: 1,
    });
    expect(await execCapture(k, ['mount', '--bind', '--move', 'a', 'b']))
      .toEqual({ stdout: '', stderr: 'mount: mutually exclusive arguments: --bind --move --rbind\n', status: 1 });
    expect(await execCapture(k, ['mount', '-h'])).toEqual({ stdout: MOUNT_USAGE, stderr: '', status: 0 });
    expect((await execCapture(k, ['mount', '-V'])).stdout)
      .toBe('mount from util-linux 2.38.1 (libmount 2.38.1: selinux, smack, btrfs, verity, namespaces, assert, debug)\n');
  });
});
