import { describe, expect, test } from 'vitest';
import { netBox } from '../../../sandbox/netTestkit.ts';

/** Two namespaces behind one bridge on the host, as two containers on docker0 would be. */
async function twoContainers() {
  const box = await netBox();
  const a = await box.bridgeContainer({ bridge: 'br0', gateway: '10.10.0.1', veth: 'vetha', addr: '10.10.0.2', mac: '02:42:0a:0a:00:02' });
  const b = await box.bridgeContainer({ bridge: 'br0', gateway: '10.10.0.1', veth: 'vethb', addr: '10.10.0.3', mac: '02:42:0a:0a:00:03' });
  return { box, a, b };
}

const times = (s: string) => s.replace(/time=\d+\.\d+ ms/g, 'time=T ms').replace(/= [\d./]+ ms/, '= R ms');

describe('ping', () => {
  test('between two namespaces joined by a bridge', async () => {
    const { box, a } = await twoContainers();
    const r = await box.run('ping -c 2 10.10.0.3', { from: a });
    expect(times(r.stdout)).toBe(`PING 10.10.0.3 (10.10.0.3) 56(84) bytes of data.
64 bytes from 10.10.0.3: icmp_seq=1 ttl=64 time=T ms
64 bytes from 10.10.0.3: icmp_seq=2 ttl=64 time=T ms

--- 10.10.0.3 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time 1000ms
rtt min/avg/max/mdev = R ms
`);
    expect(r.status).toBe(0);
    // The host reaches both through the bridge, and containers reach the host's other address.
    expect((await box.run('ping -c 1 10.10.0.2')).status).toBe(0);
    expect((await box.run('ping -c 1 10.0.2.15', { from: a })).status).toBe(0);
  });

  test('stops when a veth of the path goes down, and works again when it comes back', async () => {
    const { box, a } = await twoContainers();
    await box.run('ip link set vethb down');
    const r = await box.run('ping -c 1 -W 1 10.10.0.3', { from: a });
    expect(r.stdout).toContain('1 packets transmitted, 0 received, 100% packet loss');
    expect(r.status).toBe(1);
    await box.run('ip link set vethb up');
    expect((await box.run('ping -c 1 10.10.0.3', { from: a })).status).toBe(0);
  });

  test('a namespace without a route says so at once', async () => {
    const box = await netBox();
    const ns = await box.netnsTask();
    expect(await box.run('ping -c 1 10.10.0.3', { from: ns })).toEqual({ stdout: '', stderr: 'ping: connect: Network is unreachable\n', status: 2 });
  });

  test('an on-link address nobody holds: Destination Host Unreachable after the neighbour lookup fails', async () => {
    const { box, a } = await twoContainers();
    const r = await box.run('ping -c 1 10.10.0.99', { from: a });
    expect(r.stdout).toBe(`PING 10.10.0.99 (10.10.0.99) 56(84) bytes of data.
From 10.10.0.2 icmp_seq=1 Destination Host Unreachable

--- 10.10.0.99 ping statistics ---
1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms
`);
  });

  test('^C ends it with the statistics', async () => {
    const { box, a } = await twoContainers();
    const job = await box.spawn(['ping', '10.10.0.3'], { from: a });
    await box.sleep(2500);
    const pid = [...box.kernel.tasks].find((t) => t.comm === 'ping')!.pid.nrIn(box.kernel.initPidNs);
    await box.run(['kill', '-INT', String(pid)]);
    const r = await job.result;
    expect(r.stdout).toContain('--- 10.10.0.3 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss');
    expect(r.status).toBe(0);
  });

  test('the loopback name prefers ::1, as glibc sorts it', async () => {
    const box = await netBox();
    const r = await box.run('ping -c 1 localhost');
    expect(r.stdout.split('\n').slice(0, 2).map((l) => l.replace(/time=.*/, ''))).toEqual([
      'PING localhost(localhost (::1)) 56 data bytes', '64 bytes from localhost (::1): icmp_seq=1 ttl=64 ',
    ]);
  });
});
