import { KernelError } from '../../errno.ts';
import { addAddr4, addAddr6, delAddr4, delAddr6, ipv6Disabled, scope6 } from '../addrconf.ts';
import { INFINITY_LIFE_TIME, SCOPE } from '../addrTypes.ts';
import type { AddrRequest, LinkAddRequest, LinkChange, RouteRequest } from '../api.ts';
import { RT_TABLE, RTPROT, type Route, type RouteType } from '../fib.ts';
import { bits, broadcastOf, network, parseIp } from '../inet.ts';
import { createVeth, deleteLink, makeDevice, moveDevice, registerDevice, rename, setAdmin, setMac, setMaster, setMtu } from '../link.ts';
import type { NetStack } from '../NetStack.ts';

/** Resolves a NetnsRef for the caller (an nsfs fd or a pid in the caller's pid namespace). */
export type NetnsResolver = (ref: NonNullable<LinkAddRequest['netns']>) => NetStack;

/** rtnl_newlink: create a veth pair, bridge or dummy device, optionally in another namespace. */
export function linkAdd(stack: NetStack, req: LinkAddRequest, resolve: NetnsResolver): void {
  const home = req.netns ? resolve(req.netns) : stack;
  if (req.name && home.byName(req.name)) throw new KernelError('EEXIST');
  const dev = makeDevice(home, { name: req.name, kind: req.kind, mac: req.address, mtu: req.mtu, txqlen: req.txqlen });
  if (req.kind === 'veth') {
    const peerHome = req.peer?.netns ? resolve(req.peer.netns) : home;
    const peer = makeDevice(peerHome, { name: req.peer?.name ?? 'veth%d', kind: 'veth', mac: req.peer?.address, mtu: req.peer?.mtu ?? req.mtu });
    createVeth(home, dev, peer, peerHome);
  } else {
    registerDevice(home, dev);
  }
  if (req.up) setAdmin(dev, true);
}

/** do_setlink, in the kernel's order: namespace, MAC, MTU, name, flags, master, queue length. */
export function linkSet(stack: NetStack, ifindex: number, ch: LinkChange, resolve: NetnsResolver): void {
  const dev = stack.need(ifindex);
  if (ch.netns) moveDevice(dev, resolve(ch.netns));
  if (ch.address !== undefined) setMac(dev, ch.address);
  if (ch.mtu !== undefined) setMtu(dev, ch.mtu);
  if (ch.name !== undefined) rename(dev, ch.name);
  if (ch.alias !== undefined) dev.alias = ch.alias;
  if (ch.promisc !== undefined) dev.gflags = ch.promisc ? dev.gflags | 0x100 : dev.gflags & ~0x100;
  if (ch.up !== undefined) setAdmin(dev, ch.up);
  if (ch.master !== undefined) setMaster(dev, ch.master === 0 ? null : dev.ns.need(ch.master));
  if (ch.txqlen !== undefined) dev.txqlen = ch.txqlen;
}

export function linkDel(stack: NetStack, ifindex: number): void { deleteLink(stack.need(ifindex)); }

function addr(family: 4 | 6, text: string): bigint {
  const a = parseIp(text);
  if (!a || a.family !== family) throw new KernelError('EINVAL');
  return a.value;
}

/** inet_rtm_newaddr / inet6_rtm_newaddr. */
export function addrAdd(stack: NetStack, req: AddrRequest, replace: boolean): void {
  const dev = stack.need(req.dev);
  const local = addr(req.family, req.local);
  if (req.prefixlen < 0 || req.prefixlen > bits(req.family)) throw new KernelError('EINVAL');
  const base = {
    local, prefixlen: req.prefixlen, flags: req.flags ?? 0, metric: req.metric ?? 0, tstamp: stack.now,
    validLft: req.validLft ?? INFINITY_LIFE_TIME, preferredLft: req.preferredLft ?? req.validLft ?? INFINITY_LIFE_TIME,
  };
  if (req.family === 4) {
    const broadcast = req.broadcast === '+' ? broadcastOf(local, req.prefixlen) : req.broadcast ? addr(4, req.broadcast) : undefined;
    addAddr4(dev, { ...base, scope: req.scope ?? SCOPE.UNIVERSE, broadcast, label: req.label ?? dev.name }, replace);
  } else {
    if (ipv6Disabled(dev)) throw new KernelError('EACCES');
    addAddr6(dev, { ...base, scope: scope6(local) }, replace);
  }
}

export function addrDel(stack: NetStack, req: AddrRequest): void {
  const dev = stack.need(req.dev);
  const local = addr(req.family, req.local);
  if (req.family === 4) {
    // A negative length is iproute2's "wildcard deletion" (no /LEN given): any prefix length matches.
    const a = dev.addrs4.find((x) => x.local === local && (req.prefixlen < 0 || x.prefixlen === req.prefixlen));
    if (!a) throw new KernelError('EADDRNOTAVAIL');
    delAddr4(dev, a);
  } else {
    const a = dev.addrs6.find((x) => x.local === local);
    if (!a) throw new KernelError('EADDRNOTAVAIL');
    delAddr6(dev, a);
  }
}

/** iproute2's scope defaults (the kernel needs one): host for local, link for on-link unicast. */
function defaultScope(type: RouteType, hasGateway: boolean): number {
  if (type === 'local') return SCOPE.HOST;
  if (type === 'broadcast' || type === 'multicast' || type === 'anycast') return SCOPE.LINK;
  if (type === 'unicast' && !hasGateway) return SCOPE.LINK;
  return SCOPE.UNIVERSE;
}

/** fib_table_insert / ip6_route_add, with fib_check_nh's gateway and device checks. */
export function routeAdd(stack: NetStack, req: RouteRequest, mode: 'create' | 'replace' | 'append'): void {
  const family = req.family;
  const dst = addr(family, req.dst);
  if (network(family, dst, req.dstLen) !== dst) throw new KernelError('EINVAL', 'Invalid prefix for given prefix length');
  const type = (req.type ?? 'unicast') as RouteType;
  let dev = req.oif !== undefined ? stack.need(req.oif) : undefined;
  const gateway = req.gateway !== undefined ? addr(family, req.gateway) : undefined;
  if (gateway !== undefined && !req.onlink) {
    const via = stack.fib.lookup(family, gateway, dev);
    if (!via || via.type !== 'unicast' || via.gateway !== undefined || !via.dev) throw new KernelError('EINVAL', 'Nexthop has invalid gateway');
    dev ??= via.dev;
  }
  if (!dev && (type === 'unicast' || type === 'local')) throw new KernelError('ENODEV');
  if (dev && !dev.adminUp) throw new KernelError('ENETDOWN', 'Nexthop device is not up');
  const prefsrc = req.prefsrc !== undefined ? addr(family, req.prefsrc) : undefined;
  if (prefsrc !== undefined && stack.fib.lookup(family, prefsrc)?.type !== 'local') throw new KernelError('EINVAL', 'Invalid prefsrc address');
  const r: Route = {
    family, table: req.table ?? RT_TABLE.MAIN, type, dst, dstLen: req.dstLen, gateway, dev,
    protocol: req.protocol ?? RTPROT.BOOT, scope: req.scope ?? defaultScope(type, gateway !== undefined), prefsrc,
    metric: req.metric ?? (family === 6 ? 1024 : 0), onlink: req.onlink,
  };
  stack.fib.add(r, { replace: mode === 'replace', exclusive: mode === 'create' });
}

/** fib_table_delete: the first route matching every attribute the request gives. */
export function routeDel(stack: NetStack, req: Partial<RouteRequest> & { family: 4 | 6; dst: string; dstLen: number }): void {
  const dst = addr(req.family, req.dst);
  const gw = req.gateway !== undefined ? addr(req.family, req.gateway) : undefined;
  const table = req.table ?? RT_TABLE.MAIN;
  const r = stack.fib.find(req.family, table, dst, req.dstLen, (x) => (gw === undefined || x.gateway === gw)
    && (req.oif === undefined || x.dev?.ifindex === req.oif) && (req.metric === undefined || x.metric === req.metric) && (req.type === undefined || x.type === req.type)
    && (req.protocol === undefined || x.protocol === req.protocol));
  if (!r) throw new KernelError('ESRCH');
  stack.fib.remove((x) => x === r);
}

