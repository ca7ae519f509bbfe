import { SIG } from '../../constants.ts';
import { KernelError } from '../../errno.ts';
import { sendSignal } from '../../task/signals.ts';
import type { Task } from '../../task/Task.ts';
import { charge, pathWorks, sendFrom } from '../forward.ts';
import type { IpAddr } from '../inet.ts';
import type { NetStack } from '../NetStack.ts';
import { TCP_ACK_LEN, TCP_HDR_LEN, TCP_SYN_LEN, type Arrival, type Hop, type Packet } from '../packet.ts';
import { InetSock } from './InetSock.ts';
import { routeSource } from './route.ts';
import { TCP } from './Sock.ts';

/** tcp_syn_retries = 6: 1+2+4+8+16+32+64 s before connect() gives up. */
const SYN_TIMEOUT_MS = 127_000;
/** ARP gives up after three probes a second apart. */
const NEIGH_TIMEOUT_MS = 3_000;
/** TCP_TIMEWAIT_LEN and tcp_fin_timeout. */
const TIME_WAIT_MS = 60_000;

/**
 * TCP (net/ipv4/tcp*.c) at the level a user sees: the states ss reports, connect/accept through the
 * forwarding model, a byte stream per direction, FIN/RST on close. The handshake completes at once
 * when the path works; data goes to the peer's receive queue directly, charged on the devices of the
 * remembered path (and held in Send-Q while that path is broken).
 */
export class TcpSock extends InetSock {
  backlog = 0;
  readonly acceptQ: TcpSock[] = [];
  rbuf = '';
  /** Data the peer could not take yet (path down): Send-Q. */
  sendq = '';
  /** FIN received: reads return EOF once rbuf is drained. */
  eof = false;
  /** A pending error the next call reports (RST received, retransmissions exhausted). */
  error: 'ECONNRESET' | 'ETIMEDOUT' | 'EPIPE' | null = null;
  /** We sent FIN (shutdown(SHUT_WR) or close). */
  finSent = false;
  peer: TcpSock | null = null;
  fwd: Hop[] = [];
  rev: Hop[] = [];
  private retry: number | null = null;
  private retries = 0;

  constructor(stack: NetStack, v6: boolean, owner: { euid: number }, ino?: number) {
    super(stack, v6, 'stream', 6, owner, ino);
  }

  get proto(): 'tcp' { return 'tcp'; }

  recvQ(): number { return this.state === TCP.LISTEN ? this.acceptQ.length : this.rbuf.length; }
  sendQ(): number { return this.state === TCP.LISTEN ? this.backlog : this.sendq.length; }

  listen(task: Task, backlog: number): void {
    if (this.state !== TCP.CLOSE && this.state !== TCP.LISTEN) throw new KernelError('EINVAL');
    if (this.lport === 0) this.bindTo(task, 0n, 0);
    this.backlog = Math.min(Math.max(backlog, 0), this.stack.sysctl.somaxconn);
    this.state = TCP.LISTEN;
  }

  async accept(task: Task): Promise<TcpSock> {
    if (this.state !== TCP.LISTEN) throw new KernelError('EINVAL');
    while (!this.acceptQ.length) {
      await this.wait(task);
      if (this.state !== TCP.LISTEN) throw new KernelError('EINVAL');
    }
    return this.acceptQ.shift()!;
  }

  /** tcp_v4_connect + the handshake, through the forwarding model. */
  async connect(task: Task, to: IpAddr, port: number): Promise<void> {
    if (this.state === TCP.ESTABLISHED || this.state === TCP.CLOSE_WAIT) throw new KernelError('EISCONN');
    if (this.state !== TCP.CLOSE) throw new KernelError('EINVAL');
    const dst = this.pktAddr(this.fromUser(to));
    const src = routeSource(this.stack, dst, this.wildcard ? undefined : this.pktAddr(this.laddr).value, this.boundDev ?? undefined);
    if (src === null) throw new KernelError('ENETUNREACH');
    if (this.lport === 0) this.bindTo(task, this.laddr, 0, true);
    if (this.wildcard) this.laddr = this.sockAddr(dst.family, src);
    this.raddr = this.sockAddr(dst.family, dst.value);
    this.rport = port;
    this.state = TCP.SYN_SENT;
    const syn: Packet = { family: dst.family, proto: 'tcp', src, dst: dst.value, sport: this.lport, dport: port, len: TCP_SYN_LEN, ttl: 64 };
    const there = sendFrom(this.stack, syn, this.boundDev ?? undefined);
    try {
      await this.handshake(task, there, syn);
    } catch (e) {
      this.state = TCP.CLOSE;
      this.raddr = 0n;
      this.rport = 0;
      throw e;
    }
  }

  private async handshake(task: Task, a: Arrival, syn: Packet): Promise<void> {
    if (a.kind === 'unreachable') {
      if (a.code === 'net') throw new KernelError('ENETUNREACH');
      await this.sleep(task, NEIGH_TIMEOUT_MS);
      throw new KernelError('EHOSTUNREACH');
    }
    if (a.kind !== 'local') { await this.sleep(task, SYN_TIMEOUT_MS); throw new KernelError('ETIMEDOUT'); }
    const listener = findListener(a.stack, a.pkt);
    // The answer (SYN-ACK or RST) travels back from the server's namespace.
    const answer: Packet = { ...a.pkt, src: a.pkt.dst, sport: a.pkt.dport, dst: a.pkt.src, dport: a.pkt.sport, len: TCP_SYN_LEN, ttl: 64 };
    const back = sendFrom(a.stack, answer);
    const backHome = back.kind === 'local' && back.stack === this.stack && back.pkt.dport === syn.sport;
    if (!backHome || (listener && listener.acceptQ.length > listener.backlog)) {
      await this.sleep(task, SYN_TIMEOUT_MS);
      throw new KernelError('ETIMEDOUT');
    }
    if (!listener) throw new KernelError('ECONNREFUSED');
    const child = new TcpSock(a.stack, listener.v6, { euid: listener.uid });
    child.laddr = child.sockAddr(a.pkt.family, a.pkt.dst);
    child.lport = a.pkt.dport;
    child.raddr = child.sockAddr(a.pkt.family, a.pkt.src);
    child.rport = a.pkt.sport;
    child.reuseaddr = listener.reuseaddr;
    child.state = TCP.ESTABLISHED;
    child.peer = this;
    child.fwd = back.hops;
    child.rev = a.hops;
    this.peer = child;
    this.fwd = a.hops;
    this.rev = back.hops;
    this.state = TCP.ESTABLISHED;
    charge(a.hops, TCP_ACK_LEN);
    listener.acceptQ.push(child);
    listener.wq.wake();
  }

  async read(task: Task): Promise<string> {
    for (;;) {
      if (this.rbuf) {
        const out = this.rbuf;
        this.rbuf = '';
        if (this.peer) charge(this.fwd, TCP_ACK_LEN);
        return out;
      }
      if (this.error) { const e = this.error; this.error = null; throw new KernelError(e); }
      if (this.eof || this.state === TCP.CLOSE || this.state === TCP.TIME_WAIT) return '';
      if (this.state === TCP.LISTEN || this.state === TCP.SYN_SENT) throw new KernelError('ENOTCONN');
      await this.wait(task);
    }
  }

  async write(task: Task, data: string): Promise<void> {
    if (this.error) {
      const e = this.error;
      this.error = null;
      if (e === 'EPIPE') sendSignal(this.kernel, task, SIG.SIGPIPE);
      throw new KernelError(e);
    }
    if (this.state !== TCP.ESTABLISHED && this.state !== TCP.CLOSE_WAIT || this.finSent) {
      if (this.state === TCP.CLOSE || this.state === TCP.LISTEN || this.state === TCP.SYN_SENT) throw new KernelError('ENOTCONN');
      sendSignal(this.kernel, task, SIG.SIGPIPE);
      throw new KernelError('EPIPE');
    }
    if (!this.peer) {
      sendSignal(this.kernel, task, SIG.SIGPIPE);
      throw new KernelError('EPIPE');
    }
    this.sendq += data;
    this.push();
  }

  /** Hand queued data to the peer if the path works, else retry as the retransmit timer would. */
  private push(): void {
    if (!this.sendq || !this.peer) return;
    if (!pathWorks(this.fwd)) {
      // tcp_retries2 = 15: after that many retransmissions the connection is given up.
      if (this.retries++ >= 15) { this.error = 'ETIMEDOUT'; this.abortQuietly(); return; }
      if (this.retry === null) this.retry = this.kernel.timers.add(Math.min(1000 * 2 ** Math.min(this.retries, 7), 120_000), () => { this.retry = null; this.push(); });
      return;
    }
    this.retries = 0;
    const mss = 1448;
    for (let off = 0; off < this.sendq.length; off += mss) charge(this.fwd, Math.min(mss, this.sendq.length - off) + TCP_HDR_LEN);
    charge(this.rev, TCP_ACK_LEN);
    const peer = this.peer;
    peer.rbuf += this.sendq;
    this.sendq = '';
    peer.wq.wake();
    // Data for a socket that was closed (not just shut down) draws a RST: the next write fails.
    if (peer.state === TCP.FIN_WAIT2 && !peer.file) { this.error = 'EPIPE'; peer.abortQuietly(); this.peer = null; }
  }

  /** Drop the connection without telling the peer (it is unreachable or already gone). */
  private abortQuietly(): void {
    if (this.peer?.peer === this) this.peer.peer = null;
    this.peer = null;
    this.state = TCP.CLOSE;
    this.sendq = '';
    this.wq.wake();
    if (!this.file) this.unhash();
  }

  /** shutdown(SHUT_WR): our FIN; the peer reads EOF and moves to CLOSE-WAIT. */
  shutdownWrite(): void {
    if (this.finSent || !this.peer) { this.finSent = true; return; }
    this.finSent = true;
    const peer = this.peer;
    charge(this.fwd, TCP_ACK_LEN);
    peer.eof = true;
    if (this.state === TCP.ESTABLISHED) {
      this.state = TCP.FIN_WAIT2;
      peer.state = TCP.CLOSE_WAIT;
    } else if (this.state === TCP.CLOSE_WAIT) {
      // Both sides have sent FIN: the peer (who closed first) lingers in TIME-WAIT, we are gone.
      this.state = TCP.LAST_ACK;
      peer.enterTimeWait();
      this.peer = null;
    }
    peer.wq.wake();
  }

  enterTimeWait(): void {
    this.state = TCP.TIME_WAIT;
    this.peer = null;
    this.rbuf = '';
    this.kernel.timers.add(TIME_WAIT_MS, () => this.unhash());
    this.wq.wake();
  }

  release(): void {
    if (this.retry !== null) { this.kernel.timers.cancel(this.retry); this.retry = null; }
    switch (this.state) {
      case TCP.LISTEN:
        this.state = TCP.CLOSE;
        for (const c of this.acceptQ.splice(0)) c.abort();
        this.unhash();
        return;
      case TCP.ESTABLISHED:
      case TCP.CLOSE_WAIT:
        if (this.rbuf) { this.abort(); return; }
        this.shutdownWrite();
        if ((this.state as number) === TCP.LAST_ACK) { this.state = TCP.CLOSE; this.unhash(); }
        else this.kernel.timers.add(TIME_WAIT_MS, () => { if (this.state === TCP.FIN_WAIT2) this.unhash(); });
        return;
      case TCP.FIN_WAIT2:
        // Orphaned after shutdown: lingers until the peer's FIN or tcp_fin_timeout.
        this.kernel.timers.add(TIME_WAIT_MS, () => { if (this.state === TCP.FIN_WAIT2) this.unhash(); });
        return;
      case TCP.TIME_WAIT:
        return;
      default:
        this.state = TCP.CLOSE;
        this.unhash();
    }
  }

  /** Send RST: the peer's next call fails with ECONNRESET; we are gone. */
  abort(): void {
    if (this.peer) {
      const p = this.peer;
      p.error = 'ECONNRESET';
      p.peer = null;
      p.state = TCP.CLOSE;
      p.wq.wake();
    }
    this.peer = null;
    this.state = TCP.CLOSE;
    this.unhash();
  }
}

/** inet_lookup_listener: an exact local address beats a wildcard. */
export function findListener(stack: NetStack, pkt: Packet): TcpSock | undefined {
  const cands = stack.sockets.filter((s): s is TcpSock => s instanceof TcpSock && s.state === TCP.LISTEN && s.lport === pkt.dport && s.acceptsDst(pkt));
  return cands.find((s) => !s.wildcard) ?? cands[0];
}
