import { describe, expect, test } from 'vitest';
import { reference } from '../../../../test/helpers/reference.ts';
import { netBox } from '../../../sandbox/netTestkit.ts';

const ref = reference;

/** Volatile fields only: interface indexes (and the peer index after @if), a random host-side MAC. */
const normIndex = (s: string) => s.replace(/^\d+: /gm, 'N: ').replace(/@if\d+/g, '@ifN');

describe('ip in a fresh network namespace (05-net-none)', () => {
  test('only lo, down, without addresses or routes', async () => {
    const box = await netBox();
    const ns = await box.netnsTask();
    expect((await box.run('ip a', { from: ns })).stdout).toBe(ref('05-net-none/ctr_ip_a_fresh.txt'));
    expect((await box.run('ip link', { from: ns })).stdout).toBe(ref('05-net-none/ctr_ip_link_fresh.txt'));
    expect((await box.run('ip route', { from: ns })).stdout).toBe(ref('05-net-none/ctr_ip_route_fresh.txt'));
  });

  test('ip link set lo up adds 127.0.0.1/8, ::1 and the local table routes', async () => {
    const box = await netBox();
    const ns = await box.netnsTask();
    expect((await box.run('ip link set lo up', { from: ns })).status).toBe(0);
    expect((await box.run('ip a', { from: ns })).stdout).toBe(ref('05-net-none/ctr_ip_a_lo_up.txt'));
    expect((await box.run('ip link', { from: ns })).stdout).toBe(ref('05-net-none/ctr_ip_link_lo_up.txt'));
    expect((await box.run('ip route', { from: ns })).stdout).toBe(ref('05-net-none/ctr_ip_route_lo_up.txt'));
    expect((await box.run('ip route show table local', { from: ns })).stdout).toBe(ref('05-net-none/ctr_ip_route_table_local.txt'));
  });

  test('writing 1 to disable_ipv6 removes the IPv6 addresses', async () => {
    const box = await netBox();
    const ns = await box.netnsTask();
    await box.run('ip link set lo up', { from: ns });
    const w = await box.run(['sh', '-c', 'echo 1 > /proc/sys/net/ipv6/conf/lo/disable_ipv6'], { from: ns });
    expect(w.status).toBe(0);
    expect((await box.run('cat /proc/sys/net/ipv6/conf/lo/disable_ipv6', { from: ns })).stdout).toBe('1\n');
    expect((await box.run('ip a', { from: ns })).stdout).toBe(ref('05-net-none/ctr_ip_a_lo_up_ipv6_disabled.txt'));
  });

  test('veth states: peer down, M-DOWN and LOWERLAYERDOWN, then tentative fe80 until DAD is done', async () => {
    const box = await netBox();
    const ns = await box.netnsTask();
    const run = async (c: string) => (await box.run(c, { from: ns })).stdout;
    await run('ip link add nsrefa address 0e:4f:79:a9:8e:7f type veth peer name nsrefb address ea:9e:83:b5:63:ca');
    await run('ip link set nsrefa up');
    const [links, tentative, settled] = ref('11-format-probes/ip_veth_states_in_fresh_netns.txt').split('\n\n');
    expect(await run('ip link')).toBe(`${links}\n`);
    await run('ip link set nsrefb up');
    expect(await run('ip -6 a show dev nsrefa')).toBe(`${tentative}\n`);
    await box.sleep(3000);
    expect(await run('ip a')).toBe(settled);
  });

  test('without CAP_NET_ADMIN a change is refused by the kernel (exit 2)', async () => {
    const box = await netBox();
    const ns = await box.netnsTask((sys) => { sys.setuid(1000); });
    const r = await box.run('ip link set lo up', { from: ns });
    expect(r.stderr).toBe(ref('05-net-none/ctr_ip_link_set_lo_up_without_cap_net_admin.txt'));
    expect(r.status).toBe(2);
  });
});

describe('ip in a namespace wired like a bridge-mode container (02-default)', () => {
  const wire = async () => {
    const box = await netBox();
    const ctr = await box.bridgeContainer({ bridge: 'nsrefbr0', gateway: '172.17.0.1', veth: 'nsrefveth7c2e9', addr: '172.17.0.2', mac: '02:42:ac:11:00:02' });
    return { box, ctr };
  };

  test('inside: ip a, ip link, ip -br a and ip route as a container shows them', async () => {
    const { box, ctr } = await wire();
    expect(normIndex((await box.run('ip a', { from: ctr })).stdout)).toBe(normIndex(ref('02-default/ctr_ip_a.txt')));
    expect(normIndex((await box.run('ip link', { from: ctr })).stdout)).toBe(normIndex(ref('02-default/ctr_ip_link.txt')));
    // -br pads the name to 16 columns, so the index's digits shift the state: compare with it squeezed.
    const brief = (s: string) => s.replace(/@if\d+ +/g, '@ifN ');
    expect(brief((await box.run('ip -br a', { from: ctr })).stdout)).toBe(brief(ref('02-default/ctr_ip_br_a.txt')));
    expect((await box.run('ip route', { from: ctr })).stdout).toBe(ref('02-default/ctr_ip_route.txt'));
  });

  test('outside: the bridge, the host end of the veth pair and bridge link', async () => {
    const { box } = await wire();
    const mac = (s: string) => s.replace(/link\/ether (\S+)/, 'link/ether MAC').replace(/fe80::\S+\/64/, 'fe80::EUI/64');
    const veth = (await box.run('ip a show nsrefveth7c2e9')).stdout;
    expect(mac(normIndex(veth))).toBe(mac(normIndex(ref('02-default/host_ip_a_veth.txt'))));
    const br = (await box.run('ip a show nsrefbr0')).stdout;
    expect(mac(normIndex(br))).toBe(mac(normIndex(ref('02-default/host_ip_a.txt').split(/(?=^\d+: )/m).find((b) => b.includes('nsrefbr0:'))!)));
    expect(normIndex((await box.run('bridge link')).stdout)).toBe(normIndex(ref('02-default/host_bridge_link.txt')));
    const routes = (await box.run('ip route')).stdout;
    expect(routes).toContain('172.17.0.0/16 dev nsrefbr0 proto kernel scope link src 172.17.0.1 \n');
  });

  test('a bridge whose last port leaves keeps its fe80 address and loses its carrier', async () => {
    const { box } = await wire();
    await box.run('ip link del nsrefveth7c2e9');
    const br = (await box.run('ip a show nsrefbr0')).stdout;
    const mac = (s: string) => s.replace(/link\/ether (\S+)/, 'link/ether MAC').replace(/fe80::\S+\/64/, 'fe80::EUI/64');
    expect(mac(normIndex(br))).toBe(mac(normIndex(ref('02-default/host_ip_a_bridge_after_exit.txt'))));
  });
});

describe('ip on the host (the article\'s Arch VM)', () => {
  test('ip a: lo, eth0 with its DHCP lease counting down, docker0 without carrier', async () => {
    const box = await netBox();
    const expected = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether 08:00:27:8f:83:2c brd ff:ff:ff:ff:ff:ff
    inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic eth0
       valid_lft 58933sec preferred_lft 58933sec
    inet6 fe80::a00:27ff:fe8f:832c/64 scope link 
       valid_lft forever preferred_lft forever
3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default 
    link/ether 02:42:6d:bc:a4:1f brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
`;
    expect((await box.run('ip a')).stdout).toBe(expected);
    await box.sleep(60_000);
    expect((await box.run('ip -4 a show eth0')).stdout).toContain('valid_lft 58873sec preferred_lft 58873sec');
  });

  test('ip route: the DHCP default route and docker0\'s linkdown prefix', async () => {
    const box = await netBox();
    expect((await box.run('ip route')).stdout).toBe(`default via 10.0.2.2 dev eth0 proto dhcp src 10.0.2.15 metric 1024 
10.0.2.0/24 dev eth0 proto kernel scope link src 10.0.2.15 
10.0.2.2 dev eth0 proto dhcp scope link src 10.0.2.15 metric 1024 
172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown 
`);
    expect((await box.run('ip -br a')).stdout).toBe(`lo               UNKNOWN        127.0.0.1/8 ::1/128 
eth0             UP             10.0.2.15/24 fe80::a00:27ff:fe8f:832c/64 
docker0          DOWN           172.17.0.1/16 
`);
  });

  test('counters move when traffic flows', async () => {
    const box = await netBox();
    const rx = async () => Number(/RX: .*\n\s+(\d+)/.exec((await box.run('ip -s link show lo')).stdout)![1]);
    const before = await rx();
    await box.run('ping -c 2 127.0.0.1');
    expect(await rx()).toBe(before + 4 * 98);
  });
});

describe('ip errors as iproute2 prints them', () => {
  test('unknown objects, devices and duplicates', async () => {
    const box = await netBox();
    expect(await box.run('ip foo')).toEqual({ stdout: '', stderr: 'Object "foo" is unknown, try "ip help".\n', status: 1 });
    expect(await box.run('ip link show nope')).toEqual({ stdout: '', stderr: 'Device "nope" does not exist.\n', status: 1 });
    expect(await box.run('ip link set nope up')).toEqual({ stdout: '', stderr: 'Cannot find device "nope"\n', status: 1 });
    expect((await box.run('ip link add v0 type veth peer name v1')).status).toBe(0);
    expect(await box.run('ip link add v0 type veth peer name v2')).toEqual({ stdout: '', stderr: 'RTNETLINK answers: File exists\n', status: 2 });
    expect(await box.run('ip addr add 10.0.2.15/24 dev eth0')).toEqual({ stdout: '', stderr: 'RTNETLINK answers: File exists\n', status: 2 });
    expect(await box.run('ip route add 10.1.0.0/16 via 192.168.99.1')).toEqual({ stdout: '', stderr: 'Error: Nexthop has invalid gateway.\n', status: 2 });
    expect(await box.run('ip route del 10.99.0.0/16')).toEqual({ stdout: '', stderr: 'RTNETLINK answers: No such process\n', status: 2 });
  });
});
