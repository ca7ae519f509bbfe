import type { Kernel } from '../kernel/Kernel.ts';
import { addAddr4 } from '../kernel/net/addrconf.ts';
import { INFINITY_LIFE_TIME, SCOPE } from '../kernel/net/addrTypes.ts';
import { RT_TABLE, RTPROT } from '../kernel/net/fib.ts';
import { parseIpv4, parsePrefix } from '../kernel/net/inet.ts';
import { installNetStack } from '../kernel/net/install.ts';
import { makeDevice, registerDevice, setAdmin } from '../kernel/net/link.ts';
import type { NetDevice } from '../kernel/net/NetDevice.ts';
import { stackOf, type NetStack } from '../kernel/net/NetStack.ts';
import { sockCounters, TCP, type Sock } from '../kernel/net/sockets/Sock.ts';
import { TcpSock } from '../kernel/net/sockets/TcpSock.ts';
import { UnixSock } from '../kernel/net/sockets/UnixSock.ts';
import { Sys } from '../kernel/syscalls/Sys.ts';
import type { Task } from '../kernel/task/Task.ts';
import type { HostDevStats, HostNetwork, HostProfile } from './profile.ts';

/**
 * Bring the host's network to the state a booted machine is in: the network stack installed, `lo`
 * and the profile's devices up with their addresses (eth0's DHCP lease counting down), the routes
 * systemd-networkd added, and the listening and connected sockets the fixture daemons hold in their
 * fd tables (sshd on :22, dbus' system bus, systemd's private socket, …).
 */
export function setupHostNetwork(kernel: Kernel, profile: HostProfile, deferLoadsUntil?: Promise<unknown>): void {
  installNetStack(kernel, deferLoadsUntil);
  const net = profile.network;
  if (!net) return;
  const stack = stackOf(kernel.initNsProxy.net);
  const now = kernel.clock.now();
  const lo = stack.loopback;
  setAdmin(lo, true);
  addStats(lo, net.loopback.stats);
  for (const d of net.devices) {
    const dev = makeDevice(stack, { name: d.name, kind: d.kind, mac: d.mac, mtu: d.mtu, txqlen: d.txqlen });
    registerDevice(stack, dev);
    if (d.qdisc) dev.qdisc = d.qdisc;
    if (d.uplink) {
      const u = d.uplink;
      dev.uplink = { gateway: parseIpv4(u.gateway)!, hosts: (u.hosts ?? []).map((h) => parseIpv4(h)!), lanTtl: u.lanTtl, internet: u.internet ?? null };
    }
    if (d.up) setAdmin(dev, true);
    for (const a of d.addresses ?? []) {
      const p = parsePrefix(a.address)!;
      const lease = a.dhcp ? { lease: a.dhcp.lease, obtained: now - (a.dhcp.lease - a.dhcp.remaining) * 1000 } : undefined;
      addAddr4(dev, {
        local: p.addr.value, prefixlen: p.plen, broadcast: a.broadcast ? parseIpv4(a.broadcast)! : undefined,
        scope: SCOPE.UNIVERSE, label: dev.name, flags: 0, metric: 0, tstamp: now, dhcp: lease,
        validLft: lease ? lease.lease : INFINITY_LIFE_TIME, preferredLft: lease ? lease.lease : INFINITY_LIFE_TIME,
      });
    }
    addStats(dev, d.stats);
  }
  if (net.ifindexNext) stack.ifindexNext = Math.max(stack.ifindexNext, net.ifindexNext);
  // Addresses configured at boot finished duplicate address detection long ago.
  for (const dev of stack.devices) for (const a of dev.addrs6) delete a.dadUntil;
  addRoutes(stack, net);
  addSockets(kernel, stack, net);
}

function addStats(dev: NetDevice, s?: HostDevStats): void {
  if (!s) return;
  dev.stats.rxBytes += s.rxBytes;
  dev.stats.rxPackets += s.rxPackets;
  dev.stats.txBytes += s.txBytes;
  dev.stats.txPackets += s.txPackets;
}

function addRoutes(stack: NetStack, net: HostNetwork): void {
  const proto = { kernel: RTPROT.KERNEL, boot: RTPROT.BOOT, static: RTPROT.STATIC, dhcp: RTPROT.DHCP } as const;
  for (const r of net.routes) {
    const dst = r.dst === 'default' ? { value: 0n, plen: 0 } : (() => { const p = parsePrefix(r.dst)!; return { value: p.addr.value, plen: p.plen }; })();
    stack.fib.add({
      family: 4, table: RT_TABLE.MAIN, type: 'unicast', dst: dst.value, dstLen: dst.plen, dev: stack.need(r.dev),
      gateway: r.gateway ? parseIpv4(r.gateway)! : undefined, protocol: proto[r.proto ?? 'boot'],
      scope: r.scope === 'link' ? SCOPE.LINK : r.scope === 'host' ? SCOPE.HOST : SCOPE.UNIVERSE,
      prefsrc: r.src ? parseIpv4(r.src)! : undefined, metric: r.metric ?? 0,
    });
  }
}

function addSockets(kernel: Kernel, stack: NetStack, net: HostNetwork): void {
  const task = (pid: number): Task => kernel.initPidNs.tasks.get(pid)!;
  // Daemons open their sockets close-on-exec (SOCK_CLOEXEC), so what they run does not inherit them.
  const attach = (s: Sock, owners: Array<{ pid: number; fd: number }>) => {
    for (const o of owners) task(o.pid).fdTable.set(o.fd, s.openFile(), true);
  };
  const byIno = new Map<number, UnixSock>();
  const init = new Sys(kernel, task(1));
  for (const f of net.sockets) {
    const owner = task(f.owners[0].pid).cred;
    if (f.kind === 'tcp-listen') {
      const v6 = f.address.includes(':');
      const s = new TcpSock(stack, v6, owner, f.inode);
      s.v6only = !!f.v6only;
      s.lport = f.port;
      s.laddr = v6 ? 0n : parseIpv4(f.address)!;
      s.backlog = f.backlog;
      s.state = TCP.LISTEN;
      attach(s, f.owners);
    } else if (f.kind === 'unix-listen') {
      // Socket-activated: created by systemd as root, then handed to the daemon.
      const dir = f.path.slice(0, f.path.lastIndexOf('/'));
      mkdirs(init, dir);
      const s = new UnixSock(stack, f.type ?? 'stream', owner, f.inode);
      s.bind(task(1), f.path);
      // systemd's SocketMode= default.
      if (s.node) s.node.mode = 0o666;
      if (s.type !== 'dgram') s.listen(f.backlog);
      attach(s, f.owners);
    } else {
      const s = new UnixSock(stack, 'stream', owner, f.inode);
      s.path = f.path ?? null;
      s.state = TCP.ESTABLISHED;
      byIno.set(f.inode, s);
      attach(s, f.owners);
    }
  }
  for (const f of net.sockets) {
    if (f.kind !== 'unix-stream' || !f.peer) continue;
    const a = byIno.get(f.inode)!;
    const b = byIno.get(f.peer)!;
    a.peer = b;
    a.peerIno = b.ino;
  }
  if (net.socketInodeNext) sockCounters(kernel).ino = Math.max(sockCounters(kernel).ino, net.socketInodeNext);
}

function mkdirs(sys: Sys, path: string): void {
  let cur = '';
  for (const part of path.split('/').filter(Boolean)) {
    cur += `/${part}`;
    if (!sys.access(cur, 'f')) sys.mkdir(cur, 0o755);
  }
}
