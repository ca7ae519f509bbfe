import { O_RDONLY } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { LinkInfo, NetApi } from '../../../kernel/net/api.ts';
import type { Proc } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/** Thrown to end the command with an exit status once its message is printed. */
export class IpExit {
  constructor(readonly code: number) {}
}

/** iproute2's global state: options and the link cache (ll_map) shared by every subcommand. */
export class IpCtx {
  /** -4 / -6 / -0 (AF_PACKET as 'link'); 0 = unspecified. */
  family: 0 | 4 | 6 | 'link' = 0;
  stats = 0;
  details = 0;
  brief = false;
  oneline = false;
  private buf = '';
  private cache: LinkInfo[] | null = null;
  /** The cached dump by ifindex (first entry wins, as a scan would find it). */
  private byIndex: Map<number, LinkInfo> | null = null;
  private nsNames: Map<number, string> | null = null;

  constructor(readonly proc: Proc, readonly net: NetApi) {}

  get sys(): SysApi { return this.proc.sys; }

  print(s: string): void { this.buf += s; }

  async flush(): Promise<void> {
    if (this.buf) { const b = this.buf; this.buf = ''; await this.proc.out(b); }
  }

  /** stderr, after whatever stdout already holds (stdio flushes at exit; messages come first on a tty). */
  async err(s: string): Promise<void> {
    await this.flush();
    await this.proc.err(s);
  }

  async fail(msg: string, code = 1): Promise<never> {
    await this.err(msg);
    throw new IpExit(code);
  }

  /** `RTNETLINK answers: …`, or the kernel's extack message as `Error: ….` (exit 2). */
  async rtnl(e: unknown): Promise<never> {
    if (!isKernelError(e)) throw e;
    if (e.detail) return this.fail(`Error: ${e.detail}.\n`, 2);
    return this.fail(`RTNETLINK answers: ${e.message}\n`, 2);
  }

  links(refresh = false): LinkInfo[] {
    if (!this.cache || refresh) { this.cache = this.net.links(); this.byIndex = null; }
    return this.cache;
  }

  /** The link with this index in the cached dump (a map: `ip a` looks up every link's peer and master). */
  link(ifindex: number): LinkInfo | undefined {
    const links = this.links();
    if (!this.byIndex) {
      this.byIndex = new Map();
      for (const l of links) if (!this.byIndex.has(l.ifindex)) this.byIndex.set(l.ifindex, l);
    }
    return this.byIndex.get(ifindex);
  }

  /** ll_name_to_index; 0 when unknown. */
  index(name: string): number {
    const l = this.links().find((x) => x.name === name);
    if (l) return l.ifindex;
    return /^if\d+$/.test(name) ? Number(name.slice(2)) : 0;
  }

  /** ll_idx_n2a: a name, or `if%d` for an index not in this namespace. */
  name(ifindex: number): string { return this.link(ifindex)?.name ?? `if${ifindex}`; }

  /** `Cannot find device "x"` (nodev) for commands that change a link. */
  async needDev(name: string): Promise<number> {
    const i = this.index(name);
    if (!i) await this.fail(`Cannot find device "${name}"\n`);
    return i;
  }

  /** get_name_from_nsid: which /run/netns entry has this id in our namespace. */
  netnsName(id: number): string | undefined {
    if (!this.nsNames) {
      this.nsNames = new Map();
      for (const name of listNetns(this.sys)) {
        const nsid = nsidOfName(this.sys, this.net, name);
        if (nsid >= 0 && !this.nsNames.has(nsid)) this.nsNames.set(nsid, name);
      }
    }
    return this.nsNames.get(id);
  }
}

export const NETNS_RUN_DIR = '/run/netns';

export function listNetns(sys: SysApi): string[] {
  try { return sys.readdir(NETNS_RUN_DIR).filter((n) => n !== '.' && n !== '..'); } catch { return []; }
}

/** RTM_GETNSID for a named namespace; -1 when it has no id here (or cannot be opened). */
export function nsidOfName(sys: SysApi, net: NetApi, name: string): number {
  let fd = -1;
  try {
    fd = sys.open(`${NETNS_RUN_DIR}/${name}`, O_RDONLY);
    return net.nsidOf({ fd });
  } catch {
    return -1;
  } finally {
    if (fd >= 0) sys.close(fd);
  }
}

/** iproute2's matches(): `arg` is a (non-empty) prefix of `word`. */
export function matches(arg: string, word: string): boolean { return arg.length > 0 && word.startsWith(arg); }

/** invarg(): `Error: argument "X" is wrong: MSG` and exit(-1). */
export async function invarg(ctx: IpCtx, msg: string, arg: string): Promise<never> {
  return ctx.fail(`Error: argument "${arg}" is wrong: ${msg}\n`, 255);
}

export async function duparg(ctx: IpCtx, key: string, arg: string): Promise<never> {
  return ctx.fail(`Error: duplicate "${key}": "${arg}" is the second value.\n`, 255);
}

/** NEXT_ARG(): the option's value or `Command line is not complete. Try option "help"`. */
export async function nextArg(ctx: IpCtx, argv: string[], i: number): Promise<string> {
  if (i + 1 >= argv.length) await ctx.fail('Command line is not complete. Try option "help"\n', 255);
  return argv[i + 1];
}

/** The scope names of /etc/iproute2/rt_scopes. */
export const SCOPES: Record<string, number> = { global: 0, universe: 0, site: 200, link: 253, host: 254, nowhere: 255 };
export function scopeName(n: number): string {
  return n === 0 ? 'global' : n === 200 ? 'site' : n === 253 ? 'link' : n === 254 ? 'host' : n === 255 ? 'nowhere' : String(n);
}

/** /etc/iproute2/rt_protos. */
export const PROTOS: Record<number, string> = {
  0: 'unspec', 1: 'redirect', 2: 'kernel', 3: 'boot', 4: 'static', 8: 'gated', 9: 'ra', 10: 'mrt', 11: 'zebra', 12: 'bird',
  13: 'dnrouted', 14: 'xorp', 15: 'ntk', 16: 'dhcp', 18: 'keepalived', 42: 'babel', 99: 'openr', 186: 'bgp', 187: 'isis', 188: 'ospf', 189: 'rip', 192: 'eigrp',
};
export function protoNum(name: string): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  const e = Object.entries(PROTOS).find(([, n]) => n === name);
  return e ? Number(e[0]) : undefined;
}

/** /etc/iproute2/rt_tables. */
export const TABLES: Record<string, number> = { default: 253, main: 254, local: 255 };
export function tableName(n: number): string { return Object.entries(TABLES).find(([, v]) => v === n)?.[0] ?? String(n); }
