import { KernelError } from '../../errno.ts';
import { ifaFlags, lifetimes } from '../addrconf.ts';
import type { AddrFamily, AddrInfo, LinkInfo, RouteGetInfo, RouteInfo } from '../api.ts';
import { RT_TABLE, type Route } from '../fib.ts';
import { formatIp, formatIpv4, formatIpv6, parseIp } from '../inet.ts';
import type { NetDevice } from '../NetDevice.ts';
import type { NetStack } from '../NetStack.ts';
import { peernet2idAlloc } from '../nsid.ts';
import { routeSource } from '../sockets/route.ts';

/** rtnl_fill_ifinfo: one device as RTM_NEWLINK describes it to the namespace `viewer`. */
export function linkInfo(viewer: NetStack, d: NetDevice): LinkInfo {
  const s = d.stats;
  const info: LinkInfo = {
    ifindex: d.ifindex, name: d.name, flags: d.flags, mtu: d.mtu, minMtu: d.minMtu, maxMtu: d.maxMtu,
    qdisc: d.qdisc ?? 'noop', operstate: d.operstate, linkmode: 'DEFAULT', group: d.group, txqlen: d.txqlen,
    linkType: d.kind === 'loopback' ? 'loopback' : 'ether', address: d.mac, broadcast: d.broadcast,
    kind: d.infoKind, promiscuity: d.promiscuity + (d.gflags & 0x100 ? 1 : 0), allmulti: d.allmulti,
    numTxQueues: d.numTxQueues, numRxQueues: d.numRxQueues, carrierChanges: d.carrierChanges,
    stats: {
      rxBytes: s.rxBytes, rxPackets: s.rxPackets, rxErrors: s.rxErrors, rxDropped: s.rxDropped, rxMissed: s.rxMissed,
      multicast: s.multicast, txBytes: s.txBytes, txPackets: s.txPackets, txErrors: s.txErrors, txDropped: s.txDropped,
      txCarrier: s.txCarrier, collisions: s.collisions,
    },
    addrGenMode: d.addrGenMode,
  };
  if (d.peer) {
    info.link = d.peer.ifindex;
    // rtnl_fill_link_netnsid allocates the id on first report (peernet2id_alloc).
    if (d.peer.ns !== d.ns) info.linkNetnsid = peernet2idAlloc(viewer, d.peer.ns);
  }
  if (d.master) {
    info.master = d.master.ifindex;
    info.slaveKind = 'bridge';
    const p = d.brPort!;
    info.bridgePort = { state: p.state, priority: p.priority, cost: p.cost, portNo: p.portNo, designatedBridge: bridgeId(d.master) };
  }
  if (d.kind === 'bridge') info.bridge = { bridgeId: bridgeId(d) };
  if (d.alias) info.alias = d.alias;
  return info;
}

/** Bridge id as iproute2 prints it: priority 8000, MAC bytes without leading zeros. */
function bridgeId(br: NetDevice): string {
  return `8000.${br.mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':')}`;
}

export function addrDump(stack: NetStack, family?: AddrFamily): AddrInfo[] {
  const now = stack.now;
  const out: AddrInfo[] = [];
  if (family !== 6) {
    for (const d of stack.devices) for (const a of d.addrs4) {
      const lt = lifetimes(a, now);
      out.push({
        ifindex: d.ifindex, family: 4, local: formatIpv4(a.local), prefixlen: a.prefixlen,
        broadcast: a.broadcast !== undefined ? formatIpv4(a.broadcast) : undefined, scope: a.scope,
        flags: ifaFlags(a, now), label: a.label, validLft: lt.valid, preferredLft: lt.preferred, metric: a.metric || undefined,
      });
    }
  }
  if (family !== 4) {
    for (const d of stack.devices) for (const a of d.addrs6) {
      const lt = lifetimes(a, now);
      out.push({
        ifindex: d.ifindex, family: 6, local: formatIpv6(a.local), prefixlen: a.prefixlen, scope: a.scope,
        flags: ifaFlags(a, now), validLft: lt.valid, preferredLft: lt.preferred, metric: a.metric || undefined,
      });
    }
  }
  return out;
}

export function routeInfo(r: Route): RouteInfo {
  const fmt = (v: bigint) => (r.family === 4 ? formatIpv4(v) : formatIpv6(v));
  return {
    family: r.family, table: r.table, type: r.type, dst: fmt(r.dst), dstLen: r.dstLen,
    gateway: r.gateway !== undefined ? fmt(r.gateway) : undefined, oif: r.dev?.ifindex, protocol: r.protocol,
    scope: r.scope, prefsrc: r.prefsrc !== undefined ? fmt(r.prefsrc) : undefined,
    metric: r.family === 6 || r.metric ? r.metric : undefined,
    // fib_sync_down_dev skips local routes' nexthops (scope nowhere): they never show linkdown.
    linkdown: !!r.dev && r.dev.adminUp && !r.dev.carrier && r.type !== 'local', onlink: r.onlink, pref: r.family === 6 ? 'medium' : undefined,
  };
}

export function routeDump(stack: NetStack, family: AddrFamily, table?: number): RouteInfo[] {
  return stack.fib.dump(family, table).map(routeInfo);
}

/** RTM_GETROUTE for one destination (`ip route get`): the route a packet would take, as a cache entry. */
export function routeGet(stack: NetStack, family: AddrFamily, dst: string, uid: number, opts: { from?: string; oif?: number } = {}): RouteGetInfo {
  const a = parseIp(dst);
  if (!a || a.family !== family) throw new KernelError('EINVAL');
  const oif = opts.oif !== undefined ? stack.need(opts.oif) : undefined;
  const r = stack.fib.lookup(family, a.value, oif);
  if (!r || r.type === 'unreachable') throw new KernelError('ENETUNREACH');
  const src = opts.from ? parseIp(opts.from)!.value : routeSource(stack, a, undefined, oif);
  const local = r.type === 'local';
  const dev = local ? stack.loopback : r.dev;
  return {
    ...routeInfo(r), type: local ? 'local' : 'unicast', dst: formatIp(a), dstLen: family === 4 ? 32 : 128,
    oif: dev?.ifindex, prefsrc: src !== null && src !== undefined ? formatIp({ family, value: src }) : undefined,
    table: local ? RT_TABLE.LOCAL : r.table, metric: family === 6 ? r.metric : undefined, uid, local,
    linkdown: false, protocol: 0, scope: 0,
  };
}
