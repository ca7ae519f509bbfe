// Imported first by the page's entry (main.ts): ES modules evaluate in import order, so the sandbox
// worker starts loading on its own thread before Svelte, xterm.js and the app are evaluated and mounted.
import { startSandboxWorkerEarly } from './worker.ts';

startSandboxWorkerEarly();
