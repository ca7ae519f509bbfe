// Helpers shared by the specs (not a spec itself: run.mjs only loads *.spec.mjs).
// Everything polls the terminal buffer through window.__nsbox; nothing sleeps.

/** A prompt line: `vagrant@archlinux ~ $`, `root@archlinux vagrant #`, `root@bb8d7e679d1d:/#`, BusyBox `/ #`. */
export const PROMPT_LINE = /^(?:[a-z_][\w-]*@[\w.-]+[: ].*[$#]|[~/][^\s]* #) ?$/;

function promptCount(text) {
  return text.split('\n').filter((l) => PROMPT_LINE.test(l) || /^(?:[a-z_][\w-]*@[\w.-]+[: ].*[$#] |[~/]\S* # )/.test(l)).length;
}

/** Waits for the first prompt of terminal `index`. */
export async function waitForPrompt(t, index = 0) {
  return t.waitForText((s) => PROMPT_LINE.test(s.split('\n').at(-1) ?? ''), { index, timeout: 30_000 });
}

/** Focuses terminal `index` (its tab first, in the tabbed layout) the way a person would: a click. */
export async function focusTerminal(t, index = 0) {
  const tab = t.page.locator(`#pane-tab-${index}`);
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await t.page.locator(`#pane-${index} .xterm`).click();
}

/**
 * Types `command` and Enter into terminal `index` and waits until it finished: a new prompt after the
 * command's line (and `until(text)` when given). Returns the terminal text.
 */
export async function run(t, command, { index = 0, until, timeout = 30_000, focus = true } = {}) {
  if (focus) await focusTerminal(t, index);
  const before = await t.terminalText(index);
  const prompts = promptCount(before);
  await t.page.keyboard.type(command);
  await t.page.keyboard.press('Enter');
  return t.waitForText(
    (s) => {
      if (s === before || promptCount(s) <= prompts) return false;
      if (!PROMPT_LINE.test(s.split('\n').at(-1) ?? '')) return false;
      return until ? until(s) : true;
    },
    { index, timeout },
  );
}

/** The output printed after the last occurrence of `command` at a prompt, up to the next prompt. */
export function outputOf(text, command) {
  const lines = text.split('\n');
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].endsWith(command) && /[$#] /.test(lines[i])) {
      start = i;
      break;
    }
  }
  if (start < 0) return '';
  const out = [];
  for (let i = start + 1; i < lines.length && !PROMPT_LINE.test(lines[i]) && !/^[a-z_][\w-]*@[\w.-]+[: ].*[$#] /.test(lines[i]); i++) out.push(lines[i]);
  return out.join('\n');
}

/** Opens a side-panel tab by its visible name. */
export async function openTool(t, name) {
  await t.page.getByRole('tab', { name }).click();
}

/**
 * Route handler body: passes a request on to the server and answers with the server's response plus
 * `headers`. The page may still be reading code in (the worker's program readahead) when a test ends
 * and its context closes: such a request is abandoned, not an error of the test.
 * @param {import('playwright-core').Route} route
 * @param {Record<string, string>} headers
 */
export async function passThrough(route, headers) {
  try {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), ...headers } });
  } catch {
    await route.abort().catch(() => {});
  }
}
