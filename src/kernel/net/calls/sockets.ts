import { KernelError } from '../../errno.ts';
import type { Task } from '../../task/Task.ts';
import type { SockAddr, SockDiag } from '../api.ts';
import { formatIp, parseIp, type IpAddr } from '../inet.ts';
import type { NetStack } from '../NetStack.ts';
import { InetSock } from '../sockets/InetSock.ts';
import { NetlinkSock } from '../sockets/NetlinkSock.ts';
import { ownerCapable } from '../../ns/userns.ts';
import { sockOf, TCP, type Sock } from '../sockets/Sock.ts';
import { TcpSock } from '../sockets/TcpSock.ts';
import { UdpSock } from '../sockets/UdpSock.ts';
import { UnixSock } from '../sockets/UnixSock.ts';

/** socket(2). */
export function socketCreate(task: Task, stack: NetStack, domain: string, type: string, protocol = 0): number {
  const owner = task.cred;
  let s: Sock;
  if (domain === 'inet' || domain === 'inet6') {
    const v6 = domain === 'inet6';
    if (type === 'stream' && (protocol === 0 || protocol === 6)) s = new TcpSock(stack, v6, owner);
    else if (type === 'dgram' && (protocol === 0 || protocol === 17)) s = new UdpSock(stack, v6, owner);
    else if (type === 'raw' && !ownerCapable(task, task.nsproxy.net, 'CAP_NET_RAW')) throw new KernelError('EPERM');
    else throw new KernelError('EPROTONOSUPPORT');
  } else if (domain === 'unix') {
    if (type !== 'stream' && type !== 'dgram' && type !== 'seqpacket') throw new KernelError('EINVAL');
    s = new UnixSock(stack, type, owner);
  } else if (domain === 'netlink') {
    // netlink_autobind: the port id is the pid, or a negative number if that is taken.
    const pid = task.pid.nrIn(task.pidNs);
    const taken = (id: number) => stack.sockets.some((x) => x instanceof NetlinkSock && x.proto === protocol && x.portid === id);
    let portid = pid;
    for (let n = -4097; taken(portid); n--) portid = n;
    s = new NetlinkSock(stack, protocol, portid, owner);
  } else throw new KernelError('EAFNOSUPPORT');
  return s.install(task);
}

export function socketPair(task: Task, stack: NetStack, type: 'stream' | 'dgram'): [number, number] {
  const a = new UnixSock(stack, type, task.cred);
  const b = new UnixSock(stack, type, task.cred);
  a.pair(b, true);
  return [a.install(task), b.install(task)];
}

function ipOf(addr: SockAddr): IpAddr {
  if (addr.family === 'unix') throw new KernelError('EAFNOSUPPORT');
  const a = parseIp(addr.addr);
  if (!a) throw new KernelError('EINVAL');
  return a;
}

export function sockBind(task: Task, fd: number, addr: SockAddr): void {
  const s = sockOf(task, fd);
  if (s instanceof InetSock) {
    const a = ipOf(addr);
    s.bindTo(task, s.fromUser(a), (addr as { port: number }).port);
  } else if (s instanceof UnixSock) {
    if (addr.family !== 'unix') throw new KernelError('EINVAL');
    s.bind(task, addr.path);
  } else throw new KernelError('ENOTSUP');
}

export function sockListen(task: Task, fd: number, backlog: number): void {
  const s = sockOf(task, fd);
  if (s instanceof TcpSock) s.listen(task, backlog);
  else if (s instanceof UnixSock) s.listen(backlog);
  else throw new KernelError('ENOTSUP');
}

export async function sockAccept(task: Task, fd: number): Promise<{ fd: number; peer: SockAddr }> {
  const s = sockOf(task, fd);
  if (s instanceof TcpSock) {
    const c = await s.accept(task);
    return { fd: c.install(task), peer: inetName(c, c.raddr, c.rport) };
  }
  if (s instanceof UnixSock) {
    const c = await s.accept(task);
    return { fd: c.install(task), peer: { family: 'unix', path: '' } };
  }
  throw new KernelError('ENOTSUP');
}

export async function sockConnect(task: Task, fd: number, addr: SockAddr): Promise<void> {
  const s = sockOf(task, fd);
  if (s instanceof TcpSock) return s.connect(task, ipOf(addr), (addr as { port: number }).port);
  if (s instanceof UdpSock) return s.connect(task, ipOf(addr), (addr as { port: number }).port);
  if (s instanceof UnixSock) {
    if (addr.family !== 'unix') throw new KernelError('EINVAL');
    return s.connect(task, addr.path);
  }
  throw new KernelError('ENOTSUP');
}

export async function sockSendto(task: Task, fd: number, data: string, to?: SockAddr): Promise<number> {
  const s = sockOf(task, fd);
  if (s instanceof UdpSock) return to ? s.sendto(task, data, ipOf(to), (to as { port: number }).port) : s.sendto(task, data);
  if (s instanceof UnixSock && to) {
    if (to.family !== 'unix') throw new KernelError('EINVAL');
    await s.sendto(task, data, to.path);
    return data.length;
  }
  await s.write(task, data);
  return data.length;
}

export async function sockRecvfrom(task: Task, fd: number): Promise<{ data: string; from: SockAddr | null }> {
  const s = sockOf(task, fd);
  if (s instanceof UdpSock) {
    const d = await s.recvfrom(task);
    return { data: d.data, from: { family: d.from.family, addr: formatIp(d.from), port: d.port } };
  }
  return { data: await s.read(task), from: null };
}

export function sockShutdown(task: Task, fd: number, how: 'rd' | 'wr' | 'rdwr'): void {
  const s = sockOf(task, fd);
  if (s instanceof TcpSock) {
    if (s.state !== TCP.ESTABLISHED && s.state !== TCP.CLOSE_WAIT && s.state !== TCP.FIN_WAIT2) throw new KernelError('ENOTCONN');
    if (how !== 'rd') s.shutdownWrite();
    if (how !== 'wr') s.eof = true;
  } else if (s instanceof UnixSock) {
    if (how !== 'rd' && s.peer) { s.peer.eof = true; s.peer.wq.wake(); }
  }
}

function inetName(s: InetSock, addr: bigint, port: number): SockAddr {
  return { family: s.v6 ? 6 : 4, addr: formatIp({ family: s.v6 ? 6 : 4, value: addr }), port };
}

export function sockName(task: Task, fd: number, peer: boolean): SockAddr {
  const s = sockOf(task, fd);
  if (s instanceof InetSock) {
    if (peer && s.rport === 0) throw new KernelError('ENOTCONN');
    return peer ? inetName(s, s.raddr, s.rport) : inetName(s, s.laddr, s.lport);
  }
  if (s instanceof UnixSock) {
    if (peer) { if (!s.peer) throw new KernelError('ENOTCONN'); return { family: 'unix', path: s.peer.path ?? '' }; }
    return { family: 'unix', path: s.path ?? '' };
  }
  throw new KernelError('ENOTSUP');
}

export function sockSetopt(task: Task, stack: NetStack, fd: number, opt: string, value: number | string): void {
  const s = sockOf(task, fd);
  if (!(s instanceof InetSock)) return;
  if (opt === 'SO_REUSEADDR') s.reuseaddr = !!value;
  else if (opt === 'IPV6_V6ONLY') {
    if (!s.v6 || s.lport !== 0) throw new KernelError('EINVAL');
    s.v6only = !!value;
  } else if (opt === 'SO_BINDTODEVICE') {
    if (!ownerCapable(task, task.nsproxy.net, 'CAP_NET_RAW')) throw new KernelError('EPERM');
    s.boundDev = value === '' ? null : stack.need(String(value));
  }
}

/**
 * inet_diag / unix_diag / netlink_diag dumps for the caller's namespace. One record per socket built
 * field by field (no spreads), and each distinct address formatted once per dump: a host may hold
 * thousands of sockets bound to the same few addresses.
 */
export function sockDiag(stack: NetStack, kinds: string[], requester?: Sock): SockDiag[] {
  const out: SockDiag[] = [];
  if (kinds.includes('netlink')) {
    const nl = stack.sockets.filter((s): s is NetlinkSock => s instanceof NetlinkSock)
      .sort((a, b) => a.proto - b.proto || Number(a.isKernel) - Number(b.isKernel));
    for (const s of nl) {
      // What a dump in progress leaves queued: ss's request in the kernel's tcpdiag socket, the answer in ss's.
      const rq = s === requester ? 4352 : requester && s.isKernel && s.proto === 4 ? 832 : s.recvQ();
      out.push({
        netid: 'nl', family: 'netlink', state: TCP.CLOSE, recvQ: rq, sendQ: s.sendQ(), local: '', localPort: 0, remote: '*',
        remotePort: 0, ino: s.ino, uid: s.uid, cookie: s.cookie, nlProto: s.proto, nlPortid: s.portid,
      });
    }
  }
  if (kinds.includes('unix')) {
    for (const s of stack.sockets) {
      if (!(s instanceof UnixSock)) continue;
      const netid = s.type === 'stream' ? 'u_str' : s.type === 'dgram' ? 'u_dgr' : 'u_seq';
      out.push({
        netid, family: 'unix', state: s.state, recvQ: s.recvQ(), sendQ: s.sendQ(), local: s.path ?? '*', localPort: s.ino,
        remote: '*', remotePort: s.peerIno, ino: s.ino, uid: s.uid, cookie: s.cookie, path: s.path,
      });
    }
  }
  const formatted = new Map<bigint, string>();
  const addr = (family: 4 | 6, value: bigint) => {
    const key = family === 6 ? value | (1n << 128n) : value;
    let text = formatted.get(key);
    if (text === undefined) { text = formatIp({ family, value }); formatted.set(key, text); }
    return text;
  };
  for (const proto of ['udp', 'tcp'] as const) {
    if (!kinds.includes(proto)) continue;
    for (const s of stack.sockets) {
      if (!(s instanceof InetSock) || s.proto !== proto) continue;
      // inet_diag walks the listening and established hashes: unbound sockets and closed TCP ones are in neither.
      if (s.lport === 0 || (proto === 'tcp' && s.state === TCP.CLOSE)) continue;
      const fam = s.v6 ? 6 : 4;
      const tw = s.state === TCP.TIME_WAIT;
      out.push({
        netid: proto, family: s.v6 ? 'inet6' : 'inet', state: s.state, recvQ: s.recvQ(), sendQ: s.sendQ(),
        local: addr(fam, s.laddr), localPort: s.lport, remote: addr(fam, s.raddr), remotePort: s.rport,
        dev: s.boundDev?.name, ino: tw ? 0 : s.ino, uid: tw ? 0 : s.uid, cookie: s.cookie, v6only: s.v6 ? s.v6only : undefined,
      });
    }
  }
  return out;
}
