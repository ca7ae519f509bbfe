#!/usr/bin/env node
// Size budgets (CI, after the tests): the gzip size of what the site's first visit downloads and of
// the embed script, against the limits in package.json "budgets". Cheap and not timing-based: it
// reads the production build, it does not run it.
//
//   firstLoadGzipKB  what the first prompt needs: index.html, its scripts, stylesheets, module
//                    preloads and their static imports, and the workers they start with the workers'
//                    static imports. Chunks behind import() (programs read in at their first exec,
//                    dockerd's engine, lessons) are lazy: listed with their total, not counted.
//                    The worker's part must be one file (a static import of the worker's entry is a
//                    second round trip before the prompt).
//   embedGzipKB      dist/nsbox-terminal.js with its static imports (what a page embedding a widget
//                    loads before the widget starts)
//
// Usage: node scripts/check-budgets.mjs [--reuse-dist] [--dist DIR]
//   --reuse-dist  check dist/ as the last build left it (CI: the browser suite has just built it);
//                 builds anyway when dist/ has no index.html
//   --dist DIR    check that directory as it is
// Without either, the site is built into a temporary directory (dist/ is left alone).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoad, kb, sum } from '../bench/lib/sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const distArg = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : undefined;
const reuse = args.includes('--reuse-dist');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const budgets = pkg.budgets ?? {};
for (const key of ['firstLoadGzipKB', 'embedGzipKB']) {
  if (budgets[key] !== undefined && !(typeof budgets[key] === 'number' && budgets[key] > 0)) {
    console.log(`budgets FAILED: package.json budgets.${key} must be a positive number of KB, not ${JSON.stringify(budgets[key])}`);
    process.exit(1);
  }
}
if (budgets.firstLoadGzipKB === undefined) {
  console.log('budgets FAILED: package.json has no budgets.firstLoadGzipKB');
  process.exit(1);
}

let dist;
let temp;
if (distArg) dist = resolve(distArg);
else if (reuse && existsSync(join(root, 'dist', 'index.html'))) dist = join(root, 'dist');
else {
  temp = mkdtempSync(join(tmpdir(), 'nsbox-budgets-'));
  dist = join(temp, 'dist');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', mode: 'production', build: { outDir: dist, emptyOutDir: true } });
  console.log(`budgets: built the site in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  if (!existsSync(join(dist, 'index.html'))) {
    console.log(`budgets FAILED: ${dist} has no index.html (not a build of the site)`);
    process.exit(1);
  }
  const failures = [];
  const show = (title, files, limit, key) => {
    const total = sum(files);
    console.log(`budgets: ${title}: ${kb(total)} KB gzip (limit ${limit} KB)`);
    for (const f of [...files].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${String(kb(f.gzip)).padStart(7)} KB  ${f.path}${f.kind === 'worker' ? ' (worker)' : ''}`);
    if (total > limit * 1024) {
      failures.push(`${title} is ${kb(total)} KB gzip, over its ${limit} KB limit (package.json budgets.${key}) by ${kb(total - limit * 1024)} KB`);
    }
  };

  const first = firstLoad(dist, 'index.html');
  show('first-load bundle', first.files, budgets.firstLoadGzipKB, 'firstLoadGzipKB');
  // The sandbox worker starts from one file: a static import would be fetched only once the worker
  // has compiled its entry, a second round trip before the first prompt (vite.config.ts, worker).
  const workerFiles = first.files.filter((f) => f.kind === 'worker');
  if (workerFiles.length > 1) failures.push(`the worker's first load is ${workerFiles.length} files (${workerFiles.map((f) => f.path).join(', ')}), not one (see vite.config.ts, worker.rolldownOptions)`);
  const lazy = firstLoad(dist, 'index.html', { includeDynamic: true }).files.filter((f) => !first.files.some((g) => g.path === f.path));
  console.log(`budgets: lazy chunks (loaded on first use, not counted): ${lazy.length} files, ${kb(sum(lazy))} KB gzip`);

  const embedScript = join(dist, 'nsbox-terminal.js');
  if (budgets.embedGzipKB !== undefined) {
    if (existsSync(embedScript)) show('embed script', firstLoad(dist, 'nsbox-terminal.js').files, budgets.embedGzipKB, 'embedGzipKB');
    else if (existsSync(join(root, 'src', 'embed', 'nsbox-terminal.ts'))) failures.push('the build has no nsbox-terminal.js although src/embed/nsbox-terminal.ts exists');
    else console.log('budgets: embed script: skipped (no src/embed/nsbox-terminal.ts yet)');
  }

  if (failures.length) {
    console.log(`\nbudgets FAILED:\n  ${failures.join('\n  ')}\nMake it smaller, or raise the limit in package.json "budgets" and give the reason in the commit message.`);
    process.exit(1);
  }
  console.log('budgets: ok');
} finally {
  if (temp) rmSync(temp, { recursive: true, force: true });
}
