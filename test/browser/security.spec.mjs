// The shipped code evaluates no strings as code, and the app itself (not only the embeddable widget, see
// embed.spec.mjs) runs under a Content-Security-Policy *header* whose script-src is 'self' alone: no
// 'unsafe-eval', no 'unsafe-inline' scripts. Its styles keep 'unsafe-inline' (xterm.js and Svelte set
// styles on elements), which is the only relaxation of the widget's policy.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRICT_CSP } from './embed.spec.mjs';
import { openTool, passThrough, run, waitForPrompt } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'dist');

export const APP_CSP = STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/**
 * Ways to turn a string into code: eval(…) as a call (not `.eval(` methods nor bash's `eval` builtin,
 * which appears as a string), new Function / Function("…"), and timers given a string.
 */
export const STRING_TO_CODE = [
  /(?<![\w$.`'"])eval\s*\(/,
  /\bnew\s+Function\s*\(/,
  /(?<![\w$.])Function\s*\(\s*[`'"]/,
  /\bset(?:Timeout|Interval)\s*\(\s*[`'"]/,
];

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** @param {import('./run.mjs').TestContext} t */
export async function builtCodeEvaluatesNoStrings(t) {
  const scripts = files(dist).filter((f) => /\.m?js$/.test(f));
  t.assert(scripts.some((f) => f.endsWith('nsbox-terminal.js')) && scripts.some((f) => /sandbox\.worker-/.test(f)), `the app, its worker and the embed are built: ${scripts.map((f) => relative(dist, f)).join(', ')}`);
  const hits = [];
  for (const file of scripts) {
    const code = readFileSync(file, 'utf8');
    for (const re of STRING_TO_CODE) {
      const m = re.exec(code);
      if (m) hits.push(`${relative(dist, file)}: ${code.slice(Math.max(0, m.index - 60), m.index + 60)}`);
    }
  }
  t.assert(hits.length === 0, `code built from strings:\n  ${hits.join('\n  ')}`);
  // The patterns do catch what they are meant to (a check that cannot fail proves nothing).
  for (const bad of ['x=eval("1")', 'new Function("return 1")', 'Function(`a`,`b`)', 'setTimeout("go()", 1)']) {
    t.assert(STRING_TO_CODE.some((re) => re.test(bad)), `the scan catches ${bad}`);
  }
  for (const fine of ['e.runSource(t.join(` `),`eval`)', '[`eval`,Ci]', 'obj.eval(x)', 'typeof e=="function"']) {
    t.assert(!STRING_TO_CODE.some((re) => re.test(fine)), `the scan lets ${fine} be`);
  }
}

/** @param {import('./run.mjs').TestContext} t */
export async function theAppRunsUnderAScriptSrcSelfCspHeader(t) {
  const { page } = t;
  const base = new URL(t.url);
  await t.context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const served = [];
  await t.context.route(
    (url) => url.origin === base.origin && url.pathname.startsWith(base.pathname),
    async (route) => {
      served.push(new URL(route.request().url()).pathname);
      await passThrough(route, { 'content-security-policy': APP_CSP });
    },
  );
  await page.goto(t.url);
  await waitForPrompt(t);
  // The worker, a docker container, a lesson chunk and the map all load and run under the header.
  await run(t, 'docker run --rm alpine echo hi-from-alpine', { until: (s) => s.includes('\nhi-from-alpine\n') });
  await openTool(t, 'Map');
  await t.waitFor(() => page.locator('svg').first().isVisible(), { message: 'the map' });
  t.assert(served.some((p) => /sandbox\.worker-/.test(p)), 'the worker came through the CSP route');
  const violations = await page.evaluate(() => window.__cspViolations);
  t.assert(violations.length === 0, `CSP violations:\n  ${violations.join('\n  ')}`);
  // The policy is in force (the page's own meta policy says the same; the header also covers the
  // worker, which a meta element cannot): an inline script is refused and reported.
  const ran = await page.evaluate(() => {
    const el = document.createElement('script');
    el.textContent = 'window.__inlineRan = true';
    document.head.append(el);
    return window.__inlineRan === true;
  });
  t.assert(!ran, 'an inline script does not run');
  await t.waitFor(() => page.evaluate(() => window.__cspViolations.some((v) => v.startsWith('script-src'))), { message: 'the inline script to be reported' });
  // Chromium logs one refusal per policy that forbids it: the meta element's and the header's.
  const refusals = (e) => e.includes('Executing inline script violates');
  await t.waitFor(() => t.consoleErrors.filter(refusals).length === 2, { message: 'a refusal from each of the two policies' });
  t.consoleErrors.splice(0, t.consoleErrors.length, ...t.consoleErrors.filter((e) => !refusals(e)));
}
