import type { NetApi, SockDiag } from '../../../kernel/net/api.ts';
import type { ProgramImage } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { getopt, GetoptError, type LongOption } from '../../lib/getopt.ts';
import { loadServices } from '../../lib/services.ts';
import { cellsOf, extended, type Resolver } from './cells.ts';
import { parseFilter, SS_ALL, SS_CONN } from './filter.ts';
import { COLS, makeColumns, render, type Row } from './render.ts';
import { summary } from './summary.ts';
import { userMap } from './users.ts';

type Db = 'tcp' | 'udp' | 'raw' | 'u_str' | 'u_dgr' | 'u_seq' | 'netlink';
const INET_DBS: Db[] = ['tcp', 'udp', 'raw'];
const UNIX_DBS: Db[] = ['u_str', 'u_dgr', 'u_seq'];
const ALL_DBS: Db[] = [...INET_DBS, ...UNIX_DBS, 'netlink'];

const USAGE = `Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -o, --options       show timer information
   -e, --extended      show detailed socket information
   -m, --memory        show socket memory usage
   -p, --processes     show process using socket
   -i, --info          show internal TCP information
   -s, --summary       show socket usage summary
   -H, --no-header     Suppress header line
   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -t, --tcp           display only TCP sockets
   -u, --udp           display only UDP sockets
   -w, --raw           display only RAW sockets
   -x, --unix          display only Unix domain sockets
   -f, --family=FAMILY display sockets of type FAMILY
       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}

   -A, --query=QUERY, --socket=QUERY
       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|netlink|vsock_stream|vsock_dgram|tipc}[,QUERY]

       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]
       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}
         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}
`;

const LONGS: LongOption[] = ['numeric', 'resolve', 'options', 'extended', 'memory', 'info', 'processes', 'summary', 'tcp', 'udp', 'raw', 'unix',
  'all', 'listening', 'ipv4', 'ipv6', 'help', 'version', 'no-header'].map((name) => ({
  name, arg: 'none' as LongOption['arg'], key: name === 'no-header' ? 'H' : name === 'version' ? 'V' : name === 'ipv4' ? '4' : name === 'ipv6' ? '6' : name === 'processes' ? 'p' : name === 'resolve' ? 'r' : name[0],
})).concat([{ name: 'family', arg: 'required', key: 'f' }, { name: 'query', arg: 'required', key: 'A' }, { name: 'socket', arg: 'required', key: 'A' }] as LongOption[]);

/** iproute2's `ss`: socket statistics from the caller's network namespace (misc/ss.c). */
export const ss: ProgramImage = {
  vszKb: 8804, rssKb: 3916,
  main: async ({ argv, sys, out, err }) => {
    let opts;
    try {
      opts = getopt('ss', argv.slice(1), 'dhaletuwxnro460spbEf:miA:D:F:vVzZN:KHSOM', LONGS);
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\n${USAGE}`);
      return 255;
    }
    let numeric = false, showUsers = false, showExt = false, summaryOnly = false, noHeader = false;
    let states: number | undefined;
    const dbs = new Set<Db>();
    const families = new Set<string>();
    for (const o of opts.options) {
      switch (o.key) {
        case 'h': await out(USAGE); return 0;
        case 'V': case 'v': await out('ss utility, iproute2-6.1.0\n'); return 0;
        case 'n': numeric = true; break;
        case 'a': states = SS_ALL; break;
        case 'l': states = (1 << 10) | (1 << 7); break;
        case 'e': showExt = true; break;
        case 'p': showUsers = true; break;
        case 's': summaryOnly = true; break;
        case 'H': noHeader = true; break;
        case 't': dbs.add('tcp'); break;
        case 'u': dbs.add('udp'); break;
        case 'w': dbs.add('raw'); break;
        case 'x': families.add('unix'); break;
        case '4': families.add('inet'); break;
        case '6': families.add('inet6'); break;
        case '0': families.add('packet'); break;
        case 'f':
          if (!['inet', 'inet6', 'link', 'unix', 'netlink'].includes(o.value!)) { await err(`ss: "${o.value}" is invalid family\n${USAGE}`); return 255; }
          families.add(o.value === 'link' ? 'packet' : o.value!);
          break;
        case 'A':
          for (const q of o.value!.split(',')) {
            const map: Record<string, Db[]> = { all: ALL_DBS, inet: INET_DBS, tcp: ['tcp'], udp: ['udp'], raw: ['raw'], unix: UNIX_DBS,
              unix_stream: ['u_str'], u_str: ['u_str'], unix_dgram: ['u_dgr'], u_dgr: ['u_dgr'], unix_seqpacket: ['u_seq'], u_seq: ['u_seq'], netlink: ['netlink'] };
            if (!map[q]) { await err(`ss: "${q}" is illegal socket table id\n${USAGE}`); return 255; }
            for (const d of map[q]) dbs.add(d);
          }
          break;
        default: break;
      }
    }
    const services = await loadServices(sys);
    const f = parseFilter(opts.operands, services);
    if (f.error) { await err(f.error); return 255; }
    // filter_merge_defaults: families narrow the tables, tables default to everything.
    let selected: Db[] = dbs.size ? [...dbs] : ALL_DBS;
    if (families.size) {
      selected = selected.filter((d) => (INET_DBS.includes(d) && (families.has('inet') || families.has('inet6')))
        || (UNIX_DBS.includes(d) && families.has('unix')) || (d === 'netlink' && families.has('netlink')));
    }
    const stateMask = (f.states ?? states ?? SS_CONN) & ~f.exclude;
    const net = await sys.ext<NetApi>('net');

    if (summaryOnly) {
      await out(await summary(sys));
      if (!dbs.size && !families.size && !opts.operands.length) return 0;
    }

    const diagFd = net.socket('netlink', 'raw', 4);
    try {
      const kinds: Array<'tcp' | 'udp' | 'unix' | 'netlink'> = [];
      if (selected.includes('netlink')) kinds.push('netlink');
      if (selected.some((d) => UNIX_DBS.includes(d))) kinds.push('unix');
      if (selected.includes('udp')) kinds.push('udp');
      if (selected.includes('tcp')) kinds.push('tcp');
      let socks = net.sockDiag(kinds, diagFd).filter((d) => {
        if (d.family === 'netlink') return !!(stateMask & (1 << 7));
        if (d.family === 'unix') return selected.includes(d.netid as Db) && !!(stateMask & (1 << d.state));
        if (families.size && !families.has(d.family)) return false;
        return !!(stateMask & (1 << d.state));
      });
      socks = orderInet(socks).filter(f.pred);
      const cols = makeColumns();
      if (new Set(selected.map((d) => (UNIX_DBS.includes(d) ? d : d))).size <= 1) cols[COLS.NETID].disabled = true;
      if (popcount(stateMask & 0xffe) <= 1) cols[COLS.STATE].disabled = true;
      const users = showUsers ? await userMap(sys) : null;
      const comms = new Map<number, string>();
      for (const d of socks) if (d.family === 'netlink' && d.nlPortid! > 0 && !numeric) comms.set(d.nlPortid!, await commOf(sys, d.nlPortid!) ?? '');
      const resolver: Resolver = { numeric, services, ephemeral: await portRange(sys), comm: (pid) => comms.get(pid) || undefined };
      const rows: Row[] = [];
      if (!noHeader) rows.push(cols.map((c) => c.header));
      socks.forEach((d) => {
        const c = cellsOf(d, resolver);
        let proc = '';
        if (users && d.ino) {
          const owners = users.byInode.get(d.ino);
          if (owners) proc = ` users:(${owners.join(',')})`;
        }
        if (showExt) proc += extended(d);
        rows.push([c.netid, c.state, c.recvq, c.sendq, c.laddr, c.lport, c.raddr, c.rport, proc, '']);
      });
      if (socks.length) rows[rows.length - 1] = rows[rows.length - 1].slice(0, COLS.PROC + 1);
      const width = sys.isatty(1) ? sys.getWinsize(1).cols : null;
      if (rows.length) await out(render(cols, rows, width && width > 0 ? width : null));
    } finally {
      sys.close(diagFd);
    }
    return 0;
  },
};

function popcount(n: number): number { let c = 0; for (; n; n &= n - 1) c++; return c; }

/** inet_diag dumps IPv4 before IPv6 and, per family, the listening hash (newest first) before the rest. */
function orderInet(socks: SockDiag[]): SockDiag[] {
  const other = socks.filter((d) => d.family !== 'inet' && d.family !== 'inet6');
  const inet: SockDiag[] = [];
  for (const netid of ['udp', 'tcp']) {
    for (const fam of ['inet', 'inet6']) {
      const mine = socks.filter((d) => d.netid === netid && d.family === fam);
      inet.push(...mine.filter((d) => d.state === 10).reverse(), ...mine.filter((d) => d.state !== 10));
    }
  }
  return [...other, ...inet];
}

async function portRange(sys: SysApi): Promise<[number, number]> {
  try {
    const [lo, hi] = (await sys.readFile('/proc/sys/net/ipv4/ip_local_port_range')).trim().split(/\s+/).map(Number);
    if (lo && hi) return [lo, hi];
  } catch { /* default */ }
  return [32768, 60999];
}

/** The `%*d (%[^)])` of /proc/PID/stat, as ss names a netlink port id's owner. */
async function commOf(sys: SysApi, pid: number): Promise<string | undefined> {
  try { return /^\d+ \(([^)]*)\)/.exec(await sys.readFile(`/proc/${pid}/stat`))?.[1]; } catch { return undefined; }
}
