import { KernelError } from '../../errno.ts';
import type { Task } from '../../task/Task.ts';
import { sendFrom } from '../forward.ts';
import type { IpAddr } from '../inet.ts';
import type { NetStack } from '../NetStack.ts';
import { UDP_HDR_LEN, type Packet } from '../packet.ts';
import { InetSock } from './InetSock.ts';
import { routeSource } from './route.ts';
import { TCP } from './Sock.ts';

export interface Datagram { data: string; from: IpAddr; port: number }

/**
 * UDP (net/ipv4/udp.c): datagrams go through the forwarding model one by one; a datagram nobody
 * is bound to answers with ICMP port unreachable, which a connected sender sees as ECONNREFUSED.
 */
export class UdpSock extends InetSock {
  readonly queue: Datagram[] = [];
  pendingError: 'ECONNREFUSED' | null = null;

  constructor(stack: NetStack, v6: boolean, owner: { euid: number }, ino?: number) {
    super(stack, v6, 'dgram', 17, owner, ino);
  }

  get proto(): 'udp' { return 'udp'; }

  recvQ(): number { return this.queue.reduce((n, d) => n + d.data.length, 0); }
  sendQ(): number { return 0; }

  connect(task: Task, to: IpAddr, port: number): void {
    const dst = this.pktAddr(this.fromUser(to));
    const src = routeSource(this.stack, dst, this.wildcard ? undefined : this.pktAddr(this.laddr).value, this.boundDev ?? undefined);
    if (src === null) throw new KernelError('ENETUNREACH');
    if (this.lport === 0) this.bindTo(task, 0n, 0, true);
    if (this.wildcard) this.laddr = this.sockAddr(dst.family, src);
    this.raddr = this.sockAddr(dst.family, dst.value);
    this.rport = port;
    this.state = TCP.ESTABLISHED;
  }

  async sendto(task: Task, data: string, to?: IpAddr, port?: number): Promise<number> {
    if (this.pendingError) { const e = this.pendingError; this.pendingError = null; throw new KernelError(e); }
    let dst: IpAddr;
    let dport: number;
    if (to) { dst = this.pktAddr(this.fromUser(to)); dport = port ?? 0; }
    else if (this.state === TCP.ESTABLISHED) { dst = this.pktAddr(this.raddr); dport = this.rport; }
    else throw new KernelError('EDESTADDRREQ');
    const src = this.wildcard ? routeSource(this.stack, dst, undefined, this.boundDev ?? undefined) : this.pktAddr(this.laddr).value;
    if (src === null) throw new KernelError('ENETUNREACH');
    if (this.lport === 0) this.bindTo(task, 0n, 0);
    const pkt: Packet = { family: dst.family, proto: 'udp', src, dst: dst.value, sport: this.lport, dport, len: data.length + UDP_HDR_LEN, ttl: 64 };
    const a = sendFrom(this.stack, pkt, this.boundDev ?? undefined);
    if (a.kind === 'unreachable' && a.code === 'net' && a.atSender) throw new KernelError('ENETUNREACH');
    if (a.kind !== 'local') return data.length;
    const target = findUdp(a.stack, a.pkt);
    if (target) {
      target.queue.push({ data, from: { family: a.pkt.family, value: a.pkt.src }, port: a.pkt.sport });
      target.wq.wake();
    } else if (this.state === TCP.ESTABLISHED) {
      // ICMP port unreachable travels back; a connected socket reports it on its next call.
      const back = sendFrom(a.stack, { ...a.pkt, src: a.pkt.dst, dst: a.pkt.src, sport: a.pkt.dport, dport: a.pkt.sport, proto: 'udp', len: 56 });
      if (back.kind === 'local' && back.stack === this.stack) { this.pendingError = 'ECONNREFUSED'; this.wq.wake(); }
    }
    return data.length;
  }

  async recvfrom(task: Task): Promise<Datagram> {
    for (;;) {
      if (this.pendingError) { const e = this.pendingError; this.pendingError = null; throw new KernelError(e); }
      const d = this.queue.shift();
      if (d) {
        if (this.v6 && d.from.family === 4) return { ...d, from: { family: 6, value: this.sockAddr(4, d.from.value) } };
        return d;
      }
      await this.wait(task);
    }
  }

  async read(task: Task): Promise<string> { return (await this.recvfrom(task)).data; }
  async write(task: Task, data: string): Promise<void> { await this.sendto(task, data); }
  release(): void { this.state = TCP.CLOSE; this.unhash(); }
}

/** __udp4_lib_lookup: connected sockets must match the sender too; exact addresses beat wildcards. */
export function findUdp(stack: NetStack, pkt: Packet): UdpSock | undefined {
  const cands = stack.sockets.filter((s): s is UdpSock => s instanceof UdpSock && s.lport === pkt.dport && s.acceptsDst(pkt)
    && (s.state !== TCP.ESTABLISHED || (s.pktAddr(s.raddr).value === pkt.src && s.rport === pkt.sport)));
  return cands.find((s) => s.state === TCP.ESTABLISHED) ?? cands.find((s) => !s.wildcard) ?? cands[0];
}
