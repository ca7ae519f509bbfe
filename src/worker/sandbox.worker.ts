/**
 * The Web Worker that runs the simulated machine. The main thread only renders: it talks to this worker
 * through Comlink (control calls, see protocol.ts), one MessagePort per terminal (keystrokes in, batched
 * output out) and one port for namespace snapshots.
 */
import * as Comlink from 'comlink';
import { bootSandbox } from '../sandbox/index.ts';
import { decodeBootOptions } from './bootName.ts';
import { deferredLoads } from './deferredLoads.ts';
import { messageChannelScheduler } from './macrotask.ts';
import type { BootOptions, SandboxWorkerApi } from './protocol.ts';
import { readaheadAfterBoot } from './readahead.ts';
import { SnapshotFeed } from './snapshotFeed.ts';
import { TerminalHost } from './terminals.ts';

declare const self: DedicatedWorkerGlobalScope;

/**
 * Anything that escapes the simulation becomes an uncaught error of the worker, which the main thread
 * receives as an `error` event on the Worker object and shows with a restart button.
 */
function rethrowAsync(err: unknown): void {
  setTimeout(() => {
    throw err instanceof Error ? err : new Error(String(err));
  });
}
self.addEventListener('unhandledrejection', (ev) => {
  ev.preventDefault();
  rethrowAsync(ev.reason);
});

/** dockerd's engine, the network call table and the map's snapshots come after the first prompt. */
const loads = deferredLoads();

let sandbox: ReturnType<typeof bootSandbox> | undefined;
let bootedSeed: number | undefined;
let opened = false;
let testHooks = false;
function machine(opts?: BootOptions): ReturnType<typeof bootSandbox> {
  if (!sandbox) {
    testHooks = opts?.testHooks === true;
    bootedSeed = opts?.seed;
  }
  sandbox ??= bootSandbox({ clock: 'wall', seed: opts?.seed, deferLoadsUntil: loads.until });
  return sandbox;
}

// The map's snapshots and the lens are read in behind the first prompt (the page shows them after it).
const feed = new SnapshotFeed(() => sandbox?.host.kernel, loads.until.then(() => import('../sandbox/snapshot.ts')).then((m) => m.buildSnapshot));
const terminals = new TerminalHost(messageChannelScheduler(), () => feed.commandDone(), rethrowAsync);

const api: SandboxWorkerApi = {
  async boot(opts) {
    // Booted speculatively with another seed, and no terminal open yet: throw that machine away.
    if (sandbox && !opened && opts.seed !== bootedSeed) sandbox = undefined;
    const m = machine(opts);
    if (opts.preopen && !opened) terminals.preopen(m, opts.preopen.cols, opts.preopen.rows);
  },
  async open(cols, rows, port) {
    const id = terminals.open(machine(), cols, rows, port);
    if (!opened) {
      opened = true;
      // Once the first prompt has gone out (the page may ask before the machine has finished
      // booting): dockerd's engine, then the programs' code. Not once the terminal has settled: a
      // machine whose dockerd waits for its engine is not quiet, so that would wait for the 2 s.
      void terminals.whenOutput(id).then(() => {
        setTimeout(loads.release, 0);
        readaheadAfterBoot();
      });
    }
    return id;
  },
  input: (id, data) => terminals.input(id, data),
  resize: (id, cols, rows) => terminals.resize(id, cols, rows),
  close: (id) => terminals.close(id),
  settled: (id) => terminals.settled(id),
  watch(port) {
    feed.watch(port);
  },
  async lens(view, hostPid) {
    const { runLens } = await import('./lens.ts');
    return runLens(machine().host.kernel, view, hostPid);
  },
  async ping() {
    return true;
  },
  hangForTest(ms) {
    if (!testHooks) return;
    for (const end = Date.now() + ms; Date.now() < end;) { /* stuck, as a runaway loop would be */ }
  },
};

Comlink.expose(api, self);

// Started by the page with boot options in its name: boot now, without waiting for a message. A
// failure is reported to the page by its own boot call, which runs into it again.
const early = decodeBootOptions(self.name);
if (early) void api.boot(early).catch(() => {});
