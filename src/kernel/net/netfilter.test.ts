import { describe, expect, test } from 'vitest';
import { netBox } from '../../sandbox/netTestkit.ts';
import { parseIpv4 } from './inet.ts';
import { stackOf } from './NetStack.ts';

/**
 * The NAT hook Docker's engine will use: DNAT of a published port and MASQUERADE of the bridge's
 * subnet, undone for replies by connection tracking.
 */
describe('netfilter hooks', () => {
  test('a published port (DNAT) and a masqueraded container (SNAT)', async () => {
    const box = await netBox();
    const ctr = await box.bridgeContainer({ bridge: 'br0', gateway: '10.10.0.1', veth: 'vetha', addr: '10.10.0.2', mac: '02:42:0a:0a:00:02' });
    const host = stackOf(box.kernel.initNsProxy.net);
    const hostIp = parseIpv4('10.0.2.15')!;
    const ctrIp = parseIpv4('10.10.0.2')!;
    const subnet = parseIpv4('10.10.0.0')!;
    host.sysctl.ipForward = true;
    const dnat = (p: { proto: string; dst: bigint; dport: number }) => (p.proto === 'tcp' && p.dst === hostIp && p.dport === 8080 ? { dst: ctrIp, dport: 80 } : undefined);
    host.netfilter.push({
      prerouting: (p) => dnat(p),
      output: (p) => dnat(p),
      postrouting: (p, out) => (out.name === 'eth0' && (p.src & 0xffff0000n) === subnet ? { src: hostIp } : undefined),
    });
    const srv = await box.spawn(['nc', '-l', '-p', '80'], { from: ctr });
    expect((await box.run('nc -N 10.0.2.15 8080', { stdin: 'published\n' })).status).toBe(0);
    expect((await srv.result).stdout).toBe('published\n');
    expect((await box.run('ping -c 1 8.8.8.8', { from: ctr })).stdout).toContain('1 received');
    host.netfilter.splice(0);
    expect((await box.run('ping -c 1 -W 1 8.8.8.8', { from: ctr })).stdout).toContain('0 received');
  });
});
