import { describe, expect, test } from 'vitest';
import { session } from '../../docker/test/session.ts';
import { execCapture } from '../../sandbox/exec.ts';
import { bootSandbox } from '../../sandbox/index.ts';

/** `bash -c SCRIPT` as vagrant (uid 1000, no capabilities) on a fresh host. */
async function asVagrant(script: string) {
  const { kernel } = bootSandbox().host;
  return execCapture(kernel, ['bash', '-c', script], { uid: 1000, env: { HOME: '/home/vagrant', PATH: '/usr/bin' } });
}

describe('user namespaces (user_namespaces(7))', () => {
  test('unshare -r maps the caller to root; unshare -U leaves it unmapped (nobody)', async () => {
    const r = await asVagrant('unshare -r id; unshare -U id; unshare -r cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; cat /proc/self/uid_map');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'uid=0(root) gid=0(root) groups=0(root)',
      'uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)',
      '         0       1000          1', '         0       1000          1', 'deny',
      '         0          0 4294967295', '',
    ].join('\n'));
  });

  test('file owners are shown through the map: unmapped ones as 65534', async () => {
    const r = await asVagrant('unshare -r stat -c "%u %g %n" / /home/vagrant; stat -c "%u %n" /home/vagrant');
    expect(r.stdout).toBe('65534 65534 /\n0 0 /home/vagrant\n1000 /home/vagrant\n');
  });

  test('root in a user namespace is root only over what that namespace owns', async () => {
    const r = await asVagrant([
      'unshare -r hostname box; echo $?',
      'unshare -r --uts sh -c "hostname box && hostname"',
      'unshare -r ip link set lo down; echo $?',
      'unshare -rn sh -c "ip link set lo up && ip -br link"',
      'unshare -r touch /etc/x; echo $?',
      'unshare -rm sh -c "mount -t tmpfs none /mnt && findmnt -n -o FSTYPE /mnt"',
      'unshare -r --pid --fork --mount-proc ps -eo pid,user,comm',
    ].join('; '));
    expect(r.stdout).toBe([
      '1', 'box', '2', 'lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> ', '1', 'tmpfs',
      '    PID USER     COMMAND', '      1 root     ps', '',
    ].join('\n'));
    expect(r.stderr).toBe([
      'hostname: you must be root to change the host name',
      'RTNETLINK answers: Operation not permitted',
      "touch: cannot touch '/etc/x': Permission denied", '',
    ].join('\n'));
  });

  test('status shows ids through the reader\'s maps, and through maps written after an earlier read', async () => {
    const r = await asVagrant([
      'grep ^Uid /proc/1/status; unshare -r grep ^Uid /proc/1/status; grep ^Uid /proc/1/status',
      'unshare -U sh -c "grep -e ^Uid /proc/self/status; echo 0 1000 1 > /proc/self/uid_map; grep -e ^Uid -e ^Gid /proc/self/status"',
    ].join('; '));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'Uid:\t0\t0\t0\t0', 'Uid:\t65534\t65534\t65534\t65534', 'Uid:\t0\t0\t0\t0',
      'Uid:\t65534\t65534\t65534\t65534', 'Uid:\t0\t0\t0\t0', 'Gid:\t65534\t65534\t65534\t65534', '',
    ].join('\n'));
  });

  test('capabilities: full inside after unshare, dropped by execve when the namespace has no root mapping', async () => {
    const r = await asVagrant('unshare -r grep CapEff /proc/self/status; unshare -U grep CapEff /proc/self/status; grep CapEff /proc/self/status');
    expect(r.stdout).toBe('CapEff:\t000001ffffffffff\nCapEff:\t0000000000000000\nCapEff:\t0000000000000000\n');
  });

  test('uid_map is written once, and an unprivileged writer may map only itself', async () => {
    const r = await asVagrant([
      'unshare -U sh -c "echo 0 1000 1 > /proc/self/uid_map && id -u; echo 0 1000 1 > /proc/self/uid_map"',
      'unshare -U sh -c "echo 0 0 1 > /proc/self/uid_map"',
      'unshare -U sh -c "echo 0 1000 1 > /proc/self/gid_map"',
      'unshare -U sh -c "echo 0 1000 1 0 > /proc/self/uid_map"',
    ].join('; '));
    expect(r.stdout).toBe('0\n');
    expect(r.stderr).toBe([
      'sh: line 1: echo: write error: Operation not permitted',
      'sh: line 1: echo: write error: Operation not permitted',
      'sh: line 1: echo: write error: Operation not permitted',
      'sh: line 1: echo: write error: Invalid argument', '',
    ].join('\n'));
  });

  test('sudo refuses to work inside a user namespace, as the real one does', async () => {
    const r = await asVagrant('unshare -r sudo id; unshare -U sudo id');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sudo: /etc/sudoers is owned by uid 65534, should be 0\nsudo: no valid sudoers sources found, quitting\n'
      + 'sudo: /usr/bin/sudo must be owned by uid 0 and have the setuid bit set\n');
  });

  test('Docker\'s seccomp profile blocks new namespaces in a container unless --privileged', async () => {
    const r = await session([
      'docker run --rm rust:latest sh -c "grep ^Seccomp: /proc/self/status; unshare -U true" 2>&1 | grep -v -e Unable -e Pull -e Digest -e Status -e latest',
      'docker run --rm --privileged rust:latest sh -c "grep ^Seccomp: /proc/self/status; unshare -U id -u"',
    ]);
    expect(r[0].output).toBe('Seccomp:\t2\nunshare: unshare failed: Operation not permitted\n');
    expect(r[1].output).toBe('Seccomp:\t0\n65534\n');
  });
});
