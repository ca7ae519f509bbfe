import { KernelError } from '../errno.ts';
import { SCOPE } from './addrTypes.ts';
import { bits, inPrefix, network, type Family } from './inet.ts';
import type { NetDevice } from './NetDevice.ts';

/** Routing table ids (rtnetlink.h RT_TABLE_*). */
export const RT_TABLE = { UNSPEC: 0, DEFAULT: 253, MAIN: 254, LOCAL: 255 } as const;
/** Route origin (RTPROT_*): `ip route` prints it unless it is boot. */
export const RTPROT = { UNSPEC: 0, REDIRECT: 1, KERNEL: 2, BOOT: 3, STATIC: 4, RA: 9, DHCP: 16 } as const;

export type RouteType = 'unicast' | 'local' | 'broadcast' | 'anycast' | 'multicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'throw';

/** One FIB entry (struct fib_alias + fib_info, or fib6_info). */
export interface Route {
  family: Family;
  table: number;
  type: RouteType;
  dst: bigint;
  dstLen: number;
  gateway?: bigint;
  dev?: NetDevice;
  protocol: number;
  scope: number;
  prefsrc?: bigint;
  /** RTA_PRIORITY; IPv6 routes always have one (256 for the kernel's, 1024 for user ones). */
  metric: number;
  onlink?: boolean;
  /** Added by the kernel for an address (fib_add_ifaddr / addrconf), removed with it. */
  owner?: object;
}

/** All tables of one namespace and family-agnostic lookups (net/ipv4/fib_trie.c, net/ipv6/route.c). */
export class Fib {
  routes: Route[] = [];

  add(r: Route, opts: { replace?: boolean; exclusive?: boolean } = {}): void {
    const same = this.routes.findIndex((x) => sameKey(x, r));
    if (same >= 0) {
      if (opts.exclusive) throw new KernelError('EEXIST');
      if (opts.replace) { this.routes[same] = r; return; }
      if (sameNexthop(this.routes[same], r)) throw new KernelError('EEXIST');
    }
    this.routes.push(r);
  }

  remove(pred: (r: Route) => boolean): Route[] {
    // One pass: a host with many containers has a few routes per veth here.
    const gone: Route[] = [];
    const kept: Route[] = [];
    for (const r of this.routes) (pred(r) ? gone : kept).push(r);
    this.routes = kept;
    return gone;
  }

  /** Routes of a table in dump order: by destination, longer prefixes first, then metric. */
  dump(family: Family, table?: number): Route[] {
    const list = this.routes.filter((r) => r.family === family && (table === undefined || r.table === table));
    const order = (r: Route) => (family === 6 && r.dstLen === 0 ? 1 : 0);
    return list.map((r, i) => ({ r, i })).sort((a, b) =>
      a.r.table - b.r.table || order(a.r) - order(b.r) || cmp(a.r.dst, b.r.dst) || b.r.dstLen - a.r.dstLen
      || a.r.metric - b.r.metric || a.i - b.i).map((x) => x.r);
  }

  /**
   * fib_lookup: the local table first (policy rule 0), then main; longest prefix, lowest metric.
   * Routes through a device that is not up never match (they are flushed when it goes down).
   */
  lookup(family: Family, dst: bigint, oif?: NetDevice): Route | undefined {
    for (const table of [RT_TABLE.LOCAL, RT_TABLE.MAIN, RT_TABLE.DEFAULT]) {
      let best: Route | undefined;
      for (const r of this.routes) {
        if (r.family !== family || r.table !== table || !inPrefix(family, dst, r.dst, r.dstLen)) continue;
        if (r.type === 'broadcast' || r.type === 'multicast') continue;
        if (r.dev && !r.dev.adminUp) continue;
        if (oif && r.dev && r.dev !== oif && r.type !== 'local') continue;
        if (!best || r.dstLen > best.dstLen || (r.dstLen === best.dstLen && r.metric < best.metric)) best = r;
      }
      if (best) return best;
    }
    return undefined;
  }
}

function cmp(a: bigint, b: bigint): number { return a < b ? -1 : a > b ? 1 : 0; }

/** Same table, prefix, tos and priority: what NLM_F_EXCL / NLM_F_REPLACE compare. */
function sameKey(a: Route, b: Route): boolean {
  return a.family === b.family && a.table === b.table && a.dst === b.dst && a.dstLen === b.dstLen && a.metric === b.metric
    && (a.family === 4 || a.dev === b.dev || !a.dev || !b.dev);
}

function sameNexthop(a: Route, b: Route): boolean {
  return a.type === b.type && a.dev === b.dev && a.gateway === b.gateway;
}

export function hostRoute(family: Family, dst: bigint): { dst: bigint; dstLen: number } {
  return { dst, dstLen: bits(family) };
}

export function prefixRoute(family: Family, addr: bigint, plen: number): { dst: bigint; dstLen: number } {
  return { dst: network(family, addr, plen), dstLen: plen };
}

export const scopeName = (s: number): string =>
  s === SCOPE.UNIVERSE ? 'global' : s === SCOPE.SITE ? 'site' : s === SCOPE.LINK ? 'link' : s === SCOPE.HOST ? 'host' : s === SCOPE.NOWHERE ? 'nowhere' : String(s);
