import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

const boot = () => bootSandbox().host.kernel;
const ok = (stdout: string) => ({ stdout, stderr: '', status: 0 });

describe('hostname', () => {
  test('the UTS nodename and the forms resolved through /etc/hosts', async () => {
    const k = boot();
    expect(await execCapture(k, ['hostname'])).toEqual(ok('archlinux\n'));
    expect(await execCapture(k, ['hostname', '-s'])).toEqual(ok('archlinux\n'));
    expect(await execCapture(k, ['hostname', '-f'])).toEqual(ok('archlinux.localdomain\n'));
    expect(await execCapture(k, ['hostname', '-d'])).toEqual(ok('localdomain\n'));
    expect(await execCapture(k, ['hostname', '-a'])).toEqual(ok('archlinux\n'));
    expect(await execCapture(k, ['hostname', '-i'])).toEqual(ok('127.0.1.1\n'));
    expect(await execCapture(k, ['hostname', '-I'])).toEqual(ok('10.0.2.15 172.17.0.1 \n'));
  });

  test('setting the name (root), in a new UTS namespace only', async () => {
    const k = boot();
    expect(await execCapture(k, ['unshare', '-u', 'bash', '-c', 'hostname web01.example.org; hostname; hostname -s; hostname -f; hostname -d']))
      .toEqual(ok('web01.example.org\nweb01\nweb01.example.org\nexample.org\n'));
    expect(await execCapture(k, ['hostname'])).toEqual(ok('archlinux\n'));
    expect(await execCapture(k, ['bash', '-c', 'echo "# comment" > /tmp/n; echo fromfile >> /tmp/n; unshare -u bash -c "hostname -F /tmp/n; hostname"']))
      .toEqual(ok('fromfile\n'));
  });

  test('errors', async () => {
    const k = boot();
    const e = (stderr: string, status = 1) => ({ stdout: '', stderr, status });
    expect(await execCapture(k, ['hostname', 'box'], { uid: 1000 })).toEqual(e('hostname: you must be root to change the host name\n'));
    expect(await execCapture(k, ['hostname', 'bad..name'])).toEqual(e('hostname: the specified hostname is invalid\n'));
    expect(await execCapture(k, ['hostname', '-F', '/nope'])).toEqual(e('hostname: No such file or directory\n'));
    expect(await execCapture(k, ['hostname', '-y'])).toEqual(e('hostname: Local domain name not set\n'));
    const bad = await execCapture(k, ['hostname', '-z']);
    expect(bad.stderr).toBe("hostname: invalid option -- 'z'\n");
    expect(bad.stdout.split('\n')[0]).toBe('Usage: hostname [-v] [-b] {hostname|-F file}         set host name (from file)');
    expect(bad.status).toBe(255);
  });
});
