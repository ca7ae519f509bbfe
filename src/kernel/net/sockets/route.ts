import { isTentative, selectSrc4 } from '../addrconf.ts';
import { isLinkLocal6, type IpAddr } from '../inet.ts';
import type { NetDevice } from '../NetDevice.ts';
import type { NetStack } from '../NetStack.ts';

/**
 * Source address selection for a socket that did not bind one (ip_route_connect /
 * ipv6_dev_get_saddr, simplified): the route's preferred source, else the outgoing device's primary
 * address. Null when there is no route at all (connect fails with ENETUNREACH).
 */
export function routeSource(stack: NetStack, dst: IpAddr, bound?: bigint, oif?: NetDevice): bigint | null {
  const r = stack.fib.lookup(dst.family, dst.value, oif);
  if (!r || r.type === 'unreachable' || r.type === 'blackhole' || r.type === 'prohibit') return null;
  if (bound !== undefined) return bound;
  if (r.prefsrc !== undefined) return r.prefsrc;
  if (r.type === 'local') return dst.value;
  const dev = r.dev;
  if (!dev) return null;
  if (dst.family === 4) return selectSrc4(dev, dst.value) ?? firstAddr4(stack) ?? 0n;
  const now = stack.now;
  const usable = dev.addrs6.filter((a) => !isTentative(a, now));
  const wantLinkLocal = isLinkLocal6(dst.value);
  const pick = usable.find((a) => isLinkLocal6(a.local) === wantLinkLocal) ?? usable[0] ?? dev.addrs6[0];
  return pick?.local ?? 0n;
}

function firstAddr4(stack: NetStack): bigint | undefined {
  for (const d of stack.devices) if (d.kind !== 'loopback' && d.addrs4.length) return d.addrs4[0].local;
  return undefined;
}
