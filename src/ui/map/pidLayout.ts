/** The map's pid section: nested boxes, each listing a few processes with their pid inside and on the host. */
import type { IsolatedRoot, PidNsNode, ProcessInfo } from '../../sandbox/snapshot.ts';
import { GAP, PAD, ROW, TITLE, columns, fit, type MapBuilder, type MapNode } from './mapModel.ts';

/** Host processes worth showing: init, the container engine, and whatever starts a container. */
function hostHighlights(node: PidNsNode, isolated: IsolatedRoot[]): ProcessInfo[] {
  const wanted = new Set<number>();
  const byPid = new Map(node.processes.map((p) => [p.hostPid, p]));
  for (const root of isolated) {
    const p = byPid.get(root.hostPid);
    if (p) wanted.add(p.ppid).add(p.hostPid);
  }
  return node.processes.filter((p) => !p.kthread && (p.pid === 1 || /^(dockerd|containerd|containerd-shim.*)$/.test(p.comm) || wanted.has(p.hostPid)));
}

export function pidBox(b: MapBuilder, node: PidNsNode, x: number, y: number, w: number): number {
  const host = node.level === 0;
  let shown = host ? hostHighlights(node, b.snap.isolated) : node.processes.slice(0, 5);
  // One shim per container: past two, they are summed up in one line instead of one line each.
  const shims = shown.filter((p) => p.comm.startsWith('containerd-shim'));
  const shimSummary = shims.length > 2 ? shims.length : 0;
  if (shimSummary) shown = shown.filter((p) => !shims.includes(p));
  const hidden = node.processes.length - shown.length - shimSummary;
  const first = node.processes[0];
  const who = host ? 'host' : b.owners('pid', node.inum, [], node.processes.map((p) => p.hostPid));
  const box: MapNode = {
    id: `pidns-${node.inum}`,
    kind: 'ns',
    x,
    y,
    w,
    h: 0,
    title: fit(`${who} · pid:[${node.inum}]`, w - 2 * PAD),
    tone: host ? 'host' : 'own',
    command: host ? 'ps aux' : first ? `sudo nsenter -t ${first.hostPid} -p -m ps aux` : undefined,
    label: `pid namespace ${node.inum} (${who}), ${node.processes.length} processes`,
  };
  b.nodes.push(box);
  let cy = y + TITLE + 4;
  for (const p of shown) {
    const inside = host ? `${p.pid}` : `${p.pid} (host ${p.hostPid})`;
    b.nodes.push({
      id: `proc-${p.hostPid}`,
      kind: 'proc',
      x: x + PAD,
      y: cy,
      w: w - 2 * PAD,
      h: ROW,
      title: fit(`${inside.padEnd(host ? 6 : 14)} ${p.cmd}`, w - 2 * PAD - 4),
      tone: box.tone,
      command: `sudo ls -l /proc/${p.hostPid}/ns`,
      label: `process ${p.cmd}, pid ${p.pid}${host ? '' : `, host pid ${p.hostPid}`}`,
    });
    cy += ROW;
  }
  if (shimSummary) {
    b.nodes.push({
      id: `shims-${node.inum}`, kind: 'proc', x: x + PAD, y: cy, w: w - 2 * PAD, h: ROW, tone: box.tone,
      title: fit(`${shims[0]!.hostPid}…  ${shimSummary} × containerd-shim-runc-v2, one per container`, w - 2 * PAD - 4),
      label: `${shimSummary} containerd shims, one per container`,
    });
    cy += ROW;
  }
  if (hidden > 0) {
    b.nodes.push({ id: `more-${node.inum}`, kind: 'proc', x: x + PAD, y: cy, w: w - 2 * PAD, h: ROW, title: `+ ${hidden} more${host ? " (kernel threads, services…)" : ""}`, tone: box.tone, label: `${hidden} more processes` });
    cy += ROW;
  }
  if (node.children.length) {
    cy += 4;
    const { cols, w: cw } = columns(w - 2 * PAD, 200);
    for (let i = 0; i < node.children.length; i += cols) {
      let rowH = 0;
      node.children.slice(i, i + cols).forEach((child, j) => {
        rowH = Math.max(rowH, pidBox(b, child, x + PAD + j * (cw + GAP), cy, cw));
      });
      cy += rowH + GAP;
    }
    cy -= GAP;
  }
  box.h = cy - y + PAD;
  return box.h;
}
