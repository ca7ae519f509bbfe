import { describe, expect, test } from 'vitest';
import { netBox } from '../../sandbox/netTestkit.ts';

describe('/proc/net and /proc/sys/net follow the reader\'s network namespace', () => {
  test('/proc/net/dev in a fresh namespace lists lo only', async () => {
    const box = await netBox();
    const ns = await box.netnsTask();
    expect((await box.run('cat /proc/net/dev', { from: ns })).stdout).toBe(
      'Inter-|   Receive                                                |  Transmit\n'
      + ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n'
      + '    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n');
  });

  test('/proc/net/tcp, tcp6 and route on the host', async () => {
    const box = await netBox();
    const tcp = (await box.run('cat /proc/net/tcp')).stdout.split('\n');
    expect(tcp[0]).toBe('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'.padEnd(149));
    expect(tcp[1]).toBe('   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 17883 1 0000000000000000 100 0 0 10 0'.padEnd(149));
    expect((await box.run('cat /proc/net/tcp6')).stdout).toContain('   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A ');
    const route = (await box.run('cat /proc/net/route')).stdout.split('\n');
    expect(route[1].trimEnd()).toBe('eth0\t00000000\t0202000A\t0003\t0\t0\t1024\t00000000\t0\t0\t0');
  });

  test('/proc/net/unix and if_inet6', async () => {
    const box = await netBox();
    expect((await box.run('cat /proc/net/unix')).stdout).toContain('0000000000000000: 00000002 00000000 00010000 0001 01 16251 /run/dbus/system_bus_socket\n');
    expect((await box.run('cat /proc/net/if_inet6')).stdout).toBe(
      'fe800000000000000a0027fffe8f832c 02 40 20 80     eth0\n00000000000000000000000000000001 01 80 10 80       lo\n');
  });

  test('/sys/class/net and the disable_ipv6 directories name the namespace\'s devices', async () => {
    const box = await netBox();
    const ns = await box.netnsTask();
    expect((await box.run('ls /proc/sys/net/ipv6/conf', { from: ns })).stdout.split(/\s+/).filter(Boolean)).toEqual(['all', 'default', 'lo']);
    expect((await box.run('ls /proc/sys/net/ipv6/conf')).stdout.split(/\s+/).filter(Boolean)).toEqual(['all', 'default', 'docker0', 'eth0', 'lo']);
    expect((await box.run('ls /sys/class/net')).stdout.split(/\s+/).filter(Boolean).sort()).toEqual(['docker0', 'eth0', 'lo']);
  });

  test('ordinary users may read but not write the sysctls', async () => {
    const box = await netBox();
    const r = await box.run(['sh', '-c', 'echo 1 > /proc/sys/net/ipv4/icmp_echo_ignore_all'], { uid: 1000 });
    expect(r.status).not.toBe(0);
    expect((await box.run('cat /proc/sys/net/ipv4/icmp_echo_ignore_all')).stdout).toBe('0\n');
  });
});
