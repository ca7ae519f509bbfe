import { describe, expect, test } from 'vitest';
import { boot, run } from './helpers.ts';

const sh = (k: ReturnType<typeof boot>, flags: string[], script: string, image = 'rust:latest') =>
  run(k, ['docker', 'run', '--rm', ...flags, image, 'bash', '-c', script]);

/** `docker run` flags, each checked from inside the container it made. */
describe('docker run flags', () => {
  test('-e, -w, --hostname, -u, --entrypoint', async () => {
    const k = boot();
    expect((await sh(k, ['-e', 'GREETING=hi', '-w', '/tmp/work', '--hostname', 'box'], 'echo $GREETING $PWD $(hostname) $HOSTNAME $HOME')).stdout).toBe('hi /tmp/work box box /root\n');
    expect((await sh(k, ['-u', 'nobody'], 'id')).stdout).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    expect((await sh(k, ['-u', '1000:1000'], 'id -u; echo $HOME')).stdout).toBe('1000\n/\n');
    expect((await run(k, ['docker', 'run', '--rm', '--entrypoint', 'echo', 'rust:latest', 'via', 'entrypoint'])).stdout).toBe('via entrypoint\n');
    expect((await sh(k, ['-t'], 'echo $TERM; readlink /proc/self/fd/0')).stdout).toBe('xterm\r\n/dev/pts/0\r\n');
    expect((await sh(k, [], 'env | sort')).stdout).toMatch(/^CARGO_HOME=\/usr\/local\/cargo\nHOME=\/root\nHOSTNAME=[0-9a-f]{12}\nPATH=\/usr\/local\/cargo\/bin:.*\nPWD=\/\nRUSTUP_HOME=\/usr\/local\/rustup\nRUST_VERSION=1\.91\.1\nSHLVL=1\n(_=\/usr\/bin\/env\n)?$/);
  });

  test('capabilities: no CAP_SYS_ADMIN/NET_ADMIN by default; --cap-add, --privileged', async () => {
    const k = boot();
    expect((await sh(k, [], 'hostname other')).stderr).toBe('hostname: you must be root to change the host name\n');
    expect((await sh(k, [], 'mount -t tmpfs none /mnt')).stderr).toMatch(/permission denied/);
    expect((await sh(k, [], 'unshare --pid true')).stderr).toBe('unshare: unshare failed: Operation not permitted\n');
    expect((await sh(k, ['--cap-add', 'NET_ADMIN'], 'ip link set lo down && ip -br link show lo')).stdout).toMatch(/^lo +DOWN /);
    expect((await sh(k, ['--privileged'], 'hostname other && hostname')).stdout).toBe('other\n');
    const masked = (await sh(k, ['--privileged'], 'grep -c -E "/proc/(keys|sys|acpi)|/sys/firmware" /proc/mounts')).stdout;
    expect(masked).toBe('0\n');
    expect((await sh(k, ['--cap-drop', 'ALL'], 'chown nobody /tmp')).stderr).toMatch(/Operation not permitted/);
  });

  test('--read-only, --tmpfs, --mount', async () => {
    const k = boot();
    expect((await sh(k, ['--read-only'], 'touch /x')).stderr).toBe("touch: cannot touch '/x': Read-only file system\n");
    expect((await sh(k, ['--read-only', '--tmpfs', '/scratch'], 'touch /scratch/x && grep scratch /proc/mounts')).stdout).toBe('tmpfs /scratch tmpfs rw,nosuid,nodev,noexec,relatime 0 0\n');
    await run(k, ['mkdir', '-p', '/srv/site']);
    await run(k, ['bash', '-c', 'echo page > /srv/site/index.html']);
    expect((await sh(k, ['--mount', 'type=bind,source=/srv/site,target=/site,readonly'], 'cat /site/index.html; touch /site/x')).stdout).toBe('page\n');
    const bad = await run(k, ['docker', 'run', '--rm', '--mount', 'type=bind,source=/nope,target=/x', 'rust:latest', 'true']);
    expect(bad.stderr).toBe("docker: Error response from daemon: invalid mount config for type \"bind\": bind source path does not exist: /nope.\nSee 'docker run --help'.\n");
  });

  test('--uts=host, --ipc=host, --network=container:X', async () => {
    const k = boot();
    expect((await sh(k, ['--uts=host'], 'hostname')).stdout).toBe('archlinux\n');
    const host = (await run(k, ['readlink', '/proc/self/ns/ipc'])).stdout;
    expect((await sh(k, ['--ipc=host'], 'readlink /proc/self/ns/ipc')).stdout).toBe(host);
    await run(k, ['docker', 'run', '-d', '--name', 'netbox', 'rust:latest', 'sleep', '1000']);
    const ip = (await sh(k, ['--network=container:netbox'], 'ip -br -4 a show eth0; hostname')).stdout;
    const name = (await run(k, ['docker', 'inspect', '-f', '{{.Config.Hostname}}', 'netbox'])).stdout;
    expect(ip).toMatch(new RegExp(`^eth0@if\\d+ +UP +172\\.17\\.0\\.2/16 \\n${name}$`));
  });

  test('-p/-P publish through docker-proxy; docker port', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '-d', '--name', 'web', '-p', '8080:80', 'nginx']);
    expect((await run(k, ['docker', 'port', 'web'])).stdout).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n');
    expect((await run(k, ['curl', '-s', 'localhost:8080'])).stdout).toMatch(/<title>Welcome to nginx!<\/title>/);
    await run(k, ['docker', 'run', '-d', '--name', 'web2', '-P', 'nginx']);
    expect((await run(k, ['docker', 'port', 'web2', '80'])).stdout).toBe('0.0.0.0:32768\n[::]:32768\n');
    expect((await run(k, ['docker', 'ps', '--format', '{{.Names}}: {{.Ports}}'])).stdout).toBe('web2: 0.0.0.0:32768->80/tcp, [::]:32768->80/tcp\nweb: 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n');
  });

  test('create + start -a, restart, logs', async () => {
    const k = boot();
    const id = (await run(k, ['docker', 'create', '--name', 'later', 'rust:latest', 'echo', 'ran'])).stdout.trim();
    expect((await run(k, ['docker', 'ps', '-a', '--format', '{{.ID}} {{.Status}}'])).stdout).toBe(`${id.slice(0, 12)} Created\n`);
    expect((await run(k, ['docker', 'start', '-a', 'later'])).stdout).toBe('ran\n');
    expect((await run(k, ['docker', 'start', 'later'])).stdout).toBe('later\n');
    await run(k, ['docker', 'wait', 'later']);
    expect((await run(k, ['docker', 'logs', 'later'])).stdout).toBe('ran\nran\n');
    await run(k, ['docker', 'run', '-d', '--name', 'rs', 'redis']);
    expect((await run(k, ['docker', 'exec', 'rs', 'redis-cli', 'ping'])).stdout).toBe('PONG\n');
    expect((await run(k, ['docker', 'restart', 'rs'])).stdout).toBe('rs\n');
    expect((await run(k, ['docker', 'inspect', '-f', '{{.RestartCount}} {{.State.Running}}', 'rs'])).stdout).toBe('1 true\n');
    expect((await run(k, ['docker', 'logs', '--tail', '1', 'rs'])).stdout).toMatch(/^1:M .* \* Ready to accept connections tcp\n$/);
  });
});
