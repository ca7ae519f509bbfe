// The page's entry is tiny on purpose. A module script runs only once its whole static import graph
// has been fetched, compiled and evaluated, so a worker started from an entry that imports xterm.js
// and Svelte would wait for all of them (~200 ms on a slow machine). Started here, the sandbox worker
// fetches and boots on its own thread while the main thread is still loading the app;
// SandboxClient adopts it instead of starting a second one.
import { startSandboxWorkerEarly } from './sandbox/worker.ts';

startSandboxWorkerEarly();
void import('./mountApp.ts');
