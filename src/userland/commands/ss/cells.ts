import type { SockDiag } from '../../../kernel/net/api.ts';
import { NETLINK_NAMES } from '../../../kernel/net/sockets/NetlinkSock.ts';

/** How ss turns one diag record into its cells (sock_state_print, inet_addr_print, unix/netlink_show_sock). */

export const STATE_NAMES = ['UNKNOWN', 'ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'];

export interface Resolver {
  numeric: boolean;
  /** /etc/services by "port/proto". */
  services: Map<string, string>;
  ephemeral: [number, number];
  /** /proc/PID/stat comm by pid, for netlink port ids. */
  comm(pid: number): string | undefined;
}

/** resolve_service: `*` for 0, a name from /etc/services unless -n or the port is ephemeral. */
function service(r: Resolver, port: number, proto: string): string {
  if (port === 0) return '*';
  if (r.numeric) return String(port);
  if (port >= r.ephemeral[0] && port <= r.ephemeral[1]) return String(port);
  return r.services.get(`${port}/${proto}`) ?? String(port);
}

/** inet_addr_print: v4 plain, v6 bracketed, the dual-stack wildcard as `*`. */
function inetAddr(d: SockDiag, addr: string, dev?: string): string {
  let a = addr;
  if (d.family === 'inet6') a = !d.v6only && addr === '::' ? '*' : `[${addr}]`;
  return dev ? `${a}%${dev}` : a;
}

export interface Cells { netid: string; state: string; recvq: string; sendq: string; laddr: string; lport: string; raddr: string; rport: string }

export function cellsOf(d: SockDiag, r: Resolver): Cells {
  const netid = d.netid;
  const state = STATE_NAMES[d.state] ?? 'UNKNOWN';
  const recvq = String(d.recvQ).padEnd(6);
  const sendq = String(d.sendQ).padEnd(6);
  if (d.family === 'unix') {
    return { netid, state, recvq, sendq, laddr: `${d.local} `, lport: String(d.localPort), raddr: '* ', rport: String(d.remotePort) };
  }
  if (d.family === 'netlink') {
    const proto = NETLINK_NAMES[d.nlProto!] ?? String(d.nlProto);
    const pid = d.nlPortid!;
    let who: string;
    if (r.numeric) who = String(pid);
    else if (pid === 0) who = 'kernel';
    else { const c = pid > 0 ? r.comm(pid) : undefined; who = c ? `${c}/${pid}` : String(pid); }
    return { netid, state, recvq, sendq, laddr: `${proto}:`, lport: who, raddr: '*', rport: '' };
  }
  return {
    netid, state, recvq, sendq,
    laddr: `${inetAddr(d, d.local, d.dev)}:`, lport: service(r, d.localPort, d.netid),
    raddr: `${inetAddr(d, d.remote)}:`, rport: service(r, d.remotePort, d.netid),
  };
}

/** sock_details_print and the inet extras of -e. */
export function extended(d: SockDiag): string {
  if (d.family === 'unix' || d.family === 'netlink') return '';
  let s = d.uid ? ` uid:${d.uid}` : '';
  s += ` ino:${d.ino} sk:${d.cookie.toString(16)}`;
  if (d.ino) s += ' cgroup:/';
  if (d.family === 'inet6') s += ` v6only:${d.v6only ? 1 : 0}`;
  if (d.netid === 'tcp') s += ' <->';
  return s;
}
