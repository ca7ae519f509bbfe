import { parseIpv4 } from '../../kernel/net/inet.ts';
import type { Kernel } from '../../kernel/Kernel.ts';
import type { NetfilterHook } from '../../kernel/net/netfilter.ts';
import { stackOf } from '../../kernel/net/NetStack.ts';
import type { Engine } from '../engine/Engine.ts';

/**
 * The rules dockerd writes into the host's nat table (libnetwork/drivers/bridge/setup_ip_tables):
 *   POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE   (containers reach the outside)
 *   PREROUTING/OUTPUT -m addrtype --dst-type LOCAL -j DOCKER   (published ports → DNAT)
 *   DOCKER ! -i docker0 -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
 * Loopback connections (curl localhost:8080) are left to docker-proxy, as with the userland proxy.
 */
export function installNat(kernel: Kernel, engine: Engine): void {
  let stack;
  try { stack = stackOf(kernel.initNsProxy.net); } catch { return; }
  const host = stack;
  const isLocal = (dst: bigint) => host.devices.some((d) => d.addrs4.some((a) => a.local === dst));
  const bridges = () => engine.networks.networks.filter((n) => n.driver === 'bridge');
  const inSubnet = (ip: bigint, subnet: string) => {
    const [base, len] = subnet.split('/');
    const mask = len === '0' ? 0n : ((0xffffffffn << BigInt(32 - Number(len))) & 0xffffffffn);
    return (ip & mask) === (parseIpv4(base)! & mask);
  };
  const dnat = (pkt: { family: number; proto: string; dst: bigint; dport: number }) => {
    if (pkt.family !== 4 || pkt.proto === 'icmp' || !isLocal(pkt.dst) || (pkt.dst >> 24n) === 127n) return undefined;
    for (const c of engine.containers.values()) {
      for (const p of c.ports) {
        if (p.proto !== pkt.proto || p.hostPort !== pkt.dport || p.hostIp.includes(':')) continue;
        if (p.hostIp && p.hostIp !== '0.0.0.0' && parseIpv4(p.hostIp) !== pkt.dst) continue;
        const ep = [...c.endpoints.values()][0];
        if (ep) return { dst: parseIpv4(ep.ip)!, dport: p.ctrPort };
      }
    }
    return undefined;
  };
  const hook: NetfilterHook = {
    prerouting: (pkt, indev) => (bridges().some((n) => n.bridge === indev.name) ? undefined : dnat(pkt)),
    output: (pkt) => dnat(pkt),
    postrouting: (pkt, outdev) => {
      if (pkt.family !== 4) return undefined;
      const n = bridges().find((b) => inSubnet(pkt.src, b.subnet));
      if (!n || outdev.name === n.bridge) return undefined;
      const src = outdev.addrs4[0]?.local;
      return src === undefined ? undefined : { src };
    },
  };
  stack.netfilter.push(hook);
}
