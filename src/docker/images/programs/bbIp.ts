import { isKernelError } from '../../../kernel/errno.ts';
import type { AddrInfo, LinkInfo, NetApi } from '../../../kernel/net/api.ts';
import { IFF } from '../../../kernel/net/NetDevice.ts';
import type { Proc } from '../../../kernel/program.ts';

/**
 * BusyBox ip (networking/libiproute): iproute2's formats minus `group`/`mode`, and its own quirk:
 * a veth whose peer lives in another namespace is looked up by index in this one, found missing,
 * and reported `M-DOWN` (what `ip a` in an alpine container shows for eth0).
 */
const FLAGS: Array<[string, number]> = [
  ['LOOPBACK', IFF.LOOPBACK], ['BROADCAST', IFF.BROADCAST], ['POINTOPOINT', IFF.POINTOPOINT], ['MULTICAST', IFF.MULTICAST],
  ['NOARP', IFF.NOARP], ['ALLMULTI', IFF.ALLMULTI], ['PROMISC', IFF.PROMISC], ['MASTER', IFF.MASTER], ['SLAVE', IFF.SLAVE],
  ['UP', IFF.UP], ['LOWER_UP', IFF.LOWER_UP],
];
const SCOPES: Record<number, string> = { 0: 'global', 200: 'site', 253: 'link', 254: 'host', 255: 'nowhere' };

function linkLine(l: LinkInfo, all: LinkInfo[]): string {
  const parts: string[] = [];
  if (l.flags & IFF.UP && !(l.flags & IFF.RUNNING)) parts.push('NO-CARRIER');
  for (const [n, b] of FLAGS) if (l.flags & b) parts.push(n);
  let name = l.name;
  if (l.link !== undefined && l.link !== 0) {
    const peer = all.find((x) => x.ifindex === l.link && l.linkNetnsid === undefined);
    name += peer ? `@${peer.name}` : `@if${l.link}`;
    if (!peer || !(peer.flags & IFF.UP)) parts.push('M-DOWN');
  }
  let s = `${l.ifindex}: ${name}: <${parts.join(',')}> mtu ${l.mtu} qdisc ${l.qdisc} `;
  if (l.master !== undefined) s += `master ${all.find((x) => x.ifindex === l.master)?.name ?? l.master} `;
  s += `state ${l.operstate} `;
  if (l.txqlen) s += `qlen ${l.txqlen}`;
  return `${s}\n    link/${l.linkType} ${l.address} brd ${l.broadcast}\n`;
}

function addrLines(a: AddrInfo): string {
  const fam = a.family === 4 ? 'inet' : 'inet6';
  let s = `    ${fam} ${a.local}/${a.prefixlen} `;
  if (a.broadcast) s += `brd ${a.broadcast} `;
  s += `scope ${SCOPES[a.scope] ?? a.scope} `;
  if (a.label && a.family === 4) s += a.label;
  const lft = (n: number) => (n === 0xffffffff ? 'forever' : `${n}sec`);
  return `${s}\n       valid_lft ${lft(a.validLft)} preferred_lft ${lft(a.preferredLft)}\n`;
}

export async function bbIp(proc: Proc): Promise<number> {
  const { sys } = proc;
  const args = proc.argv.slice(1).filter((a) => a !== '-4' && a !== '-6');
  let net: NetApi;
  try { net = await sys.ext<NetApi>('net'); } catch { await proc.err('ip: can\'t open netlink socket: Function not implemented\n'); return 1; }
  const obj = args[0] ?? '';
  const rest = args.slice(1);
  const is = (full: string) => obj.length > 0 && full.startsWith(obj);
  try {
    if (is('address') || is('link')) {
      if (rest[0] === 'set' && is('link')) return await linkSet(proc, net, rest.slice(1));
      const links = net.links();
      const addrs = is('address') ? net.addrs() : [];
      const dev = rest[0] === 'show' ? rest[1] : rest[0] === 'dev' ? rest[1] : undefined;
      let out = '';
      for (const l of links) {
        if (dev && l.name !== dev) continue;
        out += linkLine(l, links);
        for (const a of addrs.filter((x) => x.ifindex === l.ifindex).sort((x, y) => x.family - y.family)) out += addrLines(a);
      }
      if (dev && !links.some((l) => l.name === dev)) { await proc.err(`ip: can't find device '${dev}'\n`); return 1; }
      await proc.out(out);
      return 0;
    }
    if (is('route')) {
      const links = net.links();
      const name = (i?: number) => links.find((l) => l.ifindex === i)?.name ?? '';
      let out = '';
      for (const r of net.routes(4)) {
        if (r.type !== 'unicast') continue;
        out += r.dstLen === 0 ? 'default ' : `${r.dst}/${r.dstLen} `;
        if (r.gateway) out += `via ${r.gateway} `;
        out += `dev ${name(r.oif)} `;
        if (r.protocol === 2) out += 'proto kernel ';
        if (r.scope === 253) out += 'scope link ';
        if (r.prefsrc) out += `src ${r.prefsrc} `;
        out = out.trimEnd() + ' \n';
      }
      await proc.out(out);
      return 0;
    }
  } catch (e) {
    if (isKernelError(e)) { await proc.err(`ip: RTNETLINK answers: ${e.message}\n`); return 2; }
    throw e;
  }
  await proc.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n');
  return 1;
}

async function linkSet(proc: Proc, net: NetApi, a: string[]): Promise<number> {
  const dev = a[0] === 'dev' ? a[1] : a[0];
  const link = net.links().find((l) => l.name === dev);
  if (!link) { await proc.err(`ip: can't find device '${dev}'\n`); return 1; }
  const up = a.includes('up') ? true : a.includes('down') ? false : undefined;
  net.linkSet(link.ifindex, { up });
  return 0;
}
