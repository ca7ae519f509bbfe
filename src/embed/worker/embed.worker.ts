/**
 * The worker behind one `<nsbox-terminal>` widget: one machine (bootSandbox) and one login terminal.
 * Each widget starts its own copy of this worker, so widgets never share a kernel.
 *
 * It differs from the app's worker (src/worker/sandbox.worker.ts) in what the widget needs: the host
 * profile is a boot option, `settle` markers travel on the terminal's own port (ordered after the output
 * they follow), and the lens compares the host with the newest container in one call.
 */
import * as Comlink from 'comlink';
import { bootSandbox, type TerminalSession } from '../../sandbox/index.ts';
import { buildSnapshot, type NsKind } from '../../sandbox/snapshot.ts';
import { runLens } from '../../worker/lens.ts';
import { messageChannelScheduler } from '../../worker/macrotask.ts';
import { OutputBatcher } from '../../worker/outputBatcher.ts';
import { deferredLoads } from '../../worker/deferredLoads.ts';
import { OUTPUT_WINDOW } from '../../worker/outputWindow.ts';
import type { EmbedBootOptions, EmbedLensResult, EmbedLensView, EmbedPortIn, EmbedPortOut, EmbedWorkerApi } from '../protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const HOSTS = new Set(['archlinux']);

const schedule = messageChannelScheduler();

/** Errors that escape the simulation end up as the worker's `error` event: the widget offers a restart. */
function fatal(err: unknown): void {
  setTimeout(() => {
    throw err instanceof Error ? err : new Error(String(err));
  });
}
self.addEventListener('unhandledrejection', (ev) => {
  ev.preventDefault();
  fatal(ev.reason);
});

/** The network call table and dockerd's engine are read in after the widget's first output. */
const loads = deferredLoads();

let machine: ReturnType<typeof bootSandbox> | undefined;
let session: TerminalSession | undefined;
let port: MessagePort | undefined;
let batcher: OutputBatcher | undefined;
let ended = false;
/** Settle requests are served one at a time, in order. */
let settling: Promise<unknown> = Promise.resolve();

function post(msg: EmbedPortOut): void {
  port?.postMessage(msg);
}

/** Announces the end of the session once, after its last output. */
function checkClosed(): void {
  if (ended || !session?.closed) return;
  ended = true;
  batcher?.flush();
  post({ type: 'closed', status: session.lastStatus() });
}

/** After input: wait until the system is quiet and notice a session that ended (`exit`). */
let watching = false;
let rewatch = false;
function watch(): void {
  if (!session) return;
  if (watching) {
    rewatch = true;
    return;
  }
  watching = true;
  session.settle().then(() => {
    watching = false;
    checkClosed();
    if (rewatch) {
      rewatch = false;
      watch();
    }
  }, fatal);
}

function onPortMessage(ev: MessageEvent<EmbedPortIn>): void {
  const msg = ev.data;
  if (!session || ended) return;
  if (msg?.type === 'input' && typeof msg.data === 'string') {
    session.input(msg.data);
    watch();
  } else if (msg?.type === 'ack' && Number.isFinite(msg.chars)) {
    session.outputConsumed(msg.chars);
  } else if (msg?.type === 'settle' && typeof msg.seq === 'number') {
    const s = session;
    const seq = msg.seq;
    settling = settling.then(async () => {
      const quiet = await s.settle();
      // The batcher flushes in a macrotask: let it go out first, so the marker follows the output.
      await new Promise<void>((resolve) => schedule(resolve));
      batcher?.flush();
      post({ type: 'settled', seq, quiet });
      checkClosed();
    }, fatal);
  }
}

const VIEW_NS: Record<EmbedLensView, NsKind> = { ps: 'pid', hostname: 'uts', ip: 'net', mounts: 'mnt' };

const api: EmbedWorkerApi = {
  async open(opts: EmbedBootOptions, p: MessagePort) {
    if (machine) throw new Error('this widget already has a machine');
    if (!HOSTS.has(opts.host)) throw new Error(`unknown host profile '${opts.host}'`);
    machine = bootSandbox({ clock: 'wall', seed: opts.seed, host: opts.host, deferLoadsUntil: loads.until });
    session = machine.openTerminal({ cols: opts.cols, rows: opts.rows });
    port = p;
    const s = session;
    batcher = new OutputBatcher((data) => {
      post({ type: 'output', data });
      loads.release();
      // A session can also end without input (a signal, a timer): notice it after its last words.
      if (s.closed) schedule(checkClosed);
    }, schedule);
    const b = batcher;
    s.onOutput((data) => b.push(data));
    s.setOutputWindow(OUTPUT_WINDOW);
    p.onmessage = onPortMessage;
    watch();
  },
  resize(cols, rows) {
    if (!ended) session?.resize(cols, rows);
  },
  async lens(view) {
    if (!machine) throw new Error('the machine has not booted');
    const kernel = machine.host.kernel;
    const host = await runLens(kernel, view, null);
    const result: EmbedLensResult = { view, host: { command: host.command, text: host.stdout + host.stderr, status: host.status }, container: null };
    // The newest isolated process is the container the widget (or the reader) started last.
    const roots = buildSnapshot(kernel).isolated;
    const root = roots.reduce<(typeof roots)[number] | undefined>((a, b) => (!a || b.hostPid > a.hostPid ? b : a), undefined);
    if (root) {
      const inside = await runLens(kernel, view, root.hostPid);
      result.container = {
        command: inside.command,
        text: inside.stdout + inside.stderr,
        status: inside.status,
        hostPid: root.hostPid,
        hostname: root.hostname,
        sharesWithHost: root.sharesWithHost[VIEW_NS[view]],
      };
    }
    return result;
  },
};

Comlink.expose(api, self);
