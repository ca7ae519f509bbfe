import type { Family } from './inet.ts';
import type { NetDevice } from './NetDevice.ts';
import type { NetStack } from './NetStack.ts';
import type { Packet, Proto } from './packet.ts';

/**
 * The hook through which a namespace's firewall rewrites packets: the nat table's PREROUTING,
 * OUTPUT and POSTROUTING chains. Docker's engine installs DNAT for published ports and MASQUERADE
 * for its bridge here (src/docker), the way dockerd writes iptables rules. The kernel side is only
 * the hook points and connection tracking, which undoes a translation for the reply direction.
 */
export interface NetfilterHook {
  /** Packets arriving on `indev`, before routing: return a new destination to DNAT. */
  prerouting?(pkt: Readonly<Packet>, indev: NetDevice): { dst?: bigint; dport?: number } | undefined;
  /** Locally generated packets, before routing (DNAT of connections to the host's own addresses). */
  output?(pkt: Readonly<Packet>): { dst?: bigint; dport?: number } | undefined;
  /** After routing, leaving through `outdev`: return a new source to SNAT/MASQUERADE. */
  postrouting?(pkt: Readonly<Packet>, outdev: NetDevice): { src?: bigint; sport?: number } | undefined;
}

export interface Tuple { family: Family; proto: Proto; src: bigint; sport: number; dst: bigint; dport: number }

/** One translated flow: packets matching `reply` are rewritten to `restore`. */
export interface Conntrack { reply: Tuple; restore: Tuple }

const CONNTRACK_MAX = 4096;

function tupleOf(p: Packet): Tuple { return { family: p.family, proto: p.proto, src: p.src, sport: p.sport, dst: p.dst, dport: p.dport }; }
function reverse(t: Tuple): Tuple { return { ...t, src: t.dst, sport: t.dport, dst: t.src, dport: t.sport }; }
function same(a: Tuple, b: Tuple): boolean {
  return a.family === b.family && a.proto === b.proto && a.src === b.src && a.sport === b.sport && a.dst === b.dst && a.dport === b.dport;
}

/** Reply direction of a tracked flow: rewrite back (possibly twice, for DNAT followed by SNAT). */
function untranslate(stack: NetStack, pkt: Packet): boolean {
  let hit = false;
  for (let round = 0; round < 2; round++) {
    const e = stack.conntrack.find((c) => same(c.reply, tupleOf(pkt)));
    if (!e) break;
    Object.assign(pkt, { src: e.restore.src, sport: e.restore.sport, dst: e.restore.dst, dport: e.restore.dport });
    hit = true;
  }
  return hit;
}

function track(stack: NetStack, before: Tuple, after: Packet): void {
  stack.conntrack.push({ reply: reverse(tupleOf(after)), restore: reverse(before) });
  if (stack.conntrack.length > CONNTRACK_MAX) stack.conntrack.shift();
}

/** PREROUTING or OUTPUT: replies are untranslated, new flows offered to the DNAT hooks. */
export function natIn(stack: NetStack, pkt: Packet, indev: NetDevice | null): void {
  if (untranslate(stack, pkt) || !stack.netfilter.length) return;
  for (const h of stack.netfilter) {
    const r = indev ? h.prerouting?.(pkt, indev) : h.output?.(pkt);
    if (r && (r.dst !== undefined || r.dport !== undefined)) {
      const before = tupleOf(pkt);
      if (r.dst !== undefined) pkt.dst = r.dst;
      if (r.dport !== undefined) pkt.dport = r.dport;
      track(stack, before, pkt);
      return;
    }
  }
}

/** POSTROUTING: source NAT for new flows. */
export function natOut(stack: NetStack, pkt: Packet, outdev: NetDevice): void {
  for (const h of stack.netfilter) {
    const r = h.postrouting?.(pkt, outdev);
    if (r && (r.src !== undefined || r.sport !== undefined)) {
      if (stack.conntrack.some((c) => same(reverse(c.reply), tupleOf(pkt)))) return;
      const before = tupleOf(pkt);
      if (r.src !== undefined) pkt.src = r.src;
      if (r.sport !== undefined) pkt.sport = r.sport;
      track(stack, before, pkt);
      return;
    }
  }
}
