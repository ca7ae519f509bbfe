#!/usr/bin/env node
// `npm run bench`: builds the site (and a floor page) into bench/.out/, runs the kernel benchmarks in
// Node and the page benchmarks in Chromium, prints a table and writes bench/results.json, with each
// issue target marked met or missed. A benchmark, not a test: it never fails on a slow number (only on
// a broken harness). The CI budget check is scripts/check-budgets.mjs.
//
// Usage: npm run bench [-- --quick] [-- --only=node,browser,size] [-- --skip-build]
//   --quick       fewer runs and smaller sizes (about a minute)
//   --only=...    a subset of: size (bundle bytes), node (kernel benches), browser (page benches)
//   --skip-build  reuse bench/.out/dist from a previous run
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOOR_DIR, runBrowserBenches } from './browser/bench.mjs';
import { firstLoad, gzipBytes, kb, splitByCategory, sum, workerComposition } from './lib/sizes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const outDir = join(here, '.out');
const dist = join(outDir, 'dist');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = new Set((args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'size,node,browser').split(',').filter(Boolean));
const skipBuild = args.includes('--skip-build');
const started = Date.now();
const log = (s) => process.stderr.write(`${s}\n`);
const round = (n, d = 1) => (n === null || n === undefined || !Number.isFinite(n) ? null : Math.round(n * 10 ** d) / 10 ** d);

/** The issue's targets (#7). */
const TARGETS = {
  firstPromptRatio: 1.2,
  keystrokeEchoMs: 16,
  psAuxBrowserMs: 16,
  firstLoadGzipKB: 150,
  containers1000HeapMB: 200,
  psAux10kNodeMs: 50,
};

// ------------------------------------------------------------------------------------------ build

async function buildAll() {
  if (skipBuild && existsSync(join(dist, 'index.html')) && existsSync(join(dist, FLOOR_DIR, 'index.html'))) {
    log(`bench: reusing ${dist}`);
    return;
  }
  const { build } = await import('vite');
  const t0 = Date.now();
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // The production build, with source maps beside the files (not referenced from them: the code is
  // byte for byte what `vite build` ships) so sizes can be split by package.
  await build({
    root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', mode: 'production',
    build: { outDir: dist, emptyOutDir: true, sourcemap: 'hidden' },
  });
  await build({
    root: join(here, 'browser', 'floor'), configFile: false, logLevel: 'error', mode: 'production', base: './',
    publicDir: false,
    build: { outDir: join(dist, FLOOR_DIR), emptyOutDir: true, target: 'es2022', sourcemap: 'hidden' },
    worker: { format: 'es' },
  });
  log(`bench: built the site and the floor page in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// ------------------------------------------------------------------------------------------ sizes

function sizes() {
  // First load: what the first prompt needs (static graphs of the page and of its worker); the
  // import() chunks (programs at first exec, dockerd's engine, lessons) are counted apart as lazy.
  const app = firstLoad(dist, 'index.html');
  const everything = firstLoad(dist, 'index.html', { includeDynamic: true }).files;
  const lazyFiles = everything.filter((f) => !app.files.some((g) => g.path === f.path));
  const split = splitByCategory(dist, app.files);
  const floor = firstLoad(join(dist, FLOOR_DIR), 'index.html');
  const worker = app.files.find((f) => f.kind === 'worker');
  const out = {
    firstLoad: {
      gzipKB: kb(sum(app.files)), rawKB: kb(sum(app.files, 'bytes')),
      splitKB: Object.fromEntries(Object.entries(split).map(([k, v]) => [k, kb(v)])),
      files: app.files.map((f) => ({ path: f.path, kind: f.kind, rawKB: kb(f.bytes), gzipKB: kb(f.gzip) })),
      lazy: app.lazy,
      lazyGzipKB: kb(sum(lazyFiles)),
      lazyFiles: lazyFiles.length,
    },
    floorFirstLoadGzipKB: kb(sum(floor.files)),
    workerComposition: worker ? workerComposition(dist, worker.path)?.slice(0, 12) ?? null : null,
  };
  if (existsSync(join(dist, 'nsbox-terminal.js'))) {
    const embed = firstLoad(dist, 'nsbox-terminal.js');
    // What a widget loads when it starts: the script's lazy chunks with their imports and worker.
    const start = new Map();
    for (const lazy of embed.lazy) for (const f of firstLoad(dist, lazy).files) start.set(f.path, f);
    out.embed = {
      scriptGzipKB: kb(sum(embed.files)),
      files: embed.files.map((f) => ({ path: f.path, gzipKB: kb(f.gzip) })),
      onStartGzipKB: kb(sum([...start.values()])),
      onStart: [...start.values()].map((f) => ({ path: f.path, kind: f.kind, gzipKB: kb(f.gzip) })),
    };
  } else out.embed = { skipped: 'no embed script (dist/nsbox-terminal.js) in this build' };
  return out;
}

// ------------------------------------------------------------------------------------- node benches

function nodeBench(name, opts, timeoutMs = 15 * 60_000) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'node', 'kernel.ts'), name, JSON.stringify(opts)], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let r;
      try {
        r = JSON.parse(last);
      } catch {
        r = { error: `exit ${code ?? signal}: ${(stderr || stdout).trim().slice(-1500)}` };
      }
      log(`bench: node ${name} ${JSON.stringify(opts)} ${r.error ? 'FAILED' : r.skipped ? `skipped: ${r.skipped}` : 'done'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      if (r.error) log(r.error);
      resolve(r);
    });
  });
}

function growthOf(points) {
  const ok = points.filter((p) => p.ms > 0).sort((a, b) => a.size - b.size);
  if (ok.length < 2) return null;
  const a = ok[0];
  const b = ok[ok.length - 1];
  const exponent = Math.round((Math.log(b.ms / a.ms) / Math.log(b.size / a.size)) * 100) / 100;
  return { exponent, verdict: exponent <= 1.15 ? 'linear or better' : `superlinear (~n^${exponent})` };
}

async function nodeBenches() {
  const r = {};
  r.boot = await nodeBench('boot', { runs: quick ? 3 : 9 });
  const dockerSizes = quick ? [[1, 3], [100, 1]] : [[1, 5], [100, 3], [1000, 1]];
  r.docker = [];
  for (const [n, runs] of dockerSizes) {
    const d = await nodeBench('docker', { n, runs, image: 'busybox' });
    r.docker.push(d);
    if (d.skipped || d.error) break;
  }
  const dk = r.docker.filter((d) => d.n >= 100 && d.totalMs);
  r.dockerGrowth = growthOf(dk.map((d) => ({ size: d.n, ms: d.perContainerCpuMs * d.n })));
  r.ps = await nodeBench('ps', { sizes: quick ? [1000, 3000] : [1000, 3000, 10000], runs: 3 });
  r.ss = await nodeBench('ss', { sizes: quick ? [1000, 3000] : [1000, 10000], runs: 3 });
  r.ip = await nodeBench('ip', { sizes: [100, 1000], runs: quick ? 3 : 5 });
  r.transcript = await nodeBench('transcript', { sizes: quick ? [100, 300] : [100, 1000], runs: quick ? 1 : 3 });
  return r;
}

// ------------------------------------------------------------------------------------------ report

const fmt = (v, unit = '') => (v === null || v === undefined ? '—' : `${v}${unit}`);
const ratio = (a, b) => (a && b ? round(a / b, 2) : null);

function rows(results) {
  const out = [];
  const add = (section, metric, value, extra = '') => out.push({ section, metric, value, extra });
  const n = results.node;
  if (n) {
    const S = 'Node kernel';
    const bad = (x) => (x?.skipped ? `skipped: ${x.skipped}` : x?.error ? `error: ${x.error.split('\n')[0]}` : null);
    add(S, 'boot of the default host', bad(n.boot) ?? fmt(n.boot.boot?.wallMs, ' ms'), bad(n.boot) ? '' : `to login prompt ${n.boot.toPrompt?.wallMs} ms; cpu ${n.boot.boot?.cpuMs} ms`);
    for (const d of n.docker ?? []) {
      if (bad(d)) { add(S, 'docker run -d', bad(d)); continue; }
      add(S, `docker run -d ×${d.n}`, `${d.perContainerMs} ms/container`,
        `cpu ${d.perContainerCpuMs} ms/ctr; heap after ${d.heapAfterMB} MB (+${round(d.heapPerContainerKB, 0)} KB/ctr)${d.n >= 100 ? `; first/last tenth ${round(d.firstTenthMs)}/${round(d.lastTenthMs)} ms` : ''}; median of ${d.runs}`);
    }
    if (n.dockerGrowth) add(S, 'docker run -d growth (100→1000)', n.dockerGrowth.verdict, `cpu ∝ n^${n.dockerGrowth.exponent}`);
    const sized = (name, key, unit, x) => {
      if (bad(x)) { add(S, name, bad(x)); return; }
      for (const p of x.points) add(S, `${name} (${p[key]} ${unit})`, `${p.wallMs} ms`, `cpu ${p.cpuMs} ms; ${p.lines} lines; median of ${p.runs}`);
      if (x.growth) add(S, `${name} growth`, x.growth.verdict, `cpu ∝ n^${x.growth.exponent}`);
    };
    sized('ps aux', 'tasks', 'tasks', n.ps);
    sized('ss -a', 'sockets', 'sockets', n.ss);
    sized('ip a', 'veths', 'veths', n.ip);
    if (bad(n.transcript)) add(S, 'transcript session', bad(n.transcript));
    else {
      for (const p of n.transcript.points) add(S, `transcript session (${p.lines} lines)`, `${p.wallMs} ms`, `${p.perLineMs} ms/line; cpu ${p.perLineCpuMs} ms/line; median of ${p.runs}`);
      if (n.transcript.growth) add(S, 'transcript growth', n.transcript.growth.verdict, `cpu ∝ n^${n.transcript.growth.exponent}`);
    }
  }
  const b = results.browser;
  if (b) {
    const S = 'Browser';
    if (b.skipped || b.error) add(S, 'browser benches', b.skipped ? `skipped: ${b.skipped}` : `error: ${b.error.split('\n')[0]}`);
    else {
      const pair = (metric, x) => {
        if (!x) return;
        if (x.skipped) { add(S, metric, `skipped: ${x.skipped}`); return; }
        add(S, metric, `${x.appMs} ms`, `floor ${x.floorMs} ms; ×${ratio(x.appMs, x.floorMs)} floor`);
      };
      pair('navigation → first prompt', b.firstPrompt);
      const tl = (t) => {
        if (!t) return '';
        const w = t.resources.find((r) => /worker/.test(r.file));
        const entry = t.resources.find((r) => /^index-.*\.js$/.test(r.file));
        return `entry script in at ${entry?.end ?? '?'} ms, DOMContentLoaded ${t.domContentLoaded}, worker requested ${w?.start ?? '?'}, prompt ${t.firstPrompt}`;
      };
      if (b.firstPrompt?.timelines?.app) add(S, '  where the time went (app)', '', tl(b.firstPrompt.timelines.app));
      if (b.firstPrompt?.timelines?.floor) add(S, '  where the time went (floor)', '', tl(b.firstPrompt.timelines.floor));
      // Medians over the runs: is the page's main thread (terminal asked for) or the worker (output) late?
      const stages = (m, onScreen) => m && `worker created ${m.workerCreated}, terminal asked for ${m.terminalRequested}, first output ${m.firstOutput}, on screen ${onScreen} ms`;
      const st = b.firstPrompt?.stagesMedianMs;
      if (st) {
        add(S, '  first prompt path (app)', '', stages(st.app, b.firstPrompt.appMs));
        add(S, '  first prompt path (floor)', '', stages(st.floor, b.firstPrompt.floorMs));
      }
      // In-page latencies: median with p95, and where the app's median time goes (bench/browser/bench.mjs).
      const latency = (metric, x) => {
        if (!x?.app) { pair(metric, x); return; }
        const st = (s) => `key→input ${fmt(s.toInput)}, →output ${fmt(s.toOutput)}, →screen ${fmt(s.toScreen)}`;
        add(S, metric, `${x.appMs} ms`, `p95 ${x.appP95Ms}; floor ${x.floorMs} (p95 ${x.floorP95Ms}); ×${ratio(x.appMs, x.floorMs)} floor; ${x.samples} samples`);
        add(S, '  stages, median ms (app)', '', st(x.app.stagesMedianMs));
        add(S, '  stages, median ms (floor)', '', st(x.floor.stagesMedianMs));
      };
      latency('keystroke → echo (median)', b.keystrokeEcho);
      latency('Enter → last line of ps aux', b.psAux);
      pair('docker run -it rust:latest bash → prompt', b.dockerRunIt);
      if (b.session) {
        const a = b.session.app;
        const f = b.session.floor;
        add(S, `longest main-thread task, ${a.commands} commands`, a.longestTaskMs === null ? 'none ≥ 50 ms' : `${a.longestTaskMs} ms`,
          `${a.longestDuring ? `during \`${a.longestDuring}\`; ` : ''}${a.longTasks} long tasks, blocking ${a.totalBlockingMs} ms; floor ${f.longestTaskMs === null ? 'none ≥ 50 ms' : `${f.longestTaskMs} ms`}`);
      }
      if (b.heap) {
        add(S, 'JS heap, one sandbox', `${b.heap.oneSandbox.totalMB} MB`, `page ${b.heap.oneSandbox.pagesMB} + worker ${b.heap.oneSandbox.workersMB}; floor ${b.heap.floor.totalMB} MB (×${ratio(b.heap.oneSandbox.totalMB, b.heap.floor.totalMB)})`);
        add(S, 'JS heap, ten sandboxes', `${b.heap.tenSandboxes.totalMB} MB`, `${b.heap.perExtraSandboxMB} MB per extra sandbox`);
      }
    }
  }
  const z = results.size;
  if (z) {
    const S = 'Transfer (gzip -9)';
    const s = z.firstLoad.splitKB;
    add(S, 'first load (before the first prompt)', `${z.firstLoad.gzipKB} KB`, `app ${s.app} + svelte ${s.svelte} + xterm ${s.xterm} + worker ${s.worker} KB; floor ${z.floorFirstLoadGzipKB} KB`);
    if (z.firstLoad.lazyGzipKB !== undefined) add(S, 'lazy chunks (on first use)', `${z.firstLoad.lazyGzipKB} KB`, `${z.firstLoad.lazyFiles} files: programs at first exec, dockerd's engine, lessons`);
    if (z.embed?.skipped) add(S, 'embed script', `skipped: ${z.embed.skipped}`);
    else if (z.embed) add(S, 'embed script (nsbox-terminal.js)', `${z.embed.scriptGzipKB} KB`, `${z.embed.onStartGzipKB} KB more when a widget starts`);
    if (z.workerComposition) add(S, 'worker, biggest parts', z.workerComposition.slice(0, 5).map((g) => `${g.group} ${g.gzipKB}`).join(', '), 'KB gzip');
    if (z.browserFirstLoad) {
      add(S, 'first load seen by the browser', z.browserFirstLoad.matches ? 'same files' : `differs: ${z.browserFirstLoad.note}`);
      add(S, 'everything fetched at the first visit', `${z.browserFirstLoad.visitGzipKB} KB`, `${z.browserFirstLoad.visitFiles} files until the network is quiet: the prompt, then components, lessons, daemons, programs read ahead`);
    }
  }
  return out;
}

function targets(results) {
  const t = [];
  const add = (name, target, value, met, why = '') => t.push({ name, target, value, met, why });
  const b = results.browser;
  const n = results.node;
  const z = results.size;
  const fp = b?.firstPrompt;
  if (fp?.appMs && fp?.floorMs) add('first prompt ≤ 1.2× floor', `×${TARGETS.firstPromptRatio}`, `×${ratio(fp.appMs, fp.floorMs)} (${fp.appMs} vs ${fp.floorMs} ms)`, fp.appMs / fp.floorMs <= TARGETS.firstPromptRatio);
  else add('first prompt ≤ 1.2× floor', `×${TARGETS.firstPromptRatio}`, null, null, b?.skipped ?? 'not measured');
  if (b?.keystrokeEcho) add('keystroke echo < 16 ms median', '16 ms', `${b.keystrokeEcho.appMs} ms (floor ${b.keystrokeEcho.floorMs})`, b.keystrokeEcho.appMs < TARGETS.keystrokeEchoMs);
  else add('keystroke echo < 16 ms median', '16 ms', null, null, b?.skipped ?? 'not measured');
  if (b?.psAux) add('ps aux output < 16 ms median (browser)', '16 ms', `${b.psAux.appMs} ms (floor ${b.psAux.floorMs})`, b.psAux.appMs < TARGETS.psAuxBrowserMs);
  else add('ps aux output < 16 ms median (browser)', '16 ms', null, null, b?.skipped ?? 'not measured');
  if (z) add('first load ≤ 150 KB gzip', '150 KB', `${z.firstLoad.gzipKB} KB`, z.firstLoad.gzipKB <= TARGETS.firstLoadGzipKB);
  const d1000 = n?.docker?.find((d) => d.n === 1000);
  if (d1000?.heapAfterMB) add('1,000 containers < 200 MB heap', '200 MB', `${d1000.heapAfterMB} MB`, d1000.heapAfterMB < TARGETS.containers1000HeapMB);
  else if (n) add('1,000 containers < 200 MB heap', '200 MB', null, null, n.docker?.find((d) => d.skipped)?.skipped ?? (quick ? 'not run with --quick' : 'not measured'));
  const p10k = n?.ps?.points?.find((p) => p.tasks >= 10000);
  if (p10k) add('ps aux over 10,000 tasks < 50 ms (Node)', '50 ms', `${p10k.wallMs} ms (cpu ${p10k.cpuMs})`, p10k.wallMs < TARGETS.psAux10kNodeMs);
  else if (n) add('ps aux over 10,000 tasks < 50 ms (Node)', '50 ms', null, null, n.ps?.skipped ?? (quick ? 'not run with --quick' : 'not measured'));
  return t;
}

function printTable(rs, ts) {
  const w1 = Math.max(...rs.map((r) => r.metric.length), 10);
  const w2 = Math.min(40, Math.max(...rs.map((r) => String(r.value).length), 8));
  let section = '';
  const lines = [];
  for (const r of rs) {
    if (r.section !== section) {
      section = r.section;
      lines.push('', `${section}`, `${'-'.repeat(w1 + w2 + 40)}`);
    }
    lines.push(`  ${r.metric.padEnd(w1)}  ${String(r.value).padEnd(w2)}  ${r.extra}`);
  }
  lines.push('', 'Targets (issue #7)', '-'.repeat(w1 + w2 + 40));
  for (const t of ts) {
    const mark = t.met === null ? 'n/a ' : t.met ? 'met ' : 'MISS';
    lines.push(`  [${mark}] ${t.name.padEnd(42)} ${fmt(t.value)}${t.why ? `  (${t.why})` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

// -------------------------------------------------------------------------------------------- main

const results = {
  date: new Date().toISOString(),
  machine: {
    node: process.version, cpus: availableParallelism?.() ?? cpus().length, cpuModel: cpus()[0]?.model,
    memGB: round(totalmem() / 2 ** 30), loadavg1: round(loadavg()[0], 2),
  },
  quick,
  targets: TARGETS,
};

if (only.has('size') || only.has('browser')) await buildAll();
if (only.has('size')) {
  log('bench: sizes');
  results.size = sizes();
}
if (only.has('node')) results.node = await nodeBenches();
if (only.has('browser')) {
  try {
    results.browser = await runBrowserBenches({ dist, quick, log });
  } catch (e) {
    results.browser = { error: e?.stack ?? String(e) };
    log(`bench: browser benches failed: ${results.browser.error}`);
  }
  if (results.size && results.browser.firstLoadRequests) {
    const seen = new Set(results.browser.firstLoadRequests.map((p) => (p === '' ? 'index.html' : p)));
    const staticSet = new Set(results.size.firstLoad.files.map((f) => f.path));
    const extra = [...seen].filter((p) => !staticSet.has(p));
    const missing = [...staticSet].filter((p) => !seen.has(p));
    // Everything the page fetched in that run until the network was quiet (the prompt, then the
    // components, lessons, daemons and the programs read ahead behind it): the whole first visit,
    // not only what the prompt waited for.
    const fetched = (results.browser.visitRequests ?? []).map((p) => (p === '' ? 'index.html' : p)).filter((p) => existsSync(join(dist, p)));
    results.size.browserFirstLoad = {
      matches: !extra.length && !missing.length, requested: [...seen],
      visitGzipKB: kb(fetched.reduce((n, p) => n + gzipBytes(readFileSync(join(dist, p))), 0)), visitFiles: fetched.length,
      note: `${extra.length ? `also requested: ${extra.join(', ')}` : ''}${missing.length ? ` not requested: ${missing.join(', ')}` : ''}`.trim(),
    };
  }
}
results.machine.loadavg1After = round(loadavg()[0], 2);
results.seconds = round((Date.now() - started) / 1000);
const table = rows(results);
results.targetsMet = targets(results);
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
printTable(table, results.targetsMet);
process.stdout.write(`\nmachine: ${results.machine.cpus} cpus (${results.machine.cpuModel}), load ${results.machine.loadavg1}→${results.machine.loadavg1After}; ${results.seconds} s; bench/results.json written\n`);
if (results.machine.loadavg1 > results.machine.cpus) process.stdout.write('note: the machine was busy (load above the CPU count): wall times are inflated, CPU times are the steadier figure\n');
const broken = [results.browser?.error, ...Object.values(results.node ?? {}).flat().map((x) => x?.error)].filter(Boolean);
process.exit(broken.length ? 1 : 0);
