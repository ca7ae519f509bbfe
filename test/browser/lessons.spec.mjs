// Guided lessons: lesson 1 (the article) from start to finish in the real terminal, progress kept across
// a reload, Chinese text, restarting a lesson.
import { focusTerminal, outputOf, run, waitForPrompt } from './helpers.mjs';

const CONTAINER_PROMPT = /root@[0-9a-f]{12}:\/# ?$/;

const HOST_PROMPT = /vagrant@archlinux ~ \$ ?$/;

/** The open step's title and its status line. */
const stepTitle = (t) => t.page.locator('.step h3').textContent();
const stepStatus = (t) => t.page.locator('.step [role=status]').textContent();

/** Waits until the open step shows "Done". */
async function stepIsDone(t) {
  await t.waitFor(async () => (await stepStatus(t))?.includes('Done'), {
    message: async () => `step "${await stepTitle(t)}" to be done (status: ${await stepStatus(t)})`,
  });
}

/** Clicks the step's command (it is typed at the prompt), runs it with Enter, waits for "Done". */
async function doStep(t, { expectTyped, until }) {
  const { page } = t;
  await page.locator('.step .try').click();
  await t.waitForText((s) => s.endsWith(expectTyped));
  await page.keyboard.press('Enter');
  if (until) await t.waitForText(until);
  await stepIsDone(t);
}

/** Clicks the step's command and runs it; returns what the command printed once the next prompt is up. */
async function clickStep(t, command) {
  await t.page.locator('.step .try').click();
  await t.waitForText((s) => s.endsWith(`${command}`));
  const text = await run(t, '', { focus: false });
  return outputOf(text, command);
}

/** Types the step's command on the keyboard, as a learner does; returns its output. */
async function typeStep(t, command) {
  return outputOf(await run(t, command), command);
}

async function nextStep(t, title) {
  await t.page.getByRole('button', { name: 'Next step' }).click();
  await t.waitFor(async () => (await stepTitle(t))?.includes(title), { message: `step "${title}"` });
}

/** Lines of `ps aux` output below its header. */
const psRows = (out) => out.split('\n').slice(1).filter((l) => l.trim() !== '');

/**
 * Lesson 1 from its first step to "Lesson complete", some commands clicked and some typed, each
 * step's output compared with what its text promises. Then: progress survives a reload, the text
 * in Chinese, and a restart.
 * @param {import('./run.mjs').TestContext} t
 */
export async function lessonOneCanBeFinishedInTheTerminal(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await page.locator('.step').waitFor();
  t.assert((await stepTitle(t))?.includes('Look at the host first'), 'lesson 1 opens at its first step');
  t.assert((await stepStatus(t))?.includes('Waiting for'), 'the first step is not done yet');

  // 1. The host's processes: systemd as PID 1, kernel threads, the Docker daemons.
  let out = await clickStep(t, 'ps aux');
  t.assert(/^root +1 .*\/sbin\/init/m.test(out) && out.includes('[kthreadd]'), `host ps aux shows init and kthreadd:\n${out}`);
  t.assert(/\/usr\/bin\/dock/.test(out) && /\/usr\/bin\/cont/.test(out), `host ps aux shows dockerd and containerd:\n${out}`);
  await stepIsDone(t);

  // 2. --pid=host, typed: the prompt becomes root@<container id>.
  await nextStep(t, 'A container that shares the host');
  await run(t, 'docker run -it --pid=host rust:latest bash', { until: (s) => CONTAINER_PROMPT.test(s) });
  await stepIsDone(t);

  // 3. The host's process list from inside; unknown users show as numbers.
  await nextStep(t, 'ps inside it');
  out = await typeStep(t, 'ps aux');
  t.assert(/^root +1 .*\/sbin\/init/m.test(out) && out.includes('[kthreadd]'), `the container sees the host's init and threads:\n${out}`);
  t.assert(/^1000 +\d+ /m.test(out) && /^81 +\d+ /m.test(out), `vagrant and dbus show as 1000 and 81 in the container:\n${out}`);
  await stepIsDone(t);

  // 4. Leave, start the default container (clicked).
  await nextStep(t, 'a pid namespace of its own');
  await run(t, 'exit', { until: (s) => HOST_PROMPT.test(s) });
  t.assert(!(await stepStatus(t))?.includes('Done'), 'leaving the old container does not finish the step');
  await clickStep(t, 'docker run -it rust:latest bash');
  t.assert(CONTAINER_PROMPT.test(await t.terminalText()), 'a container prompt');
  await stepIsDone(t);

  // 5. Only bash (PID 1) and ps itself.
  await nextStep(t, 'Only its own processes');
  out = await typeStep(t, 'ps aux');
  const rows = psRows(out);
  t.assert(rows.length === 2 && /^root +1 .* bash$/.test(rows[0]) && / ps aux$/.test(rows[1]), `two processes, bash as PID 1:\n${out}`);
  await stepIsDone(t);

  // 6. ss: the header and nothing else.
  await nextStep(t, 'Network: an empty socket table');
  out = await clickStep(t, 'ss');
  t.assert(/^Netid +State +Recv-Q/.test(out) && out.trim().split('\n').length === 1, `ss prints only its header:\n${out}`);
  await stepIsDone(t);

  // 7. --network=host, typed: the host's hostname in the prompt.
  await nextStep(t, '--network=host');
  await run(t, 'exit', { until: (s) => HOST_PROMPT.test(s) });
  await run(t, 'docker run -it --network=host rust:latest bash', { until: (s) => /root@archlinux:\/# ?$/.test(s) });
  await stepIsDone(t);

  // 8. ip a: the host's eth0 and docker0.
  await nextStep(t, "The host's network cards");
  out = await clickStep(t, 'ip a');
  t.assert(out.includes('inet 10.0.2.15/24') && out.includes('08:00:27:8f:83:2c'), `the host's eth0:\n${out}`);
  t.assert(/docker0: .*\n.*\n +inet 172\.17\.0\.1\/16/.test(out), `the host's docker0:\n${out}`);
  await stepIsDone(t);

  // 9. ss, typed: the host's sockets.
  await nextStep(t, "the host's sockets");
  out = await typeStep(t, 'ss');
  t.assert(/^u_str +ESTAB .*\/run\/dbus\/system_bus_socket/m.test(out), `ss lists the D-Bus socket:\n${out}`);
  await stepIsDone(t);

  // 10. The container's own mounts; then the same command on the host, as the text suggests.
  await nextStep(t, 'Mount: a root of its own');
  out = await clickStep(t, 'cat /proc/mounts');
  t.assert(/^overlay \/ overlay /.test(out) && /^proc \/proc proc /m.test(out), `an overlay root and its own /proc:\n${out}`);
  await stepIsDone(t);

  // 11. The summary has no check: leave the container as it says, then mark it done.
  await nextStep(t, 'What you saw');
  await run(t, 'exit', { until: (s) => HOST_PROMPT.test(s) });
  out = await typeStep(t, 'cat /proc/mounts');
  t.assert(/^\/dev\/sda1 \/ ext4 /.test(out), `the host's / is the VM's disk:\n${out}`);
  t.assert((await page.locator('.lessons .complete').count()) === 0, 'not complete before the last step');
  await page.getByRole('button', { name: 'Mark as done' }).click();
  await stepIsDone(t);

  const complete = page.locator('.lessons .complete');
  await complete.waitFor();
  t.assert((await complete.textContent())?.includes('Lesson complete'), 'the lesson says it is complete');
  t.assert((await page.locator('.steps .dot.done').count()) === 11, 'all eleven steps are done');
  t.assert((await page.locator('.lessons select').inputValue()) === 'docker-namespaces', 'still lesson 1');
  t.assert((await page.locator('.lessons select option:checked').textContent())?.includes('(11/11)'), 'the lesson list says 11/11');
  await t.screenshot('lesson-1-complete');
  await page.setViewportSize({ width: 375, height: 740 });
  await t.waitFor(async () => ((await t.terminalSize())?.cols ?? 99) <= 50, { message: 'the terminal to refit to 375 px' });
  await complete.scrollIntoViewIfNeeded();
  await t.screenshot('lesson-1-complete-375');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Progress and the open step survive a reload (the session is replayed, the lesson reopened).
  await page.reload();
  await waitForPrompt(t);
  await t.waitFor(async () => (await page.locator('.steps .dot.done').count()) === 11, { message: 'progress after reload' });
  t.assert((await stepTitle(t))?.includes('What you saw'), 'the same step is open after a reload');
  t.assert(await complete.isVisible(), 'still complete after a reload');

  // In Chinese.
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await t.waitFor(async () => (await stepTitle(t))?.includes('小结'), { message: 'the step in Chinese' });
  t.assert((await complete.textContent())?.includes('本课已完成'), 'complete, in Chinese');
  await t.screenshot('lesson-1-zh');
  await page.getByRole('button', { name: 'EN', exact: true }).click();

  // The next lesson is one click away; restarting lesson 1 forgets its progress, not the machine.
  await page.getByRole('button', { name: /^Next lesson: 2\./ }).click();
  t.assert((await page.locator('.lessons select').inputValue()) === 'network-none-and-container', 'lesson 2 opens');
  await page.locator('.lessons select').selectOption('docker-namespaces');
  await page.getByRole('button', { name: 'Restart this lesson' }).click();
  t.assert((await page.locator('.steps .dot.done').count()) === 0, 'no step is done after a restart');
  t.assert((await stepTitle(t))?.includes('Look at the host first'), 'back at the first step');
  t.assert((await complete.count()) === 0, 'no longer complete');
}

/** @param {import('./run.mjs').TestContext} t */
export async function unshareLessonWorksWithoutDocker(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await page.locator('.lessons select').selectOption('unshare-nsenter');
  await doStep(t, { expectTyped: '$ sudo unshare --uts bash', until: /root@archlinux vagrant # ?$/ });
  await page.getByRole('button', { name: 'Next step' }).click();
  await doStep(t, { expectTyped: '# hostname sandbox', until: /root@sandbox vagrant # ?$/ });
  await focusTerminal(t);
  await t.screenshot('lesson-3-unshare');
}
