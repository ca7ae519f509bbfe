import type { AddrInfo, AddrRequest } from '../../../kernel/net/api.ts';
import { IFA_F } from '../../../kernel/net/addrTypes.ts';
import { IFF } from '../../../kernel/net/NetDevice.ts';
import { parsePrefix } from '../../../kernel/net/inet.ts';
import { duparg, matches, nextArg, SCOPES, type IpCtx } from './common.ts';
import { addrLines, briefLine, linkBlock, stats } from './format.ts';

/** `ip address` (ipaddress.c). */
export async function doAddr(ctx: IpCtx, argv: string[]): Promise<number> {
  const [cmd = 'show', ...rest] = argv;
  if (matches(cmd, 'add') || matches(cmd, 'change') || matches(cmd, 'replace')) return modify(ctx, cmd.startsWith('a') ? 'add' : 'replace', rest);
  if (matches(cmd, 'delete')) return modify(ctx, 'del', rest);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return listAddrs(ctx, rest, false);
  if (matches(cmd, 'flush')) return flush(ctx, rest);
  if (matches(cmd, 'help')) { await ctx.err(ADDR_USAGE); return 255; }
  return ctx.fail(`Command "${cmd}" is unknown, try "ip address help".\n`, 255);
}

const ADDR_USAGE = 'Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n'
  + '                                                      [ CONFFLAG-LIST ]\n'
  + '       ip address del IFADDR dev IFNAME [mngtmpaddr]\n'
  + '       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n'
  + '                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n'
  + '       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n'
  + '                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n'
  + '                         [ label LABEL ] [up] [ vrf NAME ] ]\n';

/** ipaddr_list_flush_or_save: links (and, for `ip addr`, their addresses) in ifindex order. */
export async function listAddrs(ctx: IpCtx, argv: string[], doLink: boolean): Promise<number> {
  let dev: string | undefined;
  let up = false;
  let master: string | undefined;
  let kind: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'up') up = true;
    else if (a === 'master') master = await nextArg(ctx, argv, i++);
    else if (a === 'type') kind = await nextArg(ctx, argv, i++);
    else if (a === 'scope' || a === 'label' || a === 'to') i++;
    else {
      const v = a === 'dev' ? await nextArg(ctx, argv, i++) : a;
      if (dev !== undefined) await duparg(ctx, 'dev', v);
      dev = v;
    }
  }
  if (doLink) ctx.family = 'link';
  let links = ctx.links();
  if (dev !== undefined) {
    const idx = ctx.index(dev);
    if (!idx || !links.some((l) => l.ifindex === idx)) return ctx.fail(`Device "${dev}" does not exist.\n`);
    links = links.filter((l) => l.ifindex === idx);
  }
  if (up) links = links.filter((l) => l.flags & IFF.UP);
  if (master !== undefined) { const m = ctx.index(master); links = links.filter((l) => l.master === m); }
  if (kind !== undefined) links = links.filter((l) => l.kind === kind);
  const fam = ctx.family === 4 || ctx.family === 6 ? ctx.family : undefined;
  const addrs = doLink ? [] : ctx.net.addrs(fam);
  if (!doLink) {
    // ipaddr_filter: with -4/-6 a link needs an address of that family; without, every link shows.
    const withAddrs = new Set(addrs.map((a) => a.ifindex));
    links = links.filter((l) => withAddrs.has(l.ifindex) || !fam);
  }
  // Each link's addresses in dump order, grouped once (a filter per link is quadratic with many veths).
  const byLink = new Map<number, AddrInfo[]>();
  for (const a of addrs) {
    const list = byLink.get(a.ifindex);
    if (list) list.push(a); else byLink.set(a.ifindex, [a]);
  }
  const of = (ifindex: number): AddrInfo[] => byLink.get(ifindex) ?? [];
  // -o: one record per line, inner newlines as backslashes; `ip -o addr` prints addresses only.
  const one = (text: string) => (ctx.oneline ? `${text.replace(/\n$/, '').replace(/\n/g, '\\')}\n` : text);
  for (const l of links) {
    if (ctx.brief) { ctx.print(briefLine(ctx, l, doLink ? null : of(l.ifindex))); continue; }
    if (ctx.oneline && !doLink) {
      for (const a of of(l.ifindex)) ctx.print(one(`${l.ifindex}: ${l.name}${addrLines(a)}`));
      continue;
    }
    ctx.print(one(linkBlock(ctx, l, doLink)));
    for (const a of of(l.ifindex)) ctx.print(addrLines(a));
    if (!doLink && ctx.stats) ctx.print(`${stats(l.stats, ctx.stats)}\n`);
  }
  return 0;
}

/** ipaddr_modify. */
async function modify(ctx: IpCtx, op: 'add' | 'replace' | 'del', argv: string[]): Promise<number> {
  let local: string | undefined;
  let dev: string | undefined;
  let brd: string | undefined;
  let scope: number | undefined;
  let label: string | undefined;
  let flags = 0;
  let validLft: number | undefined;
  let preferredLft: number | undefined;
  let metric: number | undefined;
  const lft = async (v: string) => (v === 'forever' ? 0xffffffff : /^\d+$/.test(v) ? Number(v) : ctx.fail(`Error: argument "${v}" is wrong: valid_lft value\n`, 255));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (matches(a, 'broadcast') || a === 'brd') brd = await nextArg(ctx, argv, i++);
    else if (a === 'dev') dev = await nextArg(ctx, argv, i++);
    else if (matches(a, 'scope')) {
      const v = await nextArg(ctx, argv, i++);
      scope = SCOPES[v] ?? (/^\d+$/.test(v) ? Number(v) : undefined);
      if (scope === undefined) await ctx.fail(`Error: argument "${v}" is wrong: invalid scope value.\n`, 255);
    } else if (matches(a, 'label')) label = await nextArg(ctx, argv, i++);
    else if (matches(a, 'valid_lft')) validLft = await lft(await nextArg(ctx, argv, i++));
    else if (matches(a, 'preferred_lft')) preferredLft = await lft(await nextArg(ctx, argv, i++));
    else if (a === 'metric' || a === 'priority') metric = Number(await nextArg(ctx, argv, i++));
    else if (a === 'nodad') flags |= IFA_F.NODAD;
    else if (a === 'noprefixroute') flags |= IFA_F.NOPREFIXROUTE;
    else if (a === 'mngtmpaddr') flags |= IFA_F.MANAGETEMPADDR;
    else if (a === 'home') flags |= IFA_F.HOMEADDRESS;
    else if (a === 'autojoin') flags |= IFA_F.MCAUTOJOIN;
    else {
      const v = matches(a, 'local') ? await nextArg(ctx, argv, i++) : a;
      if (local !== undefined) await duparg(ctx, 'local', v);
      local = v;
    }
  }
  if (dev === undefined) return ctx.fail('Not enough information: "dev" argument is required.\n');
  if (local === undefined) return ctx.fail('Not enough information: "local" argument is required.\n', 255);
  const p = parsePrefix(local);
  if (!p || (ctx.family && ctx.family !== 'link' && ctx.family !== p.addr.family)) {
    const fam = ctx.family === 4 ? 'inet' : ctx.family === 6 ? 'inet6' : 'any valid';
    return ctx.fail(`Error: ${fam} prefix is expected rather than "${local}".\n`);
  }
  const ifindex = await ctx.needDev(dev);
  const family = p.addr.family;
  const addr = local.split('/')[0];
  const req: AddrRequest = { dev: ifindex, family, local: addr, prefixlen: p.plen, label, flags, validLft, preferredLft, metric };
  if (op === 'del' && family === 4 && !p.explicit) {
    await ctx.err(`Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length (${local}/32) to avoid this warning.\n         This special behaviour is likely to disappear in further releases,\n         fix your scripts!\n`);
    req.prefixlen = -1;
  }
  if (brd !== undefined && op !== 'del') {
    if (family !== 4) return ctx.fail('Broadcast can be set only for IPv4 addresses\n');
    if (brd === '+' || brd === '-') {
      if (p.plen <= 30) {
        const m = p.plen === 0 ? 0n : ((1n << 32n) - 1n) << BigInt(32 - p.plen) & 0xffffffffn;
        const v = brd === '+' ? p.addr.value | (~m & 0xffffffffn) : p.addr.value & m;
        req.broadcast = [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
      }
    } else req.broadcast = brd;
  }
  // default_scope: 127.0.0.0/8 is host-scoped unless told otherwise.
  req.scope = scope ?? (family === 4 && addr.startsWith('127.') ? 254 : 0);
  try {
    if (op === 'del') ctx.net.addrDel(req); else ctx.net.addrAdd(req, op === 'replace');
  } catch (e) { return ctx.rtnl(e); }
  return 0;
}

/** `ip addr flush dev X`: delete every matching address. */
async function flush(ctx: IpCtx, argv: string[]): Promise<number> {
  let dev: string | undefined;
  for (let i = 0; i < argv.length; i++) dev = argv[i] === 'dev' ? await nextArg(ctx, argv, i++) : argv[i];
  if (dev === undefined) return ctx.fail('Flush requires arguments.\n');
  const ifindex = ctx.index(dev);
  if (!ifindex) return ctx.fail(`Device "${dev}" does not exist.\n`);
  const fam = ctx.family === 4 || ctx.family === 6 ? ctx.family : undefined;
  for (const a of ctx.net.addrs(fam).filter((x) => x.ifindex === ifindex)) {
    try { ctx.net.addrDel({ dev: ifindex, family: a.family, local: a.local, prefixlen: a.prefixlen }); } catch (e) { return ctx.rtnl(e); }
  }
  return 0;
}
