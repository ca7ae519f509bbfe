import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { UNSHARE_USAGE } from './usage.ts';

const boot = () => bootSandbox().host.kernel;
const grep = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).join('\n');

describe('unshare --pid', () => {
  test('--fork --mount-proc: the program is pid 1 of the new namespace and /proc shows only it', async () => {
    const r = await execCapture(boot(), ['unshare', '--pid', '--fork', '--mount-proc', 'cat', '/proc/self/status']);
    expect(r).toMatchObject({ stderr: '', status: 0 });
    expect(grep(r.stdout, /^(Name|Pid|PPid|NStgid|NSpid):/)).toBe('Name:\tcat\nPid:\t1\nPPid:\t0\nNStgid:\t1\nNSpid:\t1');
  });

  test('--fork without --mount-proc: the host /proc shows both pid numbers (NSpid N 1)', async () => {
    const r = await execCapture(boot(), ['unshare', '-p', '-f', 'cat', '/proc/self/status']);
    expect(r.status).toBe(0);
    expect(grep(r.stdout, /^NSpid:/)).toMatch(/^NSpid:\t\d{3,}\t1$/);
  });

  test('without --fork the program itself stays in the old namespace (only its children move)', async () => {
    const r = await execCapture(boot(), ['unshare', '--pid', 'cat', '/proc/self/status']);
    expect(r.status).toBe(0);
    expect(grep(r.stdout, /^NSpid:/)).toMatch(/^NSpid:\t\d{3,}$/);
  });

  test('the pid namespace link differs inside and outside', async () => {
    const k = boot();
    const out = await execCapture(k, ['readlink', '/proc/self/ns/pid']);
    const inside = await execCapture(k, ['unshare', '-p', '-f', '--mount-proc', 'readlink', '/proc/self/ns/pid', '/proc/1/ns/pid']);
    expect(out.stdout).toBe('pid:[4026531836]\n');
    expect(inside.stdout).toMatch(/^pid:\[40265321\d\d\]\npid:\[40265321\d\d\]\n$/);
    expect(inside.stdout.split('\n')[0]).toBe(inside.stdout.split('\n')[1]);
  });

  test('the parent exits with the child status, or dies of its signal', async () => {
    const k = boot();
    expect((await execCapture(k, ['unshare', '-p', '-f', 'bash', '-c', 'exit 7'])).status).toBe(7);
    expect((await execCapture(k, ['unshare', '-f', 'bash', '-c', 'kill -9 $$'])).status).toBe(128 + 9);
    // The init of a pid namespace ignores a SIGKILL sent from inside it: bash just goes on.
    expect((await execCapture(k, ['unshare', '-p', '-f', 'bash', '-c', 'kill -9 $$; echo alive'])).stdout).toBe('alive\n');
  });
});

describe('unshare of mount and UTS namespaces', () => {
  test('a mount made after unshare -m is absent from the host table', async () => {
    const k = boot();
    const r = await execCapture(k, ['unshare', '-m', 'bash', '-c', 'mount -t tmpfs nsref /mnt; grep nsref /proc/self/mounts']);
    expect(r).toEqual({ stdout: 'nsref /mnt tmpfs rw,relatime 0 0\n', stderr: '', status: 0 });
    expect(await execCapture(k, ['grep', 'nsref', '/proc/mounts'])).toEqual({ stdout: '', stderr: '', status: 1 });
  });

  test('--mount-proc makes / private and stacks a new proc on /proc', async () => {
    const r = await execCapture(boot(), ['unshare', '-p', '-f', '--mount-proc', 'grep', '^proc', '/proc/self/mounts']);
    expect(r.stdout).toBe('proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n'.repeat(2));
  });

  test('--mount-proc=DIR mounts the new proc elsewhere', async () => {
    const r = await execCapture(boot(), ['unshare', '-p', '-f', '--mount-proc=/mnt', 'cat', '/mnt/self/stat']);
    expect(r.stdout).toMatch(/^1 \(cat\) R 0 /);
  });

  test('a hostname set in a new UTS namespace stays there', async () => {
    const k = boot();
    const r = await execCapture(k, ['unshare', '-u', 'bash', '-c', 'hostname box; hostname']);
    expect(r).toEqual({ stdout: 'box\n', stderr: '', status: 0 });
    expect((await execCapture(k, ['hostname'])).stdout).toBe('archlinux\n');
  });
});

describe('unshare errors', () => {
  test('non-root: unshare(2) is refused', async () => {
    expect(await execCapture(boot(), ['unshare', '-u', 'true'], { uid: 1000 }))
      .toEqual({ stdout: '', stderr: 'unshare: unshare failed: Operation not permitted\n', status: 1 });
  });

  test('unprivileged user namespaces are allowed (Arch), so -r maps the caller to root', async () => {
    expect(await execCapture(boot(), ['unshare', '-r', 'id', '-u'], { uid: 1000 })).toEqual({ stdout: '0\n', stderr: '', status: 0 });
  });

  test('a program that cannot be executed: errexec() statuses 127 and 126', async () => {
    const k = boot();
    expect(await execCapture(k, ['unshare', '-u', 'nope']))
      .toEqual({ stdout: '', stderr: 'unshare: failed to execute nope: No such file or directory\n', status: 127 });
    expect(await execCapture(k, ['unshare', '-u', '/etc/passwd']))
      .toEqual({ stdout: '', stderr: 'unshare: failed to execute /etc/passwd: Permission denied\n', status: 126 });
  });

  test('bad options', async () => {
    const k = boot();
    expect(await execCapture(k, ['unshare', '--bogus'])).toEqual({
      stdout: '', stderr: "unshare: unrecognized option '--bogus'\nTry 'unshare --help' for more information.\n", status: 1,
    });
    expect(await execCapture(k, ['unshare', '-x'])).toEqual({
      stdout: '', stderr: "unshare: invalid option -- 'x'\nTry 'unshare --help' for more information.\n", status: 1,
    });
    expect(await execCapture(k, ['unshare', '--propagation', 'weird', 'true']))
      .toEqual({ stdout: '', stderr: 'unshare: unsupported propagation mode: weird\n', status: 1 });
    expect(await execCapture(k, ['unshare', '--monotonic', '5', 'true']))
      .toEqual({ stdout: '', stderr: 'unshare: options --monotonic and --boottime require unsharing of a time namespace (-T)\n', status: 1 });
    expect(await execCapture(k, ['unshare', '-S', 'x', 'true']))
      .toEqual({ stdout: '', stderr: "unshare: failed to parse uid: 'x'\n", status: 1 });
  });

  test('--help and --version', async () => {
    const k = boot();
    expect(await execCapture(k, ['unshare', '--help'])).toEqual({ stdout: UNSHARE_USAGE, stderr: '', status: 0 });
    expect((await execCapture(k, ['unshare', '-V'])).stdout).toBe('unshare from util-linux 2.38.1\n');
  });

  test('no program: the shell from $SHELL runs as a login shell', async () => {
    const r = await execCapture(boot(), ['unshare', '-u'], { env: { SHELL: '/nonexistent/zsh' } });
    expect(r).toEqual({ stdout: '', stderr: 'unshare: failed to execute /nonexistent/zsh: No such file or directory\n', status: 127 });
  });
});
