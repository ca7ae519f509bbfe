// Runaway programs in the app: ^C stops a flood promptly, a flooding pane leaves the page and the other
// panes responsive (output is flow-controlled between the worker and xterm.js), and the watchdog offers
// a restart when the worker stops answering.
import { focusTerminal, PROMPT_LINE, run, waitForPrompt } from './helpers.mjs';

const lastLine = (s) => s.split('\n').at(-1) ?? '';

/** The longest gap between animation frames over `frames` frames, measured in the page. */
const rafGap = (t, frames = 30) =>
  t.page.evaluate(
    (n) =>
      new Promise((resolve) => {
        let last = performance.now();
        let max = 0;
        let count = 0;
        const frame = (now) => {
          max = Math.max(max, now - last);
          last = now;
          if (++count < n) requestAnimationFrame(frame);
          else resolve(max);
        };
        requestAnimationFrame(frame);
      }),
    frames,
  );

/** Median round trip of a trivial page.evaluate, over `n` calls. */
async function evaluateRoundTrip(t, n = 9) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = Date.now();
    await t.page.evaluate(() => 1);
    times.push(Date.now() - start);
  }
  return times.sort((a, b) => a - b)[n >> 1];
}

/** Polls until terminal `index`'s text is the same for `reads` reads in a row (it stopped growing). */
async function waitUntilStill(t, index, reads = 6) {
  let last = null;
  let same = 0;
  return t.waitFor(
    async () => {
      const text = await t.terminalText(index);
      same = text === last ? same + 1 : 0;
      last = text;
      return same >= reads ? text : null;
    },
    { timeout: 20_000, interval: 50, message: `terminal ${index} to stop changing` },
  );
}

/** @param {import('./run.mjs').TestContext} t */
export async function ctrlCStopsYesPromptly(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await focusTerminal(t);
  await page.keyboard.type('yes');
  await page.keyboard.press('Enter');
  // The flood is on: the screen fills with y's.
  await t.waitForText((s) => s.split('\n').slice(-20).every((l) => l === 'y'));
  const pressed = Date.now();
  await page.keyboard.press('Control+C');
  const text = await t.waitForText((s) => /\^C\n/.test(s.slice(-400)) && PROMPT_LINE.test(lastLine(s)), { timeout: 10_000 });
  const promptAfter = Date.now() - pressed;
  console.log(`    prompt ${promptAfter} ms after ^C (polled every 50 ms)`);
  t.assert(promptAfter < 3000, `the prompt came back ${promptAfter} ms after ^C`);
  // Nothing more arrives after the prompt: yes is gone, not merely hidden behind it.
  const still = await waitUntilStill(t, 0);
  t.assert(lastLine(still) === lastLine(text), `the prompt is still the last line:\n${still.slice(-200)}`);
  await run(t, 'echo alive-$((6*7))', { until: (s) => s.includes('\nalive-42\n') });
}

/** @param {import('./run.mjs').TestContext} t */
export async function aFloodingPaneLeavesThePageResponsive(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t, 0);
  const idleRoundTrip = await evaluateRoundTrip(t);
  const idleGap = await rafGap(t);
  await page.getByRole('button', { name: '+ Host terminal' }).click();
  await waitForPrompt(t, 1);
  await page.getByRole('button', { name: 'Side by side' }).click();
  await t.waitFor(async () => (await page.locator('.slot:not([hidden])').count()) === 2, { message: 'two visible panes' });

  await focusTerminal(t, 0);
  await page.keyboard.type("cat /dev/zero | tr '\\0' x");
  await page.keyboard.press('Enter');
  await t.waitForText((s) => /x{200}/.test(lastLine(s)), { index: 0 });

  // While it floods: frames keep coming, the page answers, and the other pane echoes typed keys.
  const floodRoundTrip = await evaluateRoundTrip(t);
  const floodGap = await rafGap(t);
  console.log(`    page.evaluate median ${idleRoundTrip} → ${floodRoundTrip} ms, longest frame gap ${idleGap.toFixed(0)} → ${floodGap.toFixed(0)} ms (idle → flooding)`);
  t.assert(floodRoundTrip < 250, `page.evaluate took ${floodRoundTrip} ms (median) during the flood`);
  t.assert(floodGap < 500, `a frame took ${floodGap.toFixed(0)} ms during the flood`);
  const typed = Date.now();
  await focusTerminal(t, 1);
  await page.keyboard.type('echo other-pane');
  await t.waitForText((s) => lastLine(s).endsWith('$ echo other-pane'), { index: 1, timeout: 10_000 });
  console.log(`    keys echoed in the other pane after ${Date.now() - typed} ms (click and typing included)`);
  await page.keyboard.press('Enter');
  await t.waitForText((s) => s.includes('\nother-pane\n') && PROMPT_LINE.test(lastLine(s)), { index: 1, timeout: 10_000 });
  t.assert((await t.terminalText(0)).length > 0 && /x{200}/.test(lastLine(await t.terminalText(0))), 'pane 0 is still flooding');

  await focusTerminal(t, 0);
  await page.keyboard.press('Control+C');
  await t.waitForText((s) => PROMPT_LINE.test(lastLine(s)), { index: 0, timeout: 10_000 });
}

/** @param {import('./run.mjs').TestContext} t */
export async function aStuckWorkerIsNoticedAndRestarted(t) {
  const { page } = t;
  await t.context.addInitScript(() => {
    window.__nsboxTestHooks = true;
  });
  await page.goto(t.url);
  await waitForPrompt(t);
  await run(t, 'echo before-hang', { until: (s) => s.includes('\nbefore-hang\n') });
  t.assert(!(await page.evaluate(() => window.__nsbox.unresponsive())), 'a working machine is responsive');

  // A synchronous loop in the worker: no keystroke, no output, no answer to pings.
  await page.evaluate(() => window.__nsbox.hangWorker(120_000));
  const alert = page.getByRole('alert').filter({ hasText: 'The sandbox is not responding' });
  await t.waitFor(() => alert.isVisible(), { timeout: 15_000, message: 'the not-responding notice' });
  // The page itself still works while the worker is stuck.
  t.assert((await page.evaluate(() => 6 * 7)) === 42, 'the page answers');
  await t.screenshot('watchdog-not-responding');

  await alert.getByRole('button', { name: 'Restart the machine' }).click();
  await t.waitFor(async () => !(await alert.isVisible()), { message: 'the notice to go away' });
  await waitForPrompt(t);
  t.assert(!(await t.terminalText()).includes('before-hang'), 'a fresh machine on a clean screen');
  await run(t, 'echo after-restart', { until: (s) => s.includes('\nafter-restart\n') });
  t.assert(!(await page.evaluate(() => window.__nsbox.unresponsive())), 'the new machine answers pings');
}

/** @param {import('./run.mjs').TestContext} t */
export async function hangWorkerIsIgnoredWithoutTheTestFlag(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await page.evaluate(() => window.__nsbox.hangWorker(120_000));
  // Had it obeyed, the worker would not echo these keys.
  await run(t, 'echo still-here', { until: (s) => s.includes('\nstill-here\n') });
}
