/**
 * Starting the sandbox worker. The page's tiny entry (main.ts) calls startSandboxWorkerEarly before
 * it loads the app, so the worker's script is fetched, evaluated and the machine booted on its own
 * thread while the main thread is still loading Svelte and xterm.js. It boots speculatively: with a
 * fresh seed (a new session adopts it, see earlySeed) and a login terminal of a guessed size, which
 * the first pane adopts. A restored or shared session brings its own seed, and the worker replaces
 * that machine before any terminal is opened (SandboxWorkerApi.boot).
 *
 * The boot options travel in the worker's name, not in a message: Chromium hands messages posted to
 * a worker that is still starting over only when the page's main thread gets to it, which is after
 * the app has been evaluated and mounted; the name is there when the worker's script first runs.
 */
import * as Comlink from 'comlink';
import { encodeBootOptions } from '../../worker/bootName.ts';
import type { BootOptions, SandboxWorkerApi } from '../../worker/protocol.ts';
import { randomSeed } from '../share/seed.ts';
import { testHooksRequested } from '../testHook.ts';

export interface SandboxWorker {
  worker: Worker;
  api: Comlink.Remote<SandboxWorkerApi>;
  /** Error events the worker fired before anyone listened (a script that failed to load). */
  missedErrors: ErrorEvent[];
}

/** The size of the terminal logged in before the page knows its pane's size (a VT100's). */
const GUESSED_SIZE = { cols: 80, rows: 24 };

let early: (SandboxWorker & { seed: number; stopKeeping: () => void }) | null = null;

function spawnSandboxWorker(boot?: BootOptions): SandboxWorker {
  const name = boot ? `nsbox-sandbox?${encodeBootOptions(boot)}` : 'nsbox-sandbox';
  const worker = new Worker(new URL('../../worker/sandbox.worker.ts', import.meta.url), { type: 'module', name });
  return { worker, api: Comlink.wrap<SandboxWorkerApi>(worker), missedErrors: [] };
}

/** Start the worker and boot its machine now (at most once); the first SandboxClient takes it over. */
export function startSandboxWorkerEarly(): void {
  if (early || typeof Worker === 'undefined') return;
  const seed = randomSeed();
  // A failure to boot is reported by the client's own boot call, which runs into it again.
  const w = spawnSandboxWorker({ seed, testHooks: testHooksRequested(), preopen: GUESSED_SIZE });
  // The app is not listening yet: an error event (the script failed to load) is kept for it.
  const keep = (ev: ErrorEvent) => {
    ev.preventDefault();
    w.missedErrors.push(ev);
  };
  w.worker.addEventListener('error', keep);
  early = { ...w, seed, stopKeeping: () => w.worker.removeEventListener('error', keep) };
}

/** The seed the early worker booted with, while it has not been taken over. */
export function earlySeed(): number | null {
  return early?.seed ?? null;
}

/** The worker started early, handed over once; afterwards (restarts) a fresh one. */
export function takeSandboxWorker(): SandboxWorker {
  if (!early) return spawnSandboxWorker();
  const { worker, api, missedErrors, stopKeeping } = early;
  stopKeeping();
  early = null;
  return { worker, api, missedErrors };
}
