import type { RouteInfo, RouteRequest } from '../../../kernel/net/api.ts';
import { parsePrefix } from '../../../kernel/net/inet.ts';
import { matches, nextArg, PROTOS, protoNum, SCOPES, scopeName, TABLES, tableName, type IpCtx } from './common.ts';

/** `ip route` (iproute.c). */
export async function doRoute(ctx: IpCtx, argv: string[]): Promise<number> {
  const [cmd = 'show', ...rest] = argv;
  if (matches(cmd, 'add')) return modify(ctx, 'create', rest);
  if (matches(cmd, 'change') || matches(cmd, 'replace')) return modify(ctx, 'replace', rest);
  if (matches(cmd, 'append')) return modify(ctx, 'append', rest);
  if (matches(cmd, 'delete')) return modify(ctx, 'delete', rest);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return list(ctx, rest, false);
  if (matches(cmd, 'flush')) return list(ctx, rest, true);
  if (matches(cmd, 'get')) return get(ctx, rest);
  if (matches(cmd, 'help')) { await ctx.err('Usage: ip route { list | flush } SELECTOR\n       ip route get ADDRESS\n'); return 255; }
  return ctx.fail(`Command "${cmd}" is unknown, try "ip route help".\n`, 255);
}

const TYPES = ['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast'];

/** print_route: every token followed by a space; IPv6 routes end with `pref medium`. */
export function routeLine(ctx: IpCtx, r: RouteInfo, opts: { showTable: boolean; cached?: boolean }): string {
  let s = '';
  if (r.type !== 'unicast' || ctx.details) s += `${r.type} `;
  const hostLen = r.family === 4 ? 32 : 128;
  s += r.dstLen === 0 && !opts.cached ? 'default ' : r.dstLen === hostLen ? `${r.dst} ` : `${r.dst}/${r.dstLen} `;
  if (r.gateway) s += `via ${r.gateway} `;
  if (r.oif !== undefined) s += `dev ${ctx.name(r.oif)} `;
  if (r.table && (r.table !== TABLES.main || ctx.details) && opts.showTable) s += `table ${tableName(r.table)} `;
  if (!opts.cached) {
    if (r.protocol !== 3 || ctx.details) s += `proto ${PROTOS[r.protocol] ?? r.protocol} `;
    if (r.scope !== 0 || ctx.details) s += `scope ${scopeName(r.scope)} `;
  }
  if (r.prefsrc) s += `src ${r.prefsrc} `;
  if (r.metric !== undefined) s += `metric ${r.metric} `;
  if (r.onlink) s += 'onlink ';
  if (r.linkdown) s += 'linkdown ';
  if (r.pref) s += `pref ${r.pref}`;
  return `${s}\n`;
}

async function tableArg(ctx: IpCtx, v: string): Promise<number | 'all'> {
  if (v === 'all') return 'all';
  const t = TABLES[v] ?? (/^\d+$/.test(v) ? Number(v) : undefined);
  if (t === undefined) await ctx.fail(`Error: argument "${v}" is wrong: "table" value is invalid\n\n`, 255);
  return t!;
}

/** iproute_list_flush_or_save: IPv4 by default, the main table unless `table` says otherwise. */
async function list(ctx: IpCtx, argv: string[], flush: boolean): Promise<number> {
  let table: number | 'all' = TABLES.main;
  let dev: string | undefined;
  let proto: number | undefined;
  let type: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (matches(a, 'table')) table = await tableArg(ctx, await nextArg(ctx, argv, i++));
    else if (a === 'dev' || a === 'oif') dev = await nextArg(ctx, argv, i++);
    else if (matches(a, 'protocol')) proto = protoNum(await nextArg(ctx, argv, i++));
    else if (a === 'type' || TYPES.includes(a)) type = a === 'type' ? await nextArg(ctx, argv, i++) : a;
    else if (a === 'scope' || a === 'src' || a === 'via' || a === 'metric') i++;
  }
  const family = ctx.family === 6 ? 6 : 4;
  let routes = ctx.net.routes(family, table === 'all' ? undefined : table);
  if (dev !== undefined) {
    const idx = ctx.index(dev);
    if (!idx) return ctx.fail(`Cannot find device "${dev}"\n`);
    routes = routes.filter((r) => r.oif === idx);
  }
  if (proto !== undefined) routes = routes.filter((r) => r.protocol === proto);
  if (type !== undefined) routes = routes.filter((r) => r.type === type);
  if (flush) {
    for (const r of routes) {
      try { ctx.net.routeDel({ family: r.family, dst: r.dst, dstLen: r.dstLen, table: r.table, oif: r.oif, gateway: r.gateway, metric: r.metric }); } catch (e) { return ctx.rtnl(e); }
    }
    return 0;
  }
  for (const r of routes) ctx.print(routeLine(ctx, r, { showTable: table === 'all' }));
  return 0;
}

/** iproute_modify. */
async function modify(ctx: IpCtx, mode: 'create' | 'replace' | 'append' | 'delete', argv: string[]): Promise<number> {
  const req: Partial<RouteRequest> = {};
  let dstText: string | undefined;
  let dev: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'via') req.gateway = await nextArg(ctx, argv, i++);
    else if (a === 'dev' || a === 'oif') dev = await nextArg(ctx, argv, i++);
    else if (a === 'src') req.prefsrc = await nextArg(ctx, argv, i++);
    else if (a === 'metric' || a === 'priority' || a === 'preference') req.metric = Number(await nextArg(ctx, argv, i++));
    else if (matches(a, 'table')) { const t = await tableArg(ctx, await nextArg(ctx, argv, i++)); req.table = t === 'all' ? undefined : t; }
    else if (matches(a, 'protocol')) {
      const v = await nextArg(ctx, argv, i++);
      req.protocol = protoNum(v);
      if (req.protocol === undefined) await ctx.fail(`Error: argument "${v}" is wrong: "protocol" value is invalid\n\n`, 255);
    } else if (a === 'scope') {
      const v = await nextArg(ctx, argv, i++);
      req.scope = SCOPES[v] ?? Number(v);
    } else if (a === 'onlink') req.onlink = true;
    else if (a === 'type') req.type = await nextArg(ctx, argv, i++);
    else if (TYPES.includes(a) && dstText === undefined) req.type = a;
    else {
      const v = a === 'to' ? await nextArg(ctx, argv, i++) : a;
      dstText = v;
    }
  }
  if (dstText === undefined) return ctx.fail(mode === 'delete' ? 'Not enough information: "to" argument is required.\n' : 'Not enough information: "to" argument is required.\n');
  let family: 4 | 6 = ctx.family === 6 ? 6 : 4;
  let dst = '0.0.0.0';
  let dstLen = 0;
  if (dstText === 'default' || dstText === 'all' || dstText === 'any') {
    if (req.gateway?.includes(':') || ctx.family === 6) { family = 6; dst = '::'; }
  } else {
    const p = parsePrefix(dstText);
    if (!p) return ctx.fail(`Error: ${ctx.family === 6 ? 'inet6' : ctx.family === 4 ? 'inet' : 'any valid'} prefix is expected rather than "${dstText}".\n`);
    family = p.addr.family;
    dst = dstText.split('/')[0];
    dstLen = p.plen;
  }
  if (req.gateway !== undefined && (req.gateway.includes(':') ? 6 : 4) !== family) return ctx.fail(`Error: inet address is expected rather than "${req.gateway}".\n`);
  const full: RouteRequest = { ...req, family, dst, dstLen } as RouteRequest;
  if (dev !== undefined) full.oif = await ctx.needDev(dev);
  try {
    if (mode === 'delete') ctx.net.routeDel(full); else ctx.net.routeAdd(full, mode);
  } catch (e) { return ctx.rtnl(e); }
  return 0;
}

/** iproute_get: the route a packet would take, printed as a cache entry. */
async function get(ctx: IpCtx, argv: string[]): Promise<number> {
  let dst: string | undefined;
  let from: string | undefined;
  let oif: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'from') from = await nextArg(ctx, argv, i++);
    else if (a === 'oif' || a === 'dev') oif = await ctx.needDev(await nextArg(ctx, argv, i++));
    else if (a === 'iif' || a === 'mark' || a === 'uid' || a === 'tos') i++;
    else if (a !== 'connected' && a !== 'fibmatch') dst = a === 'to' ? await nextArg(ctx, argv, i++) : a;
  }
  if (dst === undefined) return ctx.fail('need at least a destination address\n');
  const p = parsePrefix(dst);
  if (!p) return ctx.fail(`Error: any valid prefix is expected rather than "${dst}".\n`);
  let r;
  try { r = ctx.net.routeGet(p.addr.family, dst.split('/')[0], { from, oif }); } catch (e) { return ctx.rtnl(e); }
  let line = routeLine(ctx, { ...r, metric: r.family === 6 ? r.metric : undefined, pref: r.pref }, { showTable: true, cached: true }).replace(/\n$/, '');
  // The uid and cache flags of an RTM_F_CLONED answer (print_cache_flags).
  line = line.replace(/pref medium$/, '');
  if (r.family === 4) ctx.print(`${line}uid ${r.uid} \n    cache ${r.local ? '<local> ' : ''}\n`);
  else ctx.print(`${line}uid ${r.uid} ${r.pref ? `pref ${r.pref}` : ''}\n`);
  return 0;
}
