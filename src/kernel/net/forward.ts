import { selectSrc4 } from './addrconf.ts';
import { isPrivate4 } from './inet.ts';
import type { NetDevice } from './NetDevice.ts';
import type { NetStack } from './NetStack.ts';
import { natIn, natOut } from './netfilter.ts';
import { ETH_HLEN, type Arrival, type Hop, type Packet } from './packet.ts';

/**
 * The forwarding model: ARP-free delivery of one packet from a namespace's IP stack through
 * routing, devices (lo, veth pairs, bridges, a NIC's uplink) and other namespaces' stacks, with
 * NAT hooks on the way. Neighbour resolution is replaced by a search of the L2 segment for the
 * interface holding the next hop's address; counters are charged only along a path that works,
 * as a frame is only sent once ARP answered.
 */

/** One-way latency per hop (ms), before jitter: enough to make `ping` times look like Linux's. */
const LATENCY = { lo: 0.012, veth: 0.016, bridge: 0.009, lan: 0.21 } as const;

/** ip_local_out: a packet from a socket of `stack`. */
export function sendFrom(stack: NetStack, pkt: Packet, oif?: NetDevice): Arrival {
  natIn(stack, pkt, null);
  const route = stack.fib.lookup(pkt.family, pkt.dst, oif);
  if (!route || route.type === 'unreachable' || route.type === 'prohibit' || route.type === 'blackhole') {
    return { kind: 'unreachable', code: 'net', from: pkt.src, atSender: true, hops: [], latency: 0 };
  }
  if (route.type === 'local') {
    const lo = stack.loopback;
    const hops: Hop[] = [{ dev: lo, dir: 'tx' }, { dev: lo, dir: 'rx' }];
    charge(hops, pkt.len);
    return { kind: 'local', stack, dev: lo, pkt, hops, latency: LATENCY.lo };
  }
  return transmit(stack, route.dev!, route.gateway ?? pkt.dst, pkt, [], 0, true);
}

/** Leave through `dev` towards `nexthop` (ip_finish_output2 + neighbour output). */
function transmit(stack: NetStack, dev: NetDevice, nexthop: bigint, pkt: Packet, hops: Hop[], latency: number, atSender: boolean): Arrival {
  natOut(stack, pkt, dev);
  const found = dev.running ? findNeighbour(dev, nexthop, pkt.family) : null;
  if (!found) {
    const from = pkt.family === 4 ? selectSrc4(dev) ?? pkt.src : pkt.src;
    return { kind: 'unreachable', code: 'host', from, atSender, hops, latency };
  }
  const path = [...hops, ...found.hops];
  charge(found.hops, pkt.len);
  latency += found.latency;
  if (found.uplink) return { kind: 'uplink', dev, uplink: found.uplink, pkt, hops: path, latency };
  return receive(found.dev!.ns, found.dev!, pkt, path, latency);
}

/** ip_rcv: PREROUTING, then local delivery or forwarding. */
export function receive(stack: NetStack, indev: NetDevice, pkt: Packet, hops: Hop[], latency: number): Arrival {
  natIn(stack, pkt, indev);
  const route = stack.fib.lookup(pkt.family, pkt.dst);
  if (route?.type === 'local') return { kind: 'local', stack, dev: indev, pkt, hops, latency };
  if (!stack.sysctl.ipForward || pkt.ttl <= 1 || !route) return { kind: 'lost', hops, latency };
  if (route.type !== 'unicast') return { kind: 'lost', hops, latency };
  pkt.ttl--;
  return transmit(stack, route.dev!, route.gateway ?? pkt.dst, pkt, hops, latency, false);
}

interface Found { dev?: NetDevice; uplink?: NetDevice['uplink']; hops: Hop[]; latency: number }

/**
 * Walk the L2 segment from `out` the way a broadcast ARP request would travel: across the veth
 * pair, into a bridge and out of its forwarding ports, up to the NIC's wire. The first interface
 * that holds `addr` answers.
 */
function findNeighbour(out: NetDevice, addr: bigint, family: 4 | 6): Found | null {
  const seen = new Set<NetDevice>();
  const owns = (d: NetDevice) => (family === 4 ? d.addrs4.some((a) => a.local === addr) : d.addrs6.some((a) => a.local === addr));

  const emit = (x: NetDevice, hops: Hop[], lat: number): Found | null => {
    if (seen.has(x)) return null;
    seen.add(x);
    const sent = [...hops, { dev: x, dir: 'tx' as const }];
    if (x.kind === 'veth') return x.peer && x.peer.running ? arrive(x.peer, sent, lat + LATENCY.veth) : null;
    if (x.kind === 'bridge') {
      for (const p of x.ports) {
        if (p.brPort?.state !== 'forwarding') continue;
        const r = emit(p, sent, lat + LATENCY.bridge);
        if (r) return r;
      }
      return null;
    }
    if (x.uplink && family === 4 && (addr === x.uplink.gateway || x.uplink.hosts.includes(addr) || (x.uplink.internet && !isPrivate4(addr)))) {
      return { uplink: x.uplink, hops: sent, latency: lat + LATENCY.lan };
    }
    return null;
  };

  const arrive = (r: NetDevice, hops: Hop[], lat: number): Found | null => {
    if (!r.running) return null;
    const got = [...hops, { dev: r, dir: 'rx' as const }];
    const br = r.master;
    if (br && r.brPort?.state === 'forwarding') {
      if (owns(br) && br.adminUp) return { dev: br, hops: [...got, { dev: br, dir: 'rx' }], latency: lat + LATENCY.bridge };
      seen.add(r);
      for (const q of br.ports) {
        if (q === r || q.brPort?.state !== 'forwarding') continue;
        const f = emit(q, got, lat + LATENCY.bridge);
        if (f) return f;
      }
      return null;
    }
    return owns(r) ? { dev: r, hops: got, latency: lat } : null;
  };

  return emit(out, [], 0);
}

/** Count a frame on every device it crossed. */
export function charge(hops: Hop[], len: number): void {
  for (const h of hops) {
    if (!h.dev.registered) continue;
    if (h.dir === 'tx') h.dev.stats.tx(len + ETH_HLEN); else h.dev.stats.rx(len + ETH_HLEN);
  }
}

/** A remembered path is usable while every device on it is still registered and passing frames. */
export function pathWorks(hops: Hop[]): boolean {
  return hops.every((h) => h.dev.registered && h.dev.running && (!h.dev.master || h.dev.brPort?.state === 'forwarding'));
}
