import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

const boot = () => bootSandbox().host.kernel;

const TREE = `TARGET             SOURCE    FSTYPE   OPTIONS
/                  /dev/sda1 ext4     rw,relatime
├─/proc            proc      proc     rw,nosuid,nodev,noexec,relatime
├─/sys             sysfs     sysfs    rw,nosuid,nodev,noexec,relatime
│ └─/sys/fs/cgroup cgroup2   cgroup2  rw,nosuid,nodev,noexec,relatime
├─/dev             dev       devtmpfs rw,nosuid,relatime,size=4010720k,nr_inodes=1002680,mode=755,inode64
│ ├─/dev/pts       devpts    devpts   rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000
│ ├─/dev/shm       shm       tmpfs    rw,nosuid,nodev,inode64
│ └─/dev/mqueue    mqueue    mqueue   rw,nosuid,nodev,noexec,relatime
├─/run             run       tmpfs    rw,nosuid,nodev,size=1609848k,mode=755,inode64
└─/tmp             tmpfs     tmpfs    rw,nosuid,nodev,relatime,size=4024620k,nr_inodes=1048576,inode64
`;

describe('findmnt', () => {
  test('the mount tree (children under their parent mount, by mount id)', async () => {
    expect(await execCapture(boot(), ['findmnt'])).toEqual({ stdout: TREE, stderr: '', status: 0 });
  });

  test('list, no headings, raw, ASCII art, columns', async () => {
    const k = boot();
    // Without headings the columns are still at least as wide as their headers (libsmartcols width_min).
    expect((await execCapture(k, ['findmnt', '-l', '-n', '-t', 'proc,sysfs'])).stdout).toBe(`/proc  proc   proc   rw,nosuid,nodev,noexec,relatime
/sys   sysfs  sysfs  rw,nosuid,nodev,noexec,relatime
`);
    expect((await execCapture(k, ['findmnt', '-r', '-o', 'TARGET,FSTYPE', '-t', 'tmpfs'])).stdout).toBe('TARGET FSTYPE\n/dev/shm tmpfs\n/run tmpfs\n/tmp tmpfs\n');
    expect((await execCapture(k, ['findmnt', '-a', '-o', 'TARGET'])).stdout.split('\n').slice(4, 7).join('\n'))
      .toBe('| `-/sys/fs/cgroup\n|-/dev\n| |-/dev/pts');
  });

  test('a mount point or source as argument: list output, exit 1 when nothing matches', async () => {
    const k = boot();
    expect((await execCapture(k, ['findmnt', '/proc'])).stdout).toBe('TARGET SOURCE FSTYPE OPTIONS\n/proc  proc   proc   rw,nosuid,nodev,noexec,relatime\n');
    expect((await execCapture(k, ['findmnt', '/dev/sda1'])).stdout).toBe('TARGET SOURCE    FSTYPE OPTIONS\n/      /dev/sda1 ext4   rw,relatime\n');
    expect((await execCapture(k, ['findmnt', '-T', '/usr/bin'])).stdout).toBe('TARGET SOURCE    FSTYPE OPTIONS\n/      /dev/sda1 ext4   rw,relatime\n');
    expect(await execCapture(k, ['findmnt', '/usr'])).toEqual({ stdout: '', stderr: '', status: 1 });
  });

  test('a bind mount shows its filesystem root: /dev/sda1[/etc]', async () => {
    const k = boot();
    await execCapture(k, ['mount', '--bind', '/etc', '/srv']);
    expect((await execCapture(k, ['findmnt', '/srv'])).stdout).toBe('TARGET SOURCE          FSTYPE OPTIONS\n/srv   /dev/sda1[/etc] ext4   rw,relatime\n');
    expect((await execCapture(k, ['findmnt', '-v', '-n', '-o', 'SOURCE', '/srv'])).stdout).toBe('/dev/sda1\n');
  });

  test('JSON', async () => {
    expect((await execCapture(boot(), ['findmnt', '-J', '-t', 'cgroup2,sysfs'])).stdout).toBe(`{
   "filesystems": [
      {
         "target": "/sys",
         "source": "sysfs",
         "fstype": "sysfs",
         "options": "rw,nosuid,nodev,noexec,relatime",
         "children": [
            {
               "target": "/sys/fs/cgroup",
               "source": "cgroup2",
               "fstype": "cgroup2",
               "options": "rw,nosuid,nodev,noexec,relatime"
            }
         ]
      }
   ]
}
`);
  });

  test('errors', async () => {
    const k = boot();
    expect(await execCapture(k, ['findmnt', '-o', 'FOO'])).toEqual({ stdout: '', stderr: 'findmnt: unknown column: FOO\n', status: 1 });
    expect(await execCapture(k, ['findmnt', '--bogus'])).toEqual({
      stdout: '', stderr: "findmnt: unrecognized option '--bogus'\nTry 'findmnt --help' for more information.\n", status: 1,
    });
  });
});
