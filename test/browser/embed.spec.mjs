// The embeddable widget, <nsbox-terminal>, and its iframe form (embed.html), on pages served from a
// sub-path with a strict Content-Security-Policy *header* (added to every response under the app's
// base by a Playwright route, so the worker and embed.html get it too). The test pages live in
// test/browser/embed/ and are served as BASE/embed-test/*; they load BASE/nsbox-terminal.js as a
// documentation page would.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { passThrough } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** No inline script or style, no eval, workers and frames from the site only. */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Serves test/browser/embed/* at BASE/embed-test/ and adds the CSP header to everything under BASE. */
async function strictSite(t) {
  const base = new URL(t.url);
  const testDir = `${base.pathname}embed-test/`;
  const workerRequests = [];
  t.context.on('request', (req) => {
    if (/embed\.worker-[\w-]+\.js$/.test(new URL(req.url()).pathname)) workerRequests.push(req.url());
  });
  t.context.on('requestfailed', (req) => t.consoleErrors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  await t.context.addInitScript(() => {
    // Runs in every frame before its scripts: CSP violations anywhere are recorded.
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  await t.context.route(
    (url) => url.origin === base.origin && url.pathname.startsWith(base.pathname),
    async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith(testDir)) {
        const name = url.pathname.slice(testDir.length);
        if (!/^[\w-]+\.(html|js|css)$/.test(name)) return route.fulfill({ status: 404, body: 'not found\n' });
        const ext = name.slice(name.lastIndexOf('.'));
        return route.fulfill({
          status: 200,
          headers: { 'content-type': TYPES[ext], 'content-security-policy': STRICT_CSP, 'cache-control': 'no-store' },
          body: readFileSync(join(here, 'embed', name)),
        });
      }
      await passThrough(route, { 'content-security-policy': STRICT_CSP });
    },
  );
  return { pageUrl: (name) => `${base.href}embed-test/${name}`, workerRequests };
}

/** Evaluates `fn(el, arg)` on the element with id `id` (awaiting a returned promise). */
const onWidget = (t, id, fn, arg) => t.page.locator(`#${id}`).evaluate(fn, arg);

/** Saves a screenshot of one element as test-results/screenshots/NAME.png. */
async function shot(locator, name) {
  const dir = join(here, '..', '..', 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await locator.screenshot({ path: join(dir, `${name}.png`) });
}

const widgetText = (t, id) => t.page.evaluate((id) => document.getElementById(id).text(), id);
const widgetStatus = (t, id) => t.page.evaluate((id) => document.getElementById(id).status, id);

async function waitReady(t, id, timeout = 45_000) {
  await t.waitFor(async () => (await widgetStatus(t, id)) === 'ready', {
    timeout,
    message: async () =>
      `widget #${id} to be ready (status ${await widgetStatus(t, id)})\n${await widgetText(t, id)}` +
      `\n${await onWidget(t, id, (el) => el.shadowRoot.querySelector('.overlay')?.textContent ?? '')}\nconsole: ${t.consoleErrors.join('\n  ')}`,
  });
}

async function waitForWidgetText(t, id, test, what, timeout = 30_000) {
  let last = '';
  return t.waitFor(
    async () => {
      last = await widgetText(t, id);
      return test(last) ? last : null;
    },
    { timeout, message: () => `widget #${id} to show ${what}\n${last.split('\n').slice(-30).map((l) => `  | ${l}`).join('\n')}` },
  );
}

async function assertNoViolations(t) {
  for (const frame of t.page.frames()) {
    const v = await frame.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    t.assert(v.length === 0, `CSP violations in ${frame.url()}:\n  ${v.join('\n  ')}`);
  }
}

/** @param {import('./run.mjs').TestContext} t */
export async function threeWidgetsAndAnIframeUnderStrictCsp(t) {
  const { page } = t;
  const site = await strictSite(t);
  await page.goto(site.pageUrl('page.html'));

  // 1. --pid=host: the container's ps lists the host's init, kernel threads and daemons.
  await waitReady(t, 'w1');
  const t1 = await widgetText(t, 'w1');
  t.assert(t1.includes('docker run -it --pid=host rust:latest bash'), `w1 typed its docker run line:\n${t1}`);
  t.assert(/root@[0-9a-f]{12}:\/# ps aux/.test(t1), `w1 ran ps aux inside the container:\n${t1}`);
  t.assert(t1.includes('/sbin/init') && t1.includes('[kthreadd]') && t1.includes('dockerd'), `--pid=host shows the host's processes:\n${t1}`);

  // 2. Default namespaces: PID 1 is the container's shell; the host's init is not there.
  await waitReady(t, 'w2');
  const t2 = await widgetText(t, 'w2');
  const ps2 = t2.slice(t2.indexOf('# ps aux'), t2.lastIndexOf('# hostname'));
  t.assert(/\n\s*root\s+1\s.*\bbash\b/.test(ps2), `w2: the container's bash is PID 1:\n${ps2}`);
  t.assert(!ps2.includes('/sbin/init') && !ps2.includes('kthreadd'), `w2: the host's processes are invisible:\n${ps2}`);
  // Its lens compares the host with the container.
  const lens = await t.waitFor(
    () => onWidget(t, 'w2', (el) => {
      const cols = [...el.shadowRoot.querySelectorAll('.lens-col')];
      return cols.length === 2 ? cols.map((c) => c.textContent) : null;
    }),
    { message: 'the lens of w2 to show two columns' },
  );
  t.assert(lens[0].includes('/sbin/init') && !lens[1].includes('/sbin/init'), `lens: host column has init, container column not:\n${lens.join('\n---\n')}`);

  // Each widget is its own machine: its own container, its own hostname, nothing shared.
  const h1 = (await onWidget(t, 'w1', (el) => el.run('hostname'))).output.trim();
  const h2 = (await onWidget(t, 'w2', (el) => el.run('hostname'))).output.trim();
  t.assert(/^[0-9a-f]{12}$/.test(h1) && /^[0-9a-f]{12}$/.test(h2) && h1 !== h2, `two containers, two hostnames: ${h1} / ${h2}`);
  await onWidget(t, 'w1', (el) => el.run('touch /tmp/only-in-w1'));
  const seen = await onWidget(t, 'w2', (el) => el.run('ls /tmp/only-in-w1'));
  t.assert(/No such file/.test(seen.output), `w2 does not see w1's file: ${JSON.stringify(seen)}`);
  // A `command` event carries the input and the output.
  const event = await onWidget(t, 'w1', (el) => {
    const got = new Promise((resolve) => el.addEventListener('command', (e) => resolve(e.detail), { once: true }));
    el.run('echo $((6 * 7))');
    return got;
  });
  t.assert(event.command === 'echo $((6 * 7))' && event.output === '42' && event.source === 'api', `command event: ${JSON.stringify(event)}`);

  // 3. Hostile attributes: an inline error as text, nothing booted, nothing injected.
  const bad = await onWidget(t, 'bad', (el) => ({
    status: el.status,
    errors: [...el.shadowRoot.querySelectorAll('.error li')].map((li) => li.textContent),
    elements: el.shadowRoot.querySelectorAll('img, script, iframe, .xterm').length,
    pwned: window.__pwned ?? null,
    text: el.text(),
  }));
  t.assert(bad.status === 'invalid', `hostile widget status: ${bad.status}`);
  t.assert(bad.elements === 0 && bad.pwned === null && bad.text === '', `hostile widget rendered or ran something: ${JSON.stringify(bad)}`);
  for (const what of ['attribute image', 'attribute docker-args', 'attribute run', '"imgae"', 'attribute rows']) {
    t.assert(bad.errors.some((e) => e.includes(what)), `an error names ${what}:\n  ${bad.errors.join('\n  ')}`);
  }
  t.assert(bad.errors.some((e) => e.includes('<img src=x onerror')), 'the rejected image is quoted as text');
  const rejected = await onWidget(t, 'bad', (el) => el.ready.then(() => 'resolved', (e) => String(e.message)));
  t.assert(rejected.includes('invalid configuration'), `ready rejects for the hostile widget: ${rejected}`);

  // 4. The iframe form reports `ready` to its parent, then `command` events; it takes `run` messages.
  const frameMessages = () => page.evaluate(() => window.__frameMessages);
  await t.waitFor(async () => (await frameMessages()).some((m) => m.type === 'ready'), {
    timeout: 45_000,
    message: async () => `the iframe to post ready (got ${JSON.stringify(await frameMessages())})`,
  });
  const msgs = await frameMessages();
  const ipA = msgs.find((m) => m.type === 'command' && m.command === 'ip a');
  t.assert(ipA && /\blo:/.test(ipA.output) && !/eth0/.test(ipA.output), `--network=none in the iframe: only lo:\n${JSON.stringify(ipA)}`);
  t.assert(msgs.every((m) => m.nsbox === 1), 'every message is marked nsbox: 1');
  await page.evaluate(() => window.__runInFrame('echo from-the-parent'));
  await t.waitFor(async () => (await frameMessages()).some((m) => m.type === 'command' && m.command === 'echo from-the-parent' && m.output === 'from-the-parent'), {
    message: async () => `the iframe to run a posted command (got ${JSON.stringify(await frameMessages())})`,
  });

  // 5. Lazy boot: the widget far below is still a placeholder, and no worker was started for it.
  t.assert((await widgetStatus(t, 'w3')) === 'idle', `the far widget has not started: ${await widgetStatus(t, 'w3')}`);
  t.assert(site.workerRequests.length === 3, `three workers (w1, w2, iframe) before scrolling, got ${site.workerRequests.length}`);
  const placeholder = await onWidget(t, 'w3', (el) => el.shadowRoot.querySelector('.placeholder')?.textContent ?? '');
  t.assert(placeholder.includes('hostname') && placeholder.includes('Start the terminal'), `the placeholder shows what will run: ${placeholder}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await t.screenshot('embed-widgets-top');
  await shot(page.locator('#w1'), 'embed-widget-pid-host');
  await shot(page.locator('#w2'), 'embed-widget-lens-light');
  await page.locator('#bad').scrollIntoViewIfNeeded();
  await page.locator('#frame').scrollIntoViewIfNeeded();
  await t.screenshot('embed-hostile-and-iframe');

  await page.locator('#w3').scrollIntoViewIfNeeded();
  await waitReady(t, 'w3');
  const t3 = await waitForWidgetText(t, 'w3', (s) => s.includes('vagrant@archlinux ~ $ ls /'), 'ls / on the host');
  t.assert(/\narchlinux\n/.test(t3), `w3 runs on the host: hostname is archlinux:\n${t3}`);
  t.assert(site.workerRequests.length === 4, `a fourth worker once scrolled into view, got ${site.workerRequests.length}`);
  await t.screenshot('embed-lazy-widget-booted');

  await assertNoViolations(t);
}

/** The issue's "done" page: one script tag and one element, nothing else. */
export async function doneCriterionOneScriptOneElement(t) {
  const { page } = t;
  const site = await strictSite(t);
  await page.goto(site.pageUrl('minimal.html'));
  await waitReady(t, 'term');
  const text = await waitForWidgetText(t, 'term', (s) => /root@[0-9a-f]{12}:\/# ps aux[\s\S]*\/sbin\/init[\s\S]*root@[0-9a-f]{12}:\/# $/.test(s), 'ps aux inside the container');
  t.assert(text.startsWith('vagrant@archlinux ~ $ docker run -it --pid=host rust:latest bash'), `the docker run line comes first:\n${text}`);
  // Shadow DOM: the page has no xterm element or stylesheet of its own; the widget's are inside.
  const leaks = await page.evaluate(() => ({
    xtermInPage: document.querySelectorAll('.xterm').length,
    styleInPage: document.querySelectorAll('style, link[rel=stylesheet], link[rel=modulepreload]').length,
    globals: Object.keys(window).filter((k) => /nsbox|xterm|comlink|valibot/i.test(k)),
  }));
  t.assert(leaks.xtermInPage === 0 && leaks.styleInPage === 0 && leaks.globals.length === 0, `nothing leaks into the page: ${JSON.stringify(leaks)}`);
  await shot(page.locator('#term'), 'embed-done-criterion');
  await assertNoViolations(t);
}

/** Ten widgets on one page boot at once and do not interfere: each sees only its own file. */
export async function tenWidgetsDoNotInterfere(t) {
  const { page } = t;
  const site = await strictSite(t);
  await page.goto(site.pageUrl('ten.html'));
  const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
  for (const id of ids) await waitReady(t, id, 60_000);
  const hostnames = new Set();
  for (const [i, id] of ids.entries()) {
    const ls = (await onWidget(t, id, (el) => el.run('ls /tmp'))).output.split(/\s+/).filter((f) => f.startsWith('mark-'));
    t.assert(ls.length === 1 && ls[0] === `mark-${i}`, `widget ${id} sees only its own file: ${JSON.stringify(ls)}`);
    hostnames.add((await onWidget(t, id, (el) => el.run('hostname'))).output.trim());
  }
  t.assert(hostnames.size === 10, `ten containers, ten hostnames: ${[...hostnames].join(' ')}`);
  t.assert(site.workerRequests.length === 10, `one worker per widget: ${site.workerRequests.length}`);
  await t.screenshot('embed-ten-widgets');
  await assertNoViolations(t);
}

/** The reader types in the widget; the `command` event reports it. */
export async function readerTypesAndCommandEventFires(t) {
  const { page } = t;
  const site = await strictSite(t);
  await page.goto(site.pageUrl('minimal.html'));
  await waitReady(t, 'term');
  const got = page.evaluate(
    () => new Promise((resolve) => document.getElementById('term').addEventListener('command', (e) => resolve(e.detail), { once: true })),
  );
  await page.locator('#term').click();
  await page.keyboard.type('cat /proc/1/cmdline; echo');
  await page.keyboard.press('Enter');
  const detail = await got;
  t.assert(detail.source === 'user' && detail.command === 'cat /proc/1/cmdline; echo', `command event from the keyboard: ${JSON.stringify(detail)}`);
  t.assert(/\/sbin\/init|systemd/.test(detail.output), `with its output: ${JSON.stringify(detail.output)}`);
  // reset() gives a fresh machine (a new container id) and runs the start-up commands again.
  const before = (await widgetText(t, 'term')).match(/root@([0-9a-f]{12})/)[1];
  await onWidget(t, 'term', (el) => el.reset());
  const after = (await widgetText(t, 'term')).match(/root@([0-9a-f]{12})/)?.[1];
  t.assert(after && after !== before, `reset: a new container (${before} → ${after})`);
  await assertNoViolations(t);
}

/** The iframe form validates its query too; an invalid address shows the errors and runs nothing. */
export async function iframeRejectsHostileQuery(t) {
  const { page } = t;
  await strictSite(t);
  const url = new URL('embed.html', t.url);
  url.search = new URLSearchParams({ image: '"><script>alert(1)</script>', 'docker-args': '--privileged $(reboot)', origin: 'javascript:alert(1)', bogus: '1' }).toString();
  await page.goto(url.href);
  const text = await t.waitFor(() => page.locator('.frame-error').textContent().catch(() => null), { message: 'the error box' });
  for (const what of ['parameter image', 'parameter docker-args', 'parameter origin', '"bogus"']) {
    t.assert(text.includes(what), `the error names ${what}: ${text}`);
  }
  t.assert((await page.locator('script:not([src]), nsbox-terminal').count()) === 0, 'no script injected, no widget started');
  await t.screenshot('embed-iframe-hostile-query');
  await assertNoViolations(t);
}

/** The demo page (static/embed-demo.html) under the same strict header: its widgets boot, the quest works. */
export async function demoPageBoots(t) {
  const { page } = t;
  await strictSite(t);
  await page.goto(new URL('embed-demo.html', t.url).href);
  await waitReady(t, 'pid-host');
  await t.screenshot('embed-demo-top');
  await page.locator('#quest').scrollIntoViewIfNeeded();
  await waitReady(t, 'quest');
  await page.locator('#quest-run').click();
  await t.waitFor(() => page.locator('.quest.found').count(), { message: 'the demo to notice the host init' });
  await t.screenshot('embed-demo-quest');
  // The lesson widget: steps with buttons that type their command.
  const lesson = page.locator('nsbox-terminal[lesson]');
  await lesson.scrollIntoViewIfNeeded();
  await t.waitFor(() => lesson.evaluate((el) => el.status === 'ready' && el.shadowRoot.querySelectorAll('.step button').length > 2), {
    timeout: 45_000,
    message: 'the lesson widget to show its steps',
  });
  await lesson.evaluate((el) => el.shadowRoot.querySelector('.step button').click());
  await t.waitFor(() => lesson.evaluate((el) => el.shadowRoot.querySelector('.step.done') !== null && el.text().includes('[kthreadd]')), {
    message: 'the first lesson step to run and be marked done',
  });
  await shot(lesson, 'embed-demo-lesson');
  // The readonly widget replays its commands and ignores the keyboard.
  const replay = page.locator('nsbox-terminal[readonly]');
  await replay.scrollIntoViewIfNeeded();
  await t.waitFor(() => replay.evaluate((el) => el.status === 'ready'), { timeout: 45_000, message: 'the readonly widget to replay' });
  const before = await replay.evaluate((el) => el.text());
  t.assert(/# hostname\n[0-9a-f]{12}/.test(before), `the readonly widget replayed its commands:\n${before}`);
  await replay.click();
  await page.keyboard.type('echo typed');
  await page.keyboard.press('Enter');
  await onWidget(t, 'pid-host', (el) => el.run('true')); // time for keystrokes to arrive, if they were taken
  t.assert((await replay.evaluate((el) => el.text())) === before, 'keystrokes do not reach a readonly widget');
  // Dark pages get the dark palette (theme="auto").
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await t.screenshot('embed-demo-dark');
  await assertNoViolations(t);
}
