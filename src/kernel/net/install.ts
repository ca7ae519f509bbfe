import type { Kernel } from '../Kernel.ts';
import { INITIAL_INUM } from '../ns/NsCommon.ts';
import { GenDir, GenFile } from '../procfs/nodes.ts';
import type { Sys } from '../syscalls/Sys.ts';
import type { Task } from '../task/Task.ts';
import type { Inode, SuperBlock } from '../vfs/inode.ts';
import { collectNamespaces, namespaceCreated } from './lifetime.ts';
import { makeDevice, registerDevice } from './link.ts';
import type { NetNamespace } from './NetNamespace.ts';
import { NET_STACK_KEY, NetStack, stackOf } from './NetStack.ts';
import { procIfInet6, procNetDev, procRoute, procSnmp, procSockstat, procTcp, procUdp, procUnix } from './procNet.ts';
import { sysNetEntries } from './procSysNet.ts';
import { createKernelNetlinkSockets } from './sockets/NetlinkSock.ts';

const installed = new WeakSet<Kernel>();

/**
 * Wire the network stack into a kernel: per-namespace state through register_pernet_subsys (every
 * namespace starts with a down `lo` and the kernel's netlink sockets), the `net` system-call table,
 * /proc/PID/net, /proc/sys/net, /sys/class/net and namespace teardown.
 */
export function installNetStack(kernel: Kernel, loadAfter?: Promise<unknown>): void {
  if (installed.has(kernel)) return;
  installed.add(kernel);
  let initial: NetNamespace | undefined;
  kernel.registerPernet({
    name: NET_STACK_KEY,
    init(ns) {
      const stack = new NetStack(kernel, ns);
      ns.pernet.set(NET_STACK_KEY, stack);
      // loopback_net_init: ifindex 1, never up until someone says so.
      registerDevice(stack, makeDevice(stack, { name: 'lo', kind: 'loopback', mac: '00:00:00:00:00:00' }), 1);
      const isInitial = ns.inum === INITIAL_INUM.net;
      if (isInitial) initial = ns; else namespaceCreated(kernel, ns);
      createKernelNetlinkSockets(stack, isInitial);
    },
  });
  // The `net` call table (socket(2), rtnetlink, the ioctls) is a module of its own, read in after
  // boot (or once `loadAfter` settles): nothing on the way to the first prompt needs it. A program
  // that asks for it before it is in sleeps in sys.ext('net'), as socket(2) does while
  // request_module("net-pf-%d") loads a protocol family.
  const code = loadAfter ? loadAfter.then(() => import('./NetCalls.ts'), () => import('./NetCalls.ts')) : import('./NetCalls.ts');
  kernel.loadExtension('net', code.then(({ NetCalls }) => {
    kernel.extensions.set('net', (sys) => new NetCalls(kernel, (sys as Sys).task));
  }));
  kernel.procPidHooks.push((sb, t) => ({ net: () => procNetDir(kernel, sb, t) }));
  kernel.procSysNetHooks.push((sb) => sysNetEntries(sb));
  kernel.sysfsNetHooks.push((ns) => stackOf(ns).devices.map((d) => d.name));
  kernel.onTopologyChange((task) => { if (initial) collectNamespaces(kernel, initial, task); });
}

/** /proc/PID/net: generated from the task's namespace at read time. */
function procNetDir(kernel: Kernel, sb: SuperBlock, t: Task): Inode {
  const file = (gen: (s: NetStack) => string) => () => new GenFile(sb, () => gen(stackOf(t.nsproxy.net)));
  const total = () => [...kernel.netNamespaces].reduce((n, ns) => n + stackOf(ns).sockets.length, 0);
  return new GenDir(sb, () => ({
    dev: file(procNetDev),
    if_inet6: file(procIfInet6),
    route: file(procRoute),
    tcp: file((s) => procTcp(s, false)),
    tcp6: file((s) => procTcp(s, true)),
    udp: file((s) => procUdp(s, false)),
    udp6: file((s) => procUdp(s, true)),
    unix: file(procUnix),
    sockstat: file((s) => procSockstat(s, false, total())),
    sockstat6: file((s) => procSockstat(s, true, 0)),
    snmp: file(procSnmp),
  }));
}
