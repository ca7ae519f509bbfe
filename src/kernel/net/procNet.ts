import { ifaFlags } from './addrconf.ts';
import { RT_TABLE } from './fib.ts';
import { mask, plainHex6, procHex4, procHex6 } from './inet.ts';
import type { NetStack } from './NetStack.ts';
import { InetSock } from './sockets/InetSock.ts';
import { TCP } from './sockets/Sock.ts';
import { TcpSock } from './sockets/TcpSock.ts';
import { UnixSock } from './sockets/UnixSock.ts';

/** The files of /proc/PID/net, generated from the task's network namespace (net/core/net-procfs.c …). */

const pad = (line: string, width: number) => line.padEnd(width) + '\n';
const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');

/** dev_seq_show */
export function procNetDev(s: NetStack): string {
  let out = 'Inter-|   Receive                                                |  Transmit\n'
    + ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  for (const d of s.devices) {
    const t = d.stats;
    const n = (v: number, w: number) => String(v).padStart(w);
    out += `${d.name.padStart(6)}: ${n(t.rxBytes, 7)} ${n(t.rxPackets, 7)} ${n(t.rxErrors, 4)} ${n(t.rxDropped + t.rxMissed, 4)} ${n(0, 4)} ${n(0, 5)} ${n(0, 10)} ${n(t.multicast, 9)} `
      + `${n(t.txBytes, 8)} ${n(t.txPackets, 7)} ${n(t.txErrors, 4)} ${n(t.txDropped, 4)} ${n(0, 4)} ${n(t.collisions, 5)} ${n(t.txCarrier, 7)} ${n(0, 10)}\n`;
  }
  return out;
}

/** if6_seq_show: address, ifindex, prefix length, scope bits, flags, device. */
export function procIfInet6(s: NetStack): string {
  let out = '';
  for (const d of [...s.devices].reverse()) {
    for (const a of d.addrs6) {
      const scope = a.local === 1n ? 0x10 : a.local >> 118n === 0x3fan ? 0x20 : 0x00;
      out += `${plainHex6(a.local)} ${hex(d.ifindex, 2).toLowerCase()} ${hex(a.prefixlen, 2).toLowerCase()} ${hex(scope, 2).toLowerCase()} ${hex(ifaFlags(a, s.now) & 0xff, 2).toLowerCase()} ${d.name.padStart(8)}\n`;
    }
  }
  return out;
}

/** fib_route_seq_show: the IPv4 main table, padded to 127 columns. */
export function procRoute(s: NetStack): string {
  let out = pad('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT', 127);
  for (const r of s.fib.dump(4, RT_TABLE.MAIN)) {
    if (r.type !== 'unicast' || !r.dev) continue;
    const flags = 0x1 | (r.gateway !== undefined ? 0x2 : 0) | (r.dstLen === 32 ? 0x4 : 0);
    out += pad(`${r.dev.name}\t${procHex4(r.dst)}\t${procHex4(r.gateway ?? 0n)}\t${hex(flags, 4)}\t0\t0\t${r.metric}\t${procHex4(mask(4, r.dstLen))}\t0\t0\t0`, 127);
  }
  return out;
}

function inetRows(s: NetStack, proto: 'tcp' | 'udp', v6: boolean): InetSock[] {
  return s.sockets.filter((x): x is InetSock => x instanceof InetSock && x.proto === proto && x.v6 === v6 && x.lport !== 0);
}

function sockFields(x: InetSock, v6: boolean, i: number, slWidth = 4): string {
  const a = (v: bigint, p: number) => `${v6 ? procHex6(v) : procHex4(v)}:${hex(p, 4)}`;
  const tw = x.state === TCP.TIME_WAIT;
  const tx = x instanceof TcpSock && x.state !== TCP.LISTEN ? x.sendq.length : 0;
  const rx = x.recvQ();
  return `${String(i).padStart(slWidth)}: ${a(x.laddr, x.lport)} ${a(x.raddr, x.rport)} ${hex(x.state, 2)} ${hex(tx, 8)}:${hex(tw ? 0 : rx, 8)} 00:00000000 00000000 ${String(tw ? 0 : x.uid).padStart(5)} ${String(0).padStart(8)} ${tw ? 0 : x.ino}`;
}

/** tcp4_seq_show (padded to 149) and tcp6_seq_show. */
export function procTcp(s: NetStack, v6: boolean): string {
  const head = v6
    ? '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n'
    : pad('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode', 149);
  return head + inetRows(s, 'tcp', v6).map((x, i) => {
    const line = `${sockFields(x, v6, i)} ${x.state === TCP.TIME_WAIT ? 3 : 1} 0000000000000000 100 0 0 10 ${x.state === TCP.LISTEN ? 0 : -1}`;
    return v6 ? `${line}\n` : pad(line, 149);
  }).join('');
}

/** udp4_seq_show (padded to 127) and udp6_seq_show. */
export function procUdp(s: NetStack, v6: boolean): string {
  const title = v6
    ? '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n'
    : pad('   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops', 127);
  return title + inetRows(s, 'udp', v6).map((x, i) => {
    const line = `${sockFields(x, v6, i, 5)} 2 0000000000000000 0`;
    return v6 ? `${line}\n` : pad(line, 127);
  }).join('');
}

/** unix_seq_show */
export function procUnix(s: NetStack): string {
  let out = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
  for (const x of s.sockets) {
    if (!(x instanceof UnixSock)) continue;
    const listening = x.state === TCP.LISTEN;
    const type = x.type === 'stream' ? 1 : x.type === 'dgram' ? 2 : 5;
    const st = x.state === TCP.ESTABLISHED ? 3 : 1;
    out += `0000000000000000: ${hex(listening || x.peer ? 2 : 3, 8)} 00000000 ${hex(listening ? 0x10000 : 0, 8)} ${hex(type, 4)} ${hex(st, 2)} ${String(x.ino).padStart(5)}${x.path ? ` ${x.path}` : ''}\n`;
  }
  return out;
}

/** sockstat_seq_show / sockstat6_seq_show. */
export function procSockstat(s: NetStack, v6: boolean, total: number): string {
  const inuse = (p: 'tcp' | 'udp') => s.sockets.filter((x) => x instanceof InetSock && x.proto === p && x.v6 === v6 && x.lport !== 0 && x.state !== TCP.TIME_WAIT && x.state !== TCP.CLOSE).length;
  const tw = s.sockets.filter((x) => x instanceof TcpSock && x.state === TCP.TIME_WAIT).length;
  if (v6) return `TCP6: inuse ${inuse('tcp')}\nUDP6: inuse ${inuse('udp')}\nUDPLITE6: inuse 0\nRAW6: inuse 0\nFRAG6: inuse 0 memory 0\n`;
  const alloc = s.sockets.filter((x) => x instanceof TcpSock && x.state !== TCP.TIME_WAIT).length;
  return `sockets: used ${total}\nTCP: inuse ${inuse('tcp')} orphan 0 tw ${tw} alloc ${alloc} mem 0\nUDP: inuse ${inuse('udp')} mem 0\nUDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n`;
}

/** The Tcp and Udp lines of /proc/net/snmp (what ss -s reads). */
export function procSnmp(s: NetStack): string {
  const estab = s.sockets.filter((x) => x instanceof TcpSock && (x.state === TCP.ESTABLISHED || x.state === TCP.CLOSE_WAIT)).length;
  return 'Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\n'
    + `Tcp: 1 200 120000 -1 0 0 0 0 ${estab} 0 0 0 0 0 0\n`
    + 'Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors\n'
    + `Udp: 0 0 0 0 0 0 0 0 0\n`;
}

