/**
 * Starting the sandbox worker. The page's tiny entry (main.ts) calls startSandboxWorkerEarly before
 * it loads the app, so the worker's script is fetched, evaluated and the machine booted on its own
 * thread while the main thread is still loading Svelte and xterm.js. It boots speculatively: with a
 * fresh seed (a new session adopts it, see earlySeed) and a login terminal of a guessed size, which
 * the first pane adopts. A restored or shared session brings its own seed, and the worker replaces
 * that machine before any terminal is opened (SandboxWorkerApi.boot).
 */
import * as Comlink from 'comlink';
import type { SandboxWorkerApi } from '../../worker/protocol.ts';
import { randomSeed } from '../share/seed.ts';
import { testHooksRequested } from '../testHook.ts';

export interface SandboxWorker {
  worker: Worker;
  api: Comlink.Remote<SandboxWorkerApi>;
}

/** The size of the terminal logged in before the page knows its pane's size (a VT100's). */
const GUESSED_SIZE = { cols: 80, rows: 24 };

let early: (SandboxWorker & { seed: number }) | null = null;

function spawnSandboxWorker(): SandboxWorker {
  const worker = new Worker(new URL('../../worker/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'nsbox-sandbox' });
  return { worker, api: Comlink.wrap<SandboxWorkerApi>(worker) };
}

/** Start the worker and boot its machine now (at most once); the first SandboxClient takes it over. */
export function startSandboxWorkerEarly(): void {
  if (early || typeof Worker === 'undefined') return;
  const seed = randomSeed();
  early = { ...spawnSandboxWorker(), seed };
  // A failure here is reported by the client's own boot call, which runs into it again.
  early.api.boot({ seed, testHooks: testHooksRequested(), preopen: GUESSED_SIZE }).catch(() => {});
}

/** The seed the early worker booted with, while it has not been taken over. */
export function earlySeed(): number | null {
  return early?.seed ?? null;
}

/** The worker started early, handed over once; afterwards (restarts) a fresh one. */
export function takeSandboxWorker(): SandboxWorker {
  const w = early ?? spawnSandboxWorker();
  early = null;
  return { worker: w.worker, api: w.api };
}
