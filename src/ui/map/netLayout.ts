/** The map's network section: namespaces with their devices as chips, veth pairs as cables. */
import type { NetDeviceInfo, NetNsInfo } from '../../sandbox/snapshot.ts';
import { CHIP_H, CHIP_W, GAP, PAD, TITLE, fit, type MapBuilder, type MapNode, type Tone } from './mapModel.ts';

export function chip(b: MapBuilder, ns: NetNsInfo, d: NetDeviceInfo, x: number, y: number, tone: Tone, pid: number | undefined): void {
  const v4 = d.addrs.find((a) => !a.includes(':'));
  const state = d.operstate === 'UP' || d.operstate === 'UNKNOWN' ? '' : d.operstate.toLowerCase();
  const detail = [v4 ?? (d.master ? `port of ${d.master}` : undefined), state].filter(Boolean).join(' · ') || d.kind;
  const inHost = ns.inum === b.snap.host.net;
  const cmd = `ip a show ${d.name}`;
  const where = inHost ? cmd : pid ? `sudo nsenter -t ${pid} -n ${cmd}` : ns.names[0] ? `sudo ip netns exec ${ns.names[0]} ${cmd}` : undefined;
  b.nodes.push({
    id: `dev-${ns.inum}-${d.ifindex}`,
    kind: 'dev',
    x,
    y,
    w: CHIP_W,
    h: CHIP_H,
    title: fit(d.name, CHIP_W - 10),
    detail: fit(detail, CHIP_W - 10),
    tone,
    command: where,
    label: `device ${d.name} (${d.kind})${v4 ? `, ${v4}` : ''}${d.master ? `, port of ${d.master}` : ''}`,
  });
  b.chips.set(`${ns.inum}/${d.ifindex}`, { x: x + CHIP_W / 2, top: y, bottom: y + CHIP_H, left: x, right: x + CHIP_W, mid: y + CHIP_H / 2 });
}

/** Lays chips in rows inside [x, x+w); returns the height used. */
export function chipRows(b: MapBuilder, ns: NetNsInfo, devices: NetDeviceInfo[], x: number, y: number, w: number, tone: Tone, pid: number | undefined): number {
  if (!devices.length) return 0;
  const perRow = Math.max(1, Math.floor((w + GAP) / (CHIP_W + GAP)));
  devices.forEach((d, i) => chip(b, ns, d, x + (i % perRow) * (CHIP_W + GAP), y + Math.floor(i / perRow) * (CHIP_H + GAP), tone, pid));
  return Math.ceil(devices.length / perRow) * (CHIP_H + GAP) - GAP;
}

export function netNode(b: MapBuilder, ns: NetNsInfo, x: number, y: number, w: number): MapNode {
  const host = ns.inum === b.snap.host.net;
  const who = b.owners('net', ns.inum, ns.names, ns.pids);
  const pid = ns.pids[0];
  const node: MapNode = {
    id: `netns-${ns.inum}`,
    kind: 'ns',
    x,
    y,
    w,
    h: 0,
    title: fit(`${who} · net:[${ns.inum}]`, w - 2 * PAD),
    tone: host ? 'host' : 'own',
    command: host ? 'ip a' : pid ? `sudo nsenter -t ${pid} -n ip a` : ns.names[0] ? `sudo ip netns exec ${ns.names[0]} ip a` : undefined,
    label: `network namespace ${ns.inum} (${who}), ${ns.devices.length} devices`,
  };
  b.nodes.push(node);
  return node;
}

/** A namespace other than the host's: a box with its devices in rows. */
export function netBox(b: MapBuilder, ns: NetNsInfo, x: number, y: number, w: number): number {
  const box = netNode(b, ns, x, y, w);
  const cy = y + TITLE + 4;
  box.h = chipRows(b, ns, ns.devices, x + PAD, cy, w - 2 * PAD, 'own', ns.pids[0]) + TITLE + 4 + PAD;
  return box.h;
}

/**
 * The network section. The host's namespace is a column on the right: its own devices on top, then
 * the host ends of veth pairs, each level with the namespace its peer lives in, which are stacked
 * on the left. A veth is then a short horizontal cable, and ten containers make ten parallel cables
 * instead of a tangle. Bridge ports hang below their bridge on one vertical line.
 */
export function network(b: MapBuilder, y: number): number {
  const snap = b.snap;
  const hostNet = snap.netNamespaces.find((n) => n.inum === snap.host.net);
  const others = snap.netNamespaces.filter((n) => n !== hostNet && (n.pids.length > 0 || n.names.length > 0));
  if (!hostNet) return others.reduce((yy, ns) => yy + netBox(b, ns, 0, yy, b.width) + GAP, y);

  const linked = new Set(hostNet.devices.filter((d) => d.peer && d.peer.netns !== hostNet.inum).map((d) => d.peer!.netns));
  const hostW = Math.min(b.width, Math.max(CHIP_W + 2 * PAD, Math.floor(b.width * 0.36)));
  const cable = 28;
  const leftW = b.width - hostW - cable;
  const stacked = others.length > 0 && leftW >= CHIP_W + 2 * PAD;
  const hostX = stacked ? b.width - hostW : 0;
  const hostBox = netNode(b, hostNet, hostX, y, stacked ? hostW : b.width);
  const ports = hostNet.devices.filter((d) => d.peer && d.peer.netns !== hostNet.inum);
  // Bridges start a row of their own in the first column, so their ports hang straight below them.
  const own = hostNet.devices.filter((d) => !ports.includes(d) && d.kind !== 'bridge');
  const bridges = hostNet.devices.filter((d) => !ports.includes(d) && d.kind === 'bridge');
  const top = y + TITLE + 4;
  let hy = top + chipRows(b, hostNet, own, hostX + PAD, top, hostBox.w - 2 * PAD, 'host', 1) + GAP;
  if (bridges.length) hy += chipRows(b, hostNet, bridges, hostX + PAD, hy, hostBox.w - 2 * PAD, 'host', 1) + GAP;

  let ly = hy;
  if (!stacked) {
    // Too narrow for two columns: host ports in rows under the host's devices, namespaces below.
    hy += chipRows(b, hostNet, ports, hostX + PAD, hy, hostBox.w - 2 * PAD, 'host', 1) + GAP;
    hostBox.h = hy - y - GAP + PAD;
    ly = y + hostBox.h + GAP;
    for (const ns of others) ly += netBox(b, ns, 0, ly, b.width) + GAP;
  } else {
    // Namespaces with a cable to the host first, level with their host ends; the rest after.
    const order = [...others.filter((n) => linked.has(n.inum)), ...others.filter((n) => !linked.has(n.inum))];
    for (const ns of order) {
      ly += netBox(b, ns, 0, ly, leftW) + GAP;
      for (const d of ports.filter((p) => p.peer!.netns === ns.inum)) {
        const peer = b.chips.get(`${ns.inum}/${d.peer!.ifindex}`);
        const want = peer ? peer.top : hy;
        chip(b, hostNet, d, hostX + PAD, Math.max(want, hy), 'host', 1);
        hy = Math.max(want, hy) + CHIP_H + GAP;
      }
    }
    // Host ends whose peer is not drawn (its namespace has no process and no name).
    for (const d of ports.filter((p) => !b.chips.has(`${hostNet.inum}/${p.ifindex}`))) {
      chip(b, hostNet, d, hostX + PAD, hy, 'host', 1);
      hy += CHIP_H + GAP;
    }
    hostBox.h = Math.max(hy, ly) - y - GAP + PAD;
  }

  for (const d of hostNet.devices) {
    const from = b.chips.get(`${hostNet.inum}/${d.ifindex}`);
    if (!from) continue;
    if (d.peer && d.peer.netns !== hostNet.inum) {
      const to = b.chips.get(`${d.peer.netns}/${d.peer.ifindex}`);
      if (to && stacked) b.links.push({ id: `veth-${d.ifindex}`, kind: 'veth', x1: from.left, y1: from.mid, x2: to.right, y2: to.mid });
      else if (to) b.links.push({ id: `veth-${d.ifindex}`, kind: 'veth', x1: from.x, y1: from.bottom, x2: to.x, y2: to.top });
    }
    const bridge = d.master ? hostNet.devices.find((br) => br.name === d.master) : undefined;
    const to = bridge && b.chips.get(`${hostNet.inum}/${bridge.ifindex}`);
    if (to) b.links.push({ id: `port-${d.ifindex}`, kind: 'port', x1: from.x, y1: from.top, x2: to.x, y2: to.bottom });
  }
  return Math.max(y + hostBox.h, ly) + GAP;
}
