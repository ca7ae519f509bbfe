/**
 * IPv4/IPv6 and MAC address arithmetic. Addresses are bigints (32 or 128 bits) so prefix math is the
 * same for both families; text forms follow inet_pton/inet_ntop as glibc implements them.
 */
export type Family = 4 | 6;

export interface IpAddr {
  readonly family: Family;
  readonly value: bigint;
}

export const bits = (f: Family): number => (f === 4 ? 32 : 128);

export function ip(family: Family, value: bigint): IpAddr { return { family, value }; }

export function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

export function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.includes(':::')) return null;
  let head = text;
  let v4tail: bigint | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    v4tail = parseIpv4(text.slice(lastColon + 1));
    if (v4tail === null) return null;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const group = (s: string) => (s === '' ? [] : s.split(':'));
  const left = group(halves[0]);
  const right = halves.length === 2 ? group(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const words = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let v = 0n;
  for (const w of words) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return null;
    v = (v << 16n) | BigInt(parseInt(w, 16));
  }
  if (v4tail !== null) v = (v & ~0xffffffffn) | v4tail;
  return v;
}

export function parseIp(text: string): IpAddr | null {
  if (text.includes(':')) {
    const v = parseIpv6(text);
    return v === null ? null : ip(6, v);
  }
  const v = parseIpv4(text);
  return v === null ? null : ip(4, v);
}

export function formatIpv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
}

/** inet_ntop(AF_INET6) as glibc: longest run (≥ 2) of zero words compressed, v4-mapped tail dotted. */
export function formatIpv6(v: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      cur = cur.base === -1 ? { base: i, len: 1 } : { base: cur.base, len: cur.len + 1 };
      if (cur.len > best.len) best = { ...cur };
    } else cur = { base: -1, len: 0 };
  }
  if (best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += formatIpv4(v & 0xffffffffn);
      break;
    }
    out += words[i].toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

export function formatIp(a: IpAddr): string { return a.family === 4 ? formatIpv4(a.value) : formatIpv6(a.value); }

export function mask(family: Family, plen: number): bigint {
  const n = BigInt(bits(family));
  const all = (1n << n) - 1n;
  return plen <= 0 ? 0n : (all << (n - BigInt(plen))) & all;
}

export function network(family: Family, v: bigint, plen: number): bigint { return v & mask(family, plen); }

export function inPrefix(family: Family, v: bigint, net: bigint, plen: number): boolean {
  return network(family, v, plen) === network(family, net, plen);
}

export function broadcastOf(v: bigint, plen: number): bigint { return v | (~mask(4, plen) & 0xffffffffn); }

/** Split `ADDR[/PLEN]`; the default length is the host length. */
export function parsePrefix(text: string): { addr: IpAddr; plen: number; explicit: boolean } | null {
  const [a, p] = text.split('/', 2);
  const addr = parseIp(a);
  if (!addr) return null;
  if (p === undefined) return { addr, plen: bits(addr.family), explicit: false };
  if (!/^\d+$/.test(p) || Number(p) > bits(addr.family)) return null;
  return { addr, plen: Number(p), explicit: true };
}

export const V4_MAPPED = 0xffff00000000n;
export function isV4Mapped(v: bigint): boolean { return v >> 32n === 0xffffn; }
export function mapV4(v: bigint): bigint { return V4_MAPPED | v; }
export const LOOPBACK6 = 1n;

export function isLoopback(a: IpAddr): boolean {
  return a.family === 4 ? a.value >> 24n === 127n : a.value === LOOPBACK6;
}
export function isLinkLocal6(v: bigint): boolean { return v >> 118n === 0x3fan; }

/** RFC 1918 and other ranges the uplink treats as not on the internet. */
export function isPrivate4(v: bigint): boolean {
  const a = Number(v >> 24n), b = Number((v >> 16n) & 0xffn);
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168)
    || (a === 169 && b === 254) || a >= 224;
}

// — MAC addresses —

export function parseMac(text: string): number[] | null {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  return parts.map((p) => parseInt(p, 16));
}

export function formatMac(bytes: number[]): string { return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':'); }

/** eth_random_addr: a random, locally administered unicast address. */
export function randomMac(rand: () => number): string {
  const b = Array.from({ length: 6 }, () => Math.floor(rand() * 256));
  b[0] = (b[0] & 0xfe) | 0x02;
  return formatMac(b);
}

/** addrconf_ifid_eui48: fe80:: + the MAC with ff:fe in the middle and the U/L bit flipped. */
export function linkLocalFromMac(mac: string): bigint {
  const b = parseMac(mac)!;
  const eui = [b[0] ^ 2, b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]];
  let v = 0xfe80n << 112n;
  for (let i = 0; i < 8; i++) v |= BigInt(eui[i]) << BigInt(56 - 8 * i);
  return v;
}

/** /proc/net/tcp prints IPv4 as the in-memory (little-endian) u32 of the network-order address. */
export function procHex4(v: bigint): string {
  const n = Number(v);
  const le = ((n & 0xff) << 24 | (n & 0xff00) << 8 | (n >>> 8) & 0xff00 | (n >>> 24) & 0xff) >>> 0;
  return le.toString(16).toUpperCase().padStart(8, '0');
}

/** /proc/net/tcp6: four little-endian u32 words. */
export function procHex6(v: bigint): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += procHex4((v >> BigInt(96 - 32 * i)) & 0xffffffffn);
  return out;
}

/** /proc/net/if_inet6: 32 lowercase hex digits, no separators. */
export function plainHex6(v: bigint): string { return v.toString(16).padStart(32, '0'); }
