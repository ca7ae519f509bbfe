import { describe, expect, test } from 'vitest';
import type { IsolatedRoot, NamespaceSnapshot, NetNsInfo, NsSet } from '../../sandbox/snapshot.ts';
import { layoutMap, type MapNode } from './mapLayout.ts';

const HOST: NsSet = { pid: 4026531836, net: 4026531833, mnt: 4026531832, uts: 4026531838, ipc: 4026531839, cgroup: 4026531835 };
const dev = (ifindex: number, name: string, extra: Partial<NetNsInfo['devices'][number]> = {}) => ({
  ifindex, name, kind: 'veth' as const, up: true, operstate: 'UP', mac: '02:42:ac:11:00:02', addrs: [] as string[], ...extra,
});

/** The host plus `n` default docker containers (own pid, net, mnt, uts, ipc), each on docker0 by a veth. */
function machine(n: number): NamespaceSnapshot {
  const isolated: IsolatedRoot[] = [];
  const hostDevices: NetNsInfo['devices'] = [
    dev(1, 'lo', { kind: 'loopback', addrs: ['127.0.0.1/8'] }),
    dev(2, 'eth0', { kind: 'ether', addrs: ['10.0.2.15/24'] }),
    dev(3, 'docker0', { kind: 'bridge', addrs: ['172.17.0.1/16'] }),
  ];
  const nets: NetNsInfo[] = [];
  const children = [];
  for (let i = 0; i < n; i++) {
    const base = 4026532200 + i * 10;
    const ns: NsSet = { pid: base, net: base + 1, mnt: base + 2, uts: base + 3, ipc: base + 4, cgroup: HOST.cgroup };
    const hostPid = 2000 + i * 3;
    isolated.push({ hostPid, pid: 1, comm: 'sleep', cmd: 'sleep 1000', hostname: `c0ffee${String(i).padStart(6, '0')}`, ns, sharesWithHost: { pid: false, net: false, mnt: false, uts: false, ipc: false, cgroup: true } });
    hostDevices.push(dev(10 + i, `veth${i}abcdef`, { master: 'docker0', peer: { netns: ns.net, ifindex: 2, name: 'eth0' } }));
    nets.push({ inum: ns.net, names: [], pids: [hostPid], devices: [dev(1, 'lo', { kind: 'loopback' }), dev(2, 'eth0', { addrs: [`172.17.0.${i + 2}/16`], peer: { netns: HOST.net, ifindex: 10 + i, name: `veth${i}abcdef` } })] });
    children.push({ inum: ns.pid, level: 1, children: [], processes: [{ hostPid, pid: 1, ppid: 1999, comm: 'sleep', cmd: 'sleep 1000', uid: 0, kthread: false, ns }] });
  }
  return {
    version: 1,
    host: { ...HOST, hostname: 'archlinux' },
    pidTree: { inum: HOST.pid, level: 0, children, processes: [{ hostPid: 1, pid: 1, ppid: 0, comm: 'systemd', cmd: '/sbin/init', uid: 0, kthread: false, ns: HOST }] },
    netNamespaces: [{ inum: HOST.net, names: [], pids: [1], devices: hostDevices }, ...nets],
    mntNamespaces: [{ inum: HOST.mnt, root: { target: '/', source: '/dev/sda1', fstype: 'ext4', root: '/' }, mountCount: 11, binds: [], pids: [1] }],
    utsNamespaces: [],
    ipcNamespaces: [],
    isolated,
  };
}

function overlaps(a: MapNode, b: MapNode): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function contains(outer: MapNode, inner: MapNode): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

describe('layoutMap', () => {
  test.each([320, 500, 900])('ten containers at %i px: every box fits, no two boxes overlap unless nested', (width) => {
    const layout = layoutMap(machine(10), width);
    const boxes = layout.nodes.filter((n) => n.kind !== 'section');
    for (const n of boxes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x + n.w).toBeLessThanOrEqual(layout.width + 0.001);
      expect(n.y + n.h).toBeLessThanOrEqual(layout.height);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (overlaps(a, b)) expect(contains(a, b) || contains(b, a), `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    expect(layout.nodes.filter((n) => n.id.startsWith('pidns-'))).toHaveLength(11);
    expect(layout.links.filter((l) => l.kind === 'veth')).toHaveLength(10);
    expect(layout.links.filter((l) => l.kind === 'port')).toHaveLength(10);
  });

  test('every namespace and device can be inspected with a command typed on the host', () => {
    const layout = layoutMap(machine(2), 600);
    const command = (id: string) => layout.nodes.find((n) => n.id === id)?.command;
    expect(command(`pidns-${HOST.pid}`)).toBe('ps aux');
    expect(command('pidns-4026532200')).toBe('sudo nsenter -t 2000 -p -m ps aux');
    expect(command('netns-4026532201')).toBe('sudo nsenter -t 2000 -n ip a');
    expect(command('dev-4026532201-2')).toBe('sudo nsenter -t 2000 -n ip a show eth0');
    expect(command(`mntns-${HOST.mnt}`)).toBe('cat /proc/mounts');
  });

  test('labels are cut to the box width', () => {
    const layout = layoutMap(machine(1), 280);
    for (const n of layout.nodes) expect(n.title.length * 6.7).toBeLessThanOrEqual(n.w + 1);
  });
});
