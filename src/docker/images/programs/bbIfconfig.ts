import type { AddrInfo, LinkInfo, NetApi } from '../../../kernel/net/api.ts';
import { IFF } from '../../../kernel/net/NetDevice.ts';
import type { Proc } from '../../../kernel/program.ts';

/** BusyBox ifconfig (networking/interface.c): net-tools' classic layout, up interfaces only without -a. */
function human(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${(Math.floor(v * 10) / 10).toFixed(1)} ${units[i]}`;
}

function mask(plen: number): string {
  const m = plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
  return [24, 16, 8, 0].map((s) => (m >>> s) & 0xff).join('.');
}

function block(l: LinkInfo, addrs: AddrInfo[]): string {
  const pad = ' '.repeat(10);
  const loop = l.linkType === 'loopback';
  let s = `${l.name.padEnd(10)}Link encap:${loop ? 'Local Loopback  ' : `Ethernet  HWaddr ${l.address.toUpperCase()}  `}\n`;
  for (const a of addrs.filter((x) => x.family === 4)) {
    s += `${pad}inet addr:${a.local}  ${a.broadcast ? `Bcast:${a.broadcast}  ` : ''}Mask:${mask(a.prefixlen)}\n`;
  }
  for (const a of addrs.filter((x) => x.family === 6)) {
    const scope = a.scope === 253 ? 'Link' : a.scope === 254 ? 'Host' : 'Global';
    s += `${pad}inet6 addr: ${a.local}/${a.prefixlen} Scope:${scope}\n`;
  }
  const f: string[] = [];
  if (l.flags & IFF.UP) f.push('UP');
  if (l.flags & IFF.BROADCAST) f.push('BROADCAST');
  if (l.flags & IFF.LOOPBACK) f.push('LOOPBACK');
  if (l.flags & IFF.RUNNING) f.push('RUNNING');
  if (l.flags & IFF.MULTICAST) f.push('MULTICAST');
  s += `${pad}${f.join(' ')}  MTU:${l.mtu}  Metric:1\n`;
  const st = l.stats;
  s += `${pad}RX packets:${st.rxPackets} errors:${st.rxErrors} dropped:${st.rxDropped} overruns:0 frame:0\n`;
  s += `${pad}TX packets:${st.txPackets} errors:${st.txErrors} dropped:${st.txDropped} overruns:0 carrier:${st.txCarrier}\n`;
  s += `${pad}collisions:${st.collisions} txqueuelen:${l.txqlen} \n`;
  s += `${pad}RX bytes:${st.rxBytes} (${human(st.rxBytes)})  TX bytes:${st.txBytes} (${human(st.txBytes)})\n\n`;
  return s;
}

export async function bbIfconfig(proc: Proc): Promise<number> {
  const all = proc.argv.includes('-a');
  const dev = proc.argv.slice(1).find((a) => !a.startsWith('-'));
  let net: NetApi;
  try { net = await proc.sys.ext<NetApi>('net'); } catch { await proc.err('ifconfig: socket: Function not implemented\n'); return 1; }
  const links = net.links();
  const addrs = net.addrs();
  if (dev) {
    const l = links.find((x) => x.name === dev);
    if (!l) { await proc.err(`ifconfig: ${dev}: error fetching interface information: Device not found\n`); return 1; }
    await proc.out(block(l, addrs.filter((a) => a.ifindex === l.ifindex)));
    return 0;
  }
  // /proc/net/dev order as BusyBox's list builds it: the newest interface first.
  const shown = [...links].reverse().filter((l) => all || l.flags & IFF.UP);
  await proc.out(shown.map((l) => block(l, addrs.filter((a) => a.ifindex === l.ifindex))).join(''));
  return 0;
}
