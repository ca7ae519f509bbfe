import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../sandbox/index.ts';
import { CLONE_NEWNS, CLONE_NEWPID } from '../constants.ts';
import { Sys } from '../syscalls/Sys.ts';

/** /proc's fixed entry tables are built once per directory; what they show must still be live. */
describe('procfs entry tables', () => {
  test('/proc/PID files keep their inode, show current values, and the directory lists the extras', async () => {
    const k = bootSandbox().host.kernel;
    const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
    expect(sys.stat('/proc/1/stat').ino).toBe(sys.stat('/proc/1/stat').ino);
    expect(sys.readdir('/proc/1')).toEqual(expect.arrayContaining(['stat', 'status', 'cmdline', 'ns', 'net']));
    const task = k.initPidNs.tasks.get(1)!;
    const comm = task.comm;
    expect(await sys.readFile('/proc/1/comm')).toBe(`${comm}\n`);
    task.comm = 'renamed';
    expect(await sys.readFile('/proc/1/comm')).toBe('renamed\n');
    task.comm = comm;
    expect(sys.readdir('/proc')).toEqual(expect.arrayContaining(['self', 'uptime', 'sys', '1']));
  });

  test('a new process appears in /proc and disappears once reaped', async () => {
    const k = bootSandbox().host.kernel;
    const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const pid = sys.clone(async () => { await gate; return 0; }, { comm: 'probe' });
    await k.settle(() => true);
    expect(sys.readdir('/proc')).toContain(String(pid));
    expect(await sys.readFile(`/proc/${pid}/status`)).toMatch(/^Name:\tprobe\n/);
    release();
    await k.settle(() => !k.initPidNs.tasks.has(pid)); // the host's init reaps it
    expect(sys.readdir('/proc')).not.toContain(String(pid));
    expect(() => sys.stat(`/proc/${pid}/status`)).toThrow();
  });

  test('an open /proc file is one snapshot: at its end read returns 0 (seq_file), a new open sees the change', async () => {
    const k = bootSandbox().host.kernel;
    const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
    const task = k.initPidNs.tasks.get(1)!;
    const comm = task.comm;
    const fd = sys.open('/proc/1/comm', 0);
    expect(await sys.read(fd)).toBe(`${comm}\n`);
    task.comm = `${comm}-renamed`;
    expect(await sys.read(fd)).toBe('');
    expect(await sys.read(fd)).toBe('');
    sys.close(fd);
    expect(await sys.readFile('/proc/1/comm')).toBe(`${comm}-renamed\n`);
    task.comm = comm;
  });

  test('descriptors: the lowest free number is reused, /proc/PID/fd lists them in order', async () => {
    const k = bootSandbox().host.kernel;
    const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
    const before = sys.readdir('/proc/self/fd').map(Number);
    const a = sys.open('/proc/uptime', 0);
    const b = sys.open('/proc/uptime', 0);
    expect(b).toBeGreaterThan(a);
    sys.close(a);
    expect(sys.open('/proc/uptime', 0)).toBe(a);
    const listed = sys.readdir('/proc/self/fd').map(Number);
    expect(listed).toEqual([...before, a, b].sort((x, y) => x - y));
    expect(() => sys.close(1000)).toThrow();
  });

  test('a task has a directory in each procfs that shows it, numbered for that procfs', async () => {
    const k = bootSandbox().host.kernel;
    const host = new Sys(k, k.initPidNs.tasks.get(1)!);
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let inside = '';
    let insideIno = 0;
    const pid = host.clone(async (c) => {
      c.unshare(CLONE_NEWNS);
      c.mount('proc', '/proc', 'proc', 0);
      insideIno = c.stat('/proc/1').ino;
      inside = await c.readFile('/proc/1/status');
      await gate;
      // Looked up again after the host's procfs made its own directory for the same task.
      inside += await c.readFile('/proc/1/status');
      return 0;
    }, { flags: CLONE_NEWPID, comm: 'nsinit' });
    await k.settle(() => inside !== '');
    const outside = await host.readFile(`/proc/${pid}/status`);
    expect(outside).toMatch(new RegExp(`^Pid:\\t${pid}$`, 'm'));
    expect(outside).toMatch(new RegExp(`^NSpid:\\t${pid}\\t1$`, 'm'));
    expect(host.stat(`/proc/${pid}`).ino).not.toBe(insideIno);
    release();
    await k.settle(() => !k.initPidNs.tasks.has(pid));
    expect(inside.match(/^Pid:\t1$/gm)).toHaveLength(2);
    expect(inside).toMatch(/^NSpid:\t1$/m);
  });
});
