import { describe, expect, test } from 'vitest';
import { netBox } from '../../../sandbox/netTestkit.ts';

describe('bridge link', () => {
  test('one line per port, with its STP state; a port whose link is down is disabled', async () => {
    const box = await netBox();
    for (const c of ['ip link add br0 type bridge', 'ip link set br0 up', 'ip link add p0 type veth peer name p1',
      'ip link set p0 master br0', 'ip link set p0 up']) expect((await box.run(c)).status).toBe(0);
    expect((await box.run('bridge link')).stdout).toMatch(/^\d+: p0@p1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n$/);
    await box.run('ip link set p1 up');
    expect((await box.run('bridge link')).stdout).toMatch(/^\d+: p0@p1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n$/);
    expect((await box.run('ip link show br0')).stdout).toMatch(/<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n/);
    await box.run('ip link set p0 nomaster');
    expect((await box.run('bridge link')).stdout).toBe('');
    expect((await box.run('ip link show br0')).stdout).toContain('<NO-CARRIER,BROADCAST,MULTICAST,UP>');
  });
});
