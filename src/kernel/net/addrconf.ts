import { KernelError } from '../errno.ts';
import { IFA_F, INFINITY_LIFE_TIME, SCOPE, type Ifa4, type Ifa6 } from './addrTypes.ts';
import { RT_TABLE, RTPROT, type Route } from './fib.ts';
import { broadcastOf, inPrefix, isLinkLocal6, linkLocalFromMac, LOOPBACK6, mask, network } from './inet.ts';
import type { NetDevice } from './NetDevice.ts';

/**
 * Duplicate address detection for IPv6 (addrconf_dad_start): one probe after a random delay of up
 * to rtr_solicit_delay (1 s) plus retrans_time (1 s). Modelled as a flat 2 s of clock time. On a
 * virtual clock time moves only while every task sleeps, so an address brought up and listed by the
 * next command is still `tentative`, exactly as on Linux when typed fast. A container engine that
 * configures a namespace before handing it to a user waits for this with NetApi.settleDad(), the
 * way a person's typing gives DAD its two seconds.
 */
export const DAD_MS = 2000;

// — IPv4 (net/ipv4/devinet.c, fib_frontend.c) —

/** inet_insert_ifa: add an address; a second one in an existing subnet is secondary. */
export function addAddr4(dev: NetDevice, ifa: Ifa4, replace = false): void {
  const existing = dev.addrs4.find((a) => a.local === ifa.local && a.prefixlen === ifa.prefixlen);
  if (existing) {
    if (!replace) throw new KernelError('EEXIST');
    Object.assign(existing, { ...ifa, flags: existing.flags & IFA_F.SECONDARY | ifa.flags });
    return;
  }
  const primary = dev.addrs4.find((a) => !(a.flags & IFA_F.SECONDARY) && a.prefixlen === ifa.prefixlen
    && inPrefix(4, ifa.local, a.local, a.prefixlen));
  if (primary) ifa.flags |= IFA_F.SECONDARY;
  const lastPrimary = dev.addrs4.map((a) => !(a.flags & IFA_F.SECONDARY)).lastIndexOf(true);
  if (ifa.flags & IFA_F.SECONDARY) dev.addrs4.push(ifa); else dev.addrs4.splice(lastPrimary + 1, 0, ifa);
  addRoutes4(dev, ifa);
}

export function delAddr4(dev: NetDevice, ifa: Ifa4): void {
  const i = dev.addrs4.indexOf(ifa);
  if (i < 0) return;
  dev.addrs4.splice(i, 1);
  dev.ns.fib.removeDev(dev, (r) => r.owner === ifa);
  // promote_secondaries (systemd turns it on): the first secondary of the subnet becomes primary.
  if (!(ifa.flags & IFA_F.SECONDARY)) {
    const next = dev.addrs4.find((a) => a.flags & IFA_F.SECONDARY && a.prefixlen === ifa.prefixlen && inPrefix(4, a.local, ifa.local, ifa.prefixlen));
    if (next) { next.flags &= ~IFA_F.SECONDARY; dev.ns.fib.removeDev(dev, (r) => r.owner === next); addRoutes4(dev, next); }
  }
}

/** fib_add_ifaddr: local and broadcast routes in the local table, the prefix route in main. */
function addRoutes4(dev: NetDevice, ifa: Ifa4): void {
  const fib = dev.ns.fib;
  const base = { family: 4 as const, dev, protocol: RTPROT.KERNEL, prefsrc: ifa.local, metric: 0, owner: ifa };
  const put = (r: Route) => { if (!fib.find(4, r.table, r.dst, r.dstLen, (x) => x.type === r.type && x.dev === r.dev)) fib.add(r); };
  put({ ...base, table: RT_TABLE.LOCAL, type: 'local', dst: ifa.local, dstLen: 32, scope: SCOPE.HOST });
  if (!dev.adminUp) return;
  if (ifa.broadcast !== undefined && ifa.broadcast !== 0xffffffffn) {
    put({ ...base, table: RT_TABLE.LOCAL, type: 'broadcast', dst: ifa.broadcast, dstLen: 32, scope: SCOPE.LINK });
  }
  const prefix = network(4, ifa.local, ifa.prefixlen);
  if (prefix !== 0n && !(ifa.flags & IFA_F.SECONDARY) && (prefix !== ifa.local || ifa.prefixlen < 32)) {
    if (!(ifa.flags & IFA_F.NOPREFIXROUTE)) {
      const lo = dev.kind === 'loopback';
      put({ ...base, table: lo ? RT_TABLE.LOCAL : RT_TABLE.MAIN, type: lo ? 'local' : 'unicast', dst: prefix, dstLen: ifa.prefixlen,
        scope: lo ? SCOPE.HOST : SCOPE.LINK, metric: ifa.metric });
    }
    if (ifa.prefixlen < 31) {
      put({ ...base, table: RT_TABLE.LOCAL, type: 'broadcast', dst: broadcastOf(ifa.local, ifa.prefixlen), dstLen: 32, scope: SCOPE.LINK });
    }
  }
}

// — IPv6 (net/ipv6/addrconf.c) —

/** ipv6_link_dev_addr: the list is kept by decreasing scope, newest first within a scope. */
export function addAddr6(dev: NetDevice, ifa: Ifa6, replace = false): void {
  if (ipv6Disabled(dev)) throw new KernelError('EACCES');
  const existing = dev.addrs6.find((a) => a.local === ifa.local);
  if (existing) {
    if (!replace) throw new KernelError('EEXIST');
    Object.assign(existing, ifa);
    return;
  }
  const rank = scopeRank(ifa.local);
  const at = dev.addrs6.findIndex((a) => rank >= scopeRank(a.local));
  dev.addrs6.splice(at < 0 ? dev.addrs6.length : at, 0, ifa);
  if (!(ifa.flags & IFA_F.NODAD) && dev.kind !== 'loopback') ifa.dadUntil = dev.ns.now + DAD_MS;
  addRoutes6(dev, ifa);
}

export function delAddr6(dev: NetDevice, ifa: Ifa6): void {
  const i = dev.addrs6.indexOf(ifa);
  if (i < 0) return;
  dev.addrs6.splice(i, 1);
  dev.ns.fib.removeDev(dev, (r) => r.owner === ifa);
}

function scopeRank(v: bigint): number { return v === LOOPBACK6 ? 1 : isLinkLocal6(v) ? 2 : 14; }

export function scope6(v: bigint): number { return v === LOOPBACK6 ? SCOPE.HOST : isLinkLocal6(v) ? SCOPE.LINK : SCOPE.UNIVERSE; }

function addRoutes6(dev: NetDevice, ifa: Ifa6): void {
  const fib = dev.ns.fib;
  const base = { family: 6 as const, dev, protocol: RTPROT.KERNEL, owner: ifa, scope: SCOPE.UNIVERSE };
  fib.insert({ ...base, table: RT_TABLE.LOCAL, type: 'local', dst: ifa.local, dstLen: 128, metric: 0 });
  const lo = dev.kind === 'loopback';
  if (!(ifa.flags & IFA_F.NOPREFIXROUTE) && ifa.prefixlen < 128 || lo) {
    const dst = network(6, ifa.local, ifa.prefixlen);
    const dstLen = lo ? 128 : ifa.prefixlen;
    const owner = ifa;
    if (!fib.find(6, RT_TABLE.MAIN, dst, dstLen, (r) => r.dev === dev)) {
      fib.insert({ ...base, owner, table: RT_TABLE.MAIN, type: 'unicast', dst, dstLen, metric: ifa.metric || 256 });
    }
  }
  if (!lo && ![...fib.ofDev(dev)].some((r) => r.family === 6 && r.type === 'multicast')) {
    fib.insert({ ...base, owner: dev, table: RT_TABLE.LOCAL, type: 'multicast', dst: 0xffn << 120n, dstLen: 8, metric: 256 });
  }
}

/** The device's disable_ipv6 (writing the "all" value sets every device's, as addrconf_disable_ipv6 does). */
export function ipv6Disabled(dev: NetDevice): boolean { return dev.disableIpv6; }

/** addrconf_dev_config / init_loopback: what the kernel adds when a device can do IPv6. */
function ipv6Autoconf(dev: NetDevice): void {
  if (ipv6Disabled(dev) || !dev.running) return;
  const permanent = { flags: IFA_F.PERMANENT, validLft: INFINITY_LIFE_TIME, preferredLft: INFINITY_LIFE_TIME, tstamp: dev.ns.now, metric: 0 };
  if (dev.kind === 'loopback') {
    if (!dev.addrs6.some((a) => a.local === LOOPBACK6)) addAddr6(dev, { ...permanent, local: LOOPBACK6, prefixlen: 128, scope: SCOPE.HOST });
    return;
  }
  if (dev.addrGenMode !== 'eui64' || dev.addrs6.some((a) => isLinkLocal6(a.local))) return;
  addAddr6(dev, { ...permanent, local: linkLocalFromMac(dev.mac), prefixlen: 64, scope: SCOPE.LINK });
}

// — device events (NETDEV_UP / DOWN / CHANGE as inetdev_event, fib_netdev_event, addrconf_notify see them) —

export function devUp(dev: NetDevice): void {
  if (dev.kind === 'loopback' && !dev.addrs4.some((a) => a.local === 0x7f000001n)) {
    addAddr4(dev, {
      local: 0x7f000001n, prefixlen: 8, scope: SCOPE.HOST, label: dev.name, flags: 0, metric: 0,
      validLft: INFINITY_LIFE_TIME, preferredLft: INFINITY_LIFE_TIME, tstamp: dev.ns.now,
    });
  }
  for (const ifa of dev.addrs4) addRoutes4(dev, ifa);
  ipv6Autoconf(dev);
}

/** Carrier came or went: routes get `linkdown` by themselves; IPv6 starts once the link is ready. */
export function devCarrierChanged(dev: NetDevice): void {
  if (dev.running) ipv6Autoconf(dev);
}

/**
 * NETDEV_DOWN: IPv4 keeps its addresses but loses every route through the device (gateway routes
 * for good); IPv6 drops its addresses too (keep_addr_on_down is 0).
 */
export function devDown(dev: NetDevice): void {
  dev.ns.fib.removeDev(dev);
  dev.addrs6.splice(0);
}

/** NETDEV_UNREGISTER (device deleted or leaving the namespace): everything goes. */
export function devUnregister(dev: NetDevice): void {
  dev.ns.fib.removeDev(dev);
  dev.addrs4.splice(0);
  dev.addrs6.splice(0);
}

/** disable_ipv6 changed (per device or via "all"). */
export function ipv6ConfChanged(dev: NetDevice): void {
  if (ipv6Disabled(dev)) {
    for (const a of [...dev.addrs6]) delAddr6(dev, a);
    dev.ns.fib.removeDev(dev, (r) => r.family === 6);
  } else if (dev.adminUp) ipv6Autoconf(dev);
}

// — what dumps report —

export function isTentative(ifa: Ifa6, now: number): boolean { return ifa.dadUntil !== undefined && now < ifa.dadUntil; }

/** Remaining lifetimes as IFA_CACHEINFO reports them (a DHCP lease renews at T1). */
export function lifetimes(ifa: Ifa4 | Ifa6, now: number): { valid: number; preferred: number } {
  if (ifa.dhcp) {
    const t1 = ifa.dhcp.lease / 2;
    const elapsed = Math.floor((now - ifa.dhcp.obtained) / 1000);
    const sinceRenew = elapsed < t1 ? elapsed : t1 + ((elapsed - t1) % t1);
    const left = ifa.dhcp.lease - sinceRenew;
    return { valid: left, preferred: left };
  }
  const age = Math.floor((now - ifa.tstamp) / 1000);
  const left = (lft: number) => (lft === INFINITY_LIFE_TIME ? lft : Math.max(0, lft - age));
  return { valid: left(ifa.validLft), preferred: left(ifa.preferredLft) };
}

export function ifaFlags(ifa: Ifa4 | Ifa6, now: number): number {
  let f = ifa.flags;
  if (ifa.validLft === INFINITY_LIFE_TIME && !ifa.dhcp) f |= IFA_F.PERMANENT;
  if ('dadUntil' in ifa && isTentative(ifa, now)) f |= IFA_F.TENTATIVE;
  return f;
}

/** inet_select_addr: the primary address of `dev` for reaching `dst` (same subnet first). */
export function selectSrc4(dev: NetDevice, dst?: bigint): bigint | undefined {
  const prim = dev.addrs4.filter((a) => !(a.flags & IFA_F.SECONDARY) && a.scope !== SCOPE.HOST || dev.kind === 'loopback');
  if (dst !== undefined) {
    const near = prim.find((a) => (dst & mask(4, a.prefixlen)) === network(4, a.local, a.prefixlen));
    if (near) return near.local;
  }
  return prim[0]?.local;
}
