import { KernelError } from '../errno.ts';
import type { Kernel } from '../Kernel.ts';
import type { Task } from '../task/Task.ts';
import { nsOf } from '../vfs/inode.ts';
import type * as A from './api.ts';
import * as change from './calls/change.ts';
import { addrDump, linkInfo, routeDump, routeGet } from './calls/dump.ts';
import * as sk from './calls/sockets.ts';
import { formatIp, parseIp } from './inet.ts';
import type { NetNamespace } from './NetNamespace.ts';
import { ownerCapable } from '../ns/userns.ts';
import { stackOf, type NetStack } from './NetStack.ts';
import { peernet2id, setNsid } from './nsid.ts';
import { PingSock } from './sockets/PingSock.ts';
import { sockOf } from './sockets/Sock.ts';

/**
 * The `net` extension table bound to one task: every call works on the task's network namespace
 * at the time of the call (setns takes effect at once) and checks CAP_NET_ADMIN for changes, as
 * rtnetlink's netlink_ns_capable does.
 */
export class NetCalls implements A.NetApi {
  constructor(private readonly kernel: Kernel, private readonly task: Task) {}

  private get stack(): NetStack { return stackOf(this.task.nsproxy.net); }

  private admin(): NetStack {
    if (!ownerCapable(this.task, this.task.nsproxy.net, 'CAP_NET_ADMIN')) throw new KernelError('EPERM');
    return this.stack;
  }

  /** IFLA_NET_NS_FD / IFLA_NET_NS_PID. */
  private resolveNetns = (ref: A.NetnsRef): NetStack => {
    if ('fd' in ref) {
      const inode = this.task.fdTable.get(ref.fd).inode;
      const ns = inode && nsOf(inode);
      if (!ns || ns.type !== 'net') throw new KernelError('EINVAL');
      return stackOf(ns as NetNamespace);
    }
    const t = this.task.pidNs.tasks.get(ref.pid);
    if (!t || !t.alive) throw new KernelError('ESRCH');
    return stackOf(t.nsproxy.net);
  };

  links(): A.LinkInfo[] { const s = this.stack; return s.devices.map((d) => linkInfo(s, d)); }
  link(name: string): A.LinkInfo | undefined { const d = this.stack.byName(name); return d && linkInfo(this.stack, d); }
  addrs(family?: A.AddrFamily): A.AddrInfo[] { return addrDump(this.stack, family); }
  routes(family: A.AddrFamily, table?: number): A.RouteInfo[] { return routeDump(this.stack, family, table); }
  routeGet(family: A.AddrFamily, dst: string, opts?: { from?: string; oif?: number }): A.RouteGetInfo {
    return routeGet(this.stack, family, dst, this.task.cred.uid, opts);
  }

  linkAdd(req: A.LinkAddRequest): void { change.linkAdd(this.admin(), req, this.resolveNetns); this.changed(); }
  linkSet(ifindex: number, ch: A.LinkChange): void { change.linkSet(this.admin(), ifindex, ch, this.resolveNetns); this.changed(); }
  linkDel(ifindex: number): void { change.linkDel(this.admin(), ifindex); this.changed(); }
  addrAdd(req: A.AddrRequest, replace = false): void { change.addrAdd(this.admin(), req, replace); this.changed(); }
  addrDel(req: A.AddrRequest): void { change.addrDel(this.admin(), req); this.changed(); }
  routeAdd(req: A.RouteRequest, mode: 'create' | 'replace' | 'append' = 'create'): void { change.routeAdd(this.admin(), req, mode); }
  routeDel(req: Partial<A.RouteRequest> & { family: A.AddrFamily; dst: string; dstLen: number }): void { change.routeDel(this.admin(), req); }

  /** Devices and addresses changed: the UI's map redraws (as rtnetlink multicasts would). */
  private changed(): void { this.kernel.namespacesChanged(); }

  nsidOf(ref: A.NetnsRef): number { return peernet2id(this.stack, this.resolveNetns(ref)); }
  nsidSet(ref: A.NetnsRef, id: number): void {
    if (!setNsid(this.admin(), this.resolveNetns(ref), id)) throw new KernelError('EEXIST');
  }
  nsidList(): Array<{ nsid: number; inum: number }> {
    return [...this.stack.nsids].map(([s, nsid]) => ({ nsid, inum: s.ns.inum })).sort((a, b) => a.nsid - b.nsid);
  }

  async settleDad(ifindex?: number): Promise<void> {
    for (;;) {
      const now = this.kernel.clock.now();
      const devs = ifindex === undefined ? this.stack.devices : [this.stack.dev(ifindex)].filter((d) => d !== undefined);
      let until = 0;
      for (const d of devs) for (const a of d.addrs6) until = Math.max(until, a.dadUntil ?? 0);
      if (until <= now) return;
      await this.kernel.block(this.task, (wake) => {
        const id = this.kernel.timers.add(until - now, wake);
        return () => this.kernel.timers.cancel(id);
      });
    }
  }

  socket(domain: 'inet' | 'inet6' | 'unix' | 'netlink', type: 'stream' | 'dgram' | 'raw', protocol?: number): number {
    return sk.socketCreate(this.task, this.stack, domain, type, protocol);
  }
  socketpair(type: 'stream' | 'dgram'): [number, number] { return sk.socketPair(this.task, this.stack, type); }
  bind(fd: number, addr: A.SockAddr): void { sk.sockBind(this.task, fd, addr); }
  listen(fd: number, backlog: number): void { sk.sockListen(this.task, fd, backlog); }
  accept(fd: number): Promise<{ fd: number; peer: A.SockAddr }> { return sk.sockAccept(this.task, fd); }
  connect(fd: number, addr: A.SockAddr): Promise<void> { return sk.sockConnect(this.task, fd, addr); }
  sendto(fd: number, data: string, to?: A.SockAddr): Promise<number> { return sk.sockSendto(this.task, fd, data, to); }
  recvfrom(fd: number): Promise<{ data: string; from: A.SockAddr | null }> { return sk.sockRecvfrom(this.task, fd); }
  shutdown(fd: number, how: 'rd' | 'wr' | 'rdwr'): void { sk.sockShutdown(this.task, fd, how); }
  getsockname(fd: number): A.SockAddr { return sk.sockName(this.task, fd, false); }
  getpeername(fd: number): A.SockAddr { return sk.sockName(this.task, fd, true); }
  setsockopt(fd: number, opt: 'SO_REUSEADDR' | 'IPV6_V6ONLY' | 'SO_BINDTODEVICE', value: number | string): void {
    sk.sockSetopt(this.task, this.stack, fd, opt, value);
  }

  pingOpen(family: A.AddrFamily): number { return new PingSock(this.stack, family === 6, this.task.cred).install(this.task); }
  pingSend(fd: number, dst: string, seq: number, dataLen: number): number {
    const s = sockOf(this.task, fd);
    const a = parseIp(dst);
    if (!(s instanceof PingSock) || !a) throw new KernelError('EINVAL');
    return s.sendEcho(a, seq, dataLen);
  }
  async pingRecv(fd: number, deadline?: number): Promise<A.PingReply | null> {
    const s = sockOf(this.task, fd);
    if (!(s instanceof PingSock)) throw new KernelError('EINVAL');
    const e = await s.recv(this.task, deadline);
    if (!e) return null;
    const base = { from: formatIp(e.from), family: e.from.family, seq: e.seq, time: e.time };
    return e.kind === 'reply' ? { ...base, kind: 'reply', ttl: e.ttl, bytes: e.bytes } : { ...base, kind: 'error', code: e.code };
  }

  sockDiag(kinds: Array<'tcp' | 'udp' | 'unix' | 'netlink'>, requester?: number): A.SockDiag[] {
    return sk.sockDiag(this.stack, kinds, requester !== undefined ? sockOf(this.task, requester) : undefined);
  }
}
