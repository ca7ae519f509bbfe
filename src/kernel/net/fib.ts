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

/**
 * All tables of one namespace and family-agnostic lookups (net/ipv4/fib_trie.c, net/ipv6/route.c).
 * Routes are kept in insertion order (dumps break ties by it) and indexed by device and by prefix,
 * the way the kernel finds a device's routes (fib_sync_down_dev walks fib_info_devhash) and a
 * prefix's aliases (the trie leaf) without walking the table: a host with many containers has a
 * few routes per veth, and adding or removing one must not cost the whole table.
 */
export class Fib {
  /** Slot token → route: replacing a route keeps its slot, so its place in dumps. */
  private slots = new Map<Slot, Route>();
  private slotOf = new Map<Route, Slot>();
  private seq = 0;
  private byDev = new Map<NetDevice | undefined, Set<Route>>();
  private byPrefix = new Map<string, Set<Route>>();

  /** Every route, in insertion order. */
  get routes(): Route[] { return [...this.slots.values()]; }

  add(r: Route, opts: { replace?: boolean; exclusive?: boolean } = {}): void {
    const same = this.find(r.family, r.table, r.dst, r.dstLen, (x) => sameKey(x, r));
    if (same) {
      if (opts.exclusive) throw new KernelError('EEXIST');
      if (opts.replace) { this.replace(same, r); return; }
      if (sameNexthop(same, r)) throw new KernelError('EEXIST');
    }
    this.insert(r);
  }

  /** Append without the duplicate check (the caller knows the route is new). */
  insert(r: Route): void {
    const slot = { seq: this.seq++ };
    this.slots.set(slot, r);
    this.slotOf.set(r, slot);
    this.index(r);
  }

  /** The first route (in table order) for this prefix that `pred` accepts. */
  find(family: Family, table: number, dst: bigint, dstLen: number, pred: (r: Route) => boolean = () => true): Route | undefined {
    let best: Route | undefined;
    for (const r of this.byPrefix.get(prefixKey(family, table, dst, dstLen)) ?? []) {
      if (pred(r) && (!best || this.slotOf.get(r)!.seq < this.slotOf.get(best)!.seq)) best = r;
    }
    return best;
  }

  /** Routes through `dev`, in insertion order within the device. */
  ofDev(dev: NetDevice): Iterable<Route> { return this.byDev.get(dev) ?? []; }

  remove(pred: (r: Route) => boolean): Route[] {
    return this.drop([...this.slots.values()].filter(pred));
  }

  /** remove() limited to the routes through `dev`. */
  removeDev(dev: NetDevice, pred: (r: Route) => boolean = () => true): Route[] {
    return this.drop([...this.ofDev(dev)].filter(pred));
  }

  private drop(gone: Route[]): Route[] {
    for (const r of gone) {
      this.slots.delete(this.slotOf.get(r)!);
      this.slotOf.delete(r);
      this.unindex(r);
    }
    return gone;
  }

  private replace(old: Route, r: Route): void {
    const slot = this.slotOf.get(old)!;
    this.slotOf.delete(old);
    this.unindex(old);
    this.slots.set(slot, r);
    this.slotOf.set(r, slot);
    this.index(r);
  }

  private index(r: Route): void {
    setIn(this.byDev, r.dev).add(r);
    setIn(this.byPrefix, prefixKey(r.family, r.table, r.dst, r.dstLen)).add(r);
  }

  private unindex(r: Route): void {
    deleteIn(this.byDev, r.dev, r);
    deleteIn(this.byPrefix, prefixKey(r.family, r.table, r.dst, r.dstLen), r);
  }

  /** Routes of a table in dump order: by destination, longer prefixes first, then metric. */
  dump(family: Family, table?: number): Route[] {
    const list = [...this.slots.values()].filter((r) => r.family === family && (table === undefined || r.table === table));
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
      for (const r of this.slots.values()) {
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

interface Slot { seq: number }

function prefixKey(family: Family, table: number, dst: bigint, dstLen: number): string {
  return `${family} ${table} ${dst} ${dstLen}`;
}

function setIn<K, V>(m: Map<K, Set<V>>, k: K): Set<V> {
  let s = m.get(k);
  if (!s) m.set(k, s = new Set());
  return s;
}

function deleteIn<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (s?.delete(v) && s.size === 0) m.delete(k);
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
