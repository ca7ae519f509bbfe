#!/usr/bin/env node
// Type-checks every TypeScript project of the repo:
//   tsconfig.json         browser main thread (src/ui, src/embed, .svelte files too): DOM lib, via svelte-check
//   tsconfig.worker.json  the Web Worker (src/worker): WebWorker lib
//   tsconfig.core.json    src/kernel, src/userland, src/docker, src/sandbox: ES2022 only, no DOM/Node types
//   tsconfig.cli.json     src/cli: Node types, no DOM
//   tsconfig.node.json    vite.config.ts and unit tests (src/**/*.test.ts, test/**/*.ts): Node types
//   bench/tsconfig.json   the Node benchmarks (bench/node): Node types
// A project whose include globs match no file yet (TS18003) is reported as skipped, not failed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const svelteCheck = join(dirname(require.resolve('svelte-check/package.json')), 'bin', 'svelte-check');

const projects = [
  { name: 'tsconfig.json', args: [svelteCheck, '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human'] },
  ...['tsconfig.worker.json', 'tsconfig.core.json', 'tsconfig.cli.json', 'tsconfig.node.json', 'bench/tsconfig.json'].map((name) => ({
    name,
    args: [tsc, '-p', name, '--noEmit', '--pretty', 'false'],
  })),
];

let failed = 0;
for (const { name, args } of projects) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  if (r.status === 0) continue;
  if (/error TS18003/.test(out) && !/error TS(?!18003)\d+/.test(out)) {
    console.log(`typecheck: ${name} skipped (no input files yet)`);
    continue;
  }
  failed++;
  process.stdout.write(`typecheck: ${name} FAILED\n${out.trimEnd()}\n\n`);
}
if (failed) {
  console.log(`typecheck: ${failed} of ${projects.length} projects failed`);
  process.exit(1);
}
