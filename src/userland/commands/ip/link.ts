import { O_RDONLY } from '../../../kernel/constants.ts';
import type { LinkAddRequest, LinkChange, NetnsRef } from '../../../kernel/net/api.ts';
import { duparg, invarg, matches, nextArg, NETNS_RUN_DIR, type IpCtx } from './common.ts';
import { listAddrs } from './addr.ts';

/** `ip link` (iplink.c): show is `ip addr`'s listing without addresses; add/set/delete send RTM_*LINK. */
export async function doLink(ctx: IpCtx, argv: string[]): Promise<number> {
  const [cmd = 'show', ...rest] = argv;
  if (matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) return listAddrs(ctx, rest, true);
  if (matches(cmd, 'add')) return modify(ctx, 'add', rest);
  if (matches(cmd, 'set') || matches(cmd, 'change')) return modify(ctx, 'set', rest);
  if (matches(cmd, 'delete')) return modify(ctx, 'del', rest);
  if (matches(cmd, 'help')) { await ctx.err(LINK_USAGE); return 255; }
  return ctx.fail(`Command "${cmd}" is unknown, try "ip link help".\n`, 255);
}

const LINK_USAGE = 'Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n'
  + '\t\t    [ txqueuelen PACKETS ]\n\t\t    [ address LLADDR ]\n\t\t    [ broadcast LLADDR ]\n\t\t    [ mtu MTU ] [index IDX ]\n'
  + '\t\t    [ numtxqueues QUEUE_COUNT ]\n\t\t    [ numrxqueues QUEUE_COUNT ]\n\t\t    [ netns { PID | NETNSNAME | NETNSFILE } ]\n'
  + '\t\t    type TYPE [ ARGS ]\n\n\tip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]\n\n'
  + '\tip link set { DEVICE | dev DEVICE | group DEVGROUP }\n\t\t\t[ { up | down } ]\n';

interface Parsed {
  dev?: string;
  name?: string;
  up?: boolean;
  mtu?: number;
  address?: string;
  txqlen?: number;
  netns?: string;
  master?: string | null;
  promisc?: boolean;
  alias?: string;
  type?: string;
  typeArgs: string[];
}

/** iplink_parse: the generic link attributes, up to `type`. */
async function parse(ctx: IpCtx, argv: string[]): Promise<Parsed> {
  const p: Parsed = { typeArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'up') p.up = true;
    else if (a === 'down') p.up = false;
    else if (a === 'name') {
      const v = await nextArg(ctx, argv, i++);
      if (!validIfname(v)) await invarg(ctx, '"name" not a valid ifname', v);
      p.name = v;
    } else if (matches(a, 'address')) {
      const v = await nextArg(ctx, argv, i++);
      if (!/^([0-9a-fA-F]{1,2}:){5}[0-9a-fA-F]{1,2}$/.test(v)) await ctx.fail(`"${v}" is invalid lladdr.\n`);
      p.address = v.split(':').map((x) => x.padStart(2, '0').toLowerCase()).join(':');
    } else if (matches(a, 'txqueuelen') || a === 'qlen' || matches(a, 'txqlen')) {
      const v = await nextArg(ctx, argv, i++);
      if (!/^\d+$/.test(v)) await invarg(ctx, 'Invalid "txqueuelen" value\n', v);
      p.txqlen = Number(v);
    } else if (a === 'mtu') {
      const v = await nextArg(ctx, argv, i++);
      if (!/^\d+$/.test(v)) await invarg(ctx, 'Invalid "mtu" value\n', v);
      p.mtu = Number(v);
    } else if (a === 'netns') {
      const v = await nextArg(ctx, argv, i++);
      if (p.netns !== undefined) await duparg(ctx, 'netns', v);
      p.netns = v;
    } else if (a === 'promisc') {
      const v = await nextArg(ctx, argv, i++);
      p.promisc = v === 'on';
    } else if (a === 'master') {
      const v = await nextArg(ctx, argv, i++);
      if (!ctx.index(v)) await invarg(ctx, 'Device does not exist\n', v);
      p.master = v;
    } else if (a === 'nomaster') p.master = null;
    else if (matches(a, 'alias')) p.alias = await nextArg(ctx, argv, i++);
    else if (matches(a, 'type')) {
      p.type = await nextArg(ctx, argv, i++);
      p.typeArgs = argv.slice(i + 1);
      break;
    } else if (a === 'multicast' || a === 'arp' || a === 'group' || a === 'state' || a === 'mode') i++;
    else {
      let v = a;
      if (a === 'dev') v = await nextArg(ctx, argv, i++);
      else if (matches(a, 'help')) { await ctx.err(LINK_USAGE); throw new Error('usage'); }
      if (p.dev !== undefined && p.dev !== v) await duparg(ctx, 'dev', v);
      if (!validIfname(v)) await invarg(ctx, '"dev" not a valid ifname', v);
      p.dev = v;
    }
  }
  return p;
}

function validIfname(n: string): boolean { return n.length > 0 && n.length < 16 && !/[/:\s]/.test(n) && n !== '.' && n !== '..'; }

/** netns_get_fd, else a pid: what IFLA_NET_NS_FD / _PID carry. */
async function netnsRef(ctx: IpCtx, v: string): Promise<{ ref: NetnsRef; close?: number }> {
  const path = v.includes('/') ? v : `${NETNS_RUN_DIR}/${v}`;
  try {
    const fd = ctx.sys.open(path, O_RDONLY);
    return { ref: { fd }, close: fd };
  } catch {
    if (/^\d+$/.test(v)) return { ref: { pid: Number(v) } };
    return invarg(ctx, 'Invalid "netns" value\n', v);
  }
}

async function modify(ctx: IpCtx, op: 'add' | 'set' | 'del', argv: string[]): Promise<number> {
  let p: Parsed;
  try { p = await parse(ctx, argv); } catch (e) { if (e instanceof Error && e.message === 'usage') return 255; throw e; }
  const fds: number[] = [];
  try {
    if (op === 'add') return await add(ctx, p, fds);
    if (!p.dev) return ctx.fail('Not enough information: "dev" argument is required.\n');
    const ifindex = await ctx.needDev(p.dev);
    if (op === 'del') {
      try { ctx.net.linkDel(ifindex); } catch (e) { return ctx.rtnl(e); }
      return 0;
    }
    const ch: LinkChange = {};
    if (p.netns !== undefined) { const r = await netnsRef(ctx, p.netns); ch.netns = r.ref; if (r.close !== undefined) fds.push(r.close); }
    if (p.address !== undefined) ch.address = p.address;
    if (p.mtu !== undefined) ch.mtu = p.mtu;
    if (p.name !== undefined && p.name !== p.dev) ch.name = p.name;
    if (p.up !== undefined) ch.up = p.up;
    if (p.master !== undefined) ch.master = p.master === null ? 0 : ctx.index(p.master);
    if (p.txqlen !== undefined) ch.txqlen = p.txqlen;
    if (p.promisc !== undefined) ch.promisc = p.promisc;
    if (p.alias !== undefined) ch.alias = p.alias;
    try { ctx.net.linkSet(ifindex, ch); } catch (e) { return ctx.rtnl(e); }
    return 0;
  } finally {
    for (const fd of fds) ctx.sys.close(fd);
  }
}

async function add(ctx: IpCtx, p: Parsed, fds: number[]): Promise<number> {
  if (!p.type) return ctx.fail('Not enough information: "type" argument is required\n');
  const kind = p.type;
  if (kind !== 'veth' && kind !== 'bridge' && kind !== 'dummy') {
    return ctx.fail(`Error: Unknown device type.\n`, 2);
  }
  const req: LinkAddRequest = { kind, name: p.name ?? p.dev, mtu: p.mtu, address: p.address, txqlen: p.txqlen, up: p.up };
  if (p.netns !== undefined) { const r = await netnsRef(ctx, p.netns); req.netns = r.ref; if (r.close !== undefined) fds.push(r.close); }
  if (kind === 'veth' && p.typeArgs.length) {
    if (p.typeArgs[0] !== 'peer') return ctx.fail(VETH_USAGE, 255);
    const peer = await parse(ctx, p.typeArgs.slice(1));
    req.peer = { name: peer.name ?? peer.dev, address: peer.address, mtu: peer.mtu };
    if (peer.netns !== undefined) { const r = await netnsRef(ctx, peer.netns); req.peer.netns = r.ref; if (r.close !== undefined) fds.push(r.close); }
  } else if (p.typeArgs.length) {
    return ctx.fail(`${kind}: unknown command "${p.typeArgs[0]}"?\n`, 255);
  }
  try { ctx.net.linkAdd(req); } catch (e) { return ctx.rtnl(e); }
  return 0;
}

const VETH_USAGE = 'Usage: ip link <options> type veth [peer <options>]\nTo get <options> type \'ip link add help\'\n';

