// Terminal panes: a second host terminal, tabbed and side-by-side layouts, the phone's extra keys,
// theme and screen-reader toggles, and paste.
import { focusTerminal, run, waitForPrompt } from './helpers.mjs';

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
