import { KernelError } from '../errno.ts';
import { GenDir, GenFile } from '../procfs/nodes.ts';
import type { AccessContext, Inode, SuperBlock } from '../vfs/inode.ts';
import { ipv6ConfChanged } from './addrconf.ts';
import { ownerCapable } from '../ns/userns.ts';
import { stackOf, type NetStack } from './NetStack.ts';

/**
 * /proc/sys/net: the sysctls of the reader's network namespace. Writing needs root in that namespace
 * (uid 0 or CAP_NET_ADMIN); writing 1 to ipv6/conf/DEV/disable_ipv6 removes the device's IPv6
 * addresses, writing "all" applies to every device (addrconf_disable_ipv6).
 */
type Knob = { get(s: NetStack): string; set?(s: NetStack, v: string): void };

function parseBool(v: string): boolean {
  const n = Number(v.trim());
  if (!Number.isInteger(n)) throw new KernelError('EINVAL');
  return n !== 0;
}

function file(sb: SuperBlock, knob: Knob): () => Inode {
  const stack = (ctx: AccessContext) => stackOf(ctx.task.nsproxy.net);
  return () => new GenFile(sb, (ctx) => `${knob.get(stack(ctx))}\n`, knob.set ? 0o644 : 0o444, undefined, knob.set && ((data, ctx) => {
    const c = ctx.task.cred;
    if (c.euid !== 0 && !ownerCapable(ctx.task, ctx.task.nsproxy.net, 'CAP_NET_ADMIN')) throw new KernelError('EACCES');
    knob.set!(stack(ctx), data.replace(/\n$/, ''));
  }));
}

const bool = (get: (s: NetStack) => boolean, set: (s: NetStack, v: boolean) => void): Knob => ({
  get: (s) => (get(s) ? '1' : '0'), set: (s, v) => set(s, parseBool(v)),
});

function ipv6Conf(sb: SuperBlock, name: string): Inode {
  const disable = bool(
    (s) => (name === 'all' ? s.sysctl.disableIpv6All : name === 'default' ? s.sysctl.disableIpv6Default : s.need(name).disableIpv6),
    (s, v) => {
      if (name === 'default') { s.sysctl.disableIpv6Default = v; return; }
      const devs = name === 'all' ? s.devices : [s.need(name)];
      if (name === 'all') s.sysctl.disableIpv6All = v;
      for (const d of devs) { d.disableIpv6 = v; ipv6ConfChanged(d); }
    });
  return new GenDir(sb, () => ({
    disable_ipv6: file(sb, disable),
    forwarding: file(sb, bool((s) => s.sysctl.ipForward, (s, v) => { s.sysctl.ipForward = v; })),
    accept_dad: file(sb, { get: () => '1' }),
    dad_transmits: file(sb, { get: () => '1' }),
  }));
}

function ipv4Conf(sb: SuperBlock): Inode {
  return new GenDir(sb, () => ({
    forwarding: file(sb, bool((s) => s.sysctl.ipForward, (s, v) => { s.sysctl.ipForward = v; })),
  }));
}

/** A directory of `all`, `default` and one entry per device of the reader's namespace. */
function confDir(sb: SuperBlock, make: (name: string) => Inode): Inode {
  const names = (ctx: AccessContext) => ['all', 'default', ...stackOf(ctx.task.nsproxy.net).devices.map((d) => d.name)];
  return new GenDir(sb, () => ({}), 0o555, undefined, {
    list: names,
    lookup: (name, ctx) => (names(ctx).includes(name) ? make(name) : undefined),
  });
}

export function sysNetEntries(sb: SuperBlock): Record<string, () => Inode> {
  return {
    core: () => new GenDir(sb, () => ({
      somaxconn: file(sb, { get: (s) => String(s.sysctl.somaxconn), set: (s, v) => { s.sysctl.somaxconn = Number(v) || s.sysctl.somaxconn; } }),
    })),
    ipv4: () => new GenDir(sb, () => ({
      ip_forward: file(sb, bool((s) => s.sysctl.ipForward, (s, v) => { s.sysctl.ipForward = v; })),
      icmp_echo_ignore_all: file(sb, bool((s) => s.sysctl.icmpEchoIgnoreAll, (s, v) => { s.sysctl.icmpEchoIgnoreAll = v; })),
      ip_local_port_range: file(sb, {
        get: (s) => s.sysctl.localPortRange.join('\t'),
        set: (s, v) => {
          const [lo, hi] = v.trim().split(/\s+/).map(Number);
          if (!(lo > 0 && hi <= 65535 && lo < hi)) throw new KernelError('EINVAL');
          s.sysctl.localPortRange = [lo, hi];
        },
      }),
      ip_unprivileged_port_start: file(sb, {
        get: (s) => String(s.sysctl.unprivilegedPortStart),
        set: (s, v) => { s.sysctl.unprivilegedPortStart = Number(v); },
      }),
      ping_group_range: file(sb, { get: () => '0\t2147483647' }),
      conf: () => confDir(sb, () => ipv4Conf(sb)),
    })),
    ipv6: () => new GenDir(sb, () => ({
      conf: () => confDir(sb, (name) => ipv6Conf(sb, name)),
    })),
  };
}
