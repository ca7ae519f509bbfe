#!/usr/bin/env node
// Long fuzzing: the property tests (namespace ops, docker sessions) and the fuzzers (shell input,
// every command) with many more runs and longer op lists than `npm test`, over and over with fresh
// seeds until the time is up or something fails. A failure prints fast-check's shrunk counterexample
// (a minimal transcript) and the seed/path to replay it exactly:
//   FUZZ_SEED=<seed> FUZZ_PATH=<path> FUZZ_RUNS=1 npx vitest run <file>
//
// Usage: npm run fuzz -- [--minutes 60] [--runs 500] [--max-ops 80] [--seed N] [test files…]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const minutes = Number(opt('minutes', '30'));
const runs = opt('runs', '500');
const maxOps = opt('max-ops', '80');
const fixedSeed = opt('seed', undefined);
const files = args.length ? args : [
  'test/property/namespaces.test.ts', 'test/property/docker.test.ts', 'test/fuzz/shell.test.ts', 'test/fuzz/commands.test.ts',
];

const deadline = Date.now() + minutes * 60_000;
let round = 0;
do {
  const seed = fixedSeed ?? String(Math.floor(Math.random() * 2 ** 31));
  round++;
  console.log(`\n=== fuzz round ${round}: seed ${seed}, ${runs} runs, up to ${maxOps} ops (${files.join(' ')})`);
  const r = spawnSync(process.execPath, [vitest, 'run', ...files], {
    cwd: root, stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, FUZZ_MAX_OPS: maxOps },
  });
  if (r.status !== 0) {
    console.error(`\nfuzz: failure in round ${round} (seed ${seed}). Replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} FUZZ_MAX_OPS=${maxOps} npx vitest run ${files.join(' ')}`);
    process.exit(1);
  }
} while (!fixedSeed && Date.now() < deadline);
console.log(`\nfuzz: ${round} round(s) clean`);
