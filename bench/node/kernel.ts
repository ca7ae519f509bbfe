/**
 * Kernel benchmarks in Node, one per process (bench/run.mjs starts `node --expose-gc --import tsx
 * bench/node/kernel.ts NAME 'JSON options'`): the last stdout line is the JSON result. Each command is
 * run the way `docker exec` without -t runs it (execCapture: pipes, no terminal), with the virtual clock
 * driven until it ends; times are wall and CPU milliseconds of this process, medians over runs.
 */
import type { Kernel } from '../../src/kernel/Kernel.ts';
import { loadsSettled } from '../../src/kernel/loader.ts';
import type { NetApi } from '../../src/kernel/net/api.ts';
import { Sys } from '../../src/kernel/syscalls/Sys.ts';
import { runTranscript } from '../../src/cli/transcript.ts';
import { execCapture, type ExecOptions, type ExecResult } from '../../src/sandbox/exec.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';
// @ts-expect-error: plain ES module shared with the browser bench
import { SESSION_LINES } from '../lib/session.mjs';

type Json = Record<string, unknown>;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heapMB = () => { gc(); gc(); return round(process.memoryUsage().heapUsed / 2 ** 20, 1); };
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
export const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Wall and CPU milliseconds of `fn`. */
async function timed<T>(fn: () => Promise<T> | T): Promise<{ wall: number; cpu: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, value };
}

/** `runs` timed runs (after `warmup` untimed ones): medians. */
async function measure(runs: number, fn: () => Promise<unknown>, warmup = 2): Promise<{ wallMs: number; cpuMs: number; runs: number }> {
  // At least `warmup` runs, and at least WARMUP_MS of them: a small size (ps over 1,000 tasks) is
  // otherwise measured while V8 is still optimizing its code, which made it cost more than 3,000
  // tasks and the growth exponent meaningless.
  const until = performance.now() + WARMUP_MS;
  for (let i = 0; i < warmup || (performance.now() < until && i < 200); i++) await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await timed(fn);
    walls.push(t.wall);
    cpus.push(t.cpu);
  }
  return { wallMs: round(median(walls)), cpuMs: round(median(cpus)), runs };
}

const WARMUP_MS = 300;

/** Cost growth between the smallest and the largest size: the exponent b of time ∝ size^b. */
export function growth(points: Array<{ size: number; ms: number }>): { exponent: number; verdict: string } | null {
  const ok = points.filter((p) => p.ms > 0).sort((a, b) => a.size - b.size);
  if (ok.length < 2) return null;
  const a = ok[0], b = ok[ok.length - 1];
  const exponent = round(Math.log(b.ms / a.ms) / Math.log(b.size / a.size), 2);
  return { exponent, verdict: exponent <= 1.15 ? 'linear or better' : `superlinear (~n^${exponent})` };
}

/** execCapture with the virtual clock driven until the command ends. */
async function run(k: Kernel, argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  let res: ExecResult | undefined;
  let err: unknown;
  execCapture(k, argv, opts).then((r) => { res = r; }, (e) => { err = e; });
  await k.settle(() => res !== undefined || err !== undefined, undefined, 100_000);
  if (err) throw err;
  if (!res) throw new Error(`${argv.join(' ')}: did not finish`);
  return res;
}

async function mustRun(k: Kernel, argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const r = await run(k, argv, opts);
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}: ${r.stderr.trim().slice(0, 300)}`);
  return r;
}

function bootBig(): Kernel {
  const k = bootSandbox().host.kernel;
  // Room for the big cases (the defaults model a small VM's ulimits).
  k.maxTasks = 1_000_000;
  k.maxTasksPerUser = 1_000_000;
  return k;
}

function rootSys(k: Kernel): Sys { return new Sys(k, k.initPidNs.tasks.get(1)!); }

// ------------------------------------------------------------------------------------------ benches

/** Boot of the default host (the article's VM), and boot to the login shell's first prompt. */
async function boot(o: { runs: number }): Promise<Json> {
  const bootOnly = await measure(o.runs, async () => { bootSandbox(); });
  const toPrompt = await measure(o.runs, async () => {
    const term = bootSandbox().openTerminal({ cols: 80, rows: 24 });
    await term.settle();
  });
  return { boot: bootOnly, toPrompt };
}

/** `docker run -d` of n containers into one kernel: time per container, heap after. */
async function docker(o: { n: number; runs: number; image: string }): Promise<Json> {
  const probe = bootSandbox().host.kernel;
  // dockerd's engine is read in after boot (src/docker/dockerd.ts): wait for it as a client would.
  await loadsSettled();
  if (!probe.extensions.has('docker')) return { skipped: 'no Docker engine on the default host (src/docker not wired into boot)' };
  const perRun: Array<{ perContainerMs: number; perContainerCpuMs: number; heapAfterMB: number; heapPerContainerKB: number; firstTenthMs: number; lastTenthMs: number }> = [];
  for (let r = 0; r < o.runs; r++) {
    const k = bootBig();
    const pulled = await run(k, ['docker', 'pull', o.image]);
    if (pulled.status !== 0) return { skipped: `docker pull ${o.image} failed: ${pulled.stderr.trim().slice(0, 200)}` };
    const heap0 = heapMB();
    const each: number[] = [];
    const t = await timed(async () => {
      for (let i = 0; i < o.n; i++) {
        const t0 = performance.now();
        await mustRun(k, ['docker', 'run', '-d', o.image, 'sleep', '1000000']);
        each.push(performance.now() - t0);
      }
    });
    const heapAfter = heapMB();
    const tenth = Math.max(1, Math.floor(o.n / 10));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const running = (await mustRun(k, ['docker', 'ps', '-q'])).stdout.trim().split('\n').filter(Boolean).length;
    if (running !== o.n) throw new Error(`docker ps shows ${running} containers, expected ${o.n}`);
    perRun.push({
      perContainerMs: t.wall / o.n, perContainerCpuMs: t.cpu / o.n, heapAfterMB: heapAfter,
      heapPerContainerKB: ((heapAfter - heap0) * 1024) / o.n,
      firstTenthMs: mean(each.slice(0, tenth)), lastTenthMs: mean(each.slice(-tenth)),
    });
  }
  const med = (key: keyof (typeof perRun)[number]) => round(median(perRun.map((p) => p[key])));
  return {
    n: o.n, runs: o.runs, image: o.image,
    perContainerMs: med('perContainerMs'), perContainerCpuMs: med('perContainerCpuMs'),
    totalMs: round(med('perContainerMs') * o.n, 0), heapAfterMB: med('heapAfterMB'), heapPerContainerKB: med('heapPerContainerKB'),
    firstTenthMs: med('firstTenthMs'), lastTenthMs: med('lastTenthMs'),
  };
}

/** Start `count` more sleeping processes (sleep(1) exec'd from pid 1's children). */
async function addSleepers(k: Kernel, count: number): Promise<void> {
  const sys = rootSys(k);
  const env = new Map([['PATH', '/usr/bin:/bin']]);
  for (let i = 0; i < count; i++) sys.clone(async (c) => c.execve('/usr/bin/sleep', ['sleep', '1000000'], env), { comm: 'sleep' });
  await k.settle(() => true, undefined, 100_000);
}

/** `ps aux` with the host's processes plus sleepers up to each size. */
async function ps(o: { sizes: number[]; runs: number }): Promise<Json> {
  const k = bootBig();
  const points: Json[] = [];
  for (const size of o.sizes) {
    await addSleepers(k, size - k.tasks.size);
    let lines = 0;
    const m = await measure(o.runs, async () => { lines = (await mustRun(k, ['ps', 'aux'])).stdout.split('\n').length - 1; });
    points.push({ tasks: k.tasks.size, lines, ...m });
  }
  return { points, growth: growth(points.map((p) => ({ size: p.tasks as number, ms: p.cpuMs as number }))) };
}

/** `ss -a` with bound UDP and listening TCP sockets (1,000 per holder process) up to each size. */
async function ss(o: { sizes: number[]; runs: number }): Promise<Json> {
  const k = bootBig();
  // The network stack's call table is read in after boot (kernel/net/install.ts).
  await loadsSettled();
  if (!k.extensions.has('net')) return { skipped: 'no network stack (sys.ext("net") missing)' };
  const sys = rootSys(k);
  let made = 0;
  let failure: unknown;
  const points: Json[] = [];
  for (const size of o.sizes) {
    const target = size;
    while (made < target) {
      const batch = Math.min(1000, target - made);
      const first = made;
      let done = false;
      sys.clone(async (c) => {
        try {
          const net = await c.ext<NetApi>('net');
          for (let i = 0; i < batch; i++) {
            const port = 10000 + first + i;
            const fd = net.socket('inet', i % 2 ? 'stream' : 'dgram');
            net.bind(fd, { family: 4, addr: '0.0.0.0', port });
            if (i % 2) net.listen(fd, 128);
            made++;
          }
        } catch (e) { failure = e; }
        done = true;
        await c.nanosleep(1e12);
        return 0;
      }, { comm: 'sockholder' });
      await k.settle(() => done, undefined, 100_000);
      if (failure) return { skipped: `creating sockets failed: ${String(failure)}` };
    }
    let lines = 0;
    const m = await measure(o.runs, async () => { lines = (await mustRun(k, ['ss', '-a'])).stdout.split('\n').length - 1; });
    points.push({ sockets: made, lines, ...m });
  }
  return { points, growth: growth(points.map((p) => ({ size: p.sockets as number, ms: p.cpuMs as number }))) };
}

/** `ip a` with veth pairs (both ends on the host, up: link-local addresses too) up to each size. */
async function ip(o: { sizes: number[]; runs: number }): Promise<Json> {
  const k = bootBig();
  await loadsSettled();
  if (!k.extensions.has('net')) return { skipped: 'no network stack (sys.ext("net") missing)' };
  const net = await rootSys(k).ext<NetApi>('net');
  let veths = 0;
  const points: Json[] = [];
  for (const size of o.sizes) {
    for (; veths < size; veths += 2) {
      const i = veths / 2;
      net.linkAdd({ kind: 'veth', name: `vb${i}a`, peer: { name: `vb${i}b` }, up: true });
      const peer = net.links().find((l) => l.name === `vb${i}b`);
      if (peer) net.linkSet(peer.ifindex, { up: true });
    }
    await k.settle(() => true, undefined, 100_000);
    let lines = 0;
    const m = await measure(o.runs, async () => { lines = (await mustRun(k, ['ip', 'a'])).stdout.split('\n').length - 1; });
    points.push({ veths, lines, ...m });
  }
  return { points, growth: growth(points.map((p) => ({ size: p.veths as number, ms: p.cpuMs as number }))) };
}

/** A scripted session through runTranscript (the transcript CLI's engine), per line. */
async function transcript(o: { sizes: number[]; runs: number }): Promise<Json> {
  const points: Json[] = [];
  // Warm the JIT first: the first size would otherwise pay for it.
  const warm: string[] = Array.from({ length: 100 }, (_, i) => SESSION_LINES[i % SESSION_LINES.length]);
  for (let i = 0; i < 2; i++) await runTranscript(bootSandbox(), warm, 80);
  for (const size of o.sizes) {
    const lines: string[] = Array.from({ length: size }, (_, i) => SESSION_LINES[i % SESSION_LINES.length]);
    let entries = 0;
    const m = await measure(o.runs, async () => {
      const r = await runTranscript(bootSandbox(), lines, 80);
      entries = r.entries.length;
      if (entries !== size) throw new Error(`transcript stopped after ${entries} of ${size} lines`);
    }, 0);
    points.push({ lines: size, entries, ...m, perLineMs: round(m.wallMs / size, 3), perLineCpuMs: round(m.cpuMs / size, 3) });
  }
  return { points, growth: growth(points.map((p) => ({ size: p.lines as number, ms: p.cpuMs as number }))) };
}

const BENCHES: Record<string, (o: never) => Promise<Json>> = { boot, docker, ps, ss, ip, transcript };

const [name, arg] = process.argv.slice(2);
const fn = BENCHES[name ?? ''];
if (!fn) {
  console.error(`usage: kernel.ts ${Object.keys(BENCHES).join('|')} '{json options}'`);
  process.exit(2);
}
const started = performance.now();
fn(JSON.parse(arg ?? '{}') as never).then(
  (r) => {
    process.stdout.write(`\n${JSON.stringify({ ...r, benchSeconds: round((performance.now() - started) / 1000, 1) })}\n`);
    process.exit(0);
  },
  (e) => {
    process.stdout.write(`\n${JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) })}\n`);
    process.exit(1);
  },
);
