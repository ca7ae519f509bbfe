import { KernelError } from '../errno.ts';
import { devCarrierChanged, devDown, devUnregister, devUp } from './addrconf.ts';
import { parseMac, randomMac } from './inet.ts';
import { NetDevice, type DevKind } from './NetDevice.ts';
import type { NetStack } from './NetStack.ts';
import { peernet2idAlloc } from './nsid.ts';

/**
 * Device lifecycle (net/core/dev.c, drivers/net/veth.c, net/bridge/br_if.c): register, open/close,
 * carrier propagation, enslaving, renaming and moving between namespaces.
 */

/** dev_valid_name: at most 15 bytes, not . or .., no '/', ':' or whitespace. */
export function validName(name: string): boolean {
  return name.length > 0 && name.length < 16 && name !== '.' && name !== '..' && !/[/:\s]/.test(name);
}

/** dev_alloc_name: the first free "veth%d"-style name. */
function allocName(stack: NetStack, pattern: string): string {
  for (let i = 0; ; i++) {
    const n = pattern.replace('%d', String(i));
    if (!stack.byName(n)) return n;
  }
}

export function makeDevice(stack: NetStack, opts: { name?: string; kind: DevKind; mac?: string; mtu?: number; txqlen?: number }): NetDevice {
  const name = opts.name ?? `${opts.kind === 'bridge' ? 'bridge' : opts.kind}%d`;
  if (!name.includes('%d') && !validName(name)) throw new KernelError('EINVAL');
  if (opts.mac && opts.kind !== 'loopback' && !validUnicast(opts.mac)) throw new KernelError('EADDRNOTAVAIL');
  return new NetDevice({
    name, kind: opts.kind, mtu: opts.mtu, txqlen: opts.txqlen,
    mac: opts.mac ?? randomMac(() => stack.kernel.random.next()), macAssign: opts.mac ? 'set' : 'random',
  });
}

function validUnicast(mac: string): boolean {
  const b = parseMac(mac);
  return !!b && !(b[0] & 1) && b.some((x) => x !== 0);
}

/** register_netdevice: a unique name and an ifindex in the namespace. */
export function registerDevice(stack: NetStack, dev: NetDevice, ifindex?: number): void {
  if (dev.name.includes('%d')) dev.name = allocName(stack, dev.name);
  if (stack.byName(dev.name)) throw new KernelError('EEXIST');
  dev.ifindex = stack.allocIfindex(ifindex);
  dev.ns = stack;
  dev.registered = true;
  // A new inet6_dev takes the namespace's conf/default values.
  dev.disableIpv6 = stack.sysctl.disableIpv6Default;
  stack.devices.push(dev);
}

/** veth_newlink: the peer is registered first (so it gets the lower ifindex). */
export function createVeth(stack: NetStack, dev: NetDevice, peer: NetDevice, peerStack: NetStack): void {
  if (stack.byName(dev.name) || (peerStack.byName(peer.name) && peer.name !== dev.name)) throw new KernelError('EEXIST');
  if (stack === peerStack && peer.name === dev.name) throw new KernelError('EEXIST');
  registerDevice(peerStack, peer);
  try {
    registerDevice(stack, dev);
  } catch (e) {
    unregister(peer);
    throw e;
  }
  dev.peer = peer;
  peer.peer = dev;
  linkNetnsids(dev);
}

function linkNetnsids(dev: NetDevice): void {
  if (dev.peer && dev.peer.ns !== dev.ns) {
    peernet2idAlloc(dev.ns, dev.peer.ns);
    peernet2idAlloc(dev.peer.ns, dev.ns);
  }
}

/** rtnl_dellink: a veth takes its peer along; a bridge releases its ports; hardware stays. */
export function deleteLink(dev: NetDevice): void {
  if (dev.kind === 'loopback' || dev.kind === 'ether') throw new KernelError('ENOTSUP');
  const peer = dev.peer;
  unregister(dev);
  if (peer?.registered) unregister(peer);
}

/** unregister_netdevice: close, leave the bridge, lose addresses and routes, vanish. */
export function unregister(dev: NetDevice): void {
  if (!dev.registered) return;
  if (dev.adminUp) setAdmin(dev, false);
  if (dev.master) setMaster(dev, null);
  for (const p of [...dev.ports]) setMaster(p, null);
  devUnregister(dev);
  const stack = dev.ns;
  stack.devices.splice(stack.devices.indexOf(dev), 1);
  dev.registered = false;
  if (dev.peer) {
    const peer = dev.peer;
    dev.peer = null;
    peer.peer = null;
    if (peer.registered) refresh([peer]);
  }
}

/** dev_open / dev_close. */
export function setAdmin(dev: NetDevice, up: boolean): void {
  if (dev.adminUp === up) return;
  dev.adminUp = up;
  if (up) {
    dev.qdisc ??= dev.kind === 'ether' && dev.txqlen > 0 ? 'fq_codel' : 'noqueue';
    devUp(dev);
  } else {
    devDown(dev);
  }
  refresh([dev, ...(dev.peer ? [dev.peer] : [])]);
}

/**
 * Recompute carriers and bridge port states until nothing changes: a veth has carrier when both
 * ends are up (veth_open), a bridge when one of its ports forwards (br_port_state_selection).
 */
export function refresh(start: NetDevice[]): void {
  const queue = [...start];
  for (let guard = 0; queue.length && guard < 1000; guard++) {
    const d = queue.shift()!;
    if (!d.registered) continue;
    if (d.kind === 'veth' || d.kind === 'bridge') {
      const want = d.kind === 'veth' ? !!d.peer && d.adminUp && d.peer.adminUp : d.ports.some((p) => p.brPort!.state === 'forwarding');
      if (want !== d.carrier) {
        d.carrier = want;
        d.carrierChanges++;
        devCarrierChanged(d);
        if (d.peer) queue.push(d.peer);
        if (d.master) queue.push(d);
      }
    }
    const ports = d.kind === 'bridge' ? d.ports : d.master ? [d] : [];
    for (const p of ports) {
      const state = p.master!.adminUp && p.running ? 'forwarding' : 'disabled';
      if (p.brPort!.state !== state) { p.brPort!.state = state; queue.push(p.master!); }
    }
  }
}

/** br_add_if / br_del_if (`ip link set X master BR` / `nomaster`). */
export function setMaster(dev: NetDevice, br: NetDevice | null): void {
  if (br === dev.master) return;
  if (br) {
    if (br.kind !== 'bridge') throw new KernelError('ENOTSUP');
    if (br === dev) throw new KernelError('ELOOP');
    if (dev.kind === 'loopback' || dev.kind === 'bridge' && dev.ports.includes(br)) throw new KernelError('EINVAL');
    if (br.ns !== dev.ns) throw new KernelError('EINVAL');
  }
  const old = dev.master;
  if (old) {
    old.ports.splice(old.ports.indexOf(dev), 1);
    dev.master = null;
    dev.brPort = null;
    dev.promiscuity--;
    recalcBridgeMac(old);
    refresh([old]);
  }
  if (br) {
    const used = new Set(br.ports.map((p) => p.brPort!.portNo));
    let portNo = 1;
    while (used.has(portNo)) portNo++;
    dev.master = br;
    dev.brPort = { state: 'disabled', portNo, priority: 32, cost: 2 };
    dev.promiscuity++;
    br.ports.push(dev);
    recalcBridgeMac(br);
    refresh([dev, br]);
  }
}

/** br_stp_recalculate_bridge_id: a bridge whose MAC was not set takes the lowest port MAC. */
function recalcBridgeMac(br: NetDevice): void {
  if (br.macAssign === 'set' || br.ports.length === 0) return;
  br.mac = br.ports.map((p) => p.mac).sort()[0];
}

/** dev_change_net_namespace. */
export function moveDevice(dev: NetDevice, target: NetStack): void {
  if (target === dev.ns) return;
  if (dev.netnsLocal) throw new KernelError('EINVAL');
  if (target.byName(dev.name)) throw new KernelError('EEXIST');
  const old = dev.ns;
  if (dev.adminUp) setAdmin(dev, false);
  if (dev.master) setMaster(dev, null);
  devUnregister(dev);
  old.devices.splice(old.devices.indexOf(dev), 1);
  // The RTM_DELLINK sent in the old namespace carries IFLA_NEW_NETNSID: the old side numbers the new.
  peernet2idAlloc(old, target);
  dev.ifindex = target.allocIfindex(dev.ifindex);
  dev.ns = target;
  dev.disableIpv6 = target.sysctl.disableIpv6Default;
  target.devices.push(dev);
  linkNetnsids(dev);
  refresh([dev, ...(dev.peer ? [dev.peer] : [])]);
}

/** dev_change_name: only while down (no IFF_LIVE_RENAME_OK). */
export function rename(dev: NetDevice, name: string): void {
  if (name === dev.name) return;
  if (!validName(name)) throw new KernelError('EINVAL');
  if (dev.adminUp) throw new KernelError('EBUSY');
  if (dev.ns.byName(name)) throw new KernelError('EEXIST');
  const old = dev.name;
  dev.name = name;
  // Labels follow the device name, aliases keep their suffix (eth0:1 → new:1).
  for (const a of dev.addrs4) if (a.label === old || a.label.startsWith(`${old}:`)) a.label = name + a.label.slice(old.length);
}

export function setMtu(dev: NetDevice, mtu: number): void {
  if (mtu < dev.minMtu) throw new KernelError('EINVAL', 'mtu less than device minimum');
  if (dev.maxMtu > 0 && mtu > dev.maxMtu) throw new KernelError('EINVAL', 'mtu greater than device maximum');
  dev.mtu = mtu;
}

export function setMac(dev: NetDevice, mac: string): void {
  if (dev.kind === 'loopback') throw new KernelError('ENOTSUP');
  if (!validUnicast(mac)) throw new KernelError('EADDRNOTAVAIL');
  dev.mac = mac.toLowerCase();
  dev.macAssign = 'set';
  if (dev.master) recalcBridgeMac(dev.master);
}
