import type { AddrInfo, LinkInfo, LinkStats } from '../../../kernel/net/api.ts';
import { IFF } from '../../../kernel/net/NetDevice.ts';
import { IFA_F } from '../../../kernel/net/addrTypes.ts';
import { scopeName, type IpCtx } from './common.ts';

/** The text iproute2's ipaddress.c prints for links and addresses (print_linkinfo, print_addrinfo). */

const FLAG_ORDER: Array<[keyof typeof IFF, number]> = [
  ['LOOPBACK', IFF.LOOPBACK], ['BROADCAST', IFF.BROADCAST], ['POINTOPOINT', IFF.POINTOPOINT], ['MULTICAST', IFF.MULTICAST],
  ['NOARP', IFF.NOARP], ['ALLMULTI', IFF.ALLMULTI], ['PROMISC', IFF.PROMISC], ['MASTER', IFF.MASTER], ['SLAVE', IFF.SLAVE],
  ['DEBUG', IFF.DEBUG], ['DYNAMIC', IFF.DYNAMIC], ['AUTOMEDIA', IFF.AUTOMEDIA], ['PORTSEL', IFF.PORTSEL],
  ['NOTRAILERS', IFF.NOTRAILERS], ['UP', IFF.UP], ['LOWER_UP', IFF.LOWER_UP], ['DORMANT', IFF.DORMANT], ['ECHO', IFF.ECHO],
];

/** print_link_flags: `<FLAGS> ` with NO-CARRIER first and M-DOWN last. */
export function linkFlags(flags: number, mdown: boolean): string {
  const parts: string[] = [];
  if (flags & IFF.UP && !(flags & IFF.RUNNING)) parts.push('NO-CARRIER');
  let f = flags & ~IFF.RUNNING;
  for (const [name, bit] of FLAG_ORDER) if (f & bit) { parts.push(name); f &= ~bit; }
  if (f) parts.push(f.toString(16));
  return `<${parts.join(',')}${mdown ? ',M-DOWN' : ''}> `;
}

/** print_name_and_link: `name@peer` (same namespace), `name@ifN` (other namespace); m_flag when the peer is down. */
export function nameAndLink(ctx: IpCtx, l: LinkInfo): { text: string; mdown: boolean } {
  if (l.link === undefined) return { text: l.name, mdown: false };
  if (l.link === 0) return { text: `${l.name}@NONE`, mdown: false };
  if (l.linkNetnsid !== undefined) return { text: `${l.name}@if${l.link}`, mdown: false };
  const peer = ctx.link(l.link);
  return { text: `${l.name}@${ctx.name(l.link)}`, mdown: !!peer && !(peer.flags & IFF.UP) };
}

/** `N: name: <FLAGS> mtu … qlen N` plus the link/ether line (print_linkinfo). */
export function linkBlock(ctx: IpCtx, l: LinkInfo, doLink: boolean): string {
  const { text, mdown } = nameAndLink(ctx, l);
  let s = `${l.ifindex}: ${text}: ${linkFlags(l.flags, mdown)}mtu ${l.mtu} qdisc ${l.qdisc} `;
  if (l.master !== undefined) s += `master ${ctx.name(l.master)} `;
  s += `state ${l.operstate} `;
  if (doLink) s += `mode ${l.linkmode} `;
  s += `group ${l.group === 0 ? 'default' : l.group} `;
  if (l.txqlen) s += `qlen ${l.txqlen}`;
  if (!ctx.family || ctx.family === 'link' || ctx.details) {
    s += `\n    link/${l.linkType} ${l.address} brd ${l.broadcast}`;
  }
  if (l.linkNetnsid !== undefined) {
    const name = l.linkNetnsid >= 0 ? ctx.netnsName(l.linkNetnsid) : undefined;
    s += name ? ` link-netns ${name}` : ` link-netnsid ${l.linkNetnsid >= 0 ? l.linkNetnsid : 'unknown'}`;
  }
  if (ctx.details) s += details(l, doLink);
  if (l.alias && doLink) s += `\n    alias ${l.alias}`;
  if (doLink && ctx.stats) s += `\n${stats(l.stats, ctx.stats)}`;
  return `${s}\n`;
}

/** The -d part: promiscuity, MTU range, link kind and options, queues and offload sizes. */
function details(l: LinkInfo, doLink: boolean): string {
  let s = ` promiscuity ${l.promiscuity}  allmulti ${l.allmulti} minmtu ${l.minMtu < 0 ? 0 : l.minMtu} maxmtu ${l.maxMtu < 0 ? 0 : l.maxMtu} `;
  if (l.kind) {
    s += `\n    ${l.kind} `;
    if (l.kind === 'bridge' && l.bridge) s += bridgeOpts(l.bridge.bridgeId);
  }
  if (l.slaveKind && l.bridgePort) {
    const p = l.bridgePort;
    s += `\n    ${l.slaveKind}_slave state ${p.state} priority ${p.priority} cost ${p.cost} hairpin off guard off root_block off fastleave off learning on flood on `
      + `port_id 0x${(0x8000 + p.portNo).toString(16)} port_no 0x${p.portNo.toString(16)} designated_port ${0x8000 + p.portNo} designated_cost 0 `
      + `designated_bridge ${p.designatedBridge} designated_root ${p.designatedBridge} hold_timer    0.00 message_age_timer    0.00 `
      + 'forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 '
      + 'mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 '
      + 'group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off ';
  }
  if (doLink) s += `addrgenmode ${l.addrGenMode} `;
  const tso = l.linkType === 'ether' && !l.kind ? 65536 : 524280;
  s += `numtxqueues ${l.numTxQueues} numrxqueues ${l.numRxQueues} gso_max_size 65536 gso_max_segs 65535 tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 `;
  return s;
}

function bridgeOpts(id: string): string {
  return `forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q `
    + `bridge_id ${id} designated_root ${id} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 `
    + 'hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 vlan_default_pvid 1 vlan_stats_enabled 0 '
    + 'vlan_stats_per_port 0 group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 mcast_vlan_snooping 0 '
    + 'mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 '
    + 'mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 '
    + 'mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 '
    + 'mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 ';
}

/** size_columns: widen a column to the digits of its largest value. */
function sizeColumns(cols: number[], ...vals: number[]): void {
  vals.forEach((v, i) => {
    let len = 1;
    for (let p = 10; p < v; len++, p *= 10);
    if (len > cols[i]) cols[i] = len;
  });
}

/** print_stats64 in iproute2 6.1's right-aligned, self-sizing layout (`ip -s link`). */
export function stats(s: LinkStats, level: number): string {
  const cols = [10, 7, 6, 7, 7, 7, 10];
  sizeColumns(cols, s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, s.rxMissed, s.multicast, 0);
  sizeColumns(cols, s.txBytes, s.txPackets, s.txErrors, s.txDropped, s.txCarrier, s.collisions, 0);
  const n = (w: number, v: number) => `${String(v).padStart(w)} `;
  const head = (words: string[]) => `    ${words[0]} ${'bytes'.padStart(cols[0] - 4)} ${'packets'.padStart(cols[1])} ${'errors'.padStart(cols[2])} `
    + `${'dropped'.padStart(cols[3])} ${words[1].padStart(cols[4])} ${words[2].padStart(cols[5])} ${''.padStart(cols[6])}\n`;
  let out = head(['RX:', 'missed', 'mcast']);
  out += `    ${n(cols[0], s.rxBytes)}${n(cols[1], s.rxPackets)}${n(cols[2], s.rxErrors)}${n(cols[3], s.rxDropped)}${n(cols[4], s.rxMissed)}${n(cols[5], s.multicast)}`;
  if (level > 1) {
    out += `\n    RX errors:${''.padStart(cols[0] - 10)} ${'length'.padStart(cols[1])} ${'crc'.padStart(cols[2])} ${'frame'.padStart(cols[3])} ${'fifo'.padStart(cols[4])} ${'overrun'.padStart(cols[5])} ${''.padStart(cols[6])}\n`;
    out += `${''.padStart(cols[0] + 5)}${n(cols[1], 0)}${n(cols[2], 0)}${n(cols[3], 0)}${n(cols[4], 0)}${n(cols[5], 0)}`;
  }
  out += `\n${head(['TX:', 'carrier', 'collsns'])}`;
  out += `    ${n(cols[0], s.txBytes)}${n(cols[1], s.txPackets)}${n(cols[2], s.txErrors)}${n(cols[3], s.txDropped)}${n(cols[4], s.txCarrier)}${n(cols[5], s.collisions)}`;
  if (level > 1) {
    out += `\n    TX errors:${''.padStart(cols[0] - 10)} ${'aborted'.padStart(cols[1])} ${'fifo'.padStart(cols[2])} ${'window'.padStart(cols[3])} ${'heartbt'.padStart(cols[4])} ${'transns'.padStart(cols[5])}\n`;
    out += `${''.padStart(cols[0] + 5)}${n(cols[1], 0)}${n(cols[2], 0)}${n(cols[3], 0)}${n(cols[4], 0)}${n(cols[5], 2)}`;
  }
  return out;
}

const IFA_FLAG_ORDER: Array<[string, number]> = [
  ['secondary', IFA_F.SECONDARY], ['nodad', IFA_F.NODAD], ['optimistic', IFA_F.OPTIMISTIC], ['dadfailed', IFA_F.DADFAILED],
  ['home', IFA_F.HOMEADDRESS], ['deprecated', IFA_F.DEPRECATED], ['tentative', IFA_F.TENTATIVE], ['permanent', IFA_F.PERMANENT],
  ['mngtmpaddr', IFA_F.MANAGETEMPADDR], ['noprefixroute', IFA_F.NOPREFIXROUTE], ['autojoin', IFA_F.MCAUTOJOIN], ['stable-privacy', IFA_F.STABLE_PRIVACY],
];

/** print_ifa_flags: `dynamic` stands where `permanent` is missing; IPv6 secondaries are `temporary`. */
function ifaFlags(a: AddrInfo): string {
  let s = '';
  let f = a.flags;
  for (const [name, bit] of IFA_FLAG_ORDER) {
    if (bit === IFA_F.PERMANENT) { if (!(f & bit)) s += 'dynamic '; }
    else if (f & bit) s += bit === IFA_F.SECONDARY && a.family === 6 ? 'temporary ' : `${name} `;
    f &= ~bit;
  }
  if (f) s += `flags ${f.toString(16).padStart(2, '0')} `;
  return s;
}

const FOREVER = 0xffffffff;

/** One address: `    inet ADDR/PLEN [brd B ]scope S FLAGS LABEL` and its lifetimes (print_addrinfo). */
export function addrLines(a: AddrInfo): string {
  let s = `    ${a.family === 4 ? 'inet' : 'inet6'} ${a.local}/${a.prefixlen} `;
  if (a.metric) s += `metric ${a.metric} `;
  if (a.broadcast) s += `brd ${a.broadcast} `;
  s += `scope ${scopeName(a.scope)} ${ifaFlags(a)}`;
  if (a.label) s += a.label;
  const lft = (v: number) => (v === FOREVER ? 'forever' : `${v}sec`);
  return `${s}\n       valid_lft ${lft(a.validLft)} preferred_lft ${lft(a.preferredLft)}\n`;
}

/** `ip -br`: name (with @link) and state padded, then each address or the MAC and flags. */
export function briefLine(ctx: IpCtx, l: LinkInfo, addrs: AddrInfo[] | null): string {
  const { text, mdown } = nameAndLink(ctx, l);
  let s = `${text.padEnd(16)} ${l.operstate.padEnd(14)} `;
  if (addrs === null) s += `${l.address} ${linkFlags(l.flags, mdown)}`;
  else for (const a of addrs) s += `${a.local}/${a.prefixlen} `;
  return `${s}\n`;
}
