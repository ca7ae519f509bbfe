import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../sandbox/index.ts';
import { session } from './session.ts';

/** `docker run -it`, attach/detach, `exec -it` and the images' shells, typed at the VM's terminal. */
describe('terminals', () => {
  test('^P^Q detaches, docker attach re-attaches, exit ends the container', async () => {
    const r = await session(['docker run -it --name c1 rust:latest bash', 'echo hello', '\x10\x11', 'docker ps --format "{{.Names}} {{.Status}}"',
      'docker attach c1', 'hostname', 'exit', 'docker ps -a --format "{{.Names}} {{.Status}}"']);
    expect(r[1]).toMatchObject({ output: 'hello\n' });
    expect(r[3].prompt).toBe('vagrant@archlinux ~ $ ');
    expect(r[3].output).toBe('c1 Up 2 seconds\n');
    // Attaching prints nothing: the container's bash already showed its prompt (press Enter to see it).
    expect(r[5].output).toMatch(/^[0-9a-f]{12}\n$/);
    expect(r[6].output).toBe('exit\n');
    expect(r[7].output).toMatch(/^c1 Exited \(0\) /);
  });

  test('^D at the container\'s prompt ends it; the client exits with its status', async () => {
    const r = await session(['docker run -it rust:latest bash', 'exit 7', 'echo $?']);
    expect(r[2].output).toBe('7\n');
  });

  test('a container that keeps working keeps the terminal busy (sleep, then output)', async () => {
    const r = await session(['docker run -it rust:latest bash', 'sleep 2; echo done', 'exit']);
    expect(r[1].output).toBe('done\n');
  });

  test('exec -it: a second process on the container\'s next pty', async () => {
    const r = await session(['docker run -d --name c2 rust:latest sleep 1000', 'docker exec -it c2 bash', 'ps aux', 'exit']);
    expect(r[2].prompt).toMatch(/^root@[0-9a-f]{12}:\/# $/);
    expect(r[2].output).toMatch(/^USER .*\nroot {11}1 .* \? {8}Ss {3}09:13 {3}0:00 sleep 1000\nroot {11}2 .* pts\/0 {4}Ss {3}09:13 {3}0:00 bash\nroot {11}3 .* pts\/0 {4}R\+ {3}09:13 {3}0:00 ps aux\n$/);
  });

  test('the container\'s console follows the client terminal\'s size (ps cuts at its width)', async () => {
    const long = 'bash -c "sleep 1000" $(printf "%0150d" 0) &';
    const r = await session(['docker run -it rust:latest bash', long, 'ps -o args=', '\0resize 120 40', 'ps -o args=', 'exit'], { cols: 100 });
    const width = (out: string) => out.split('\n').find((l) => l.startsWith('bash -c sleep 1000 000'))!.length;
    expect(width(r[2].output)).toBe(100);
    expect(width(r[3].output)).toBe(120);
  });

  test('a resize while the container runs does not end the client: its exit status comes through', async () => {
    // SIGWINCH reaches the docker CLI (it follows the size) while it waits for the container.
    const r = await session(['docker run -it rust:latest bash', '\0resize 90 30', 'exit 3', 'echo $?']);
    expect(r[1].output).toBe('exit\n');
    expect(r[2].output).toBe('3\n');
  });

  test('alpine: BusyBox ash prompt and BusyBox ps', async () => {
    const r = await session(['docker run -it alpine', 'ps', 'cd /tmp', 'exit']);
    expect(r[1].prompt).toBe('/ # ');
    expect(r[1].output).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 /bin/sh\n    2 root      0:00 ps\n');
    expect(r[3].prompt).toBe('/tmp # ');
  });

  test('ubuntu has no procps', async () => {
    const r = await session(['docker run -it ubuntu', 'ps', 'echo $?', 'exit']);
    expect(r[1].output).toMatch(/bash: ps: command not found\n$/);
    expect(r[2].output).toBe('127\n');
  });

  test('from a second terminal the host sees the container\'s bash (Ss+, its own pts/0) under its shim', async () => {
    const sb = bootSandbox();
    await session(['docker run -it rust:latest bash'], { sandbox: sb });
    const host = await session(['ps -eo pid,ppid,tty,stat,args --forest | cat'], { sandbox: sb });
    const lines = host[0].output.split('\n');
    const i = lines.findIndex((l) => / \/usr\/bin\/containerd-shim-runc-v2 -namespace moby -id /.test(l));
    expect(lines[i]).toMatch(/^ *\d+ +1 \? +Sl? +\/usr\/bin\/containerd-shim-runc-v2 -namespace moby -id [0-9a-f]{64} -address \/run\/containerd\/containerd.sock$/);
    const shimPid = lines[i].trim().split(/ +/)[0];
    expect(lines[i + 1]).toMatch(new RegExp(`^ *\\d+ +${shimPid} (\\?|pts/0) +Ss\\+ +\\\\_ bash$`));
  });
});
