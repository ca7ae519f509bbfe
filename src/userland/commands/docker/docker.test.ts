import { describe, expect, test } from 'vitest';
import { boot, run } from '../../../docker/test/helpers.ts';

/** The docker client against the article VM's daemon, run as root without a terminal. */
describe('docker CLI', () => {
  test('version and --version', async () => {
    const k = boot();
    expect((await run(k, ['docker', '--version'])).stdout).toBe('Docker version 28.2.2, build e6534b4\n');
    const v = await run(k, ['docker', 'version']);
    expect(v.stdout).toMatch(/^Client:\n Version: {11}28\.2\.2\n API version: {7}1\.50\n/);
    expect(v.stdout).toMatch(/\nServer: Docker Engine - Community\n Engine:\n  Version: {10}28\.2\.2\n  API version: {6}1\.50 \(minimum version 1\.24\)\n/);
  });

  test('permission denied for a user outside group docker (the socket is root:docker 0660)', async () => {
    const k = boot();
    const r = await run(k, ['docker', 'ps'], { uid: 1000, gid: 1000 });
    expect(r).toEqual({
      stdout: '', status: 1,
      stderr: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.50/containers/json": dial unix /var/run/docker.sock: connect: permission denied\n',
    });
    expect((await run(k, ['ls', '-l', '/var/run/docker.sock'])).stdout).toMatch(/^srw-rw---- 1 root docker 0 /);
  });

  test('docker ps: the table, with Docker\'s column layout', async () => {
    const k = boot();
    expect((await run(k, ['docker', 'ps'])).stdout).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
    const id = (await run(k, ['docker', 'run', '-d', '--name', 'sleepy', 'rust:latest', 'sleep', '1000'])).stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const ps = (await run(k, ['docker', 'ps'])).stdout;
    // Starting waits out IPv6 DAD on the virtual clock, so the container is 2 seconds old.
    expect(ps).toBe(`CONTAINER ID   IMAGE         COMMAND        CREATED         STATUS         PORTS     NAMES
${id.slice(0, 12)}   rust:latest   "sleep 1000"   2 seconds ago   Up 2 seconds             sleepy
`);
    expect((await run(k, ['docker', 'ps', '-q'])).stdout).toBe(`${id.slice(0, 12)}\n`);
    expect((await run(k, ['docker', 'ps', '--format', '{{.Names}} {{.Image}} {{.Command}}'])).stdout).toBe('sleepy rust:latest "sleep 1000"\n');
  });

  test('docker images and docker pull', async () => {
    const k = boot();
    expect((await run(k, ['docker', 'images'])).stdout).toMatch(/^REPOSITORY   TAG       IMAGE ID       CREATED         SIZE\nrust         latest    [0-9a-f]{12}   12 months ago   1\.53GB\n$/);
    const p = await run(k, ['docker', 'pull', 'alpine']);
    expect(p.stdout).toMatch(/^Using default tag: latest\nlatest: Pulling from library\/alpine\n[0-9a-f]{12}: Pulling fs layer\n[0-9a-f]{12}: Verifying Checksum\n[0-9a-f]{12}: Download complete\n[0-9a-f]{12}: Pull complete\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for alpine:latest\ndocker\.io\/library\/alpine:latest\n$/);
    expect((await run(k, ['docker', 'pull', 'alpine'])).stdout).toMatch(/Status: Image is up to date for alpine:latest\n/);
    const bad = await run(k, ['docker', 'pull', 'nosuch']);
    expect(bad.stderr).toBe("Error response from daemon: pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n");
  });

  test('docker run errors: unknown image, missing command, no argument, bad flag, unknown command', async () => {
    const k = boot();
    const r = await run(k, ['docker', 'run', 'nosuch']);
    expect(r.status).toBe(125);
    expect(r.stderr).toBe("Unable to find image 'nosuch:latest' locally\ndocker: Error response from daemon: pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied.\nSee 'docker run --help'.\n");
    const nf = await run(k, ['docker', 'run', '--rm', 'rust:latest', 'nosuchcmd']);
    expect(nf.status).toBe(127);
    expect(nf.stderr).toBe('docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nosuchcmd": executable file not found in $PATH: unknown.\nSee \'docker run --help\'.\n');
    expect((await run(k, ['docker', 'ps', '-aq'])).stdout).toBe('');
    expect((await run(k, ['docker', 'run'])).stderr).toBe('"docker run" requires at least 1 argument.\nSee \'docker run --help\'.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n');
    expect(await run(k, ['docker', 'run', '--bogus', 'x'])).toEqual({ stdout: '', stderr: "docker: unknown flag: --bogus.\nSee 'docker run --help'.\n", status: 125 });
    expect(await run(k, ['docker', 'frobnicate'])).toEqual({ stdout: '', stderr: "docker: 'frobnicate' is not a docker command.\nSee 'docker --help'\n", status: 1 });
    const it = await run(k, ['docker', 'run', '-it', 'rust:latest', 'bash']);
    expect(it).toEqual({ stdout: '', stderr: 'the input device is not a TTY\n', status: 1 });
  });

  test('rm refuses a running container; rm -f kills it', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '-d', '--name', 'busy', 'rust:latest', 'sleep', '1000']);
    expect((await run(k, ['docker', 'rm', 'busy'])).stderr).toBe('Error response from daemon: cannot remove container "/busy": container is running: stop the container before removing or force remove\n');
    expect((await run(k, ['docker', 'rm', '-f', 'busy'])).stdout).toBe('busy\n');
    expect((await run(k, ['docker', 'stop', 'busy'])).stderr).toBe('Error response from daemon: No such container: busy\n');
  });

  test('inspect: Engine API JSON, --format templates', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '-d', '--name', 'insp', '-e', 'FOO=bar', '-v', '/srv:/srv:ro', '--pid=host', 'rust:latest', 'sleep', '1000']);
    const j = (await run(k, ['docker', 'inspect', 'insp'])).stdout;
    expect(j).toMatch(/^\[\n {4}\{\n {8}"Id": "[0-9a-f]{64}",\n {8}"Created": "2026-11-29T09:13:\d\d\.\d+Z",\n {8}"Path": "sleep",\n {8}"Args": \[\n {12}"1000"\n {8}\],\n {8}"State": \{\n {12}"Status": "running",\n {12}"Running": true,/);
    const o = JSON.parse(j)[0];
    expect(o.HostConfig.PidMode).toBe('host');
    expect(o.HostConfig.NetworkMode).toBe('bridge');
    expect(o.NetworkSettings.IPAddress).toBe('172.17.0.2');
    expect(o.NetworkSettings.MacAddress).toBe('02:42:ac:11:00:02');
    expect(o.Mounts).toEqual([{ Type: 'bind', Source: '/srv', Destination: '/srv', Mode: 'ro', RW: false, Propagation: 'rprivate' }]);
    expect(o.Config.Env).toEqual(['PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'RUSTUP_HOME=/usr/local/rustup', 'CARGO_HOME=/usr/local/cargo', 'RUST_VERSION=1.91.1', 'FOO=bar']);
    const f = (t: string) => run(k, ['docker', 'inspect', '-f', t, 'insp']).then((r) => r.stdout);
    expect(await f('{{.State.Pid}}')).toMatch(/^\d{4}\n$/);
    expect(await f('{{json .HostConfig.Binds}}')).toBe('["/srv:/srv:ro"]\n');
    expect(await f('{{index .Config.Env 4}}')).toBe('FOO=bar\n');
    expect(await f('{{range .Mounts}}{{.Source}}->{{.Destination}}{{end}}')).toBe('/srv->/srv\n');
    expect(await f('{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}}{{end}}')).toBe('bridge=172.17.0.2\n');
    expect(await f('{{.Name}} {{.Config.Cmd}} {{.HostConfig.CapAdd}}')).toBe('/insp [sleep 1000] []\n');
    const missing = await run(k, ['docker', 'inspect', 'nope']);
    expect(missing).toEqual({ stdout: '[]\n', stderr: 'Error: No such object: nope\n', status: 1 });
  });

  test('exec, top, logs, stop, wait', async () => {
    const k = boot();
    await run(k, ['docker', 'run', '-d', '--name', 'tt', 'rust:latest', 'bash', '-c', 'echo started; exec sleep 1000']);
    expect((await run(k, ['docker', 'exec', 'tt', 'cat', '/etc/hostname'])).stdout).toMatch(/^[0-9a-f]{12}\n$/);
    expect((await run(k, ['docker', 'exec', 'tt', 'nosuch'])).stdout).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n');
    const top = (await run(k, ['docker', 'top', 'tt'])).stdout;
    expect(top).toMatch(/^UID {17}PID {17}PPID {16}C {19}STIME {15}TTY {17}TIME {16}CMD\nroot {16}\d+ {16}\d+ {16}0 {19}09:13 {15}\? {19}00:00:00 {12}sleep 1000\n$/);
    expect((await run(k, ['docker', 'logs', 'tt'])).stdout).toBe('started\n');
    expect((await run(k, ['docker', 'kill', 'tt'])).stdout).toBe('tt\n');
    expect((await run(k, ['docker', 'wait', 'tt'])).stdout).toBe('137\n');
    expect((await run(k, ['docker', 'ps', '-a', '--format', '{{.Status}}'])).stdout).toBe('Exited (137) Less than a second ago\n');
  });

  test('user-defined networks: br-<id>, 172.18.0.0/16, names in /etc/hosts', async () => {
    const k = boot();
    const id = (await run(k, ['docker', 'network', 'create', 'appnet'])).stdout.trim();
    expect((await run(k, ['docker', 'network', 'ls'])).stdout).toBe(`NETWORK ID     NAME      DRIVER    SCOPE\n${id.slice(0, 12)}   appnet    bridge    local\n` + (await run(k, ['docker', 'network', 'ls'])).stdout.split('\n').slice(2).join('\n'));
    await run(k, ['docker', 'run', '-d', '--name', 'db', '--network', 'appnet', 'rust:latest', 'sleep', '1000']);
    await run(k, ['docker', 'run', '-d', '--name', 'app', '--network', 'appnet', 'rust:latest', 'sleep', '1000']);
    const hosts = (await run(k, ['docker', 'exec', 'app', 'cat', '/etc/hosts'])).stdout;
    expect(hosts).toMatch(/\n172\.18\.0\.3\t[0-9a-f]{12}\n172\.18\.0\.2\tdb [0-9a-f]{12}\n$/);
    expect((await run(k, ['docker', 'exec', 'db', 'cat', '/etc/hosts'])).stdout).toMatch(/\n172\.18\.0\.2\t[0-9a-f]{12}\n172\.18\.0\.3\tapp [0-9a-f]{12}\n$/);
    expect((await run(k, ['ip', '-br', 'link', 'show', `br-${id.slice(0, 12)}`])).stdout).toMatch(new RegExp(`^br-${id.slice(0, 12)} +UP `));
    expect((await run(k, ['docker', 'network', 'rm', 'appnet'])).stderr).toBe(`Error response from daemon: error while removing network: network appnet id ${id} has active endpoints\n`);
    await run(k, ['docker', 'run', '-d', '--name', 'late', 'rust:latest', 'sleep', '1000']);
    expect((await run(k, ['docker', 'network', 'connect', 'appnet', 'late'])).status).toBe(0);
    expect((await run(k, ['docker', 'exec', 'late', 'ip', '-br', '-4', 'a'])).stdout).toMatch(/^lo +UNKNOWN +127\.0\.0\.1\/8 \neth0@if\d+ +UP +172\.17\.0\.2\/16 \neth1@if\d+ +UP +172\.18\.0\.4\/16 \n$/);
    expect((await run(k, ['docker', 'exec', 'db', 'ping', '-c', '1', 'late'])).stdout).toMatch(/^PING late \(172\.18\.0\.4\) /);
    await run(k, ['docker', 'network', 'disconnect', 'appnet', 'late']);
    expect((await run(k, ['docker', 'exec', 'late', 'ip', '-br', '-4', 'a'])).stdout).toMatch(/^lo .*\neth0@if\d+ +UP +172\.17\.0\.2\/16 \n$/);
    expect((await run(k, ['docker', 'exec', 'db', 'cat', '/etc/hosts'])).stdout).not.toMatch(/late/);
    await run(k, ['docker', 'rm', '-f', 'db', 'app', 'late']);
    expect((await run(k, ['docker', 'network', 'rm', 'appnet'])).stdout).toBe('appnet\n');
  });
});
