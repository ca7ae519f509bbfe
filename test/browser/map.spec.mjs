// The live map with ten containers, and the lens on an image that lacks a tool.
import { openTool, run, waitForPrompt } from './helpers.mjs';

/** @param {import('./run.mjs').TestContext} t */
export async function theMapStaysReadableWithTenContainers(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await openTool(t, 'Map');
  const pidns = page.locator('g[data-node^="pidns-"]');
  await t.waitFor(async () => (await pidns.count()) === 1, { message: 'the host on the map' });

  await run(t, 'for i in 1 2 3 4 5 6 7 8 9 10; do docker run -d --name c$i busybox sleep 1000 >/dev/null; done', { timeout: 60_000 });
  // The map follows the machine after the command completed: 10 more pid and network namespaces.
  await t.waitFor(async () => (await pidns.count()) === 11, { message: 'eleven pid namespaces' });
  t.assert((await page.locator('line.link.veth').count()) === 10, 'ten veth links to the containers');
  t.assert((await page.locator('g[data-node^="netns-"]').count()) === 11, 'eleven network namespaces');
  await t.screenshot('map-ten-containers');
  // The whole map, in a window tall enough to show it at once.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await page.locator('.map svg').screenshot({ path: new URL('../../test-results/screenshots/map-ten-containers-svg.png', import.meta.url).pathname });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.locator('.side').scrollIntoViewIfNeeded();
  await t.screenshot('map-ten-containers-375');

  // Keyboard: a map node is reachable with Tab and typed with Enter.
  await page.setViewportSize({ width: 1280, height: 800 });
  const node = page.locator('g[data-node^="dev-"][role=button]').first();
  await node.focus();
  await page.keyboard.press('Enter');
  await t.waitForText((s) => /\$ ip a show lo$/.test(s));
}

/** @param {import('./run.mjs').TestContext} t */
export async function theLensUsesTheHostsToolWhenTheImageHasNone(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await run(t, 'docker run -d --name web nginx', { until: (s) => /\n[0-9a-f]{64}\n/.test(s) });
  await openTool(t, 'Namespace lens');
  await page.getByRole('radio', { name: 'ss -tlnp' }).check();
  const why = page.getByTestId('lens-why');
  await t.waitFor(async () => /own net namespace/.test((await why.textContent()) ?? ''), { message: 'the lens on the network namespace' });
  const inside = page.locator('.lens .column').nth(1);
  await t.waitFor(async () => /:80\b/.test((await inside.locator('.out').textContent()) ?? ''), { message: 'nginx listening on :80 inside' });
  const host = (await page.locator('.lens .column').nth(0).locator('.out').textContent()) ?? '';
  t.assert(/:22\b/.test(host) && !/:80\b/.test(host), `the host listens on :22 but not :80\n${host}`);
  await t.screenshot('lens-nginx-ss');
}
