/**
 * Property: after any session of `docker run` (random --pid/--network/--uts/--ipc/-h/--rm), exec,
 * stop, kill, start, rm, a host-side `kill -9` and `nsenter`, the host's kernel agrees with
 * `docker inspect`, each container sees exactly its own processes, hostname and devices, and after
 * `docker rm -f` of everything the host is back to how it booted: no task, mount, network
 * namespace or docker0 port dangles. Failures shrink to a minimal transcript of commands.
 */
import fc from 'fast-check';
import { test } from 'vitest';
import { runConfig, testTimeout } from './config.ts';
import { dopArb } from './dockerOps.ts';
import { session } from './dockerSession.ts';

const cfg = runConfig({ numRuns: 12, maxOps: 12 });

test('docker sessions keep the host consistent with docker inspect and clean up after rm', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(dopArb, { minLength: 1, maxLength: cfg.maxOps }), (ops) => session(ops)),
    { numRuns: cfg.numRuns, seed: cfg.seed, path: cfg.path, endOnFailure: false },
  );
}, testTimeout(60000));
