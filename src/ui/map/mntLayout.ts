/** The map's mount section: each mount namespace with what its root is and its bind mounts. */
import type { MntNsInfo } from '../../sandbox/snapshot.ts';
import { PAD, ROW, TITLE, fit, type MapBuilder } from './mapModel.ts';

export function mntBox(b: MapBuilder, m: MntNsInfo, x: number, y: number, w: number): number {
  const host = m.inum === b.snap.host.mnt;
  const who = b.owners('mnt', m.inum, [], m.pids);
  const pid = m.pids[0];
  // runc masks parts of /proc and /sys with bind mounts; docker binds its /etc files. Volumes first.
  const binds = m.binds
    .filter((b) => !/^\/(proc|sys)(\/|$)/.test(b.target))
    .sort((a, b) => Number(a.target.startsWith('/etc/')) - Number(b.target.startsWith('/etc/')));
  const lines = [
    fit(`/ = ${m.root.source} (${m.root.fstype}) · ${m.mountCount} mounts`, w - 2 * PAD),
    ...binds.slice(0, 3).map((b) => fit(`${b.target} ← ${b.source}:${b.root}`, w - 2 * PAD)),
  ];
  if (binds.length > 3) lines.push(`+ ${binds.length - 3} more bind mounts`);
  const h = TITLE + 4 + lines.length * ROW + PAD;
  b.nodes.push({
    id: `mntns-${m.inum}`,
    kind: 'ns',
    x,
    y,
    w,
    h,
    title: fit(`${who} · mnt:[${m.inum}]`, w - 2 * PAD),
    lines,
    tone: host ? 'host' : 'own',
    command: host ? 'cat /proc/mounts' : pid ? `sudo cat /proc/${pid}/mounts` : undefined,
    label: `mount namespace ${m.inum} (${who}), root ${m.root.source} ${m.root.fstype}, ${m.mountCount} mounts`,
  });
  return h;
}
