import { describe, expect, test } from 'vitest';
import { engineOf } from '../index.ts';
import { boot, run } from './helpers.ts';

/** Lifecycle and isolation through the docker CLI, as root on the host (no terminal). */
describe('isolation', () => {
  test('a container sees only its own processes; ps has no tty', async () => {
    const k = boot();
    const r = await run(k, ['docker', 'run', '--rm', 'rust:latest', 'ps', 'aux']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^USER {9}PID .*\nroot {11}1 .* \? {8}Rs {3}09:13 {3}0:00 ps aux\n$/);
  });

  test('two containers cannot see each other; --pid=container:X sees X', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '-d', '--name', 'one', 'rust:latest', 'sleep', '1000']);
    await run(k, ['docker', 'run', '-d', '--name', 'two', 'rust:latest', 'sleep', '2000']);
    const one = await run(k, ['docker', 'exec', 'one', 'ps', '-eo', 'pid,args']);
    expect(one.stdout).toBe('    PID COMMAND\n      1 sleep 1000\n      2 ps -eo pid,args\n');
    const two = await run(k, ['docker', 'exec', 'two', 'ps', '-eo', 'pid,args']);
    expect(two.stdout).toBe('    PID COMMAND\n      1 sleep 2000\n      2 ps -eo pid,args\n');
    const joined = await run(k, ['docker', 'run', '--rm', '--pid=container:one', 'rust:latest', 'ps', '-eo', 'pid,args']);
    expect(joined.stdout).toBe('    PID COMMAND\n      1 sleep 1000\n      3 ps -eo pid,args\n');
  });

  test('the host sees containers under their shims, with host pids', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '-d', '--name', 'web', 'rust:latest', 'sleep', '1000']);
    const pid = (await run(k, ['docker', 'inspect', '-f', '{{.State.Pid}}', 'web'])).stdout.trim();
    const forest = (await run(k, ['ps', '-eo', 'pid,ppid,args', '--forest'])).stdout;
    const shim = new RegExp(`^ *(\\d+) +1 /usr/bin/containerd-shim-runc-v2 -namespace moby -id [0-9a-f]{64} -address /run/containerd/containerd.sock\\n *${pid} +\\1  \\\\_ sleep 1000$`, 'm');
    expect(forest).toMatch(shim);
    const lsns = (await run(k, ['lsns', '-t', 'pid', '-o', 'NS,PID,COMMAND'])).stdout;
    expect(lsns).toMatch(new RegExp(`^\\d{10} +${pid} sleep 1000$`, 'm'));
    const ip = (await run(k, ['nsenter', '-t', pid, '-n', 'ip', '-br', 'a'])).stdout;
    expect(ip).toMatch(/^eth0@if\d+ +UP +172\.17\.0\.2\/16 fe80::42:acff:fe11:2\/64 $/m);
    const hostIp = (await run(k, ['ip', 'link'])).stdout;
    expect(hostIp).toMatch(/^\d+: veth[0-9a-f]{7}@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default qlen 1000$/m);
  });
});

describe('lifecycle', () => {
  test('docker stop: SIGTERM, then SIGKILL after 10 s when PID 1 ignores it', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '-d', '--name', 'sl', 'rust:latest', 'sleep', '1000']);
    const t0 = k.clock.now();
    const r = await run(k, ['docker', 'stop', 'sl']);
    expect(r.stdout).toBe('sl\n');
    expect(k.clock.now() - t0).toBeGreaterThanOrEqual(10_000);
    expect((await run(k, ['docker', 'inspect', '-f', '{{.State.ExitCode}} {{.State.Status}}', 'sl'])).stdout).toBe('137 exited\n');
  });

  test('docker stop of nginx: its StopSignal SIGQUIT ends it gracefully at once', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '-d', '--name', 'web', 'nginx']);
    const t0 = k.clock.now();
    await run(k, ['docker', 'stop', 'web']);
    expect(k.clock.now() - t0).toBeLessThan(1000);
    expect((await run(k, ['docker', 'inspect', '-f', '{{.State.ExitCode}}', 'web'])).stdout).toBe('0\n');
    const logs = (await run(k, ['docker', 'logs', 'web'])).stderr;
    expect(logs).toMatch(/\[notice\] 1#1: signal 3 \(SIGQUIT\) received, shutting down\n/);
  });

  test('when PID 1 exits, its children are killed with it', async () => {
    const k = boot();
    const r = await run(k, ['docker', 'run', '--name', 'p1', 'rust:latest', 'bash', '-c', 'sleep 1000 & sleep 1000 & echo started']);
    expect(r.stdout).toBe('started\n');
    expect([...k.tasks].filter((t) => t.alive && t.argv.join(' ') === 'sleep 1000')).toEqual([]);
  });

  test('-v: writes land on the host and survive docker rm; the container layer does not', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '--name', 'wr', '-v', '/srv/data:/data', '-v', 'vol:/vol', 'rust:latest', 'bash', '-c', 'echo a > /data/a; echo b > /vol/b; echo c > /c']);
    const layer = (await run(k, ['docker', 'inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', 'wr'])).stdout.trim();
    expect((await run(k, ['cat', `${layer}/c`])).stdout).toBe('c\n');
    const id = (await run(k, ['docker', 'inspect', '-f', '{{.Id}}', 'wr'])).stdout.trim();
    expect((await run(k, ['docker', 'rm', 'wr'])).stdout).toBe('wr\n');
    expect((await run(k, ['cat', '/srv/data/a'])).stdout).toBe('a\n');
    expect((await run(k, ['cat', '/var/lib/docker/volumes/vol/_data/b'])).stdout).toBe('b\n');
    expect((await run(k, ['ls', layer])).status).not.toBe(0);
    expect((await run(k, ['ls', `/var/lib/docker/containers/${id}`])).status).not.toBe(0);
    expect((await run(k, ['docker', 'volume', 'ls'])).stdout).toBe('DRIVER    VOLUME NAME\nlocal     vol\n');
  });

  test('everything goes with rm: tasks, mounts, veths, files', async () => {
    const k = boot();
    const before = (await run(k, ['ip', 'link'])).stdout.replace(/docker0: <[^>]*>.*state \w+/, '');
    await run(k, ['docker', 'run', '-d', '--name', 'gone', 'rust:latest', 'sleep', '1000']);
    expect((await run(k, ['grep', '-c', 'overlay2', '/proc/mounts'])).stdout).toBe('1\n');
    await run(k, ['docker', 'rm', '-f', 'gone']);
    expect((await run(k, ['grep', '-c', 'overlay2', '/proc/mounts'])).stdout).toBe('0\n');
    expect([...k.tasks].filter((t) => t.alive && /containerd-shim|sleep 1000/.test(t.argv.join(' ')))).toEqual([]);
    expect((await run(k, ['ip', 'link'])).stdout.replace(/docker0: <[^>]*>.*state \w+/, '')).toBe(before);
    expect(engineOf(k)!.containers.size).toBe(0);
    expect((await run(k, ['docker', 'ps', '-a', '-q'])).stdout).toBe('');
  });

  test('--rm removes the container after it exits; the exit status is the container\'s', async () => {
    const k = boot();
    const r = await run(k, ['docker', 'run', '--rm', 'rust:latest', 'bash', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toEqual({ stdout: 'out\n', stderr: 'err\n', status: 3 });
    expect((await run(k, ['docker', 'ps', '-aq'])).stdout).toBe('');
  });
});
