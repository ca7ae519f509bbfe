import { describe, expect, test } from 'vitest';
import { session } from './session.ts';

/**
 * The source article's session, typed as vagrant (a member of group docker) at the Arch VM's
 * prompt: its observations are the acceptance test.
 */
describe('the article: docker and the pid/network namespaces', async () => {
  const r = await session([
    'docker run -it --pid=host rust:latest bash', 'ps aux', 'exit',
    'docker run -it  rust:latest bash', 'ps aux', 'exit',
    'docker run -it rust:latest bash', 'ss', 'exit',
    'docker run -it --network=host rust:latest bash', 'ip a', 'ss', 'exit',
  ], { cols: 160 });

  test('--pid=host: the container\'s ps aux is the host\'s (/sbin/init, [kthreadd], [rcu_gp]…)', () => {
    expect(r[0].prompt).toBe('vagrant@archlinux ~ $ ');
    expect(r[1].prompt).toMatch(/^root@[0-9a-f]{12}:\/# $/);
    const lines = r[1].output.split('\n');
    expect(lines.slice(0, 15).join('\n')).toBe(`USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
root           1  0.0  0.1  29196 11860 ?        Ss   Nov19   0:04 /sbin/init
root           2  0.0  0.0      0     0 ?        S    Nov19   0:00 [kthreadd]
root           3  0.0  0.0      0     0 ?        I<   Nov19   0:00 [rcu_gp]
root           4  0.0  0.0      0     0 ?        I<   Nov19   0:00 [rcu_par_gp]
root           6  0.0  0.0      0     0 ?        I<   Nov19   0:00 [kworker/0:0H-kblockd]
root           8  0.0  0.0      0     0 ?        I<   Nov19   0:00 [mm_percpu_wq]
root           9  0.0  0.0      0     0 ?        S    Nov19   0:00 [ksoftirqd/0]
root          10  0.0  0.0      0     0 ?        S    Nov19   0:00 [rcuc/0]
root          11  0.0  0.0      0     0 ?        I    Nov19   0:03 [rcu_preempt]
root          12  0.0  0.0      0     0 ?        S    Nov19   0:00 [rcub/0]
root          13  0.0  0.0      0     0 ?        S    Nov19   0:00 [migration/0]
root          14  0.0  0.0      0     0 ?        S    Nov19   0:00 [idle_inject/0]
root          16  0.0  0.0      0     0 ?        S    Nov19   0:00 [cpuhp/0]
root          17  0.0  0.0      0     0 ?        S    Nov19   0:00 [cpuhp/1]`);
    // The container's own processes are there too, with host pids, under the shim.
    expect(r[1].output).toMatch(/ \/usr\/bin\/containerd-shim-runc-v2 -namespace moby -id [0-9a-f]+/);
    expect(r[2].output).toBe('exit\n');
    expect(r[3].prompt).toBe('vagrant@archlinux ~ $ ');
  });

  test('default: only bash (PID 1) and ps aux', () => {
    expect(r[4].output).toMatch(/^USER {9}PID %CPU %MEM {4}VSZ {3}RSS TTY {6}STAT START {3}TIME COMMAND\nroot {11}1 .* pts\/0 {4}Ss {3}09:13 {3}0:00 bash\nroot {11}2 .* pts\/0 {4}R\+ {3}09:13 {3}0:00 ps aux\n$/);
    expect(r[4].prompt).not.toBe(r[1].prompt);
  });

  test('default network: ss shows only its header', () => {
    // One header line spread to the terminal's width (160 here), nothing else.
    expect(r[7].output).toMatch(/^Netid +State +Recv-Q +Send-Q +Local Address:Port +Peer Address:Port +Process +\n$/);
    expect(r[7].output.length).toBe(161);
  });

  test('--network=host: the host\'s interfaces and unix sockets; the prompt carries the host\'s name', () => {
    expect(r[10].prompt).toBe('root@archlinux:/# ');
    // The DHCP lease counts down with the (virtual) clock: compare the seconds' shape only.
    expect(r[10].output.replace(/\b(valid|preferred)_lft \d+sec/g, '$1_lft Nsec')).toBe(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether 08:00:27:8f:83:2c brd ff:ff:ff:ff:ff:ff
    inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic eth0
       valid_lft Nsec preferred_lft Nsec
    inet6 fe80::a00:27ff:fe8f:832c/64 scope link 
       valid_lft forever preferred_lft forever
3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default 
    link/ether 02:42:6d:bc:a4:1f brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
    inet6 fe80::42:6dff:febc:a41f/64 scope link 
       valid_lft forever preferred_lft forever
`);
    const ss = r[11].output.split('\n').filter(Boolean);
    expect(ss[0]).toMatch(/^Netid +State +Recv-Q +Send-Q +Local Address:Port +Peer Address:Port +Process/);
    expect(ss.filter((l) => /^u_str +ESTAB /.test(l)).length).toBe(7);
    expect(r[12].output).toBe('exit\n');
  });
});
