/**
 * Lays out the namespace map from a snapshot, by hand (no graph library): three stacked sections.
 * - pid namespaces as nested boxes, each listing a few of its processes with their pid inside and on
 *   the host;
 * - network namespaces with their devices as chips, the host's bridge ports under their bridge, and
 *   each veth drawn as a link to its peer in a container's namespace;
 * - mount namespaces with what is mounted at their root and their bind mounts.
 * Boxes flow into as many columns as the width allows, so ten containers stay readable. Every node
 * carries the command that inspects it; the map types it into the terminal when clicked.
 */
import type { NamespaceSnapshot } from '../../sandbox/snapshot.ts';
import { GAP, MapBuilder, grid, type MapLayout } from './mapModel.ts';
import { mntBox } from './mntLayout.ts';
import { network } from './netLayout.ts';
import { pidBox } from './pidLayout.ts';

export { CHAR_W, fit, type MapLayout, type MapLink, type MapNode, type Tone } from './mapModel.ts';

export function layoutMap(snap: NamespaceSnapshot, width: number): MapLayout {
  const w = Math.max(280, Math.floor(width));
  const b = new MapBuilder(snap, w);
  let y = b.section('PID namespaces', 0);
  y += pidBox(b, snap.pidTree, 0, y, w) + GAP * 2;

  y = b.section('Network namespaces', y);
  y = network(b, y) + GAP;

  y = b.section('Mount namespaces', y);
  const mnts = [...snap.mntNamespaces].sort((a, c) => Number(c.inum === snap.host.mnt) - Number(a.inum === snap.host.mnt));
  y = grid(mnts, 0, y, w, 240, (m, x, yy, cw) => mntBox(b, m, x, yy, cw));

  return { width: w, height: Math.ceil(y), nodes: b.nodes, links: b.links };
}
