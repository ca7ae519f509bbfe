import type { Kernel } from '../Kernel.ts';
import { KernelError } from '../errno.ts';
import { Fib } from './fib.ts';
import type { NetDevice } from './NetDevice.ts';
import type { NetNamespace } from './NetNamespace.ts';
import type { NetfilterHook, Conntrack } from './netfilter.ts';
import type { Sock } from './sockets/Sock.ts';

/** Per-namespace sysctls under /proc/sys/net that the model honours. */
export interface NetSysctl {
  ipForward: boolean;
  icmpEchoIgnoreAll: boolean;
  localPortRange: [number, number];
  unprivilegedPortStart: number;
  somaxconn: number;
  /** net.ipv6.conf.{all,default}.disable_ipv6 */
  disableIpv6All: boolean;
  disableIpv6Default: boolean;
}

/**
 * Everything a network namespace owns (struct net's netdev, fib, socket hashes and sysctls). One
 * instance per NetNamespace, created by the pernet init in install.ts and kept in `ns.pernet`.
 */
export class NetStack {
  /** Registered devices in registration order (for_each_netdev), indexed below. */
  readonly devices: NetDevice[] = [];
  /** Next ifindex candidate (net->ifindex, allocated cyclically). */
  ifindexNext = 1;
  readonly fib = new Fib();
  /** Every socket whose sock_net is this namespace, in hash/creation order as the diag dumps see it. */
  readonly sockets: Sock[] = [];
  /** Peer namespace ids as assigned in this namespace (peernet2id). */
  readonly nsids = new Map<NetStack, number>();
  readonly sysctl: NetSysctl = {
    ipForward: false, icmpEchoIgnoreAll: false, localPortRange: [32768, 60999], unprivilegedPortStart: 1024,
    somaxconn: 4096, disableIpv6All: false, disableIpv6Default: false,
  };
  /** NAT hooks (iptables' nat table in spirit), installed by whoever manages this namespace's firewall. */
  readonly netfilter: NetfilterHook[] = [];
  conntrack: Conntrack[] = [];
  alive = true;

  constructor(readonly kernel: Kernel, readonly ns: NetNamespace) {}

  dev(ifindex: number): NetDevice | undefined { return this.devices.find((d) => d.ifindex === ifindex); }
  byName(name: string): NetDevice | undefined { return this.devices.find((d) => d.name === name); }

  /** Resolve a device by name or index, as rtnetlink requests name them. */
  need(ref: string | number): NetDevice {
    const d = typeof ref === 'number' ? this.dev(ref) : this.byName(ref);
    if (!d) throw new KernelError('ENODEV');
    return d;
  }

  get loopback(): NetDevice { return this.devices.find((d) => d.kind === 'loopback')!; }

  /** dev_index_reserve: keep `want` if free here, else the next free index after the last one handed out. */
  allocIfindex(want?: number): number {
    if (want && !this.dev(want)) return want;
    while (this.dev(this.ifindexNext)) this.ifindexNext++;
    return this.ifindexNext++;
  }

  get now(): number { return this.kernel.clock.now(); }
}

export const NET_STACK_KEY = 'inet';

export function stackOf(ns: NetNamespace): NetStack {
  const s = ns.pernet.get(NET_STACK_KEY) as NetStack | undefined;
  if (!s) throw new KernelError('ENOSYS');
  return s;
}
