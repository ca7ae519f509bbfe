// Browser benchmarks: the production build and the floor page (xterm.js + an echoing worker, built by
// bench/run.mjs into the same directory) served from one sub-path on 127.0.0.1, driven in Debian's
// Chromium through playwright-core (nothing is downloaded). Times are taken inside the page, with the
// same probe on the app and the floor: a keystroke's clock starts when its `keydown` reaches the page
// (a capture listener installed before any page script, so before xterm.js's handler) and stops at
// the DOM mutation with which xterm.js's renderer (in its animation frame) puts the awaited text on
// screen. Playwright's round trips are outside that interval. Wrappers around postMessage and
// `onmessage` split it into: key → input posted to the worker, → the output that completed the text
// received, → on screen. Each app measurement has its floor twin in the same run.
import { accessSync, constants } from 'node:fs';
import { serveStatic } from '../../test/browser/server.mjs';
import { SESSION_COMMANDS } from '../lib/session.mjs';

export const BASE_PATH = '/nsbox/';
export const FLOOR_DIR = '__floor';

// The same flags as the browser tests (test/browser/run.mjs).
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A prompt line: `vagrant@archlinux ~ $`, `root@bb8d7e679d1d:/#`, BusyBox `/ #` (test/browser/helpers.mjs). */
/** What the probe logs when the first prompt is on screen. */
const FIRST_PROMPT_SIGNAL = 'nsbox-bench: first prompt';

const PROMPT_SOURCE = String.raw`^(?:[a-z_][\w-]*@[\w.-]+[: ].*[$#]|[~/][^\s]* #) ?$`;

/**
 * Installed before any page script: longtask entries, keydown times, and `until(regex)` promises
 * resolved at the DOM mutation that made the terminal's visible rows match.
 */
function probe(promptSource, firstPromptSignal) {
  // Installed once per document: a context that opens several tabs adds this script once per tab.
  if (window.__bench) return;
  const B = (window.__bench = { longtasks: [], keys: [], firstPrompt: null, waits: new Map(), nextId: 1 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    B.noLongtask = true;
  }
  B.enters = [];
  // The first prompt's path (ms since navigation): the worker created, the first terminal asked for
  // (the app's Comlink `open`, the floor's `start`), its first output received, on screen (firstPrompt).
  B.marks = { workerCreated: null, terminalRequested: null, firstOutput: null };
  // The keystroke being timed: when it reached the page, when its input was posted, when output arrived.
  B.stage = null;
  addEventListener('keydown', (e) => {
    const now = performance.now();
    B.keys.push(now);
    B.stage = { key: now, posted: null, firstOutput: null, lastOutput: null };
    if (e.key === 'Enter') B.enters.push(e.timeStamp);
  }, true);
  // Wrapped on the native prototypes (before Worker is replaced below, whose prototype is a subclass's).
  for (const proto of [Worker.prototype, MessagePort.prototype]) {
    const post = proto.postMessage;
    proto.postMessage = function (...args) {
      if (B.stage && B.stage.posted === null) B.stage.posted = performance.now();
      const m = args[0];
      if (m?.path?.[0] === 'open' || m?.type === 'start') B.marks.terminalRequested ??= performance.now();
      return post.apply(this, args);
    };
    // Terminal output arrives through `onmessage` (the app's terminal port, the floor's worker).
    const d = Object.getOwnPropertyDescriptor(proto, 'onmessage');
    Object.defineProperty(proto, 'onmessage', {
      configurable: true, enumerable: d.enumerable, get: d.get,
      set(fn) {
        d.set.call(this, typeof fn !== 'function' ? fn : function (ev) {
          const x = ev.data;
          if (typeof x === 'string' || x?.type === 'output') B.marks.firstOutput ??= performance.now();
          const st = B.stage;
          if (st && st.posted !== null && (typeof x === 'string' || x?.type === 'output')) {
            st.lastOutput = performance.now();
            st.firstOutput ??= st.lastOutput;
          }
          return fn.call(this, ev);
        });
      },
    });
  }
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      B.marks.workerCreated ??= performance.now();
    }
  };
  const prompt = new RegExp(promptSource);
  B.text = () => {
    const rows = document.querySelector('.xterm-rows');
    if (!rows) return '';
    const lines = [...rows.children].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+$/, ''));
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  };
  B.arm = (source, flags) => {
    const id = B.nextId++;
    const w = { re: new RegExp(source, flags), keyIndex: B.keys.length, done: null };
    w.promise = new Promise((resolve) => { w.resolve = resolve; });
    B.waits.set(id, w);
    return id;
  };
  B.result = (id, timeoutMs) => {
    const w = B.waits.get(id);
    const check = () => {
      if (w.done) return;
      if (w.re.test(B.text())) { w.done = true; w.resolve({ end: performance.now(), start: B.keys[w.keyIndex] ?? null, stage: B.stage && { ...B.stage } }); }
    };
    check();
    setTimeout(() => { if (!w.done) { w.done = true; w.resolve({ timeout: true, text: B.text().slice(-2000) }); } }, timeoutMs);
    return w.promise.finally(() => B.waits.delete(id));
  };
  const onMutation = () => {
    const now = performance.now();
    let text;
    if (B.firstPrompt === null) {
      text = B.text();
      if (prompt.test(text.split('\n').at(-1) ?? '')) {
        B.firstPrompt = now;
        // Told through the console: polling from Playwright would evaluate its injected script in
        // the page, a main-thread task of ~15-30 ms landing on the path being measured.
        console.debug(firstPromptSignal);
      }
    }
    for (const w of B.waits.values()) {
      if (w.done) continue;
      text ??= B.text();
      if (w.re.test(text)) { w.done = true; w.resolve({ end: now, start: B.keys[w.keyIndex] ?? null, stage: B.stage && { ...B.stage } }); }
    }
  };
  new MutationObserver(onMutation).observe(document, { subtree: true, childList: true, characterData: true });
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The `p`-quantile (nearest rank) of the finite values. */
const quantile = (xs, p) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : null;
};
const round = (n, d = 1) => (n === null || n === undefined ? null : Math.round(n * 10 ** d) / 10 ** d);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Median, p95 and the median of each stage, of the app's and the floor's samples (see `timedStages`). */
function latencyResult(samples) {
  const side = (xs) => {
    const q = (key, p) => round(quantile(xs.map((x) => x[key]), p));
    return {
      medianMs: q('total', 0.5), p95Ms: q('total', 0.95), samples: xs.length,
      stagesMedianMs: { toInput: q('toInput', 0.5), toOutput: q('toOutput', 0.5), toScreen: q('toScreen', 0.5) },
      all: xs.map((x) => round(x.total)),
    };
  };
  const app = side(samples.app);
  const floor = side(samples.floor);
  return { appMs: app.medianMs, floorMs: floor.medianMs, appP95Ms: app.p95Ms, floorP95Ms: floor.p95Ms, samples: app.samples, app, floor };
}

class Page {
  constructor(page, kind) {
    this.page = page;
    this.kind = kind;
  }

  /** Presses `press` and resolves when the rows match `re`: ms from its keydown to the text on screen. */
  async timed(re, press, opts) {
    return (await this.timedStages(re, press, opts)).total;
  }

  /**
   * Like `timed`, with the stages: key → input posted (`toInput`), → the output that completed the
   * text received (`toOutput`: the worker's round trip, batching included), → on screen (`toScreen`:
   * xterm.js's parse and its animation frame).
   */
  async timedStages(re, press, { timeout = 30_000 } = {}) {
    const id = await this.page.evaluate(([s, f]) => window.__bench.arm(s, f), [re.source, re.flags]);
    await this.page.keyboard.press(press);
    const r = await this.page.evaluate(([i, t]) => window.__bench.result(i, t), [id, timeout]);
    if (r.timeout) throw new Error(`${this.kind}: timed out waiting for /${re.source}/ after ${press}\n${r.text}`);
    const st = r.stage;
    const ok = st && st.key === r.start && st.posted !== null && st.lastOutput !== null;
    return {
      total: r.start === null ? null : r.end - r.start,
      toInput: ok ? st.posted - st.key : null,
      toOutput: ok ? st.lastOutput - st.posted : null,
      toScreen: ok ? r.end - st.lastOutput : null,
    };
  }

  /** Types `text` and waits until the terminal shows it at the end of the last line. */
  async type(text) {
    await this.page.keyboard.type(text);
    await this.page.waitForFunction((t) => window.__bench.text().endsWith(t), text, { timeout: 30_000 });
  }

  /** Types a command and Enter; resolves when a prompt is the last line again. */
  async command(cmd, { timeout = 60_000, paste = false } = {}) {
    if (paste) {
      // One input event for the whole command (xterm.js sends it as typed text): a long session
      // then spends its time in the app, not in key-by-key automation.
      await this.page.keyboard.insertText(cmd);
      await this.page.waitForFunction((t) => window.__bench.text().endsWith(t), cmd, { timeout: 30_000 });
    } else await this.type(cmd);
    return this.timed(new RegExp(PROMPT_SOURCE.replace(/^\^/, '(?:^|\\n)')), 'Enter', { timeout });
  }

  async focus() {
    await this.page.locator('.xterm').first().click();
  }

  async appText() {
    return this.page.evaluate(() => window.__nsbox?.terminalText(0) ?? '');
  }
}

/** The output of the last `cmd` typed at a prompt, as the terminal shows it (from the app's test hook). */
function outputOf(text, cmd) {
  const lines = text.split('\n');
  let i = lines.length - 1;
  while (i >= 0 && !(lines[i].endsWith(` ${cmd}`) && /[$#] /.test(lines[i]))) i--;
  if (i < 0) return '';
  return lines.slice(i + 1, -1).join('\n');
}

/** Canned bytes for the floor: the app's output of a command, then the floor's prompt. */
const canned = (output) => `${output ? `${output.replace(/\n/g, '\r\n')}\r\n` : ''}vagrant@archlinux ~ $ `;

/** Heap in use (after a GC) of every page and worker of `context`, through a browser-level CDP session. */
async function contextHeap(browser, context) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const pages = context.pages();
    const ids = new Set();
    for (const p of pages) {
      const s = await context.newCDPSession(p);
      const { targetInfo } = await s.send('Target.getTargetInfo');
      ids.add(targetInfo.browserContextId);
      await s.detach();
    }
    const { targetInfos } = await cdp.send('Target.getTargets');
    const mine = targetInfos.filter((t) => ids.has(t.browserContextId) && (t.type === 'page' || t.type === 'worker'));
    let nextId = 1;
    const call = (sessionId, method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => { cdp.off('Target.receivedMessageFromTarget', on); reject(new Error(`${method} timed out`)); }, 30_000);
        const on = (ev) => {
          if (ev.sessionId !== sessionId) return;
          const msg = JSON.parse(ev.message);
          if (msg.id !== id) return;
          clearTimeout(timer);
          cdp.off('Target.receivedMessageFromTarget', on);
          if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
          else resolve(msg.result);
        };
        cdp.on('Target.receivedMessageFromTarget', on);
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      });
    const out = { pagesMB: 0, workersMB: 0, pages: 0, workers: 0 };
    for (const t of mine) {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
      try {
        await call(sessionId, 'HeapProfiler.collectGarbage');
        const { usedSize } = await call(sessionId, 'Runtime.getHeapUsage');
        if (t.type === 'page') { out.pagesMB += usedSize / 2 ** 20; out.pages++; } else { out.workersMB += usedSize / 2 ** 20; out.workers++; }
      } finally {
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    }
    return { totalMB: round(out.pagesMB + out.workersMB), pagesMB: round(out.pagesMB), workersMB: round(out.workersMB), pages: out.pages, workers: out.workers };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * @param {{ dist: string, quick?: boolean, log?: (s: string) => void }} o
 * @returns {Promise<object>} results, or `{ skipped }`
 */
export async function runBrowserBenches({ dist, quick = false, log = () => {} }) {
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    return { skipped: `Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)` };
  }
  const { chromium } = await import('playwright-core');
  const server = await serveStatic(dist, BASE_PATH);
  const appUrl = server.url;
  const floorUrl = `${server.url}${FLOOR_DIR}/`;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  const runs = quick ? 3 : 5;
  const results = { chromium: browser.version(), runs };
  const errors = [];

  const open = async (kind, context) => {
    const ctx = context ?? (await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 }));
    await ctx.addInitScript(`(${probe})(${JSON.stringify(PROMPT_SOURCE)}, ${JSON.stringify(FIRST_PROMPT_SIGNAL)})`);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`${kind}: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${kind}: ${m.text()}`); });
    const before = server.requests.length;
    const prompted = page.waitForEvent('console', { predicate: (m) => m.text() === FIRST_PROMPT_SIGNAL, timeout: 60_000 });
    await page.goto(kind === 'app' ? appUrl : floorUrl);
    await prompted;
    const firstPrompt = await page.evaluate(() => window.__bench.firstPrompt);
    // Where the time went: when each file arrived, first paint, and the prompt (ms since navigation).
    const timeline = await page.evaluate(() => {
      const r = (n) => Math.round(n);
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        resources: performance.getEntriesByType('resource').map((e) => ({ file: e.name.split('/').pop(), start: r(e.startTime), end: r(e.responseEnd) })),
        domContentLoaded: nav ? r(nav.domContentLoadedEventEnd) : null,
        firstContentfulPaint: fcp ? r(fcp.startTime) : null,
        firstPrompt: r(window.__bench.firstPrompt),
        marks: Object.fromEntries(Object.entries(window.__bench.marks).map(([k, v]) => [k, v === null ? null : r(v)])),
      };
    });
    const requests = server.requests.slice(before);
    const p = new Page(page, kind);
    return { ctx, page, p, firstPrompt, requests, timeline, before };
  };

  /** What the page fetched since `before`, once nothing new has been asked for in 500 ms (at most 10 s). */
  const fetchedUntilQuiet = async (before) => {
    for (let seen = -1, waited = 0; seen !== server.requests.length && waited < 10_000; waited += 500) {
      seen = server.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return server.requests.slice(before);
  };

  try {
    // ---------------------------------------------------------------- navigation → first prompt
    log('browser: navigation → first prompt');
    const nav = { app: [], floor: [] };
    const marks = { app: [], floor: [] };
    let firstLoadRequests = [];
    let visitRequests = [];
    const timelines = {};
    for (let i = 0; i < runs; i++) {
      for (const kind of i % 2 ? ['floor', 'app'] : ['app', 'floor']) {
        const o = await open(kind);
        nav[kind].push(o.firstPrompt);
        marks[kind].push(o.timeline.marks);
        if (kind === 'app' && i === 0) {
          firstLoadRequests = o.requests.map((r) => r.slice(BASE_PATH.length));
          // The first visit's whole transfer: the prompt, then what loads behind it (outside the timing).
          visitRequests = (await fetchedUntilQuiet(o.before)).map((r) => r.slice(BASE_PATH.length));
        }
        if (i === runs - 1) timelines[kind] = o.timeline;
        await o.ctx.close();
      }
    }
    const markMedians = (kind) => Object.fromEntries(['workerCreated', 'terminalRequested', 'firstOutput'].map((k) => [k, round(median(marks[kind].map((m) => m[k] ?? NaN)))]));
    results.firstPrompt = {
      appMs: round(median(nav.app)), floorMs: round(median(nav.floor)), app: nav.app.map((x) => round(x)), floor: nav.floor.map((x) => round(x)),
      stagesMedianMs: { app: markMedians('app'), floor: markMedians('floor') },
      timelines,
    };
    results.firstLoadRequests = [...new Set(firstLoadRequests)];
    results.visitRequests = [...new Set(visitRequests)];

    // ------------------------------------------------- keystroke → echo, Enter → ps aux, docker -it
    const app = await open('app');
    const floor = await open('floor');
    await app.p.focus();
    await floor.p.focus();
    const echo = { app: [], floor: [] };
    const word = 'abcdefghijklmnopqrstuvwxyz';
    // Rounds alternate between the app and the floor so that both see the same machine load.
    for (let r = 0; r < (quick ? 1 : 3); r++) {
      for (const side of r % 2 ? ['floor', 'app'] : ['app', 'floor']) {
        const p = side === 'app' ? app.p : floor.p;
        let typed = '';
        for (const ch of word) {
          typed += ch;
          echo[side].push(await p.timedStages(new RegExp(`${escapeRe(typed)}$`), ch));
        }
        await p.page.keyboard.press('Control+U');
        await p.page.waitForFunction(() => /[$#] ?$/.test(window.__bench.text()));
      }
    }
    results.keystrokeEcho = latencyResult(echo);
    log(`browser: keystroke → echo ${results.keystrokeEcho.appMs} ms (floor ${results.keystrokeEcho.floorMs})`);

    // ps aux: the app's own output is replayed by the floor.
    await app.p.command('ps aux');
    const psOut = outputOf(await app.p.appText(), 'ps aux');
    await floor.page.evaluate((m) => window.__floor.setCanned(m), { 'ps aux': canned(psOut), clear: `\x1b[H\x1b[2J${canned('')}` });
    const ps = { app: [], floor: [] };
    const psLast = /\d:\d\d ps aux$/m;
    for (let i = 0; i < (quick ? 5 : 15); i++) {
      for (const side of i % 2 ? ['floor', 'app'] : ['app', 'floor']) {
        const p = side === 'app' ? app.p : floor.p;
        await p.command('clear');
        await p.type('ps aux');
        ps[side].push(await p.timedStages(psLast, 'Enter'));
        await p.page.waitForFunction(() => /[$#] ?$/.test(window.__bench.text()));
      }
    }
    results.psAux = { ...latencyResult(ps), lines: psOut.split('\n').length };
    log(`browser: Enter → last line of ps aux ${results.psAux.appMs} ms (floor ${results.psAux.floorMs})`);

    // docker run -it rust:latest bash → the container's prompt.
    const dockerCmd = 'docker run -it rust:latest bash';
    const container = /(?:^|\n)root@[0-9a-f]{12}:\/# ?$/;
    await app.p.command('which docker');
    if (!/\/docker$/.test(outputOf(await app.p.appText(), 'which docker'))) {
      results.dockerRunIt = { skipped: 'no docker command in the app yet' };
    } else {
      await floor.page.evaluate((m) => window.__floor.setCanned(m), { [dockerCmd]: 'root@0123456789ab:/# ', exit: canned('exit') });
      const dk = { app: [], floor: [] };
      for (let i = 0; i < (quick ? 2 : 3); i++) {
        for (const side of ['app', 'floor']) {
          const p = side === 'app' ? app.p : floor.p;
          await p.command('clear');
          await p.type(dockerCmd);
          dk[side].push(await p.timed(container, 'Enter', { timeout: 60_000 }));
          await p.command('exit');
        }
      }
      results.dockerRunIt = { appMs: round(median(dk.app)), floorMs: round(median(dk.floor)), app: dk.app.map((x) => round(x)) };
      log(`browser: docker run -it → container prompt ${results.dockerRunIt.appMs} ms`);
    }

    // ------------------------------------------------------- longest task in a 200-command session
    const n = quick ? 60 : 200;
    log(`browser: ${n}-command session`);
    // The app's output of each command, for the floor to replay (read before the timed session:
    // reading the whole buffer is itself a main-thread task).
    const outputs = {};
    for (const cmd of SESSION_COMMANDS) {
      await app.p.command(cmd, { paste: true });
      outputs[cmd] = canned(outputOf(await app.p.appText(), cmd));
    }
    await floor.page.evaluate((m) => window.__floor.setCanned(m), outputs);
    const session = async (p) => {
      await p.command('clear');
      const t0 = await p.page.evaluate(() => performance.now());
      const started = Date.now();
      const cmds = [];
      for (let i = 0; i < n; i++) {
        const cmd = SESSION_COMMANDS[i % SESSION_COMMANDS.length];
        cmds.push(cmd);
        await p.command(cmd, { paste: true });
      }
      const seconds = (Date.now() - started) / 1000;
      const { lt, enters } = await p.page.evaluate((t) => ({
        lt: window.__bench.longtasks.filter(([s]) => s >= t),
        enters: window.__bench.enters.filter((e) => e >= t),
      }), t0);
      const durs = lt.map(([, d]) => d);
      const longest = lt.reduce((m, x) => (!m || x[1] > m[1] ? x : m), null);
      // The command whose Enter came last before the longest task started.
      const during = longest ? cmds[enters.filter((e) => e <= longest[0]).length - 1] ?? null : null;
      return {
        commands: n, seconds: round(seconds), longestTaskMs: longest ? round(longest[1]) : null, longestDuring: during,
        longTasks: durs.length, totalBlockingMs: round(durs.reduce((a, d) => a + Math.max(0, d - 50), 0)),
      };
    };
    const appSession = await session(app.p);
    const floorSession = await session(floor.p);
    results.session = { app: appSession, floor: floorSession, note: 'longtask entries are tasks of 50 ms or more; null: none' };
    log(`browser: longest task ${appSession.longestTaskMs ?? '<50'} ms during ${appSession.longestDuring} (floor ${floorSession.longestTaskMs ?? '<50'} ms)`);

    // ------------------------------------------------------------------------------- heap
    await app.ctx.close();
    await floor.ctx.close();
    const fresh = async (kind) => {
      const o = await open(kind);
      const h = await contextHeap(browser, o.ctx);
      await o.ctx.close();
      return h;
    };
    const heapApp1 = await fresh('app');
    const heapFloor = await fresh('floor');
    log('browser: heap with ten sandboxes');
    const ctx10 = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    for (let i = 0; i < 10; i++) await open('app', ctx10);
    const heapApp10 = await contextHeap(browser, ctx10);
    await ctx10.close();
    results.heap = {
      oneSandbox: heapApp1, tenSandboxes: heapApp10, floor: heapFloor,
      perExtraSandboxMB: round((heapApp10.totalMB - heapApp1.totalMB) / 9),
      note: 'app tabs at their first prompt (ten: one context, ten tabs); JS heap in use after a GC, pages + workers',
    };
    log(`browser: heap ${heapApp1.totalMB} MB (1), ${heapApp10.totalMB} MB (10)`);
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  if (errors.length) results.pageErrors = [...new Set(errors)].slice(0, 20);
  return results;
}
