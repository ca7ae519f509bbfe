#!/usr/bin/env node
// Browser test runner: builds the app, serves dist/ from a sub-path, and runs test/browser/*.spec.mjs
// in headless Chromium (Debian's, via playwright-core; nothing is downloaded).
//
// A spec module exports async test functions `export async function name(t) {}`, run in export-name
// order, each with a fresh browser context. `t` is a TestContext (see makeContext below). Every test
// also fails if the page made a request to another origin or logged a console error.
//
// Usage: node test/browser/run.mjs [FILTER...]   (FILTER matches "file.spec.mjs › testName" substrings)
// Environment:
//   CHROMIUM_PATH=/path/to/chromium   browser to drive (default /usr/bin/chromium)
//   NSBOX_REQUIRE_BROWSER=1           fail instead of skipping when Chromium is missing (CI)
//   NSBOX_SKIP_BUILD=1                reuse an existing dist/ instead of running `vite build`
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveStatic } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dist = join(root, 'dist');
const resultsDir = join(root, 'test-results');
const screenshotDir = join(resultsDir, 'screenshots');
const BASE_PATH = '/nsbox/';
const TEST_TIMEOUT_MS = Number(process.env.NSBOX_TEST_TIMEOUT_MS || 90_000);

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const requireBrowser = process.env.NSBOX_REQUIRE_BROWSER === '1';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

if (!isExecutable(chromiumPath)) {
  const hint = '(install it: sudo apt-get install -y chromium, or set CHROMIUM_PATH)';
  if (requireBrowser) {
    console.log(`browser suite FAILED: Chromium not found at ${chromiumPath} and NSBOX_REQUIRE_BROWSER=1 ${hint}`);
    process.exit(1);
  }
  console.log(`browser suite skipped: Chromium not found at ${chromiumPath} ${hint}`);
  process.exit(0);
}

const filters = process.argv.slice(2);
const specFiles = readdirSync(here)
  .filter((f) => f.endsWith('.spec.mjs'))
  .sort();

// ---------------------------------------------------------------------------------------------- build

if (process.env.NSBOX_SKIP_BUILD === '1' && existsSync(join(dist, 'index.html'))) {
  console.log('browser: reusing dist/ (NSBOX_SKIP_BUILD=1)');
} else {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  console.log(`browser: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ------------------------------------------------------------------------------------------- helpers

class AssertionError extends Error {
  name = 'AssertionError';
}

function assert(cond, message) {
  if (!cond) throw new AssertionError(message);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sanitize(name) {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * @typedef {object} TestContext
 * @property {import('playwright-core').Browser} browser
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Page} page
 * @property {string} url      the app's URL (served from a sub-path)
 * @property {string} origin   the server's origin; any request elsewhere fails the test
 * @property {(cond: unknown, message: string) => void} assert
 * @property {<T>(fn: () => T | Promise<T>, opts?: { timeout?: number, interval?: number, message?: string | (() => string | Promise<string>) }) => Promise<T>} waitFor
 *   polls `fn` until it returns a truthy value, which it returns; throws after `timeout` ms (default 20 s)
 * @property {(index?: number) => Promise<string>} terminalText   text of terminal `index` (window.__nsbox)
 * @property {(index?: number) => Promise<{cols: number, rows: number} | null>} terminalSize
 * @property {(match: string | RegExp | ((text: string) => boolean), opts?: { index?: number, timeout?: number }) => Promise<string>} waitForText
 *   polls the terminal's text until it matches; on timeout the error shows the text and the app status
 * @property {(name: string) => Promise<string>} screenshot   saves test-results/screenshots/NAME.png
 * @property {string[]} foreignRequests  URLs requested from another origin
 * @property {string[]} consoleErrors    console errors and uncaught exceptions (page and workers)
 * @property {() => void} assertNoForeignRequests
 * @property {() => void} assertNoConsoleErrors
 */

/** @returns {Promise<TestContext>} */
async function makeContext(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const foreignRequests = [];
  const consoleErrors = [];
  const seen = new WeakSet();
  const onConsole = (where) => (msg) => {
    if (seen.has(msg)) return;
    seen.add(msg);
    if (msg.type() === 'error') {
      const loc = msg.location();
      consoleErrors.push(`${where}: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  };
  context.on('request', (req) => {
    const url = req.url();
    if (/^(data|blob):/.test(url)) return;
    let origin;
    try {
      origin = new URL(url).origin;
    } catch {
      origin = url;
    }
    if (origin !== server.origin) foreignRequests.push(`${req.method()} ${url}`);
  });
  const page = await context.newPage();
  page.on('console', onConsole('page'));
  page.on('pageerror', (err) => consoleErrors.push(`page: uncaught ${err.stack || err}`));
  page.on('worker', (worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));

  const evalHook = (fn, arg) => page.evaluate(fn, arg);
  const terminalText = (index = 0) => evalHook((i) => window.__nsbox?.terminalText(i) ?? '', index);
  const terminalSize = (index = 0) => evalHook((i) => window.__nsbox?.terminalSize(i) ?? null, index);
  const appStatus = () => evalHook(() => window.__nsbox?.status() ?? 'no test hook').catch((e) => `unknown (${e})`);

  async function waitFor(fn, { timeout = 20_000, interval = 50, message = 'condition' } = {}) {
    const deadline = Date.now() + timeout;
    let lastError;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (err) {
        lastError = err;
      }
      if (Date.now() > deadline) {
        const what = typeof message === 'function' ? await message() : message;
        throw new AssertionError(`timed out after ${timeout} ms waiting for ${what}${lastError ? `\nlast error: ${lastError}` : ''}`);
      }
      await sleep(interval);
    }
  }

  async function waitForText(match, { index = 0, timeout = 20_000 } = {}) {
    const test =
      typeof match === 'function' ? match : typeof match === 'string' ? (s) => s.includes(match) : (s) => match.test(s);
    let last = '';
    return waitFor(
      async () => {
        last = await terminalText(index);
        return test(last) ? last : null;
      },
      {
        timeout,
        message: async () =>
          `terminal ${index} to show ${typeof match === 'function' ? match.toString() : JSON.stringify(String(match))}` +
          `\napp status: ${await appStatus()}${consoleErrors.length ? `\nconsole errors:\n  ${consoleErrors.join('\n  ')}` : ''}` +
          `\nterminal text:\n${last.split('\n').slice(-40).map((l) => `  | ${l}`).join('\n')}`,
      },
    );
  }

  async function screenshot(name) {
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${sanitize(name)}.png`);
    await page.screenshot({ path });
    return path;
  }

  return {
    browser,
    context,
    page,
    url: server.url,
    origin: server.origin,
    assert,
    waitFor,
    waitForText,
    terminalText,
    terminalSize,
    screenshot,
    foreignRequests,
    consoleErrors,
    assertNoForeignRequests: () =>
      assert(foreignRequests.length === 0, `requests left the origin ${server.origin}:\n  ${foreignRequests.join('\n  ')}`),
    assertNoConsoleErrors: () => assert(consoleErrors.length === 0, `console errors:\n  ${consoleErrors.join('\n  ')}`),
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new AssertionError(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ------------------------------------------------------------------------------------------------ run

const { chromium } = await import('playwright-core');
const server = await serveStatic(dist, BASE_PATH);
let browser;
let passed = 0;
let failed = 0;
try {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  console.log(`browser: Chromium ${browser.version()} (${chromiumPath}), app at ${server.url}`);

  for (const file of specFiles) {
    const mod = await import(pathToFileURL(join(here, file)).href);
    const tests = Object.entries(mod).filter(([, v]) => typeof v === 'function');
    for (const [name, fn] of tests) {
      const label = `${file} › ${name}`;
      if (filters.length && !filters.some((f) => label.includes(f))) continue;
      const started = Date.now();
      let t;
      try {
        t = await makeContext(browser, server);
        await withTimeout(Promise.resolve(fn(t)), TEST_TIMEOUT_MS, label);
        t.assertNoForeignRequests();
        t.assertNoConsoleErrors();
        passed++;
        console.log(`  ✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        console.log(`  ✗ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        console.log(String(err?.stack && !(err instanceof AssertionError) ? err.stack : err).replace(/^/gm, '      '));
        if (t) {
          const shot = await t.screenshot(`FAILED-${file}-${name}`).catch(() => null);
          if (shot) console.log(`      screenshot: ${relative(root, shot)}`);
        }
      } finally {
        await t?.context.close().catch(() => {});
      }
    }
  }
} finally {
  await browser?.close().catch(() => {});
  await server.close();
}

if (passed + failed === 0) {
  console.log('browser: no test matched');
  process.exit(1);
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
