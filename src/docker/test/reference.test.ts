import { describe, expect, test } from 'vitest';
import { normalize, reference } from '../../../test/compare/normalize.ts';
import { session, type Typed } from './session.ts';

/**
 * Replays of ../shared/reference/{02-default,03-pid-host,04-net-host,05-net-none}: the commands
 * were typed at a container's bash on an 80-column pty; here they are typed at a `docker run -it`
 * container of the article's VM and the whole outputs compared after normalising the volatile
 * fields (numbers keep their width). Machine-specific bits of the captures (the `RTNETLINK answers:
 * Invalid argument` line of that kernel, /dev/vda, the host's devices) are handled per test.
 */
const ID = /[0-9a-f]{12}/;
/** Interface indexes depend on how many links the machine made before; give both sides the same. */
const ifx = (s: string) => s.replace(/^\d+: /gm, 'N: ').replace(/@if\d+/g, '@ifM');
const noRtnetlink = (s: string) => s.replace(/^RTNETLINK answers: Invalid argument\n/, '');
const byInput = (r: Typed[]) => (cmd: string) => {
  const e = r.find((x) => x.input === cmd);
  if (!e) throw new Error(`no output for ${cmd}`);
  return e.output;
};

describe('02-default: docker run -it rust:latest bash', async () => {
  const cmds = ['ps aux', 'hostname', 'cat /proc/sys/kernel/pid_max', 'ip a', 'ip route', 'ip link', 'ss', 'ss -tlnp', 'cat /proc/mounts', 'mount',
    'readlink /proc/self/ns/pid', 'readlink /proc/self/ns/*', 'lsns', 'lsns | cat', "cat /proc/1/status | grep -i -E 'NSpid|PPid'",
    'ps -ef', 'ps -eo pid,ppid,pidns,netns,mntns,utsns,ipcns,comm', 'cat /etc/hosts', 'ps axf'];
  const r = await session(['docker run -it rust:latest bash', ...cmds]);
  const out = byInput(r);
  const id = ID.exec(r[1].prompt)![0];
  const deId = (s: string) => s.replaceAll(id, '8f3a2b1c9d0e');

  test('the prompt is the container\'s: root@<12 hex>:/#', () => {
    expect(r[1].prompt).toBe(`root@${id}:/# `);
    expect(out('hostname')).toBe(`${id}\n`);
  });

  test('ps aux: bash is PID 1, ps PID 2, both on the container\'s pts/0', () => {
    expect(normalize(out('ps aux'))).toBe(normalize(reference('02-default/ctr_ps_aux.txt')));
  });

  test('pid_max, ip a, ip route, ip link', () => {
    expect(out('cat /proc/sys/kernel/pid_max')).toBe(reference('02-default/ctr_pid_max.txt'));
    expect(normalize(ifx(out('ip a')))).toBe(normalize(ifx(reference('02-default/ctr_ip_a.txt'))));
    expect(out('ip route')).toBe(reference('02-default/ctr_ip_route.txt'));
    expect(normalize(ifx(out('ip link')))).toBe(normalize(ifx(reference('02-default/ctr_ip_link.txt'))));
  });

  test('ss: no sockets in a fresh network namespace', () => {
    expect(out('ss')).toBe(noRtnetlink(reference('02-default/ctr_ss.txt')));
    expect(out('ss -tlnp')).toBe(reference('02-default/ctr_ss_tlnp.txt'));
  });

  test('/proc/mounts and mount: runc\'s mounts, masked and read-only paths', () => {
    const fix = (s: string) => s
      .replace(/^overlay \/ overlay rw,relatime,lowerdir=[^ ]*/m, 'overlay / overlay rw,relatime,lowerdir=X')
      .replace(/^overlay on \/ type overlay \(rw,relatime,lowerdir=[^ ]*\)/m, 'overlay on / type overlay (rw,relatime,lowerdir=X)')
      .replace(/^\/dev\/(vda|sda1) (on )?(\/etc\/\S+) (type )?ext4 \(?rw,relatime[^ )]*\)?/gm, 'DEV $2$3 $4ext4 OPTS');
    expect(fix(out('cat /proc/mounts'))).toBe(fix(reference('02-default/ctr_proc_mounts.txt')));
    expect(fix(out('mount'))).toBe(fix(reference('02-default/ctr_mount.txt')));
    expect(out('cat /proc/mounts')).toMatch(/^overlay \/ overlay rw,relatime,lowerdir=\/var\/lib\/docker\/overlay2\/l\/[A-Z0-9]{26}(:\/var\/lib\/docker\/overlay2\/l\/[A-Z0-9]{26})+,upperdir=\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/diff,workdir=\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/work 0 0\n/);
  });

  test('namespaces: new mnt/uts/ipc/pid/net, shared cgroup/time/user', () => {
    expect(normalize(out('readlink /proc/self/ns/pid'))).toBe(normalize(reference('02-default/ctr_readlink_ns_pid.txt')));
    expect(normalize(out('readlink /proc/self/ns/*'))).toBe(normalize(reference('02-default/ctr_readlink_ns_all.txt')));
    expect(normalize(out('lsns'))).toBe(normalize(reference('02-default/ctr_lsns.txt')));
    expect(normalize(out('lsns | cat'))).toBe(normalize(reference('02-default/ctr_lsns_pipe.txt')));
  });

  test('/proc/1/status, ps -ef, ps -eo ns columns, /etc/hosts, ps axf', () => {
    expect(out("cat /proc/1/status | grep -i -E 'NSpid|PPid'")).toBe(reference('02-default/ctr_proc1_status.txt'));
    expect(normalize(out('ps -ef'))).toBe(normalize(reference('02-default/ctr_ps_ef.txt')));
    expect(normalize(out('ps -eo pid,ppid,pidns,netns,mntns,utsns,ipcns,comm'))).toBe(normalize(reference('02-default/ctr_ps_ns_columns.txt')));
    expect(deId(out('cat /etc/hosts'))).toBe(reference('02-default/ctr_etc_hosts.txt'));
    expect(normalize(out('ps axf'))).toBe(normalize(reference('02-default/ctr_ps_axf.txt').replace(/\n.*sleep 1000\n/, '\n')));
  });
});

describe('03-pid-host: docker run -it --pid=host', async () => {
  const r = await session(['docker run -it --pid=host rust:latest bash', 'echo $$', 'readlink /proc/self/ns/pid /proc/self/ns/net /proc/self/ns/uts', "cat /proc/1/status | grep -i -E 'NSpid|PPid'", 'ps u -p $$', 'ps aux | head -3']);
  const out = byInput(r);

  test('the host\'s pid namespace: $$ is a host pid, /proc/1 is systemd', () => {
    const pid = Number(out('echo $$'));
    expect(pid).toBeGreaterThan(1000);
    expect(normalize(out('readlink /proc/self/ns/pid /proc/self/ns/net /proc/self/ns/uts'))).toBe(normalize(reference('03-pid-host/ctr_readlink_ns.txt')));
    expect(out('readlink /proc/self/ns/pid /proc/self/ns/net /proc/self/ns/uts').split('\n')[0]).toBe('pid:[4026531836]');
    expect(out("cat /proc/1/status | grep -i -E 'NSpid|PPid'")).toBe(reference('03-pid-host/ctr_proc1_status.txt'));
    expect(out('ps u -p $$')).toMatch(new RegExp(`^USER +PID .*\\nroot +${pid} .* pts/0 +Ss +\\d\\d:\\d\\d +0:00 bash\\n$`));
  });

  test('ps aux lists the host: /sbin/init and the kernel threads', () => {
    expect(out('ps aux | head -3')).toBe(
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n'
      + 'root           1  0.0  0.1  29196 11860 ?        Ss   Nov19   0:04 /sbin/init\n'
      + 'root           2  0.0  0.0      0     0 ?        S    Nov19   0:00 [kthreadd]\n');
  });
});

describe('04-net-host: docker run -it --network=host', async () => {
  const r = await session(['docker run -it --network=host rust:latest bash', 'hostname', 'readlink /proc/self/ns/net /proc/self/ns/pid /proc/self/ns/uts', 'ps aux', 'ip route', 'ss -tln']);
  const out = byInput(r);

  test('hostname is the host\'s (Docker\'s rule for host networking), in a new uts namespace', () => {
    expect(r[1].prompt).toBe('root@archlinux:/# ');
    expect(out('hostname')).toBe('archlinux\n');
    expect(normalize(out('readlink /proc/self/ns/net /proc/self/ns/pid /proc/self/ns/uts'))).toBe(normalize(reference('04-net-host/ctr_readlink_ns.txt')));
    expect(out('readlink /proc/self/ns/net /proc/self/ns/pid /proc/self/ns/uts').split('\n')[0]).toBe('net:[4026531833]');
  });

  test('own pid namespace, the host\'s routes and listeners', () => {
    expect(normalize(out('ps aux'))).toBe(normalize(reference('04-net-host/ctr_ps_aux.txt')));
    expect(out('ip route')).toMatch(/^default via 10\.0\.2\.2 dev eth0 proto dhcp src 10\.0\.2\.15 metric 1024 \n/);
    expect(out('ip route')).toContain('172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown \n');
    expect(out('ss -tln')).toMatch(/^State +Recv-Q +Send-Q +Local Address:Port +Peer Address:Port +Process *\nLISTEN +0 +128 +0\.0\.0\.0:22 /);
  });
});

describe('05-net-none: docker run -it --network=none', async () => {
  const r = await session(['docker run -it --network=none rust:latest bash', 'ip a', 'ip link', 'ip route', 'ss -a', 'ip link set lo up', 'echo $?']);
  const out = byInput(r);

  test('only lo, down; no routes', () => {
    expect(out('ip a')).toBe(reference('05-net-none/ctr_ip_a_fresh.txt'));
    expect(out('ip link')).toBe(reference('05-net-none/ctr_ip_link_fresh.txt'));
    expect(out('ip route')).toBe(reference('05-net-none/ctr_ip_route_fresh.txt'));
  });

  test('no CAP_NET_ADMIN in a default container: ip link set lo up fails', () => {
    expect(out('ip link set lo up')).toBe(reference('05-net-none/ctr_ip_link_set_lo_up_without_cap_net_admin.txt'));
    expect(out('echo $?')).toBe('2\n');
  });
});
