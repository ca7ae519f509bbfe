// Keeping and sharing sessions: a reload replays the typed commands, a share link replays them in a
// fresh browser, broken or foreign saved state is discarded with a notice, reset starts afresh.
import { run, waitForPrompt } from './helpers.mjs';

// Notices are part of the page's components, which are mounted just after the first prompt is shown.
const notice = async (t) => {
  await t.page.locator('.notice').first().waitFor();
  return t.page.locator('.notice').allTextContents();
};

/** @param {import('./run.mjs').TestContext} t */
export async function theSessionIsKeptAcrossAReload(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await run(t, 'echo kept-$((6*7))', { until: (s) => s.includes('\nkept-42') });
  await run(t, 'sudo ip netns add blue');

  await page.reload();
  // The commands are typed again into a fresh machine with the same seed: output and state come back.
  await t.waitForText((s) => s.includes('\nkept-42') && /ip netns add blue\n.*\$ ?$/.test(s));
  await run(t, 'ip netns list', { until: (s) => /\nblue\b/.test(s) });
  await t.screenshot('session-after-reload');
}

/** @param {import('./run.mjs').TestContext} t */
export async function aShareLinkReplaysTheCommandsInAFreshBrowser(t) {
  const { page, browser } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await run(t, 'sudo ip netns add green');
  await run(t, 'echo shared-$((1+1))', { until: (s) => s.includes('\nshared-2') });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByTestId('share-url').inputValue();
  t.assert(url.startsWith(t.url) && /#s=[A-Za-z0-9_-]+$/.test(url), `a share link on the app's own URL: ${url}`);

  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const fresh = await other.newPage();
    await fresh.goto(url);
    const text = () => fresh.evaluate(() => window.__nsbox?.terminalText(0) ?? '');
    await t.waitFor(async () => (await text()).includes('\nshared-2'), { message: 'the shared commands to replay' });
    t.assert((await fresh.locator('.notice').allTextContents()).some((n) => n.includes('2 commands replayed')), 'a notice says the link was replayed');
    t.assert(new URL(fresh.url()).hash === '', 'the hash is cleared once read');
    await t.waitFor(async () => /ip netns add green/.test(await text()), { message: 'the netns command' });
  } finally {
    await other.close();
  }
}

/** @param {import('./run.mjs').TestContext} t */
export async function corruptSavedStateIsDiscardedWithANotice(t) {
  const { page, context } = t;
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('nsbox:session', '{"app":"nsbox","v":1,"seed":');
      localStorage.setItem('nsbox:prefs', '[]');
      localStorage.setItem('nsbox:progress', '{"app":"nsbox","v":1,"done":{"x":"not a list"}}');
    }
  });
  await page.goto(t.url);
  await waitForPrompt(t);
  const texts = await notice(t);
  t.assert(texts.some((n) => n.includes('saved session could not be read')), `notice for the session: ${texts.join(' | ')}`);
  t.assert(texts.some((n) => n.includes('display settings')), 'notice for the preferences');
  t.assert(texts.some((n) => n.includes('lesson progress')), 'notice for the progress');
  await run(t, 'echo still-works');
  await t.screenshot('notice-corrupt-state');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('nsbox:session') ?? 'null'));
  t.assert(saved?.app === 'nsbox' && saved.commands.length === 1, 'a valid session replaces the broken one');
}

/** @param {import('./run.mjs').TestContext} t */
export async function foreignSavedStateAndDamagedLinksAreRefused(t) {
  const { page, context } = t;
  await context.addInitScript(() => {
    localStorage.setItem('nsbox:session', JSON.stringify({ app: 'nsbox', v: 99, seed: 1, commands: [[0, 'rm -rf ~']] }));
  });
  await page.goto(`${t.url}#s=%%%not-base64`);
  await waitForPrompt(t);
  const texts = await notice(t);
  t.assert(texts.some((n) => n.includes('shared link could not be read')), `notice for the link: ${texts.join(' | ')}`);
  t.assert(texts.some((n) => n.includes('another version')), `notice for the foreign session: ${texts.join(' | ')}`);
  t.assert(!(await t.terminalText()).includes('rm -rf'), 'nothing from the foreign session was typed');
}

/** @param {import('./run.mjs').TestContext} t */
export async function resetStartsAFreshMachine(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await run(t, 'sudo ip netns add old');
  await page.getByRole('button', { name: 'Reset sandbox' }).click();
  await t.waitFor(async () => !(await t.terminalText()).includes('netns add old'), { message: 'a clean screen' });
  await waitForPrompt(t);
  await run(t, 'ip netns list');
  t.assert(!(await t.terminalText()).includes('\nold'), 'the new machine has no netns "old"');
  await page.reload();
  await waitForPrompt(t);
  t.assert(!(await t.terminalText()).includes('netns add old'), 'a reload does not bring the old session back');
}
