import { describe, expect, test } from 'vitest';
import { CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS } from '../kernel/constants.ts';
import type { NetApi } from '../kernel/net/api.ts';
import { INITIAL_INUM } from '../kernel/ns/NsCommon.ts';
import { Sys } from '../kernel/syscalls/Sys.ts';
import type { SysApi } from '../kernel/syscalls/SysApi.ts';
import { bootSandbox } from './index.ts';
import { buildSnapshot, type NamespaceSnapshot, type PidNsNode } from './snapshot.ts';

function boot() {
  const { kernel } = bootSandbox().host;
  return { kernel, init: kernel.initPidNs.tasks.get(1)! };
}

/**
 * Starts a "container" by hand, as runc would: a child of init in new pid, uts, mount and network
 * namespaces that sets its hostname and then waits forever on a pipe. Resolves with its host pid once
 * it is parked.
 */
function startContainer(sys: SysApi, hostname: string): Promise<number> {
  return new Promise((resolve) => {
    const [r, w] = sys.pipe();
    const [readyR, readyW] = sys.pipe();
    const pid = sys.clone(async (c) => {
      c.sethostname(hostname);
      await c.write(readyW, 'x');
      await c.read(r);
      return 0;
    }, { flags: CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWNS | CLONE_NEWNET, comm: 'bash' });
    void w;
    void sys.read(readyR).then(() => resolve(pid));
  });
}

function allPidNs(node: PidNsNode): PidNsNode[] {
  return [node, ...node.children.flatMap(allPidNs)];
}

describe('buildSnapshot', () => {
  test('a freshly booted host has one namespace of each kind, with init as PID 1', () => {
    const { kernel } = boot();
    const snap = buildSnapshot(kernel);
    expect(snap.host.pid).toBe(INITIAL_INUM.pid);
    expect(snap.host.net).toBe(INITIAL_INUM.net);
    expect(snap.host.hostname).toBe('archlinux');
    expect(snap.pidTree.children).toEqual([]);
    const init = snap.pidTree.processes[0];
    expect(init).toMatchObject({ pid: 1, hostPid: 1, cmd: '/sbin/init', kthread: false });
    expect(snap.pidTree.processes.some((p) => p.cmd === '[kthreadd]' && p.kthread)).toBe(true);
    expect(snap.isolated).toEqual([]);
    const hostNet = snap.netNamespaces.find((n) => n.inum === INITIAL_INUM.net)!;
    expect(hostNet.devices.map((d) => d.name)).toEqual(['lo', 'eth0', 'docker0']);
    expect(hostNet.devices.find((d) => d.name === 'eth0')!.addrs).toContain('10.0.2.15/24');
    const hostMnt = snap.mntNamespaces.find((m) => m.inum === INITIAL_INUM.mnt)!;
    expect(hostMnt.root.target).toBe('/');
    expect(hostMnt.mountCount).toBeGreaterThan(5);
  });

  test('is plain JSON: it survives a JSON round trip unchanged', () => {
    const { kernel } = boot();
    const snap = buildSnapshot(kernel);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  test('a process in new namespaces is nested under the host, numbered 1 inside, and listed as isolated', async () => {
    const { kernel, init } = boot();
    const sys = new Sys(kernel, init);
    const hostPid = await startContainer(sys, 'bb8d7e679d1d');
    const snap: NamespaceSnapshot = buildSnapshot(kernel);

    const [child] = snap.pidTree.children;
    expect(child.level).toBe(1);
    expect(child.processes).toHaveLength(1);
    expect(child.processes[0]).toMatchObject({ pid: 1, hostPid, comm: 'bash' });

    expect(snap.isolated).toHaveLength(1);
    const root = snap.isolated[0];
    expect(root).toMatchObject({ hostPid, pid: 1, hostname: 'bb8d7e679d1d' });
    expect(root.sharesWithHost).toMatchObject({ pid: false, net: false, mnt: false, uts: false, ipc: true });
    expect(snap.utsNamespaces.map((u) => u.hostname).sort()).toEqual(['archlinux', 'bb8d7e679d1d']);
    const ownNet = snap.netNamespaces.find((n) => n.inum === root.ns.net)!;
    expect(ownNet.pids).toEqual([hostPid]);
    expect(ownNet.devices.map((d) => d.name)).toEqual(['lo']);
  });

  test('a veth pair reports its peer across namespaces and its bridge', async () => {
    const { kernel, init } = boot();
    const sys = new Sys(kernel, init);
    const hostPid = await startContainer(sys, 'c1');
    const net = await sys.ext<NetApi>('net');
    net.linkAdd({ kind: 'veth', name: 'veth1a2b3c4', peer: { name: 'eth0', netns: { pid: hostPid } } });
    const veth = net.links().find((l) => l.name === 'veth1a2b3c4')!;
    const docker0 = net.links().find((l) => l.name === 'docker0')!;
    net.linkSet(veth.ifindex, { master: docker0.ifindex, up: true });

    const snap = buildSnapshot(kernel);
    const hostNet = snap.netNamespaces.find((n) => n.inum === snap.host.net)!;
    const hostEnd = hostNet.devices.find((d) => d.name === 'veth1a2b3c4')!;
    const container = snap.isolated[0];
    expect(hostEnd.kind).toBe('veth');
    expect(hostEnd.master).toBe('docker0');
    expect(hostEnd.peer).toMatchObject({ netns: container.ns.net, name: 'eth0' });
    const inner = snap.netNamespaces.find((n) => n.inum === container.ns.net)!.devices.find((d) => d.name === 'eth0')!;
    expect(inner.peer).toMatchObject({ netns: snap.host.net, name: 'veth1a2b3c4' });
  });

  test('pid namespaces nest: a namespace made inside a container is its child', async () => {
    const { kernel, init } = boot();
    const sys = new Sys(kernel, init);
    const outer = await startContainer(sys, 'outer');
    const outerTask = [...kernel.tasks].find((t) => t.pid.nrIn(kernel.initPidNs) === outer)!;
    await startContainer(new Sys(kernel, outerTask), 'inner');
    const snap = buildSnapshot(kernel);
    const levels = allPidNs(snap.pidTree).map((n) => n.level);
    expect(levels).toEqual([0, 1, 2]);
    expect(snap.pidTree.children[0].children[0].processes[0].pid).toBe(1);
    expect(snap.isolated.map((r) => r.hostname)).toEqual(['outer', 'inner']);
  });
});
