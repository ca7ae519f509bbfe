import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { humanSize } from './df.ts';

const boot = () => bootSandbox().host.kernel;

describe('df', () => {
  test('one line per real filesystem of the mount namespace; pseudo filesystems are skipped', async () => {
    const r = await execCapture(boot(), ['df']);
    // The root disk's usage depends on how much the root filesystem holds (installed programs).
    const used = Number(/^\/dev\/sda1 +20466256 (\d+) /m.exec(r.stdout)![1]);
    const avail = 20466256 - used - 1023312;
    expect(r).toEqual({
      stdout: `Filesystem     1K-blocks    Used Available Use% Mounted on
/dev/sda1       20466256 ${used}  ${avail}  ${Math.ceil((used * 100) / (used + avail))}% /
dev              4010720       0   4010720   0% /dev
shm              4019616       0   4019616   0% /dev/shm
run              1609848       0   1609848   0% /run
tmpfs            4024620       0   4024620   0% /tmp
`, stderr: '', status: 0,
    });
  });

  test('-h, -T, --total', async () => {
    const k = boot();
    expect((await execCapture(k, ['df', '-h'])).stdout.replace(/^(\/dev\/sda1 +20G) +2\.\dG/m, '$1  2.xG')).toBe(`Filesystem      Size  Used Avail Use% Mounted on
/dev/sda1        20G  2.xG   16G  15% /
dev             3.9G     0  3.9G   0% /dev
shm             3.9G     0  3.9G   0% /dev/shm
run             1.6G     0  1.6G   0% /run
tmpfs           3.9G     0  3.9G   0% /tmp
`);
    expect((await execCapture(k, ['df', '-T', '-t', 'tmpfs', '--total'])).stdout).toBe(`Filesystem     Type  1K-blocks  Used Available Use% Mounted on
shm            tmpfs   4019616     0   4019616   0% /dev/shm
run            tmpfs   1609848     0   1609848   0% /run
tmpfs          tmpfs   4024620     0   4024620   0% /tmp
total          -       9654084     0   9654084   0% -
`);
  });

  test('usage grows with what is stored; files name their filesystem', async () => {
    const k = boot();
    await execCapture(k, ['bash', '-c', 'echo hello > /tmp/a; echo world > /tmp/b']);
    expect((await execCapture(k, ['df', '/tmp/a', '/nope'])).stdout).toBe(`Filesystem     1K-blocks  Used Available Use% Mounted on
tmpfs            4024620     8   4024612   1% /tmp
`);
    expect((await execCapture(k, ['df', '/nope'])).stderr).toBe('df: /nope: No such file or directory\n');
    expect((await execCapture(k, ['df', '/nope'])).status).toBe(1);
  });

  test('a new tmpfs shows up only in the namespace that mounted it', async () => {
    const k = boot();
    const r = await execCapture(k, ['unshare', '-m', 'bash', '-c', 'mount -t tmpfs -o size=64k scratch /mnt; df /mnt']);
    expect(r.stdout).toBe('Filesystem     1K-blocks  Used Available Use% Mounted on\nscratch               64     0        64   0% /mnt\n');
    expect((await execCapture(k, ['df'])).stdout).not.toContain('scratch');
  });

  test('human_readable(): ceiling rounding, one decimal below 10', () => {
    expect([0, 1, 4 * 1024, 728 * 1024, 1609848 * 1024, 2878424 * 1024, 20466256 * 1024].map((b) => humanSize(b, 1024)))
      .toEqual(['0', '1', '4.0K', '728K', '1.6G', '2.8G', '20G']);
  });

  test('bad option', async () => {
    expect(await execCapture(boot(), ['df', '-z'])).toEqual({
      stdout: '', stderr: "df: invalid option -- 'z'\nTry 'df --help' for more information.\n", status: 1,
    });
  });
});
