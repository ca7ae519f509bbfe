/** Runs an op list on a fresh host, checking every invariant after each op. */
import { applyOp, Mismatch } from './apply.ts';
import { Bindings, checkAll } from './checks.ts';
import { Model } from './model.ts';
import type { Op } from './ops.ts';
import { World } from './world.ts';

/** Run `ops`; throw with the transcript so far at the first violation; return the transcript. */
export async function runOps(ops: Op[]): Promise<string[]> {
  const w = new World();
  const model = new Model(w.init.nsproxy.uts.hostname);
  const bindings = new Bindings();
  const baseline = new Set<unknown>(w.kernel.netNamespaces);
  const transcript: string[] = [];
  const fail = (why: string[]) => {
    throw new Error(`after ${transcript.length} ops:\n  ${transcript.join('\n  ')}\nviolations:\n  ${why.slice(0, 12).join('\n  ')}`);
  };
  const initial = await checkAll(w, model, bindings, baseline);
  if (initial.length) fail(initial);
  for (const op of ops) {
    try {
      transcript.push(await applyOp(w, model, op));
    } catch (e) {
      if (!(e instanceof Mismatch)) throw e;
      transcript.push(e.message);
      fail(['the kernel returned another outcome than Linux would']);
    }
    model.collect();
    const errs = await checkAll(w, model, bindings, baseline);
    if (errs.length) fail(errs);
  }
  return transcript;
}
