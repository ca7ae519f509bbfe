/**
 * The Web Worker that runs the simulated machine. The main thread only renders: it talks to this worker
 * through Comlink (control calls, see protocol.ts) and one MessagePort per terminal (keystrokes in,
 * batched output out).
 */
import * as Comlink from 'comlink';
import { bootSandbox } from '../sandbox/index.ts';
import type { Sandbox, TerminalSession } from '../sandbox/types.ts';
import { OutputBatcher, type ScheduleMacrotask } from './outputBatcher.ts';
import type { PortFromWorker, PortToWorker, SandboxWorkerApi } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

/** A macrotask scheduler without setTimeout's clamping: one MessageChannel, FIFO queue of callbacks. */
function messageChannelScheduler(): ScheduleMacrotask {
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => {
    const fn = queue.shift();
    fn?.();
  };
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}

const scheduleMacrotask = messageChannelScheduler();

interface OpenTerminal {
  readonly session: TerminalSession;
  readonly port: MessagePort;
  readonly batcher: OutputBatcher;
  readonly unsubscribe: () => void;
  ended: boolean;
  /** A settle() is in flight; `rewatch` asks for another one after it (input arrived meanwhile). */
  watching: boolean;
  rewatch: boolean;
}

let sandbox: Sandbox | undefined;
let nextId = 1;
const terminals = new Map<number, OpenTerminal>();

function post(port: MessagePort, msg: PortFromWorker): void {
  port.postMessage(msg);
}

function getTerminal(id: number): OpenTerminal | undefined {
  const t = terminals.get(id);
  return t && !t.ended ? t : undefined;
}

/** Announces the end of the session once, after its last output. */
function checkClosed(id: number): void {
  const t = getTerminal(id);
  if (!t || !t.session.closed) return;
  t.batcher.flush();
  post(t.port, { type: 'closed', status: t.session.lastStatus() });
  detach(id);
}

/** Waits until the system is quiet, then checks whether the session ended (e.g. after `exit`). */
function watch(id: number): void {
  const t = getTerminal(id);
  if (!t) return;
  if (t.watching) {
    t.rewatch = true;
    return;
  }
  t.watching = true;
  t.session.settle().then(() => {
    t.watching = false;
    checkClosed(id);
    if (t.rewatch) {
      t.rewatch = false;
      watch(id);
    }
  }, rethrowAsync);
}

function detach(id: number): void {
  const t = terminals.get(id);
  if (!t || t.ended) return;
  t.ended = true;
  t.unsubscribe();
  t.port.onmessage = null;
  t.port.close();
  terminals.delete(id);
}

function input(id: number, data: string): void {
  const t = getTerminal(id);
  if (!t) return;
  t.session.input(data);
  watch(id);
}

const api: SandboxWorkerApi = {
  async open(cols, rows, port) {
    sandbox ??= bootSandbox({ clock: 'wall' });
    const session = sandbox.openTerminal({ cols, rows });
    const id = nextId++;
    const batcher = new OutputBatcher((data) => {
      post(port, { type: 'output', data });
      // A session can also end without input (a signal, a timer); notice it when its last words arrive.
      if (session.closed) scheduleMacrotask(() => checkClosed(id));
    }, scheduleMacrotask);
    const unsubscribe = session.onOutput((data) => batcher.push(data));
    terminals.set(id, { session, port, batcher, unsubscribe, ended: false, watching: false, rewatch: false });
    port.onmessage = (ev: MessageEvent<PortToWorker>) => {
      if (ev.data?.type === 'input') input(id, ev.data.data);
    };
    watch(id);
    return id;
  },
  input,
  resize(id, cols, rows) {
    getTerminal(id)?.session.resize(cols, rows);
  },
  close(id) {
    detach(id);
  },
};

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

Comlink.expose(api, self);
