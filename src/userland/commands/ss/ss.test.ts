import { describe, expect, test } from 'vitest';
import { reference } from '../../../../test/helpers/reference.ts';
import { CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID } from '../../../kernel/constants.ts';
import { netBox } from '../../../sandbox/netTestkit.ts';

const ref = reference;
/** The capture kernel lacked DCCP and ss said so on stderr; that line is not emulated. */
const noDccp = (s: string) => s.replace('RTNETLINK answers: Invalid argument\n', '');

/** A container-like task: own pid, mount and network namespaces, /proc remounted. */
async function container() {
  const box = await netBox();
  const ctr = await box.nsTask(CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS, (sys) => { sys.mount('proc', '/proc', 'proc', 0); });
  return { box, ctr };
}

describe('ss in a fresh network namespace, on an 80-column terminal', () => {
  test('ss: only the header, spread to the terminal', async () => {
    const { box, ctr } = await container();
    expect((await box.runOnTty(['ss'], 80, { from: ctr })).output).toBe(noDccp(ref('02-default/ctr_ss.txt')));
  });

  test('ss -a: the kernel netlink sockets and ss\'s own sock_diag socket', async () => {
    const { box, ctr } = await container();
    const out = (await box.runOnTty(['ss', '-a'], 80, { from: ctr })).output;
    expect(out.replace(/ss\/\d\b/, 'ss/N')).toBe(noDccp(ref('05-net-none/ctr_ss_a_fresh.txt')).replace(/ss\/\d\b/, 'ss/N'));
  });

  test('ss -tlnp: nothing listens', async () => {
    const { box, ctr } = await container();
    expect((await box.runOnTty(['ss', '-tlnp'], 80, { from: ctr })).output).toBe(ref('02-default/ctr_ss_tlnp.txt'));
  });

  test('IPv6 and UDP sockets through a pipe (11-format-probes)', async () => {
    const box = await netBox();
    const ns = await box.netnsTask(async (sys) => {
      const net = await sys.ext<import('../../../kernel/net/api.ts').NetApi>('net');
      net.linkSet(1, { up: true });
      const u = net.socket('inet', 'dgram');
      net.bind(u, { family: 4, addr: '127.0.0.1', port: 5353 });
      const t = net.socket('inet6', 'stream');
      net.bind(t, { family: 6, addr: '::1', port: 8443 });
      net.listen(t, 128);
    });
    const [a, b, c] = ref('11-format-probes/ss_ipv6_and_udp_in_fresh_netns.txt').split('\n\n');
    expect((await box.run('ss -anut', { from: ns })).stdout).toBe(`${a}\n`);
    expect((await box.run('ss -lnut', { from: ns })).stdout).toBe(`${b}\n`);
    expect((await box.run('ss -ltn -6', { from: ns })).stdout).toBe(c);
  });
});

describe('ss in a namespace wired like a bridge-mode container', () => {
  test('ss and ss -tlnp: the container has no sockets of its own to show', async () => {
    const box = await netBox();
    const ctr = await box.bridgeContainer({ bridge: 'nsrefbr0', gateway: '172.17.0.1', veth: 'nsrefveth7c2e9', addr: '172.17.0.2', mac: '02:42:ac:11:00:02' });
    expect((await box.runOnTty(['ss'], 80, { from: ctr })).output).toBe(noDccp(ref('02-default/ctr_ss.txt')));
    expect((await box.runOnTty(['ss', '-tlnp'], 80, { from: ctr })).output).toBe(ref('02-default/ctr_ss_tlnp.txt'));
    expect((await box.run('ss -tln', { from: ctr })).stdout).toBe('State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  });
});

describe('ss on the host', () => {
  test('ss: the connected unix stream sockets of the article, in its order', async () => {
    const box = await netBox();
    expect((await box.run('ss')).stdout).toBe(`Netid State Recv-Q Send-Q               Local Address:Port  Peer Address:Port Process
u_str ESTAB 0      0                                * 27099            * 27100       
u_str ESTAB 0      0      /run/dbus/system_bus_socket 16263            * 16262       
u_str ESTAB 0      0                                * 16262            * 16263       
u_str ESTAB 0      0                                * 27100            * 27099       
u_str ESTAB 0      0                                * 68566            * 68565       
u_str ESTAB 0      0                                * 68565            * 68566       
u_str ESTAB 0      0                                * 68539            * 0           
`);
  });

  test('ss -tlnp: sshd on 0.0.0.0:22 and [::]:22, owned through its descriptors', async () => {
    const box = await netBox();
    expect((await box.run('ss -tlnp')).stdout).toBe(`State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                       
LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:(("sshd",pid=290,fd=3))
LISTEN 0      128             [::]:22           [::]:*    users:(("sshd",pid=290,fd=4))
`);
    expect((await box.run('ss -tl')).stdout).toContain('0.0.0.0:ssh');
  });

  test('a socket shared through socket activation lists every holder, last found first', async () => {
    const box = await netBox();
    const out = (await box.run('ss -xlp')).stdout;
    expect(out).toContain('users:(("dbus-daemon",pid=271,fd=3),("systemd",pid=1,fd=40))');
  });
});

describe('network namespace isolation', () => {
  test('a listener in one namespace is invisible to ss in another and to the host', async () => {
    const box = await netBox();
    const a = await box.netnsTask();
    const b = await box.netnsTask();
    await box.run('ip link set lo up', { from: a });
    const srv = await box.spawn(['nc', '-l', '-p', '7777'], { from: a });
    expect((await box.run('ss -tln', { from: a })).stdout).toContain('0.0.0.0:7777');
    expect((await box.run('ss -tln', { from: b })).stdout).not.toContain('7777');
    expect((await box.run('ss -tln')).stdout).not.toContain('7777');
    const r = await box.run('nc -z -v 127.0.0.1 7777', { from: b });
    expect(r.stderr).toBe('nc: connect to 127.0.0.1 port 7777 (tcp) failed: Network is unreachable\n');
    await box.run('ip link set lo up', { from: b });
    expect((await box.run('nc -z 127.0.0.1 7777', { from: b })).status).toBe(1);
    expect((await box.run('nc -z -v 127.0.0.1 7777', { from: a })).stderr).toBe('Connection to 127.0.0.1 7777 port [tcp/*] succeeded!\n');
    void srv;
  });
});
