import type { Kernel } from '../Kernel.ts';
import type { Task } from '../task/Task.ts';
import type { MountNamespace } from '../vfs/MountNamespace.ts';
import { nsOf } from '../vfs/inode.ts';
import { setAdmin, unregister, moveDevice } from './link.ts';
import type { NetNamespace } from './NetNamespace.ts';
import { stackOf, type NetStack } from './NetStack.ts';
import { forgetNsids } from './nsid.ts';
import { sockOfFile } from './sockets/Sock.ts';

/**
 * Network namespace lifetime (net/core/net_namespace.c). A namespace lives while something holds a
 * reference: a live task's nsproxy, an open nsfs file (/proc/PID/ns/net, /run/netns/NAME), a bind
 * mount of one in a mount namespace still in use, or an open socket created in it. When the last one
 * goes, cleanup_net runs: hardware moves back to the initial namespace (default_device_exit),
 * virtual devices are unregistered — a veth takes its peer in the other namespace with it.
 */
/**
 * For each namespace, the last live task seen in it. While that task is alive and still in the
 * namespace, the namespace is held and needs no search: with many containers, every clone, exec,
 * mount and exit would otherwise scan every task. Only namespaces without such a witness are
 * examined on a topology change: new ones, those whose witness just left (exited, unshare, setns:
 * the kernel names the task), and those held by something other than a task (files, mounts,
 * sockets) — so a change costs the namespaces concerned, not all of them (issue #7).
 */
const witnesses = new WeakMap<NetNamespace, Task>();
const witnessed = new WeakMap<Task, Set<NetNamespace>>();
const unverified = new WeakMap<Kernel, Set<NetNamespace>>();

function unverifiedOf(kernel: Kernel): Set<NetNamespace> {
  let s = unverified.get(kernel);
  if (!s) unverified.set(kernel, s = new Set());
  return s;
}

/** A namespace was created: it has no witness yet. */
export function namespaceCreated(kernel: Kernel, ns: NetNamespace): void { unverifiedOf(kernel).add(ns); }

function witness(ns: NetNamespace, t: Task): void {
  witnesses.set(ns, t);
  let s = witnessed.get(t);
  if (!s) witnessed.set(t, s = new Set());
  s.add(ns);
}

/** The namespaces other than `initial` that nothing holds any more. */
function unheldNamespaces(kernel: Kernel, initial: NetNamespace): Set<NetNamespace> {
  const suspects = unverifiedOf(kernel);
  const unheld = new Set<NetNamespace>();
  for (const ns of suspects) {
    if (ns === initial || !kernel.netNamespaces.has(ns)) { suspects.delete(ns); continue; }
    const w = witnesses.get(ns);
    if (w && w.alive && w.nsproxy.net === ns) { witness(ns, w); suspects.delete(ns); } else unheld.add(ns);
  }
  // Cheapest references first, stopping as soon as every namespace is known to be held.
  // A zombie has already dropped its namespaces (exit_task_namespaces).
  for (const t of kernel.tasks) {
    if (unheld.size === 0) return unheld;
    if (t.alive && unheld.delete(t.nsproxy.net)) { witness(t.nsproxy.net, t); suspects.delete(t.nsproxy.net); }
  }
  const mnts = new Set<MountNamespace>();
  for (const t of kernel.tasks) {
    if (unheld.size === 0) return unheld;
    if (!t.alive) continue;
    mnts.add(t.nsproxy.mnt);
    if (!t.fdTable) continue;
    for (const f of t.fdTable.files()) {
      const ns = f.inode && nsOf(f.inode);
      if (ns?.type === 'net') unheld.delete(ns as NetNamespace);
      const s = sockOfFile(f);
      if (s) unheld.delete(s.stack.ns);
    }
  }
  for (const m of mnts) {
    if (unheld.size === 0) return unheld;
    for (const mount of m.mounts()) {
      const ns = nsOf(mount.root);
      if (ns?.type === 'net') unheld.delete(ns as NetNamespace);
    }
  }
  return unheld;
}

let collecting = false;

/** Destroy every namespace nothing holds any more. Runs on each topology change. */
export function collectNamespaces(kernel: Kernel, initial: NetNamespace, left?: Task): void {
  // Before the re-entrancy guard: a task that leaves during a teardown must still be noted.
  if (left) {
    for (const ns of witnessed.get(left) ?? []) unverifiedOf(kernel).add(ns);
    witnessed.delete(left);
  }
  if (collecting) return;
  collecting = true;
  try {
    const unheld = unheldNamespaces(kernel, initial);
    // In creation order, as before; the common case (nothing to destroy) costs nothing.
    if (unheld.size) for (const ns of [...kernel.netNamespaces]) if (unheld.has(ns)) destroy(kernel, ns, stackOf(initial));
  } finally {
    collecting = false;
  }
}

function destroy(kernel: Kernel, ns: NetNamespace, init: NetStack): void {
  const stack = stackOf(ns);
  for (const ops of kernel.pernetOps) ops.exit?.(ns);
  for (const dev of [...stack.devices].reverse()) {
    if (!dev.registered) continue;
    if (dev.kind === 'ether') {
      // default_device_exit: physical devices return home, renamed devN if the name is taken.
      if (dev.adminUp) setAdmin(dev, false);
      if (init.byName(dev.name)) dev.name = `dev${dev.ifindex}`;
      moveDevice(dev, init);
    } else {
      const peer = dev.peer;
      unregister(dev);
      if (peer?.registered) unregister(peer);
    }
  }
  for (const s of [...stack.sockets]) s.unhash();
  stack.alive = false;
  forgetNsids(stack, [...kernel.netNamespaces].map(stackOf));
  kernel.netNamespaces.delete(ns);
}
