// Loading: the prompt comes up at once; a worker that fails to start is reported in the pane, with a
// restart that brings a working machine.
import { run, waitForPrompt } from './helpers.mjs';

/** @param {import('./run.mjs').TestContext} t */
export async function thePromptIsUpQuickly(t) {
  const { page } = t;
  const started = Date.now();
  await page.goto(t.url);
  await waitForPrompt(t);
  const ms = Date.now() - started;
  t.assert(ms < 5000, `first prompt after ${ms} ms`);
}

/** @param {import('./run.mjs').TestContext} t */
export async function aWorkerThatFailsToStartIsReportedWithARestart(t) {
  const { page } = t;
  const worker = /sandbox\.worker-[^/]*\.js$/;
  await page.route(worker, (route) => route.abort());
  await page.goto(t.url);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 20_000 });
  t.assert((await alert.textContent())?.includes('The sandbox stopped working'), 'the pane says the machine stopped');
  await t.screenshot('worker-failed');
  // The failed load is expected here; the runner must not count it as an error of the app.
  t.consoleErrors.splice(0, t.consoleErrors.length);

  await page.unroute(worker);
  await page.getByRole('button', { name: 'Restart the machine' }).click();
  await waitForPrompt(t);
  await run(t, 'echo back-$((2*21))', { until: (s) => s.includes('\nback-42') });
  t.assert((await page.getByRole('alert').count()) === 0, 'the notice is gone');
}

/**
 * A worker that goes away without an error event (closed by the browser, or stuck in a loop) is
 * noticed by the page's watchdog (src/ui/sandbox/watchdog.ts): the pane says so and the restart brings a working machine.
 * @param {import('./run.mjs').TestContext} t
 */
export async function aWorkerThatStopsAnsweringIsReportedWithARestart(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  const worker = page.workers().find((w) => /sandbox\.worker-[^/]*\.js$/.test(w.url()));
  t.assert(worker, 'the sandbox runs in a worker');
  await worker.evaluate(() => { setTimeout(() => self.close()); });
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  t.assert((await alert.textContent())?.includes('The sandbox is not responding'), 'the pane says the machine stopped responding');
  await page.getByRole('button', { name: 'Restart the machine' }).click();
  await waitForPrompt(t);
  await run(t, 'echo back-$((6*7))', { until: (s) => s.includes('\nback-42') });
  t.assert((await page.getByRole('alert').count()) === 0, 'the notice is gone');
}

/**
 * Before any of the app's code has run (here held back), the page shows its frame (the static shell)
 * in the system's colour scheme; the app then opens its first terminal in it.
 * @param {import('./run.mjs').TestContext} t
 */
export async function theShellComesFirstInTheSystemsColours(t) {
  for (const [scheme, background] of [['light', 'rgb(255, 255, 255)'], ['dark', 'rgb(13, 17, 23)']]) {
    const context = await t.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    let release = () => {};
    const held = new Promise((resolve) => { release = resolve; });
    try {
      await context.route(/\/mountApp-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue().catch(() => {});
      });
      const page = await context.newPage();
      await page.goto(t.url, { waitUntil: 'domcontentloaded' });
      await page.locator('#shell .shell-terminal').waitFor();
      const seen = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, theme: document.documentElement.dataset.theme ?? null }));
      t.assert(seen.theme === null, `no app code has run yet (data-theme ${seen.theme})`);
      t.assert(seen.bg === background, `${scheme}: the shell's background is ${seen.bg}, expected ${background}`);
      release();
      await page.waitForFunction(() => /\$\s*$/.test((document.querySelector('.xterm-rows')?.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()), null, { timeout: 30_000 });
    } finally {
      release();
      await context.close();
    }
  }
}
