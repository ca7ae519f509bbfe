/**
 * Run sizes for the property and fuzz tests. `npm test` uses small, seeded, reproducible runs;
 * `npm run fuzz` (scripts/fuzz.mjs) sets FUZZ_RUNS/FUZZ_SEED for long explorations. A failure prints
 * its seed and shrink path: rerun with FUZZ_SEED=… FUZZ_PATH=… to replay exactly that case.
 */
export interface RunConfig { numRuns: number; seed: number; path?: string; maxOps: number }

const env = (typeof process !== 'undefined' ? process.env : {}) as Record<string, string | undefined>;

export function runConfig(defaults: { numRuns: number; maxOps: number; seed?: number }): RunConfig {
  const long = env.FUZZ_RUNS !== undefined;
  return {
    numRuns: long ? Number(env.FUZZ_RUNS) : defaults.numRuns,
    seed: env.FUZZ_SEED !== undefined ? Number(env.FUZZ_SEED) : defaults.seed ?? 20261129,
    path: env.FUZZ_PATH,
    maxOps: long && env.FUZZ_MAX_OPS ? Number(env.FUZZ_MAX_OPS) : defaults.maxOps,
  };
}

/** Per-test timeout: generous when fuzzing for long. */
export function testTimeout(defaultMs: number): number {
  return env.FUZZ_RUNS !== undefined ? 24 * 3600 * 1000 : defaultMs;
}
