import type { Family } from './inet.ts';
import type { NetDevice, Uplink } from './NetDevice.ts';
import type { NetStack } from './NetStack.ts';

export type Proto = 'icmp' | 'tcp' | 'udp';

/**
 * What the forwarding model moves around: the L3/L4 header fields routing and NAT look at, a
 * length for the counters, and for ICMP the echo identifiers. Payloads never travel in packets:
 * sockets hand data to their peer once the path is known to work.
 */
export interface Packet {
  family: Family;
  proto: Proto;
  src: bigint;
  dst: bigint;
  /** TCP/UDP ports; for ICMP echo both hold the echo identifier (as conntrack treats it). */
  sport: number;
  dport: number;
  /** Bytes at the IP layer (an echo with 56 data bytes is 84). */
  len: number;
  ttl: number;
  icmp?: { type: 'echo' | 'echo-reply'; seq: number };
}

/** A counted traversal of a device. */
export interface Hop { dev: NetDevice; dir: 'tx' | 'rx' }

/** Where a packet ended up, with the devices it crossed and the one-way latency it picked up. */
export type Arrival =
  | { kind: 'local'; stack: NetStack; dev: NetDevice; pkt: Packet; hops: Hop[]; latency: number }
  | { kind: 'uplink'; dev: NetDevice; uplink: Uplink; pkt: Packet; hops: Hop[]; latency: number }
  /** An error the sender learns about: no route (`net`) or no neighbour answering (`host`). */
  | { kind: 'unreachable'; code: 'net' | 'host'; from: bigint; atSender: boolean; hops: Hop[]; latency: number }
  | { kind: 'lost'; hops: Hop[]; latency: number };

/** Ethernet header bytes added to every frame's count (lo frames carry one too). */
export const ETH_HLEN = 14;
export const TCP_SYN_LEN = 60;
export const TCP_ACK_LEN = 52;
/** IP + TCP headers with timestamps on a data segment. */
export const TCP_HDR_LEN = 52;
export const UDP_HDR_LEN = 28;
