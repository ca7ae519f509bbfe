// The source article's session typed into the real page: --pid=host, the default, --network=host.
// Then the isolation picker writes a command, the namespace lens compares views, the map shows the
// container. Text is read from xterm.js's buffer (polled) and from the page as a person sees it.
import { openTool, outputOf, run, waitForPrompt } from './helpers.mjs';

const CONTAINER_PROMPT = /root@[0-9a-f]{12}:\/# $/;

/** @param {import('./run.mjs').TestContext} t */
export async function theArticleSessionRunsInThePage(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);

  // pid: with --pid=host, ps in the container lists the host's processes, init as PID 1.
  await run(t, 'docker run -it --pid=host rust:latest bash', { until: (s) => CONTAINER_PROMPT.test(s) });
  let text = await run(t, 'ps aux', { until: (s) => s.includes('[kthreadd]') });
  let ps = outputOf(text, 'ps aux');
  t.assert(/^root\s+1\s.*\/sbin\/init$/m.test(ps), `--pid=host: PID 1 is /sbin/init\n${ps}`);
  t.assert(/\[rcu_gp\]/.test(ps), '--pid=host: kernel threads are listed');
  await t.screenshot('article-pid-host');
  await run(t, 'exit', { until: (s) => /vagrant@archlinux ~ \$ ?$/.test(s) });

  // Default: a pid namespace of its own, bash is PID 1 and ps is the only other process.
  await run(t, 'docker run -it rust:latest bash', { until: (s) => CONTAINER_PROMPT.test(s) });
  text = await run(t, 'ps aux');
  ps = outputOf(text, 'ps aux').split('\n');
  t.assert(ps.length === 3 && /^root\s+1\s.*bash$/.test(ps[1]) && /ps aux$/.test(ps[2]), `default: only bash (PID 1) and ps\n${ps.join('\n')}`);

  // network: the default container's ss shows only its header.
  text = await run(t, 'ss');
  const ss = outputOf(text, 'ss');
  t.assert(/^Netid\s+State/.test(ss) && ss.split('\n').length === 1, `default: ss prints only its header\n${ss}`);
  await run(t, 'exit');

  // --network=host: the host's devices and sockets.
  await run(t, 'docker run -it --network=host rust:latest bash', { until: (s) => /root@archlinux:\/# $/.test(s) });
  text = await run(t, 'ip a');
  const ip = outputOf(text, 'ip a');
  t.assert(ip.includes('inet 10.0.2.15/24') && ip.includes('docker0') && ip.includes('08:00:27:8f:83:2c'), `--network=host: the host's eth0 and docker0\n${ip}`);
  text = await run(t, 'ss');
  t.assert(outputOf(text, 'ss').includes('/run/dbus/system_bus_socket'), '--network=host: ss lists the host\'s D-Bus socket');
  await t.screenshot('article-network-host');
}

/** @param {import('./run.mjs').TestContext} t */
export async function pickerLensAndMapShowBothSidesOfPidHost(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);

  // The picker only types the command; the learner runs it.
  await openTool(t, 'Isolation picker');
  await page.locator('input[name=pid][value=host]').check();
  const preview = page.locator('.preview');
  t.assert((await preview.textContent()) === 'docker run -it --pid=host rust:latest bash', `picker preview: ${await preview.textContent()}`);
  await page.getByRole('button', { name: 'Type into the terminal' }).click();
  await t.waitForText((s) => s.endsWith('$ docker run -it --pid=host rust:latest bash'));
  t.assert(!(await t.terminalText()).includes('root@'), 'nothing ran behind the terminal\'s back');
  await page.keyboard.press('Enter');
  await t.waitForText(CONTAINER_PROMPT);

  // The lens: ps aux from the host and from the container's first process; the same pid namespace.
  await openTool(t, 'Namespace lens');
  const why = page.getByTestId('lens-why');
  await t.waitFor(async () => /shares the host’s pid namespace/.test((await why.textContent().catch(() => '')) ?? ''), {
    message: 'the lens to say the container shares the host\'s pid namespace',
  });
  const columns = page.locator('.lens .out');
  const [hostPs, innerPs] = [await columns.nth(0).textContent(), await columns.nth(1).textContent()];
  t.assert(/\/sbin\/init/.test(innerPs ?? '') && /\/sbin\/init/.test(hostPs ?? ''), 'both sides list /sbin/init');
  // hostname differs: the container has its own UTS namespace.
  await page.getByRole('radio', { name: 'hostname' }).check();
  await t.waitFor(async () => /own uts namespace/.test((await why.textContent()) ?? ''), { message: 'the lens to explain the UTS namespace' });
  const marked = await page.locator('.lens .out .only').count();
  t.assert(marked === 2, `each side's hostname is highlighted as differing (${marked})`);
  await t.screenshot('lens-pid-host');

  // The map: the container's namespaces appear; a click types the command that inspects them.
  await openTool(t, 'Map');
  const netns = page.locator('g[data-node^="netns-"]');
  await t.waitFor(async () => (await netns.count()) >= 2, { message: 'the container\'s network namespace on the map' });
  t.assert((await page.locator('g[data-node^="pidns-"]').count()) === 1, '--pid=host adds no pid namespace');
  await t.screenshot('map-pid-host');
  await run(t, 'exit', { until: (s) => /vagrant@archlinux ~ \$ ?$/.test(s) });

  // A default container adds a pid namespace, with bash as PID 1 next to its host pid.
  await run(t, 'docker run -it rust:latest bash', { until: (s) => CONTAINER_PROMPT.test(s) });
  const pidns = page.locator('g[data-node^="pidns-"]');
  await t.waitFor(async () => (await pidns.count()) === 2, { message: 'a second pid namespace on the map' });
  const child = pidns.nth(1);
  const label = (await child.getAttribute('aria-label')) ?? '';
  // On its title: the box's middle is its process list, whose entries are boxes of their own.
  await child.click({ position: { x: 24, y: 8 } });
  // The terminal is inside the container, where nsenter makes no sense: the map opens a host terminal.
  const typed = await t.waitForText((s) => /\$ sudo nsenter -t \d+ -p -m ps aux$/.test(s), { index: 1 });
  t.assert(!(await t.terminalText(0)).includes('nsenter'), 'nothing was typed into the container\'s shell');
  t.assert(/pid namespace \d+/.test(label), `map node label: ${label}`);
  await page.keyboard.press('Enter');
  const inspected = await t.waitForText((s) => /\n(?:root|USER).*\n[\s\S]*\$ ?$/.test(s.slice(typed.length)), { index: 1 });
  t.assert(/^root\s+1\s.*bash$/m.test(inspected.slice(typed.length)), `nsenter into the container's pid namespace shows bash as PID 1\n${inspected}`);
  t.assert((await page.locator('text', { hasText: /^1 \(host \d+\)\s+bash/ }).count()) >= 1, 'the map shows bash as PID 1 with its host pid');
  await t.screenshot('map-default-container');
  await page.setViewportSize({ width: 375, height: 740 });
  await t.screenshot('map-375');
}
