import { O_RDONLY } from '../../kernel/constants.ts';
import type { NetApi } from '../../kernel/net/api.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import type { Engine } from '../engine/Engine.ts';

/**
 * The bridge driver's per-endpoint plumbing (libnetwork drivers/bridge + osl), in its order:
 * create a veth pair in the host namespace (`veth` + 7 hex each; the peer is registered first, so
 * the container side gets the lower ifindex), enslave the host end to the bridge and bring it up,
 * move the other end into the container's namespace, and there rename it eth0, give it the
 * endpoint's MAC and address, bring it (and lo) up and add the default route.
 */
export interface PlumbRequest {
  bridge: string;
  ifname: string;
  ip: string;
  prefixLen: number;
  gateway: string;
  mac: string;
  defaultRoute: boolean;
  loopback: boolean;
  /** Wait out IPv6 duplicate address detection so fe80 is no longer `tentative` (virtual clock). */
  waitDad: boolean;
}

/** Run `fn` in a short-lived dockerd thread that entered the network namespace of `pid`. */
export function inNetns(engine: Engine, pid: number, fn: (sys: SysApi) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    engine.sys.clone(async (h) => {
      try {
        const fd = h.open(`/proc/${pid}/ns/net`, O_RDONLY);
        h.setns(fd, 'net');
        h.close(fd);
        await fn(h);
        resolve();
      } catch (e) {
        reject(e);
      }
      return 0;
    }, { comm: 'dockerd' });
  });
}

export async function plumb(engine: Engine, pid: number, r: PlumbRequest): Promise<string> {
  const net = await engine.sys.ext<NetApi>('net');
  const name = () => `veth${engine.kernel.random.hex(7)}`;
  const hostName = name();
  const tmpName = name();
  net.linkAdd({ kind: 'veth', name: hostName, peer: { name: tmpName } });
  const host = net.link(hostName)!;
  const peer = net.link(tmpName)!;
  const br = net.link(r.bridge);
  if (br) net.linkSet(host.ifindex, { master: br.ifindex });
  net.linkSet(host.ifindex, { up: true });
  net.linkSet(peer.ifindex, { netns: { pid } });
  await inNetns(engine, pid, async (sys) => {
    const n = await sys.ext<NetApi>('net');
    const dev = n.link(tmpName)!;
    n.linkSet(dev.ifindex, { name: r.ifname, address: r.mac });
    n.addrAdd({ dev: dev.ifindex, family: 4, local: r.ip, prefixlen: r.prefixLen, broadcast: '+' });
    n.linkSet(dev.ifindex, { up: true });
    if (r.loopback) {
      const lo = n.link('lo');
      if (lo) n.linkSet(lo.ifindex, { up: true });
    }
    if (r.defaultRoute) n.routeAdd({ family: 4, dst: '0.0.0.0', dstLen: 0, gateway: r.gateway, oif: dev.ifindex });
    if (r.waitDad) await n.settleDad();
  });
  if (r.waitDad) await net.settleDad(host.ifindex);
  return hostName;
}

/** Delete the host end if the kernel has not already (a veth dies with its peer's namespace). */
export function unplumb(engine: Engine, hostVeth: string): void {
  if (!hostVeth) return;
  try {
    const net = engine.sys.extNow<NetApi>('net');
    const l = net.links().find((x) => x.name === hostVeth);
    if (l) net.linkDel(l.ifindex);
  } catch { /* no network stack, or already gone */ }
}
