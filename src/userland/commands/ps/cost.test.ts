import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Kernel } from '../../../kernel/Kernel.ts';
import { GenDir } from '../../../kernel/procfs/nodes.ts';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { SysFs } from '../../../kernel/syscalls/SysFs.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/**
 * What `ps aux` costs per process, counted rather than timed: like procps it opens
 * /proc/PID/{stat,status,cmdline} once each and nothing else per process, and reads /etc/passwd once
 * per run however many processes there are. A per-process scan (of /proc, of the task list, of the
 * password file) would show here as a count that grows faster than the process table.
 */
async function addSleepers(k: Kernel, count: number): Promise<void> {
  const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
  const env = new Map([['PATH', '/usr/bin:/bin']]);
  for (let i = 0; i < count; i++) sys.clone(async (c) => c.execve('/usr/bin/sleep', ['sleep', '1000'], env), { comm: 'sleep' });
  await k.settle(() => true);
}

const realOpen = SysFs.prototype.open;
const realLookup = GenDir.prototype.lookup;

interface Counts { procs: number; opens: string[]; lookups: number }

async function psAux(k: Kernel): Promise<Counts> {
  const opens: string[] = [];
  let lookups = 0;
  const open = vi.spyOn(SysFs.prototype, 'open').mockImplementation(function (this: SysFs, path, flags, mode) {
    opens.push(path);
    return realOpen.call(this, path, flags, mode);
  });
  const lookup = vi.spyOn(GenDir.prototype, 'lookup').mockImplementation(function (this: GenDir, name, ctx) {
    lookups++;
    return realLookup.call(this, name, ctx);
  });
  let r;
  try {
    r = await execCapture(k, ['ps', 'aux']);
  } finally {
    open.mockRestore();
    lookup.mockRestore();
  }
  expect(r.status).toBe(0);
  return { procs: r.stdout.split('\n').length - 2, opens, lookups };
}

describe('ps aux cost per process', () => {
  afterEach(() => { vi.restoreAllMocks(); });

  test('each extra process costs three /proc opens and a fixed number of procfs lookups; /etc/passwd is read once', async () => {
    const k = bootSandbox().host.kernel;
    const small = await psAux(k);
    await addSleepers(k, 60);
    const big = await psAux(k);
    const extra = big.procs - small.procs;
    expect(extra).toBe(60);

    const perProc = (c: Counts) => c.opens.filter((p) => /^\/proc\/\d+\/(stat|status|cmdline)$/.test(p)).length;
    expect(perProc(small)).toBe(3 * small.procs);
    expect(perProc(big)).toBe(3 * big.procs);
    // Everything else ps opens (its own /proc/self/stat, uptime, meminfo, passwd, group, ...) does not grow.
    expect(big.opens.length - perProc(big)).toBe(small.opens.length - perProc(small));
    expect(big.opens.filter((p) => p === '/etc/passwd')).toHaveLength(1);
    // /proc/PID then the file in it: two synthetic-directory lookups per open.
    expect(big.lookups - small.lookups).toBe(2 * 3 * extra);
  });
});
