import type { NetStack } from './NetStack.ts';

/**
 * Peer namespace ids (net/core/net_namespace.c): each namespace numbers the namespaces it refers to,
 * lowest free id first. An id is allocated the first time the kernel reports a link whose other end
 * lives in that namespace (peernet2id_alloc), which is why `ip link` shows `link-netnsid 0` on both
 * sides of a container's veth pair.
 */
export function peernet2id(net: NetStack, peer: NetStack): number {
  return net === peer ? -1 : net.nsids.get(peer) ?? -1;
}

export function peernet2idAlloc(net: NetStack, peer: NetStack): number {
  if (net === peer || !peer.alive) return -1;
  const have = net.nsids.get(peer);
  if (have !== undefined) return have;
  const used = new Set(net.nsids.values());
  let id = 0;
  while (used.has(id)) id++;
  net.nsids.set(peer, id);
  return id;
}

/** `ip netns set NAME ID`: an explicit id, refused if either side already has one. */
export function setNsid(net: NetStack, peer: NetStack, id: number): boolean {
  if (net.nsids.has(peer) || [...net.nsids.values()].includes(id)) return false;
  net.nsids.set(peer, id);
  return true;
}

/** A namespace going away disappears from every other namespace's id table. */
export function forgetNsids(dead: NetStack, all: Iterable<NetStack>): void {
  for (const s of all) s.nsids.delete(dead);
  dead.nsids.clear();
}
