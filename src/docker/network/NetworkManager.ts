import type { NetApi } from '../../kernel/net/api.ts';
import { DaemonError, type Json } from '../../userland/commands/docker/api.ts';
import type { Container } from '../engine/Container.ts';
import type { Engine } from '../engine/Engine.ts';
import { iso } from '../engine/time.ts';
import { macFor, Network } from './Network.ts';
import { plumb, unplumb } from './veth.ts';

/**
 * libnetwork's controller: the networks, which containers belong to which, and the sandbox work at
 * container start (veth pair, address, routes) and stop. Bridge devices are made through dockerd's
 * rtnetlink calls; the container side is configured from inside its network namespace.
 */
export class NetworkManager {
  readonly networks: Network[] = [];

  constructor(private readonly engine: Engine) {
    const now = engine.startedAt - 3600_000;
    const rnd = () => engine.kernel.random.hex(64);
    this.networks.push(
      new Network(rnd(), 'bridge', 'bridge', now, 'docker0', '172.17.0.0/16', '172.17.0.1', false, true),
      new Network(rnd(), 'host', 'host', now, '', '', '', false, true),
      new Network(rnd(), 'none', 'null', now, '', '', '', false, true),
    );
  }

  /** dockerd's rtnetlink, when the kernel has a network stack. */
  net(): NetApi | null {
    try { return this.engine.sys.extNow<NetApi>('net'); } catch { return null; }
  }

  find(ref: string): Network {
    const n = this.networks.find((x) => x.name === ref) ?? this.networks.find((x) => x.id === ref)
      ?? (() => { const m = this.networks.filter((x) => x.id.startsWith(ref)); return m.length === 1 ? m[0] : undefined; })();
    if (!n) throw new DaemonError(404, `network ${ref} not found`);
    return n;
  }

  create(name: string, opts: { subnet?: string; gateway?: string; internal?: boolean; driver?: string } = {}): Network {
    if (this.networks.some((n) => n.name === name)) throw new DaemonError(409, `network with name ${name} already exists`);
    if (opts.driver && opts.driver !== 'bridge') throw new DaemonError(404, `plugin "${opts.driver}" not found`);
    const id = this.engine.kernel.random.hex(64);
    let subnet = opts.subnet;
    if (!subnet) {
      for (let b = 18; b < 32 && !subnet; b++) if (!this.networks.some((n) => n.subnet === `172.${b}.0.0/16`)) subnet = `172.${b}.0.0/16`;
      if (!subnet) throw new DaemonError(500, 'all predefined address pools have been fully subnetted');
    }
    const gateway = opts.gateway ?? subnet.replace(/\.0\/\d+$/, '.1');
    const n = new Network(id, name, 'bridge', this.engine.now(), `br-${id.slice(0, 12)}`, subnet, gateway, !!opts.internal, false);
    const net = this.net();
    if (net) {
      net.linkAdd({ kind: 'bridge', name: n.bridge });
      const br = net.links().find((l) => l.name === n.bridge)!;
      net.addrAdd({ dev: br.ifindex, family: 4, local: gateway, prefixlen: n.prefixLen, broadcast: '+' });
      net.linkSet(br.ifindex, { up: true });
    }
    this.networks.push(n);
    return n;
  }

  remove(ref: string): void {
    const n = this.find(ref);
    if (n.predefined) throw new DaemonError(403, `${n.name} is a pre-defined network and cannot be removed`);
    if (n.members.size) throw new DaemonError(403, `error while removing network: network ${n.name} id ${n.id} has active endpoints`);
    const net = this.net();
    const br = net?.links().find((l) => l.name === n.bridge);
    if (net && br) net.linkDel(br.ifindex);
    this.networks.splice(this.networks.indexOf(n), 1);
  }

  /** The networks `c` belongs to, its NetworkMode network first (eth0). */
  of(c: Container): Network[] {
    return this.networks.filter((n) => n.members.has(c.id)).sort((a, b) => (a.name === c.hostConfig.NetworkMode ? -1 : b.name === c.hostConfig.NetworkMode ? 1 : 0));
  }

  join(c: Container, n: Network, aliases: string[] = []): void {
    if (n.members.has(c.id)) throw new DaemonError(403, `endpoint with name ${c.name} already exists in network ${n.name}`);
    n.members.set(c.id, { aliases });
  }

  leave(c: Container, n: Network): void { n.members.delete(c.id); }

  /** IPAM at start: an address (and MAC) on every bridge network `c` belongs to; eth0 first. */
  allocate(c: Container): void {
    for (const n of this.of(c).filter((x) => x.driver === 'bridge')) {
      if (c.endpoints.has(n.name)) continue;
      const ip = n.allocate();
      const used = new Set([...c.endpoints.values()].map((e) => e.ifname));
      let i = 0;
      while (used.has(`eth${i}`)) i++;
      c.endpoints.set(n.name, {
        network: n.name, endpointId: this.engine.kernel.random.hex(64), ip, prefixLen: n.prefixLen, gateway: n.gateway,
        mac: macFor(ip), aliases: n.members.get(c.id)?.aliases ?? [], hostVeth: '', ifname: `eth${i}`,
      });
    }
  }

  /** Sandbox setup once the container's network namespace exists (its init has `pid`). */
  async plumb(c: Container, pid: number): Promise<void> {
    if (!this.net()) return;
    let first = true;
    for (const ep of c.endpoints.values()) {
      if (ep.hostVeth) continue;
      const n = this.networks.find((x) => x.name === ep.network)!;
      ep.hostVeth = await plumb(this.engine, pid, { ...ep, bridge: n.bridge, defaultRoute: first && ep.ifname === 'eth0', loopback: first, waitDad: this.engine.kernel.clock.virtual });
      first = false;
    }
  }

  /** Sandbox teardown at stop: addresses back to IPAM; the veth goes with the namespace. */
  detach(c: Container): void {
    for (const ep of c.endpoints.values()) {
      const n = this.networks.find((x) => x.name === ep.network);
      n?.release(ep.ip);
      unplumb(this.engine, ep.hostVeth);
    }
    c.endpoints.clear();
  }

  inspect(n: Network): { [k: string]: Json } {
    const containers: { [k: string]: Json } = {};
    for (const id of n.members.keys()) {
      const c = this.engine.containers.get(id);
      const ep = c?.endpoints.get(n.name);
      if (!c || (n.driver === 'bridge' && !ep)) continue;
      containers[id] = {
        Name: c.name, EndpointID: ep?.endpointId ?? '', MacAddress: ep?.mac ?? '',
        IPv4Address: ep ? `${ep.ip}/${ep.prefixLen}` : '', IPv6Address: '',
      };
    }
    const bridgeOpts: { [k: string]: Json } = n.name === 'bridge' ? {
      'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true', 'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': 'docker0', 'com.docker.network.driver.mtu': '1500',
    } : {};
    return {
      Name: n.name, Id: n.id, Created: iso(n.created), Scope: 'local', Driver: n.driver, EnableIPv4: true, EnableIPv6: false,
      IPAM: { Driver: 'default', Options: null, Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : [] },
      Internal: n.internal, Attachable: false, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false,
      Containers: containers, Options: bridgeOpts, Labels: {},
    };
  }

  /** Other members of `c`'s user-defined networks, for /etc/hosts name resolution. */
  peers(c: Container): Array<{ ip: string; names: string[] }> {
    const out: Array<{ ip: string; names: string[] }> = [];
    for (const n of this.of(c).filter((x) => x.userDefined)) {
      for (const [id, m] of n.members) {
        const o = this.engine.containers.get(id);
        const ep = o?.endpoints.get(n.name);
        if (!o || o === c || !ep) continue;
        out.push({ ip: ep.ip, names: [o.name, o.shortId, ...m.aliases] });
      }
    }
    return out;
  }
}
