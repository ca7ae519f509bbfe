/**
 * Property: after any sequence of clone/unshare/setns/kill/exit/mount/umount/proc-mount/hostname/
 * listen/veth/bridge/move/delete operations, the kernel agrees with a model written from the man
 * pages, every process's view shows exactly its namespaces, and nothing outlives its last reference.
 * A failure shrinks to the shortest op list that still fails and is printed as a transcript.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runConfig, testTimeout } from './config.ts';
import { opArb } from './ops.ts';
import { runOps } from './runner.ts';

const cfg = runConfig({ numRuns: 50, maxOps: 30 });

test('namespace operations keep the kernel consistent with the model and every view isolated', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: cfg.maxOps }), async (ops) => { await runOps(ops); }),
    { numRuns: cfg.numRuns, seed: cfg.seed, path: cfg.path, endOnFailure: false },
  );
}, testTimeout(60000));

test('a hand-written sequence runs clean (the harness itself works)', async () => {
  const t = await runOps([
    { t: 'clone', p: -1, flags: 0x20000000 | 0x00020000 | 0x40000000 }, { t: 'mountProc', p: 0 }, { t: 'clone', p: 0, flags: 0 },
    { t: 'mount', p: 1 }, { t: 'veth', p: 0, q: 1 }, { t: 'listen', p: 0, port: 0 }, { t: 'kill', p: 0, q: 1 }, { t: 'exit', p: 0 },
  ]);
  expect(t.join('\n')).toContain('clone(CLONE_NEWNS|CLONE_NEWPID|CLONE_NEWNET) = ok');
}, 20000);
