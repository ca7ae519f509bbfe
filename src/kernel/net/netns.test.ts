import { describe, expect, test } from 'vitest';
import { netBox } from '../../sandbox/netTestkit.ts';
import { stackOf } from './NetStack.ts';

describe('named network namespaces (ip netns)', () => {
  test('a veth pair with one end in a named namespace, addresses on both ends, ping across', async () => {
    const box = await netBox();
    const steps = [
      'ip netns add a',
      'ip link add veth0 type veth peer name veth1',
      'ip link set veth1 netns a',
      'ip addr add 10.200.0.1/24 dev veth0',
      'ip link set veth0 up',
      'ip netns exec a ip addr add 10.200.0.2/24 dev veth1',
      'ip netns exec a ip link set veth1 up',
    ];
    for (const s of steps) expect(await box.run(s)).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await box.run('ip netns list')).stdout).toBe('a (id: 0)\n');
    expect((await box.run('ip link show veth0')).stdout).toMatch(/^\d+: veth0@if\d+: .*\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netns a\n$/);
    const r = await box.run('ping -c1 10.200.0.2');
    expect(r.stdout).toMatch(/^PING 10\.200\.0\.2 \(10\.200\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.200\.0\.2: icmp_seq=1 ttl=64 time=0\.\d{3} ms\n\n--- 10\.200\.0\.2 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min\/avg\/max\/mdev = [\d.]+\/[\d.]+\/[\d.]+\/0\.000 ms\n$/);
    expect((await box.run('ip netns exec a ip -br a')).stdout).toMatch(/^lo +DOWN +\nveth1@if\d+ +UP +10\.200\.0\.2\/24 fe80::\S+\/64 \n$/);
  });

  test('deleting a namespace removes its devices and the peer veth end', async () => {
    const box = await netBox();
    await box.run('ip netns add a');
    await box.run('ip link add veth0 type veth peer name veth1 netns a');
    expect((await box.run('ip -br link')).stdout).toContain('veth0@if');
    const before = box.kernel.netNamespaces.size;
    expect(await box.run('ip netns del a')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await box.run('ip link show veth0')).stderr).toBe('Device "veth0" does not exist.\n');
    expect((await box.run('ip netns list')).stdout).toBe('');
    expect(box.kernel.netNamespaces.size).toBe(before - 1);
  });

  test('a namespace lives while a task, an open nsfs file or a bind mount holds it', async () => {
    const box = await netBox();
    const holder = await box.netnsTask();
    const ns = holder.nsproxy.net;
    expect(box.kernel.netNamespaces.has(ns)).toBe(true);
    await box.run(['ip', 'link', 'add', 'vx', 'type', 'veth', 'peer', 'name', 'vy', 'netns', String(holder.pid.nrIn(box.kernel.initPidNs))]);
    expect(stackOf(ns).byName('vy')).toBeDefined();
    // An open /proc/PID/ns/net keeps it after the task is gone; closing the file lets it go.
    const keeper = await box.netnsTask();
    const { Sys } = await import('../syscalls/Sys.ts');
    const ksys = new Sys(box.kernel, keeper);
    const fd = ksys.open(`/proc/${holder.pid.nrIn(box.kernel.initPidNs)}/ns/net`, 0);
    await box.run(['kill', '-9', String(holder.pid.nrIn(box.kernel.initPidNs))]);
    expect(box.kernel.netNamespaces.has(ns)).toBe(true);
    ksys.close(fd);
    box.kernel.namespacesChanged();
    expect(box.kernel.netNamespaces.has(ns)).toBe(false);
    expect((await box.run('ip link show vx')).status).toBe(1);
  });

  test('errors: a name taken, a name missing, no privileges', async () => {
    const box = await netBox();
    await box.run('ip netns add a');
    expect(await box.run('ip netns add a')).toEqual({ stdout: '', stderr: 'Cannot create namespace file "/run/netns/a": File exists\n', status: 255 });
    expect(await box.run('ip netns exec nope ip a')).toEqual({ stdout: '', stderr: 'Cannot open network namespace "nope": No such file or directory\n', status: 255 });
    expect(await box.run('ip netns add b', { uid: 1000 })).toEqual({ stdout: '', stderr: 'mount --make-shared /run/netns failed: Operation not permitted\n', status: 255 });
  });
});

describe('unshare --net', () => {
  test('a new network namespace has only lo, down', async () => {
    const box = await netBox();
    const r = await box.run(['unshare', '--net', 'ip', 'a']);
    expect(r.stdout).toBe('1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n');
  });
});
