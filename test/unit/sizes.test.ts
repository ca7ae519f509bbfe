import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bench, without type declarations
import { firstLoad } from '../../bench/lib/sizes.mjs';

const dist = mkdtempSync(join(tmpdir(), 'nsbox-sizes-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), text);
}

describe('firstLoad (what the budget check and the bench count as the first load)', () => {
  test('follows scripts, module preloads, script/style preloads, stylesheets, static imports and workers; import() is lazy', () => {
    write('index.html', [
      '<script type="module" src="./assets/entry.js"></script>',
      '<link rel="modulepreload" href="./assets/helper.js">',
      '<link rel="preload" as="script" crossorigin href="./assets/app.js">',
      '<link rel="stylesheet" href="./assets/app.css">',
      '<link rel="preload" as="image" href="./assets/logo.png">',
    ].join('\n'));
    write('assets/entry.js', 'import "./helper.js"; new Worker(new URL("w.js", import.meta.url)); import("./app.js");');
    write('assets/helper.js', 'export const x = 1;');
    write('assets/app.js', 'import "./xterm.js"; import("./lesson.js");');
    write('assets/xterm.js', 'export {};');
    write('assets/lesson.js', 'export {};');
    write('assets/w.js', 'import "./kernel.js"; import("./ps.js");');
    write('assets/kernel.js', 'export {};');
    write('assets/ps.js', 'export {};');
    write('assets/app.css', 'body{}');
    write('assets/logo.png', 'png');
    const { files, lazy } = firstLoad(dist, 'index.html');
    const byPath = Object.fromEntries(files.map((f: { path: string; kind: string }) => [f.path, f.kind]));
    expect(byPath).toEqual({
      'index.html': 'html',
      'assets/entry.js': 'js',
      'assets/helper.js': 'js',
      'assets/app.js': 'js',
      'assets/app.css': 'css',
      'assets/xterm.js': 'js',
      'assets/w.js': 'worker',
      'assets/kernel.js': 'worker',
    });
    expect(lazy).toEqual(['assets/lesson.js', 'assets/ps.js']);
  });
});
