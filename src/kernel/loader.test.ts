import { describe, expect, test } from 'vitest';
import { execCapture, type ExecResult } from '../sandbox/exec.ts';
import { bootSandbox } from '../sandbox/index.ts';
import { installPrograms } from '../sandbox/rootfs.ts';
import type { Kernel } from './Kernel.ts';
import { loadsInFlight, readahead } from './loader.ts';
import type { ProgramImage } from './program.ts';
import { Sys } from './syscalls/Sys.ts';
import { TmpDir } from './vfs/tmpfs.ts';

/** A program whose code arrives when the test says so (a chunk still on the network). */
function slowProgram(k: Kernel, name: string, text = 'hello\n') {
  let deliver!: () => void;
  let fail!: () => void;
  const arrived = new Promise<void>((resolve, reject) => { deliver = resolve; fail = () => reject(new Error('chunk failed')); });
  arrived.catch(() => undefined); // failed before anyone reads it: not an unhandled rejection
  let reads = 0;
  const image: ProgramImage = { vszKb: 4242, rssKb: 42, main: async (proc) => { await proc.out(text); return 0; } };
  const load = async () => { reads++; await arrived; return image; };
  installPrograms(k, k.initNsProxy.mnt.root.root as TmpDir, '/usr/bin', { [name]: load }, [name]);
  return { deliver, fail, reads: () => reads };
}

function start(k: Kernel, argv: string[]) {
  const res: { r?: ExecResult } = {};
  void execCapture(k, argv).then((r) => { res.r = r; });
  return res;
}

describe('program code is read in at its first execve', () => {
  test('the task waits in state D with its old comm, settle waits for the load, the program then runs', async () => {
    const k = bootSandbox().host.kernel;
    await k.settle(() => true);
    const slow = slowProgram(k, 'slowprog');
    const run = start(k, ['slowprog']);
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
    const loading = [...k.tasks].filter((t) => t.state === 'D');
    expect(loading.map((t) => t.comm)).toEqual(['nsbox-exec']);
    expect(run.r).toBeUndefined();
    setTimeout(slow.deliver, 30);
    // settle neither gives up nor calls the system quiet while code is in flight.
    expect(await k.settle(() => run.r !== undefined)).toBe(true);
    expect(run.r).toEqual({ stdout: 'hello\n', stderr: '', status: 0 });
    expect([...k.tasks].filter((t) => t.state === 'D')).toEqual([]);
  });

  test('a second exec finds the image in memory: no second read, no D state', async () => {
    const k = bootSandbox().host.kernel;
    const slow = slowProgram(k, 'cachedprog');
    const first = start(k, ['cachedprog']);
    const second = start(k, ['cachedprog']);
    slow.deliver();
    await k.settle(() => first.r !== undefined && second.r !== undefined);
    expect(slow.reads()).toBe(1);
    const third = start(k, ['cachedprog']);
    let sawD = false;
    await k.settle(() => { sawD ||= [...k.tasks].some((t) => t.state === 'D'); return third.r !== undefined; });
    expect(sawD).toBe(false);
    expect(third.r?.stdout).toBe('hello\n');
    expect(slow.reads()).toBe(1);
  });

  test('code that cannot be read makes execve fail with EIO', async () => {
    const k = bootSandbox().host.kernel;
    const slow = slowProgram(k, 'brokenprog');
    const run = start(k, ['bash', '-c', 'brokenprog; echo "status $?"']);
    slow.fail();
    await k.settle(() => run.r !== undefined);
    expect(run.r?.stdout).toBe('status 126\n');
    expect(run.r?.stderr).toBe('bash: line 1: brokenprog: Input/output error\n');
  });

  test('SIGKILL during the read ends the task when the read completes, without running the program', async () => {
    const k = bootSandbox().host.kernel;
    const slow = slowProgram(k, 'killedprog', 'must not print\n');
    const run = start(k, ['killedprog']);
    while (![...k.tasks].some((t) => t.state === 'D' && t.comm === 'nsbox-exec')) await new Promise<void>((r) => setImmediate(r));
    const loading = [...k.tasks].find((t) => t.state === 'D' && t.comm === 'nsbox-exec')!;
    new Sys(k, k.initPidNs.tasks.get(1)!).kill(loading.nr, 9);
    slow.deliver();
    await k.settle(() => run.r !== undefined);
    expect(run.r).toEqual({ stdout: '', stderr: '', status: 137 });
  });
});

describe('readahead', () => {
  test('reads code in that nobody waits for: settle does not count it until an execve needs it', async () => {
    const k = bootSandbox().host.kernel;
    await k.settle(() => true);
    let reads = 0;
    let deliver!: () => void;
    const arrived = new Promise<void>((r) => { deliver = r; });
    const image: ProgramImage = { vszKb: 1, rssKb: 1, main: async (proc) => { await proc.out('ahead\n'); return 0; } };
    const load = async () => { reads++; await arrived; return image; };
    installPrograms(k, k.initNsProxy.mnt.root.root as TmpDir, '/usr/bin', { aheadprog: load }, ['aheadprog']);
    const done = readahead([load, load]);
    expect(reads).toBe(1);
    expect(loadsInFlight()).toBe(false);
    // An exec while the read is on its way waits for that same read, now counted as I/O in flight.
    const run = start(k, ['aheadprog']);
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
    expect(loadsInFlight()).toBe(true);
    setTimeout(deliver, 10);
    expect(await k.settle(() => run.r !== undefined)).toBe(true);
    await done;
    expect(run.r?.stdout).toBe('ahead\n');
    expect(reads).toBe(1);
  });

  test('a failed read is forgotten: the execve that needs the program reads it again', async () => {
    const k = bootSandbox().host.kernel;
    let reads = 0;
    const image: ProgramImage = { vszKb: 1, rssKb: 1, main: async () => 7 };
    const load = async () => { if (++reads === 1) throw new Error('network'); return image; };
    installPrograms(k, k.initNsProxy.mnt.root.root as TmpDir, '/usr/bin', { flakyprog: load }, ['flakyprog']);
    await readahead([load]);
    const run = start(k, ['flakyprog']);
    await k.settle(() => run.r !== undefined);
    expect(run.r?.status).toBe(7);
    expect(reads).toBe(2);
  });
});

describe('dockerd reads its engine in after boot', () => {
  test('dockerd shows state D until its code is in; docker waits for it instead of failing', async () => {
    const sandbox = bootSandbox();
    const k = sandbox.host.kernel;
    const dockerd = sandbox.host.roles.get('dockerd')!;
    expect(dockerd.state).toBe('D');
    expect(k.extensionLoads.has('docker')).toBe(true);
    // Started at once, before the engine is in: the client sleeps in extReady, then gets its answer.
    const run = start(k, ['docker', 'images', '--format', '{{.Repository}}:{{.Tag}}']);
    await k.settle(() => run.r !== undefined);
    expect(run.r).toEqual({ stdout: 'rust:latest\n', stderr: '', status: 0 });
    expect(dockerd.state).toBe('S');
    expect(k.extensionLoads.size).toBe(0);
  });
  test('with deferLoadsUntil, the engine is read in only once that settles; docker waits meanwhile', async () => {
    let release!: () => void;
    const after = new Promise<void>((r) => { release = r; });
    const sandbox = bootSandbox({ deferLoadsUntil: after });
    const k = sandbox.host.kernel;
    const dockerd = sandbox.host.roles.get('dockerd')!;
    const run = start(k, ['docker', 'ps', '-q']);
    for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
    expect(dockerd.state).toBe('D');
    expect(run.r).toBeUndefined();
    release();
    await k.settle(() => run.r !== undefined);
    expect(run.r).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(dockerd.state).toBe('S');
  });
  test('the network stack\'s call table is a load of its own: ip sleeps in ext(\'net\') until it is in', async () => {
    let release!: () => void;
    const after = new Promise<void>((r) => { release = r; });
    const k = bootSandbox({ deferLoadsUntil: after }).host.kernel;
    const run = start(k, ['ip', '-br', 'link']);
    for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
    expect(k.extensionLoads.has('net')).toBe(true);
    expect(run.r).toBeUndefined();
    release();
    await k.settle(() => run.r !== undefined);
    expect(run.r?.status).toBe(0);
    expect(run.r?.stdout).toMatch(/^lo +UNKNOWN .*\neth0 +UP .*\ndocker0 +/);
    expect(k.extensionLoads.has('net')).toBe(false);
  });
});
