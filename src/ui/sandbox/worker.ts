/**
 * Starting the sandbox worker. The page's entry (main.ts) imports this module first, so the worker's
 * script is being fetched, parsed and evaluated on its own thread while the main thread is still
 * evaluating Svelte and xterm.js and mounting the app; SandboxClient adopts that worker when it is
 * created instead of starting a second one.
 */
let early: Worker | null = null;

export function spawnSandboxWorker(): Worker {
  return new Worker(new URL('../../worker/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'nsbox-sandbox' });
}

/** Start the worker now (at most once); the first SandboxClient takes it over. */
export function startSandboxWorkerEarly(): void {
  if (!early && typeof Worker !== 'undefined') early = spawnSandboxWorker();
}

/** The worker started early, handed over once; afterwards (restarts) a fresh one. */
export function takeSandboxWorker(): Worker {
  const w = early ?? spawnSandboxWorker();
  early = null;
  return w;
}
