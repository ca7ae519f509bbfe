import { KernelError } from '../../errno.ts';
import type { Task } from '../../task/Task.ts';
import { charge, receive, sendFrom } from '../forward.ts';
import type { IpAddr } from '../inet.ts';
import type { NetStack } from '../NetStack.ts';
import type { Arrival, Packet } from '../packet.ts';
import { routeSource } from './route.ts';
import { Sock } from './Sock.ts';

export type PingEvent =
  | { kind: 'reply'; from: IpAddr; seq: number; ttl: number; bytes: number; time: number }
  | { kind: 'error'; from: IpAddr; seq: number; code: 'host' | 'net'; time: number };

/** How long a neighbour lookup takes to fail (three ARP probes, one second apart). */
const NEIGH_FAIL_MS = 3000;

/**
 * An ICMP echo ("ping") datagram socket (net/ipv4/ping.c): what iputils' ping uses. The echo
 * request travels through the forwarding model; the destination's stack (or the NIC's uplink)
 * answers unless net.ipv4.icmp_echo_ignore_all is set, and the reply must find its way back.
 * Receive timestamps are the send time plus the path's simulated latency, as SO_TIMESTAMP would
 * report them.
 */
export class PingSock extends Sock {
  readonly ident: number;
  readonly events: PingEvent[] = [];

  constructor(stack: NetStack, readonly v6: boolean, owner: { euid: number }) {
    super(stack, v6 ? 'inet6' : 'inet', 'dgram', v6 ? 58 : 1, owner);
    this.ident = 1 + Math.floor(stack.kernel.random.next() * 65534);
  }

  recvQ(): number { return this.events.length; }
  sendQ(): number { return 0; }

  /** Send one echo request; returns the time it left (ms, with sub-millisecond precision). */
  sendEcho(dst: IpAddr, seq: number, dataLen: number): number {
    if ((dst.family === 6) !== this.v6) throw new KernelError('EAFNOSUPPORT');
    const src = routeSource(this.stack, dst);
    if (src === null) throw new KernelError('ENETUNREACH');
    const sent = this.kernel.clock.now();
    const pkt: Packet = {
      family: dst.family, proto: 'icmp', src, dst: dst.value, sport: this.ident, dport: this.ident,
      len: dataLen + 8 + (dst.family === 4 ? 20 : 40), ttl: 64, icmp: { type: 'echo', seq },
    };
    const a = sendFrom(this.stack, pkt);
    if (a.kind === 'unreachable' && a.code === 'net' && a.atSender) throw new KernelError('ENETUNREACH');
    this.outcome(a, sent, seq, dataLen);
    return sent;
  }

  private outcome(a: Arrival, sent: number, seq: number, dataLen: number): void {
    const family = a.kind === 'local' || a.kind === 'uplink' ? a.pkt.family : this.v6 ? 6 : 4;
    if (a.kind === 'unreachable') {
      if (!a.atSender) return;
      const from = { family, value: a.from } as IpAddr;
      this.kernel.timers.add(NEIGH_FAIL_MS, () => this.deliver({ kind: 'error', from, seq, code: a.code, time: sent + NEIGH_FAIL_MS }));
      return;
    }
    let back: Arrival;
    if (a.kind === 'local') {
      if (a.stack.sysctl.icmpEchoIgnoreAll && a.pkt.family === 4) return;
      back = sendFrom(a.stack, echoReply(a.pkt, 64));
    } else if (a.kind === 'uplink') {
      // The NAT engine behind the NIC answers only the address it leased (containers need MASQUERADE).
      if (!a.dev.addrs4.some((x) => x.local === a.pkt.src)) return;
      const net = a.uplink.internet;
      const lan = a.pkt.dst === a.uplink.gateway || a.uplink.hosts.includes(a.pkt.dst);
      const reply = echoReply(a.pkt, lan || !net ? a.uplink.lanTtl : net.ttl);
      const hops = [{ dev: a.dev, dir: 'rx' as const }];
      charge(hops, reply.len);
      back = receive(a.dev.ns, a.dev, reply, hops, a.latency + (lan || !net ? 0 : net.rttMs));
    } else return;
    if (back.kind !== 'local' || !back.pkt.icmp) return;
    const sock = back.stack.sockets.find((s): s is PingSock => s instanceof PingSock && s.ident === back.pkt.dport && s.v6 === (back.pkt.family === 6));
    if (!sock) return;
    const rand = this.kernel.random.next();
    const oneWay = a.kind === 'local' ? a.latency : 0;
    const rtt = 0.008 + (oneWay + back.latency) * (0.85 + 0.3 * rand);
    sock.deliver({ kind: 'reply', from: { family: back.pkt.family, value: back.pkt.src }, seq, ttl: back.pkt.ttl, bytes: dataLen + 8, time: sent + rtt });
  }

  deliver(e: PingEvent): void {
    if (!this.stack.sockets.includes(this)) return;
    this.events.push(e);
    this.wq.wake();
  }

  /** Wait for a reply or an error, or until `deadline` (clock ms); null on timeout. */
  async recv(task: Task, deadline?: number): Promise<PingEvent | null> {
    for (;;) {
      const e = this.events.shift();
      if (e) return e;
      const now = this.kernel.clock.now();
      if (deadline !== undefined && now >= deadline) return null;
      await this.kernel.block(task, (wake) => {
        const un = this.wq.add(wake);
        const id = deadline !== undefined ? this.kernel.timers.add(deadline - now, wake) : null;
        return () => { un(); if (id !== null) this.kernel.timers.cancel(id); };
      });
    }
  }

  async read(): Promise<string> { throw new KernelError('EINVAL'); }
  async write(): Promise<void> { throw new KernelError('EDESTADDRREQ'); }
  release(): void { this.unhash(); }
}

function echoReply(req: Packet, ttl: number): Packet {
  return { ...req, src: req.dst, dst: req.src, sport: req.dport, dport: req.sport, ttl, icmp: { type: 'echo-reply', seq: req.icmp!.seq } };
}
