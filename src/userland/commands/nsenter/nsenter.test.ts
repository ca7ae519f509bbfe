import { describe, expect, test } from 'vitest';
import type { Kernel } from '../../../kernel/Kernel.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { NSENTER_USAGE } from './usage.ts';

const boot = () => bootSandbox().host.kernel;

/** Start `argv` (which ends in a long sleep) and return the host pid of that sleep once it runs. */
async function background(k: Kernel, argv: string[]): Promise<number> {
  const before = new Set([...k.tasks]);
  void execCapture(k, argv);
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 1));
    const t = [...k.tasks].find((x) => !before.has(x) && x.comm === 'sleep');
    if (t) return t.pid.nrIn(k.initPidNs);
  }
  throw new Error('background task did not start');
}

describe('nsenter', () => {
  test('-t PID -u runs hostname in the target UTS namespace', async () => {
    const k = boot();
    const pid = await background(k, ['unshare', '-u', 'bash', '-c', 'hostname inner; exec sleep 1000']);
    expect(await execCapture(k, ['nsenter', '-t', String(pid), '-u', 'hostname'])).toEqual({ stdout: 'inner\n', stderr: '', status: 0 });
    expect((await execCapture(k, ['hostname'])).stdout).toBe('archlinux\n');
  });

  test('-p forks so the program is in the pid namespace; -m brings its /proc', async () => {
    const k = boot();
    const pid = await background(k, ['unshare', '-p', '-f', '--mount-proc', 'sleep', '1000']);
    const r = await execCapture(k, ['nsenter', '-t', String(pid), '-p', '-m', 'cat', '/proc/self/status']);
    expect(r.stdout.split('\n').filter((l) => /^(Pid|PPid|NSpid):/.test(l)).join('\n')).toBe('Pid:\t2\nPPid:\t0\nNSpid:\t2');
    // Seen from the host's /proc (no -m), the same child shows both numbers.
    const host = await execCapture(k, ['nsenter', '-t', String(pid), '-p', 'cat', '/proc/self/status']);
    expect(host.stdout.split('\n').find((l) => l.startsWith('NSpid:'))).toMatch(/^NSpid:\t\d+\t3$/);
  });

  test('-a enters every namespace of the target, -F does not fork', async () => {
    const k = boot();
    const pid = await background(k, ['unshare', '-p', '-f', '--mount-proc', '-u', '-m', 'bash', '-c', 'hostname box; exec sleep 1000']);
    expect((await execCapture(k, ['nsenter', '-t', String(pid), '-a', 'readlink', '/proc/1/exe'])).stdout).toBe('/usr/bin/sleep\n');
    expect((await execCapture(k, ['nsenter', '-t', String(pid), '-u', '-F', 'hostname'])).stdout).toBe('box\n');
    const a = await execCapture(k, ['readlink', `/proc/${pid}/ns/pid`]);
    const b = await execCapture(k, ['nsenter', '-t', String(pid), '-a', 'readlink', '/proc/self/ns/pid']);
    expect(b.stdout).toBe(a.stdout);
  });

  test('a namespace file instead of a pid', async () => {
    const k = boot();
    const pid = await background(k, ['unshare', '-u', 'bash', '-c', 'hostname other; exec sleep 1000']);
    expect((await execCapture(k, ['nsenter', `--uts=/proc/${pid}/ns/uts`, 'hostname'])).stdout).toBe('other\n');
  });

  test('errors: no such process, nothing to enter, permissions', async () => {
    const k = boot();
    expect(await execCapture(k, ['nsenter', '-t', '999', '-p', 'true']))
      .toEqual({ stdout: '', stderr: 'nsenter: cannot open /proc/999/ns/pid: No such file or directory\n', status: 1 });
    expect(await execCapture(k, ['nsenter', '-n', 'true']))
      .toEqual({ stdout: '', stderr: 'nsenter: neither filename nor target pid supplied for ns/net\n', status: 1 });
    expect(await execCapture(k, ['nsenter', '-a', 'true']))
      .toEqual({ stdout: '', stderr: 'nsenter: no target PID specified for --all\n', status: 1 });
    expect(await execCapture(k, ['nsenter', '-t', '999', '-a', 'true']))
      .toEqual({ stdout: '', stderr: 'nsenter: stat of /proc/999/ns/user failed: No such file or directory\n', status: 1 });
    // vagrant may open its own processes' namespaces but not setns(2) into them…
    expect(await execCapture(k, ['nsenter', '-t', '701', '-n', 'true'], { uid: 1000 }))
      .toEqual({ stdout: '', stderr: "nsenter: reassociate to namespace 'ns/net' failed: Operation not permitted\n", status: 1 });
    // …and may not even open root's.
    expect(await execCapture(k, ['nsenter', '-t', '1', '-n', 'true'], { uid: 1000 }))
      .toEqual({ stdout: '', stderr: 'nsenter: cannot open /proc/1/ns/net: Permission denied\n', status: 1 });
    expect(await execCapture(k, ['nsenter', '-t', 'x', '-n', 'true']))
      .toEqual({ stdout: '', stderr: "nsenter: failed to parse pid: 'x'\n", status: 1 });
  });

  test('the program: exec errors, usage', async () => {
    const k = boot();
    expect(await execCapture(k, ['nsenter', '-t', '1', '-u', 'nope']))
      .toEqual({ stdout: '', stderr: 'nsenter: failed to execute nope: No such file or directory\n', status: 127 });
    expect(await execCapture(k, ['nsenter', '--bogus'])).toEqual({
      stdout: '', stderr: "nsenter: unrecognized option '--bogus'\nTry 'nsenter --help' for more information.\n", status: 1,
    });
    expect(await execCapture(k, ['nsenter', '-h'])).toEqual({ stdout: NSENTER_USAGE, stderr: '', status: 0 });
  });
});
