import type { NetApi } from '../../../kernel/net/api.ts';
import type { ProgramImage, Proc } from '../../../kernel/program.ts';
import { doAddr } from './addr.ts';
import { IpCtx, IpExit, matches } from './common.ts';
import { doLink } from './link.ts';
import { doNetns, netnsSwitch } from './netns.ts';
import { doRoute } from './route.ts';

/** iproute2's `ip` (ip/ip.c): global options, then the object table matched by prefix. */
const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -echo | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

type Handler = (ctx: IpCtx, argv: string[]) => Promise<number>;

/** The order of ip.c's cmds[]: `ip a` is address, `ip r` route, `ip n` neighbour, `ip l` link. */
const OBJECTS: Array<[string, Handler | null]> = [
  ['address', doAddr], ['addrlabel', null], ['maddress', null], ['route', doRoute], ['rule', null], ['neighbor', null],
  ['neighbour', null], ['ntable', null], ['ntbl', null], ['link', doLink], ['l2tp', null], ['fou', null], ['ila', null],
  ['macsec', null], ['tunnel', null], ['tuntap', null], ['tap', null], ['token', null], ['tcpmetrics', null], ['monitor', null],
  ['xfrm', null], ['mroute', null], ['mrule', null], ['netns', doNetns], ['netconf', null], ['vrf', null], ['sr', null],
  ['nexthop', null], ['mptcp', null], ['ioam', null], ['stats', null], ['help', null],
];

export const ip: ProgramImage = {
  vszKb: 9352, rssKb: 3968,
  main: async (proc) => {
    const ctx = new IpCtx(proc, await proc.sys.ext<NetApi>('net'));
    try {
      const code = await run(ctx, proc, proc.argv.slice(1));
      await ctx.flush();
      return code;
    } catch (e) {
      if (e instanceof IpExit) { await ctx.flush(); return e.code; }
      throw e;
    }
  },
};

async function run(ctx: IpCtx, proc: Proc, args: string[]): Promise<number> {
  let i = 0;
  for (; i < args.length && args[i].startsWith('-') && args[i].length > 1; i++) {
    let opt = args[i];
    if (opt === '--') { i++; break; }
    if (opt.startsWith('--')) opt = opt.slice(1);
    if (matches(opt, '-loops')) i++;
    else if (matches(opt, '-family')) {
      const f = args[++i];
      if (f === 'inet') ctx.family = 4; else if (f === 'inet6') ctx.family = 6; else if (f === 'link') ctx.family = 'link';
      else return ctx.fail(`Error: argument "${f}" is wrong: invalid protocol family\n`, 255);
    } else if (opt === '-4') ctx.family = 4;
    else if (opt === '-6') ctx.family = 6;
    else if (opt === '-0') ctx.family = 'link';
    else if (matches(opt, '-human') || matches(opt, '-iec')) { /* not needed for these counters */ }
    else if (matches(opt, '-stats') || matches(opt, '-statistics')) ctx.stats++;
    else if (matches(opt, '-details')) ctx.details++;
    else if (matches(opt, '-resolve') || matches(opt, '-timestamp') || matches(opt, '-tshort') || matches(opt, '-force')) { /* accepted */ }
    else if (matches(opt, '-oneline')) ctx.oneline = true;
    else if (matches(opt, '-Version')) { ctx.print('ip utility, iproute2-6.1.0, libbpf 1.1.2\n'); return 0; }
    else if (matches(opt, '-batch')) return ctx.fail('batch mode is not supported here\n', 255);
    else if (matches(opt, '-color') || opt.startsWith('-color=')) { /* no colours on this terminal */ }
    else if (matches(opt, '-help')) { await ctx.err(USAGE); return 255; }
    else if (matches(opt, '-netns')) {
      const name = args[++i];
      if (name === undefined) return ctx.fail('Command line is not complete. Try option "help"\n', 255);
      if (!(await netnsSwitch(ctx, name))) return 255;
    } else if (matches(opt, '-Numeric') || matches(opt, '-all') || opt === '-json' || matches(opt, '-pretty')) { /* accepted */ }
    else if (matches(opt, '-brief')) ctx.brief = true;
    else return ctx.fail(`Option "${args[i]}" is unknown, try "ip -help".\n`, 255);
  }
  const rest = args.slice(i);
  if (!rest.length) { await ctx.err(USAGE); return 255; }
  const [obj, ...argv] = rest;
  const hit = OBJECTS.find(([name]) => matches(obj, name));
  if (!hit) return ctx.fail(`Object "${obj}" is unknown, try "ip help".\n`);
  if (hit[0] === 'help') { await ctx.err(USAGE); return 255; }
  if (!hit[1]) return ctx.fail(`ip: "${hit[0]}" is not supported in this sandbox\n`);
  void proc;
  return hit[1](ctx, argv);
}
