/**
 * Security checks over the source tree: no code is ever built from strings (eval, new Function,
 * string timers), no text ever becomes markup (innerHTML and friends, Svelte's {@html}), and every
 * HTML entry point runs under a Content-Security-Policy with `script-src 'self'` and nothing unsafe.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string, exts: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, exts));
    else if (exts.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

/** Lines of shipped code (src/, static/, index.html) matching `re`, comments stripped. */
function offenders(re: RegExp): string[] {
  const all = [...files(join(ROOT, 'src'), /\.(ts|js|mjs|svelte)$/), ...files(join(ROOT, 'static'), /\.(js|html)$/), join(ROOT, 'index.html')];
  const hits: string[] = [];
  for (const f of all) {
    const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
    text.split('\n').forEach((line, i) => {
      const code = line.replace(/(^|[^:'"`\\])\/\/.*$/, '$1');
      if (re.test(code)) hits.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
    });
  }
  return hits;
}

describe('no code from strings', () => {
  test('no eval()', () => { expect(offenders(/(^|[^\w.$])eval\s*\(/)).toEqual([]); });
  test('no new Function / Function()', () => { expect(offenders(/(^|[^\w.$])(new\s+)?Function\s*\(/)).toEqual([]); });
  test('no string timers', () => { expect(offenders(/set(Timeout|Interval)\s*\(\s*['"`]/)).toEqual([]); });
});

describe('no text becomes HTML', () => {
  test('no innerHTML, outerHTML, insertAdjacentHTML, document.write or {@html}', () => {
    expect(offenders(/\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write|\{@html/)).toEqual([]);
  });
});

describe("Content-Security-Policy: script-src 'self'", () => {
  const pages = [join(ROOT, 'index.html'), ...files(join(ROOT, 'static'), /\.html$/)];
  test.each(pages.map((p) => [relative(ROOT, p), p]))('%s', (_name, page) => {
    const html = readFileSync(page, 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp, 'a CSP meta tag').toBeDefined();
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    const script = directives.get('script-src') ?? directives.get('default-src');
    expect(script).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    // No inline scripts, which the policy would block anyway.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
