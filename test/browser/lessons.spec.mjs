// Guided lessons: lesson 1 (the article) step by step, progress kept across a reload, Chinese text,
// restarting a lesson.
import { focusTerminal, run, waitForPrompt } from './helpers.mjs';

const CONTAINER_PROMPT = /root@[0-9a-f]{12}:\/# ?$/;

/** Clicks the step's command (it is typed at the prompt), runs it with Enter, waits for "Done". */
async function doStep(t, { expectTyped, until }) {
  const { page } = t;
  await page.locator('.step .try').click();
  await t.waitForText((s) => s.endsWith(expectTyped));
  await page.keyboard.press('Enter');
  if (until) await t.waitForText(until);
  await t.waitFor(async () => (await page.locator('.step [role=status]').textContent())?.includes('Done'), {
    message: `step "${await page.locator('.step h3').textContent()}" to be done`,
    timeout: 20_000,
  });
}

/** @param {import('./run.mjs').TestContext} t */
export async function lessonOneFirstStepsAreCheckedAgainstTheMachine(t) {
  const { page } = t;
  await page.goto(t.url);
  await waitForPrompt(t);
  await page.locator('.step').waitFor();
  t.assert((await page.locator('.step h3').textContent())?.includes('Look at the host first'), 'lesson 1 opens at its first step');
  t.assert((await page.locator('.step [role=status]').textContent())?.includes('Waiting for'), 'the first step is not done yet');

  await doStep(t, { expectTyped: '$ ps aux', until: '[kthreadd]' });
  await page.getByRole('button', { name: 'Next step' }).click();
  await doStep(t, { expectTyped: '$ docker run -it --pid=host rust:latest bash', until: CONTAINER_PROMPT });
  await page.getByRole('button', { name: 'Next step' }).click();
  await doStep(t, { expectTyped: '# ps aux', until: '[kthreadd]' });
  await page.getByRole('button', { name: 'Next step' }).click();
  await run(t, 'exit', { until: (s) => /vagrant@archlinux ~ \$ ?$/.test(s) });
  await doStep(t, { expectTyped: '$ docker run -it rust:latest bash', until: CONTAINER_PROMPT });
  await page.getByRole('button', { name: 'Next step' }).click();
  await doStep(t, { expectTyped: '# ps aux' });
  await page.getByRole('button', { name: 'Next step' }).click();
  await doStep(t, { expectTyped: '# ss' });

  const done = await page.locator('.steps .dot.done').count();
  t.assert(done === 6, `six steps are done (${done})`);
  await t.screenshot('lesson-1-progress');

  // Progress and the open step survive a reload (the session is replayed, the lesson reopened).
  await page.reload();
  await waitForPrompt(t);
  await t.waitFor(async () => (await page.locator('.steps .dot.done').count()) === 6, { message: 'progress after reload' });
  t.assert((await page.locator('.step h3').textContent())?.includes('Network: an empty socket table'), 'the same step is open after a reload');

  // In Chinese.
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await t.waitFor(async () => (await page.locator('.step h3').textContent())?.includes('网络'), { message: 'the step in Chinese' });
  await t.screenshot('lesson-1-zh');
  await page.getByRole('button', { name: 'EN', exact: true }).click();

  // Restarting forgets the lesson's progress, not the machine.
  await page.getByRole('button', { name: 'Restart this lesson' }).click();
  t.assert((await page.locator('.steps .dot.done').count()) === 0, 'no step is done after a restart');
  t.assert((await page.locator('.step h3').textContent())?.includes('Look at the host first'), 'back at the first step');
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
