// The app boots the sandbox in its worker, shows the login prompt, and runs `ps aux` typed on the
// real keyboard. Text is read from xterm.js's buffer through window.__nsbox (polling, no sleeps).

const PROMPT = 'vagrant@archlinux ~ $';

/** @param {import('./run.mjs').TestContext} t */
export async function bootsToPromptAndRunsPsAux(t) {
  const { page } = t;
  await page.goto(t.url);
  t.assert((await page.title()) === 'nsbox', `page title is ${JSON.stringify(await page.title())}, expected "nsbox"`);

  await t.waitForText(PROMPT);

  // Focus the terminal like a person would, then type.
  await page.locator('.xterm').click();
  await page.keyboard.type('ps aux');
  await page.keyboard.press('Enter');

  const text = await t.waitForText((s) => s.includes('/sbin/init') && s.includes('[kthreadd]'));
  t.assert(text.includes('USER') && text.includes('PID'), 'ps aux prints its header');
  // The listing is followed by a fresh prompt.
  await t.waitForText((s) => {
    const lines = s.split('\n');
    return lines.length > 2 && lines[lines.length - 1].startsWith(PROMPT) && s.indexOf(PROMPT) !== s.lastIndexOf(PROMPT);
  });
  await t.screenshot('app-desktop');

  // Phone width: the pane refits, the terminal gets fewer columns.
  const wide = await t.terminalSize();
  await page.setViewportSize({ width: 375, height: 740 });
  const narrow = await t.waitFor(
    async () => {
      const size = await t.terminalSize();
      return size && wide && size.cols < wide.cols && size.cols <= 50 ? size : null;
    },
    { message: 'the terminal to refit to 375 px' },
  );
  t.assert(narrow.cols >= 20, `a 375 px wide terminal has ${narrow.cols} columns`);
  await t.screenshot('app-mobile-375');

  t.assertNoForeignRequests();
  t.assertNoConsoleErrors();
}
