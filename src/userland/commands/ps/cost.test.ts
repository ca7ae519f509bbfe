import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Kernel } from '../../../kernel/Kernel.ts';
import { GenDir } from '../../../kernel/procfs/nodes.ts';
import { PidDir } from '../../../kernel/procfs/pid/PidDir.ts';
import { ProcRoot } from '../../../kernel/procfs/ProcFs.ts';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { SysFs } from '../../../kernel/syscalls/SysFs.ts';
import { PathWalker } from '../../../kernel/vfs/path.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/**
 * What `ps aux` costs per process, counted rather than timed. Like procps it opens
 * /proc/PID/{stat,status,cmdline} once each and nothing else per process, reads stat and status with
 * one read(2) each once file2str's buffer fits them and cmdline with two (the second sees EOF), walks
 * one path per open, and reads /etc/passwd once per run however many processes there are. Its output
 * leaves in stdio-sized blocks, not a write per line, and an unsorted listing starts leaving before
 * the last process is read (so no record has to outlive its line). A per-process scan (of /proc, of
 * the task list, of the password file), an extra read or walk, or per-line writes would show here as
 * a count that grows faster than the process table.
 */
async function addSleepers(k: Kernel, count: number): Promise<void> {
  const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
  const env = new Map([['PATH', '/usr/bin:/bin']]);
  for (let i = 0; i < count; i++) sys.clone(async (c) => c.execve('/usr/bin/sleep', ['sleep', '1000'], env), { comm: 'sleep' });
  await k.settle(() => true);
}

const PER_PROCESS = /^\/proc\/\d+\/(stat|status|cmdline)$/;
const realOpen = SysFs.prototype.open;
const realReadNow = SysFs.prototype.readNow;
const realWrite = SysFs.prototype.write;
const realLookups = [GenDir, ProcRoot, PidDir].map((c) => [c, c.prototype.lookup] as const);
const realResolve = PathWalker.prototype.resolve;

interface Counts {
  procs: number; bytes: number; opens: string[]; reads: number; walks: number; lookups: number; writes: number;
  /** Reads of /proc/PID files done before ps's first write to stdout. */
  readsBeforeOutput: number;
}

async function psAux(k: Kernel, argv = ['ps', 'aux']): Promise<Counts> {
  const c: Counts = { procs: 0, bytes: 0, opens: [], reads: 0, walks: 0, lookups: 0, writes: 0, readsBeforeOutput: -1 };
  const isPs = (fs: SysFs) => fs.task.comm === 'ps';
  vi.spyOn(SysFs.prototype, 'open').mockImplementation(function (this: SysFs, path, flags, mode) {
    if (isPs(this)) c.opens.push(path);
    return realOpen.call(this, path, flags, mode);
  });
  vi.spyOn(SysFs.prototype, 'readNow').mockImplementation(function (this: SysFs, fd, count) {
    if (isPs(this) && PER_PROCESS.test(this.task.fdTable.get(fd).name)) c.reads++;
    return realReadNow.call(this, fd, count);
  });
  vi.spyOn(SysFs.prototype, 'write').mockImplementation(function (this: SysFs, fd, data) {
    if (isPs(this) && fd === 1 && c.writes++ === 0) c.readsBeforeOutput = c.reads;
    return realWrite.call(this, fd, data);
  });
  vi.spyOn(PathWalker.prototype, 'resolve').mockImplementation(function (this: PathWalker, path, follow) {
    if (PER_PROCESS.test(path)) c.walks++;
    return realResolve.call(this, path, follow);
  });
  // Every synthetic directory's lookup, the fixed-table fallback of /proc's root included.
  for (const [cls, real] of realLookups) {
    vi.spyOn(cls.prototype, 'lookup').mockImplementation(function (this: GenDir, name: string, ctx) {
      c.lookups++;
      return real.call(this, name, ctx);
    });
  }
  let r;
  try {
    r = await execCapture(k, argv);
  } finally {
    vi.restoreAllMocks();
  }
  expect(r.status).toBe(0);
  c.procs = r.stdout.split('\n').length - 2;
  c.bytes = r.stdout.length;
  return c;
}

describe('ps aux cost per process', () => {
  afterEach(() => { vi.restoreAllMocks(); });

  test('each extra process costs three /proc opens, four reads, three path walks and a fixed number of procfs lookups; /etc/passwd is read once', async () => {
    const k = bootSandbox().host.kernel;
    const small = await psAux(k);
    await addSleepers(k, 60);
    const big = await psAux(k);
    const extra = big.procs - small.procs;
    expect(extra).toBe(60);

    const perProc = (c: Counts) => c.opens.filter((p) => PER_PROCESS.test(p)).length;
    expect(perProc(small)).toBe(3 * small.procs);
    expect(perProc(big)).toBe(3 * big.procs);
    // Everything else ps opens (its own /proc/self/stat, uptime, meminfo, passwd, group, ...) does not grow.
    expect(big.opens.length - perProc(big)).toBe(small.opens.length - perProc(small));
    expect(big.opens.filter((p) => p === '/etc/passwd')).toHaveLength(1);
    // stat and status: one read each (file2str's buffer, grown once per run, fits them); cmdline: data, then EOF.
    expect(big.reads - small.reads).toBe(4 * extra);
    expect(big.walks - small.walks).toBe(3 * extra);
    // /proc/PID (the pid first, as proc_root_lookup: no fixed-table miss) then the file in it: two
    // synthetic-directory lookups per open.
    expect(big.lookups - small.lookups).toBe(2 * 3 * extra);
  });

  test('a plain listing shows processes as it reads them; a sorted one reads them all first', async () => {
    const k = bootSandbox().host.kernel;
    await addSleepers(k, 200);
    // simple_spew: the first 4 KiB block leaves once ~40 processes are read, long before the last.
    const plain = await psAux(k);
    expect(plain.readsBeforeOutput).toBeGreaterThan(0);
    expect(plain.readsBeforeOutput).toBeLessThan(plain.reads / 2);
    // fancy_spew: sorting needs every process before the first line.
    const sorted = await psAux(k, ['ps', 'aux', '--sort=-pid']);
    expect(sorted.readsBeforeOutput).toBe(sorted.reads);
  });

  test('the table leaves in 4 KiB blocks, not a write(2) per line', async () => {
    const k = bootSandbox().host.kernel;
    await addSleepers(k, 200);
    const c = await psAux(k);
    expect(c.procs).toBeGreaterThan(200);
    // Whole lines per block: each write carries at least 4096 bytes but the last.
    expect(c.writes).toBeLessThanOrEqual(Math.ceil(c.bytes / 4096));
    expect(c.writes).toBeGreaterThan(1);
  });
});
