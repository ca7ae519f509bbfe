import { KernelError } from '../../errno.ts';
import type { Task } from '../../task/Task.ts';
import { isV4Mapped, mapV4, type Family, type IpAddr } from '../inet.ts';
import type { NetDevice } from '../NetDevice.ts';
import type { NetStack } from '../NetStack.ts';
import type { Packet } from '../packet.ts';
import { Sock, TCP } from './Sock.ts';
import { ownerCapable } from '../../ns/userns.ts';

/**
 * What TCP and UDP sockets share (struct inet_sock): addresses, ports and the bind rules
 * (net/ipv4/inet_connection_sock.c). An AF_INET6 socket keeps IPv4 peers as v4-mapped addresses,
 * which is how ss shows them (`[::ffff:127.0.0.1]:8000`).
 */
export abstract class InetSock extends Sock {
  laddr = 0n;
  lport = 0;
  raddr = 0n;
  rport = 0;
  v6only = false;
  reuseaddr = false;
  boundDev: NetDevice | null = null;

  constructor(stack: NetStack, readonly v6: boolean, type: 'stream' | 'dgram', protocol: number, owner: { euid: number }, ino?: number) {
    super(stack, v6 ? 'inet6' : 'inet', type, protocol, owner, ino);
  }

  abstract get proto(): 'tcp' | 'udp';

  /** The socket's address in the family its packets use (v4-mapped → IPv4). */
  pktAddr(v: bigint): IpAddr {
    if (this.v6 && isV4Mapped(v)) return { family: 4, value: v & 0xffffffffn };
    return { family: this.v6 ? 6 : 4, value: v };
  }

  /** A packet address as this socket stores it. */
  sockAddr(family: Family, v: bigint): bigint { return this.v6 && family === 4 ? mapV4(v) : v; }

  /** Convert a caller's address; an IPv4 socket refuses IPv6 and vice versa (v4-mapped allowed on v6). */
  fromUser(a: IpAddr): bigint {
    if (a.family === 6 && !this.v6) throw new KernelError('EAFNOSUPPORT');
    if (a.family === 4 && this.v6) throw new KernelError('EAFNOSUPPORT');
    return a.value;
  }

  get wildcard(): boolean { return this.laddr === 0n; }

  /** Does this (bound) socket accept packets for `pkt.dst`? Wildcards match; a v6 socket takes v4 unless v6only. */
  acceptsDst(pkt: Packet): boolean {
    if (pkt.family === 6 && !this.v6) return false;
    if (pkt.family === 4 && this.v6) {
      if (this.v6only) return false;
      return this.laddr === 0n || this.laddr === mapV4(pkt.dst);
    }
    return this.laddr === 0n || this.laddr === pkt.dst;
  }

  /** inet_csk_bind_conflict: same port and overlapping addresses, unless both allow reuse. */
  conflictsWith(o: InetSock, laddr: bigint, v6only: boolean): boolean {
    if (o === this || o.proto !== this.proto || o.lport === 0) return false;
    if (this.proto === 'tcp' && this.reuseaddr && o.reuseaddr && o.state !== TCP.LISTEN) return false;
    if (this.proto === 'udp' && this.reuseaddr && o.reuseaddr) return false;
    const fam = (s: { v6: boolean }, addr: bigint) => (s.v6 && !isV4Mapped(addr) ? 6 : 4);
    const mine = { wild: laddr === 0n, fam: this.v6 && laddr !== 0n ? fam(this, laddr) : this.v6 ? (v6only ? 6 : 0) : 4, v: laddr };
    const theirs = { wild: o.laddr === 0n, fam: o.v6 && o.laddr !== 0n ? fam(o, o.laddr) : o.v6 ? (o.v6only ? 6 : 0) : 4, v: o.laddr };
    // fam 0: a dual-stack wildcard, overlapping both families.
    const norm = (s: { v: bigint }, v6: boolean) => (v6 && isV4Mapped(s.v) ? s.v & 0xffffffffn : s.v);
    if (mine.fam && theirs.fam && mine.fam !== theirs.fam) return false;
    if (mine.wild || theirs.wild) return true;
    return norm(mine, this.v6) === norm(theirs, o.v6);
  }

  /** bind(2) for inet sockets: privileged ports, address in use, ephemeral port when 0. */
  bindTo(task: Task, addr: bigint, port: number, forConnect = false): void {
    if (this.lport !== 0) throw new KernelError('EINVAL');
    const sysctl = this.stack.sysctl;
    if (port !== 0 && port < sysctl.unprivilegedPortStart && !ownerCapable(task, this.stack.ns, 'CAP_NET_BIND_SERVICE')) throw new KernelError('EACCES');
    if (addr !== 0n && !this.isLocalAddr(addr)) throw new KernelError('EADDRNOTAVAIL');
    const others = this.stack.sockets.filter((s): s is InetSock => s instanceof InetSock);
    if (port === 0) {
      const [lo, hi] = sysctl.localPortRange;
      const span = hi - lo + 1;
      // __inet_hash_connect prefers even ports for connect(), bind(0) odd ones.
      const start = Math.floor(this.kernel.random.next() * span);
      const free = (p: number) => !others.some((o) => o.lport === p && this.conflictsWith(o, addr, this.v6only));
      for (const wantParity of [true, false]) {
        for (let i = 0; i < span && port === 0; i++) {
          const p = lo + ((start + i) % span);
          if ((!wantParity || (p % 2 === 0) === forConnect) && free(p)) port = p;
        }
      }
      if (port === 0) throw new KernelError('EADDRINUSE');
    } else if (others.some((o) => o.lport === port && this.conflictsWith(o, addr, this.v6only))) {
      throw new KernelError('EADDRINUSE');
    }
    this.laddr = addr;
    this.lport = port;
    // inet6_bind: a socket bound to a real IPv6 address can never see IPv4 traffic.
    if (this.v6 && addr !== 0n && !isV4Mapped(addr)) this.v6only = true;
  }

  /** Is `addr` (socket form) configured in this namespace, or a wildcard/loopback it may bind? */
  isLocalAddr(addr: bigint): boolean {
    const a = this.pktAddr(addr);
    const r = this.stack.fib.lookup(a.family, a.value);
    return r?.type === 'local';
  }
}
