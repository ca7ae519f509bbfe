// Terminal panes: a second host terminal, tabbed and side-by-side layouts, the phone's extra keys,
// theme and screen-reader toggles, and paste.
import { focusTerminal, outputOf, run, waitForPrompt } from './helpers.mjs';

/** @param {import('./run.mjs').TestContext} t */
export async function newHostTerminalOpensASecondLoginShell(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t, 0);
  await run(t, 'echo $SSH_TTY', { index: 0, until: (s) => s.includes('\n/dev/pts/0') });

  await page.getByRole('button', { name: '+ Host terminal' }).click();
  await waitForPrompt(t, 1);
  const second = await run(t, 'echo $SSH_TTY', { index: 1, until: (s) => s.includes('\n/dev/pts/1') });
  t.assert(!second.includes('/dev/pts/0'), 'the second pane is a separate login (pts/1)');
  t.assert((await page.getByRole('tab', { name: /vagrant@archlinux/ }).count()) === 2, 'both tabs are named after their prompt');

  // Tabbed: only one pane shows. Side by side: both do, and each refits to half the width.
  t.assert((await page.locator('.slot:not([hidden])').count()) === 1, 'tabbed layout shows one pane');
  const tabbed = await t.terminalSize(1);
  await page.getByRole('button', { name: 'Side by side' }).click();
  await t.waitFor(async () => (await page.locator('.slot:not([hidden])').count()) === 2, { message: 'two visible panes' });
  await t.waitFor(async () => {
    const size = await t.terminalSize(1);
    return size && tabbed && size.cols < tabbed.cols ? size : null;
  }, { message: 'the panes to reflow to half the width' });
  // A long line wraps at the new width and the shell keeps working.
  await run(t, `echo ${'x'.repeat(60)}`, { index: 1, until: (s) => s.includes(`\n${'x'.repeat(60)}\n`) });
  await t.screenshot('terminals-side-by-side');

  // Closing a pane keeps the other.
  await page.getByRole('button', { name: /^Close vagrant@archlinux/ }).first().click();
  await t.waitFor(async () => (await t.page.evaluate(() => window.__nsbox?.terminalCount())) === 1, { message: 'one terminal left' });
}

/** @param {import('./run.mjs').TestContext} t */
export async function extraKeysWorkOnA375PixelScreen(t) {
  const { page } = t;
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(t.url);
  await waitForPrompt(t);
  const bar = page.getByRole('toolbar', { name: 'Extra keys' });
  // The page's components (the bar among them) are mounted just after the first prompt is shown.
  await bar.waitFor({ state: 'attached' });
  t.assert(await bar.isVisible(), 'the extra-keys bar shows on a phone');
  for (const name of ['Escape', 'Tab', 'Pipe', 'Dash', 'Up arrow']) {
    const box = await bar.getByRole('button', { name, exact: true }).boundingBox();
    t.assert(box && box.x >= 0 && box.x + box.width <= 375, `the ${name} key fits on the screen`);
  }

  await focusTerminal(t);
  await page.keyboard.type('echo one two ');
  await bar.getByRole('button', { name: 'Pipe', exact: true }).click();
  await page.keyboard.type(' wc ');
  await bar.getByRole('button', { name: 'Dash', exact: true }).click();
  await page.keyboard.type('w');
  await page.keyboard.press('Enter');
  await t.waitForText((s) => /echo one two \| wc -w\s*\n2\n/.test(s));

  // Ctrl latches for the next key: Ctrl then "c" interrupts a running program.
  await page.keyboard.type('sleep 1000');
  await page.keyboard.press('Enter');
  await bar.getByRole('button', { name: /^Control/ }).click();
  await page.keyboard.type('c');
  await t.waitForText((s) => /sleep 1000\n\^C\n.*\$ $/.test(s));

  // The up arrow recalls history.
  await bar.getByRole('button', { name: 'Up arrow' }).click();
  await t.waitForText((s) => s.endsWith('$ sleep 1000'));
  await t.screenshot('terminal-extra-keys-375');
}

/** @param {import('./run.mjs').TestContext} t */
export async function themeAndScreenReaderModeToggle(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const before = await theme();
  await page.getByRole('button', { name: /Light theme/ }).click();
  t.assert((await theme()) !== before, 'the theme changes');
  await page.getByRole('button', { name: /Light theme/ }).click();
  t.assert((await theme()) === before, 'and changes back');
  // The default follows the system's preference; make sure the light theme is on now.
  if ((await theme()) !== 'light') await page.getByRole('button', { name: /Light theme/ }).click();
  t.assert((await page.getByRole('button', { name: /Light theme/ }).getAttribute('aria-pressed')) === 'true', 'the toggle says light');
  await run(t, 'ls -la /', { until: (s) => s.includes('etc') });
  await t.screenshot('theme-light');

  t.assert((await page.locator('.xterm-accessibility').count()) === 0, 'no accessibility tree by default');
  await page.getByRole('button', { name: /Screen reader/ }).click();
  await t.waitFor(async () => (await page.locator('.xterm-accessibility').count()) > 0, { message: 'xterm.js screen reader mode' });

  // Settings survive a reload.
  await page.reload();
  await waitForPrompt(t);
  t.assert((await theme()) === 'light', 'the light theme is remembered');
  t.assert((await page.locator('.xterm-accessibility').count()) > 0, 'screen reader mode is remembered');
}

/** @param {import('./run.mjs').TestContext} t */
export async function pasteWithCtrlShiftV(t) {
  const { page, context } = t;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.origin });
  await page.goto(t.url);
  await waitForPrompt(t);
  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((40+2))'));
  await focusTerminal(t);
  await page.keyboard.press('Control+Shift+V');
  await t.waitForText((s) => s.endsWith('$ echo pasted-$((40+2))'));
  await page.keyboard.press('Enter');
  await t.waitForText((s) => s.includes('\npasted-42\n'));
}

/**
 * Resizing the page reflows the terminal and reaches programs: the pty gets TIOCSWINSZ, the foreground
 * group SIGWINCH, and bash updates $COLUMNS/$LINES (checkwinsize), in a container too (docker's client
 * passes the new size on to the container's console).
 * @param {import('./run.mjs').TestContext} t
 */
export async function resizingThePageReachesProgramsThroughSigwinch(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  const wide = await t.terminalSize();
  let text = await run(t, 'echo "$COLUMNS x $LINES"');
  t.assert(outputOf(text, 'echo "$COLUMNS x $LINES"') === `${wide.cols} x ${wide.rows}`, `bash knows the first size ${JSON.stringify(wide)}:\n${text}`);

  // Resized while a line is being edited: readline redraws it and the line sees the new width.
  await focusTerminal(t);
  await page.keyboard.type('echo "cols=$COLUMNS"');
  await page.setViewportSize({ width: 700, height: 700 });
  const mid = await t.waitFor(async () => {
    const size = await t.terminalSize();
    return size && size.cols < wide.cols ? size : null;
  }, { message: 'the terminal to refit to 700 px' });
  await page.keyboard.press('Enter');
  await t.waitForText((s) => s.includes(`\ncols=${mid.cols}\n`));

  // In a container: docker's client forwards the size; the container's bash follows it as well.
  await run(t, 'docker run -it rust:latest bash', { until: (s) => /root@[0-9a-f]{12}:\/# ?$/.test(s) });
  await page.setViewportSize({ width: 375, height: 740 });
  const narrow = await t.waitFor(async () => {
    const size = await t.terminalSize();
    return size && size.cols < mid.cols ? size : null;
  }, { message: 'the terminal to refit to 375 px' });
  text = await run(t, 'echo "$COLUMNS x $LINES"');
  t.assert(outputOf(text, 'echo "$COLUMNS x $LINES"') === `${narrow.cols} x ${narrow.rows}`, `the container's bash follows ${JSON.stringify(narrow)}:\n${text.slice(-400)}`);
  await t.screenshot('terminal-resized-375');
}

/**
 * The keyboard is never trapped in a terminal: Tab completes in the shell, Shift+Tab leaves the
 * terminal for a "skip" button that takes the focus on to the lessons and tools.
 * @param {import('./run.mjs').TestContext} t
 */
export async function shiftTabLeavesTheTerminalForTheSidePanel(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await focusTerminal(t);
  await page.keyboard.type('ech');
  await page.keyboard.press('Tab');
  await t.waitForText((s) => s.endsWith('$ echo '));

  const size = await t.terminalSize();
  await page.keyboard.press('Shift+Tab');
  const skip = page.getByRole('button', { name: 'Skip to lessons and tools' });
  await t.waitFor(() => skip.evaluate((el) => el === document.activeElement), { message: 'the skip button to have the focus' });
  const box = await skip.boundingBox();
  t.assert(box && box.width > 40 && box.height > 10, `the focused skip button is visible (${JSON.stringify(box)})`);
  t.assert((await t.terminalText()).endsWith('$ echo '), 'Shift+Tab sent nothing to the shell');
  t.assert(JSON.stringify(await t.terminalSize()) === JSON.stringify(size), 'the skip button covers the terminal without resizing it');
  await t.screenshot('terminal-skip-button');
  await page.keyboard.press('Enter');
  t.assert(await page.getByRole('tab', { name: 'Lessons' }).evaluate((el) => el === document.activeElement), 'the Lessons tab has the focus');
  await page.keyboard.press('Tab');
  t.assert(await page.locator('.lessons select').evaluate((el) => el === document.activeElement), 'Tab goes on into the lesson');
}

/**
 * Copy: a word selected with a double click goes to the clipboard with Ctrl+Shift+C (Ctrl+C stays
 * SIGINT), and pastes back at the prompt.
 * @param {import('./run.mjs').TestContext} t
 */
export async function copyWithCtrlShiftC(t) {
  const { page, context } = t;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.origin });
  await page.goto(t.url);
  await waitForPrompt(t);
  const text = await run(t, 'echo copy-$((6*7))');
  const row = text.split('\n').indexOf('copy-42');
  const box = await page.locator('#pane-0 .xterm-screen').boundingBox();
  const size = await t.terminalSize();
  await page.mouse.dblclick(box.x + (box.width / size.cols) * 2, box.y + (box.height / size.rows) * (row + 0.5));
  await page.keyboard.press('Control+Shift+C');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  t.assert(clip === 'copy-42', `the clipboard holds the selected word: ${JSON.stringify(clip)}`);
  await page.keyboard.press('Control+Shift+V');
  await t.waitForText((s) => s.endsWith('$ copy-42'));
}

/**
 * The first terminal has the keyboard when the page loads (typing needs no click), except on a touch
 * device, where focusing it would open the on-screen keyboard over the page.
 * @param {import('./run.mjs').TestContext} t
 */
export async function theFirstTerminalHasTheKeyboardAtLoad(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await page.keyboard.type('echo typed-$((40+2))');
  await page.keyboard.press('Enter');
  await t.waitForText((s) => s.includes('\ntyped-42'));

  const phone = await t.browser.newContext({ isMobile: true, hasTouch: true, viewport: { width: 375, height: 740 } });
  try {
    const p = await phone.newPage();
    await p.goto(t.url);
    await p.waitForFunction(() => (document.querySelector('.xterm-rows')?.textContent ?? '').includes('$'), null, { timeout: 30_000 });
    const focused = await p.evaluate(() => document.activeElement?.className ?? '');
    t.assert(!focused.includes('xterm-helper-textarea'), `on a touch screen the terminal is not focused at load (focus: ${focused})`);
  } finally {
    await phone.close();
  }
}

/**
 * The first terminal opens in the page's static shell, before the components exist, and its pane
 * adopts it: where and how large it is when the prompt first shows is where it stays (no jump, no
 * resize), on a desktop, a mid-sized and a phone-sized window.
 * @param {import('./run.mjs').TestContext} t
 */
export async function theFirstTerminalKeepsItsPlaceWhenThePageIsBuilt(t) {
  for (const [width, height] of [[1280, 800], [800, 600], [375, 667]]) {
    const context = await t.browser.newContext({ viewport: { width, height } });
    try {
      await context.addInitScript(() => {
        const box = () => {
          const r = document.querySelector('.xterm')?.getBoundingClientRect();
          return r && [r.x, r.y, r.width, r.height].map((v) => Math.round(v));
        };
        new MutationObserver(() => {
          const rows = document.querySelector('.xterm-rows')?.textContent ?? '';
          if (!window.__firstPrompt && /\$\s*$/.test(rows.replace(/\u00a0/g, ' ').trimEnd())) {
            window.__firstPrompt = { box: box(), inShell: document.getElementById('shell') !== null };
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
        window.__box = box;
      });
      const page = await context.newPage();
      await page.goto(t.url);
      await page.waitForFunction(() => window.__firstPrompt && !document.getElementById('shell') && document.querySelector('.toolbar'), null, { timeout: 30_000 });
      // The ResizeObserver's refit (if any) happens in an animation frame after the mount.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const { first, now } = await page.evaluate(() => ({ first: window.__firstPrompt, now: window.__box() }));
      t.assert(JSON.stringify(first.box) === JSON.stringify(now), `${width}x${height}: the terminal at the first prompt ${first.box} (in the shell: ${first.inShell}) is where it stays ${now}`);
    } finally {
      await context.close();
    }
  }
}

/**
 * Keys typed at the first prompt reach the shell at once, though the machine is still busy behind it
 * (here: dockerd's engine held back, so it never gets quiet); they used to wait until it was.
 * @param {import('./run.mjs').TestContext} t
 */
export async function keysAtTheFirstPromptDoNotWaitForTheDaemons(t) {
  const { page, context } = t;
  let release = () => {};
  const held = new Promise((resolve) => { release = resolve; });
  await context.route(/\/docker-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  try {
    await page.goto(t.url);
    await waitForPrompt(t);
    await page.keyboard.type('echo early-$((6*7))');
    await page.keyboard.press('Enter');
    // Well inside the 3 s a terminal waits for its machine to settle before giving up on it.
    await t.waitForText((s) => s.includes('\nearly-42'), { timeout: 2500 });
  } finally {
    release();
  }
}

/**
 * A URL in a program's output is a link (xterm.js's web-links addon, loaded after the first prompt):
 * the pointer shows it, and a click opens it in a new tab.
 * @param {import('./run.mjs').TestContext} t
 */
export async function linksInTheOutputOpenInANewTab(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  // On the app's own origin, so that opening it stays on this machine.
  const url = new URL('linked-page.html', t.url).href;
  await run(t, `echo ${url}`, { until: (s) => s.includes(`\n${url}\n`) });
  const row = page.locator('#pane-0 .xterm-rows > div').filter({ hasText: new RegExp(`^${url.replace(/[.]/g, '\\.')}`) });
  const box = await row.boundingBox();
  t.assert(box, 'the printed URL is on screen');
  await t.waitFor(async () => {
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    return page.locator('#pane-0 .xterm-screen.xterm-cursor-pointer').count();
  }, { message: 'the pointer to show a link over the URL' });
  const [opened] = await Promise.all([page.context().waitForEvent('page'), page.mouse.click(box.x + 40, box.y + box.height / 2)]);
  await t.waitFor(() => opened.url() === url, { message: `the new tab to open ${url} (it shows ${opened.url()})` });
}
