/**
 * The worker's open terminals: each is a login session on the sandbox plus the MessagePort that carries
 * its keystrokes and batched output. After every keystroke the terminal waits for the system to settle,
 * so that it notices a session that ended (`exit`) and, when the keystrokes finished a command, tells
 * `onCommandDone` (the snapshot feed) once, in a macrotask after that command's output went out.
 */
import type { Sandbox, TerminalSession } from '../sandbox/types.ts';
import { OutputBatcher, type ScheduleMacrotask } from './outputBatcher.ts';
import { OUTPUT_WINDOW } from './outputWindow.ts';
import type { WorkerPort } from './port.ts';
import type { PortFromWorker, PortToWorker } from './messages.ts';

interface OpenTerminal {
  readonly session: TerminalSession;
  readonly port: WorkerPort;
  readonly batcher: OutputBatcher;
  readonly unsubscribe: () => void;
  ended: boolean;
  /** A settle() is in flight; `rewatch` asks for another one after it (input arrived meanwhile). */
  watching: boolean;
  rewatch: boolean;
  /** Keystrokes since the last settle ended a line (Enter) or interrupted a program (^C, ^D, ^Z). */
  commandPending: boolean;
  /** Output has gone to the page; `outputWaiters` hear of its first batch. */
  posted: boolean;
  outputWaiters: Array<() => void>;
}

/** Keys after which the shell runs, abandons or finishes something: a command may have completed. */
const COMMAND_KEYS = /[\r\n\x03\x04\x1a]/;

export class TerminalHost {
  readonly #terminals = new Map<number, OpenTerminal>();
  #nextId = 1;
  #preopened: { sandbox: Sandbox; session: TerminalSession; output: string[]; unsubscribe: () => void } | null = null;

  constructor(
    private readonly schedule: ScheduleMacrotask,
    /** Called after a command completed in any terminal (at most once per settle). */
    private readonly onCommandDone: () => void,
    /** Errors that escape the simulation: they end the worker (the page offers a restart). */
    private readonly fatal: (err: unknown) => void,
  ) {}

  /**
   * Logs in on a terminal before any page has asked for one (while the page is still loading), at a
   * guessed size: its output is kept until `open` adopts it, resizes it and sends that output on.
   */
  preopen(sandbox: Sandbox, cols: number, rows: number): void {
    this.#dropPreopened();
    const session = sandbox.openTerminal({ cols, rows });
    const early = { sandbox, session, output: [] as string[], unsubscribe: () => {} };
    early.unsubscribe = session.onOutput((data) => early.output.push(data));
    this.#preopened = early;
  }

  open(sandbox: Sandbox, cols: number, rows: number, port: WorkerPort): number {
    const early = this.#preopened?.sandbox === sandbox ? this.#preopened : null;
    this.#dropPreopened();
    const session = early?.session ?? sandbox.openTerminal({ cols, rows });
    const id = this.#nextId++;
    const batcher = new OutputBatcher((data) => {
      this.#post(port, { type: 'output', data });
      const t = this.#terminals.get(id);
      if (t && !t.posted) {
        t.posted = true;
        t.outputWaiters.splice(0).forEach((f) => f());
      }
      // A session can also end without input (a signal, a timer); notice it when its last words arrive.
      if (session.closed) this.schedule(() => this.#checkClosed(id));
    }, this.schedule);
    for (const data of early?.output ?? []) batcher.push(data);
    const unsubscribe = session.onOutput((data) => batcher.push(data));
    session.setOutputWindow(OUTPUT_WINDOW);
    this.#terminals.set(id, { session, port, batcher, unsubscribe, ended: false, watching: false, rewatch: false, commandPending: true, posted: false, outputWaiters: [] });
    port.onmessage = (ev) => {
      const msg = ev.data as PortToWorker | undefined;
      if (msg?.type === 'input') this.input(id, msg.data);
      else if (msg?.type === 'ack' && Number.isFinite(msg.chars)) session.outputConsumed(msg.chars);
    };
    // The guessed size was wrong (it usually is): SIGWINCH, and bash redraws its prompt line.
    if (early) session.resize(cols, rows);
    this.#watch(id);
    return id;
  }

  /** Stops keeping the preopened terminal's output (adopted, or its machine replaced). */
  #dropPreopened(): void {
    this.#preopened?.unsubscribe();
    this.#preopened = null;
  }

  input(id: number, data: string): void {
    const t = this.#get(id);
    if (!t) return;
    if (COMMAND_KEYS.test(data)) t.commandPending = true;
    t.session.input(data);
    this.#watch(id);
  }

  resize(id: number, cols: number, rows: number): void {
    this.#get(id)?.session.resize(cols, rows);
  }

  close(id: number): void {
    const t = this.#terminals.get(id);
    if (!t || t.ended) return;
    t.ended = true;
    t.unsubscribe();
    // Nobody reads this terminal any more: its output goes nowhere instead of filling the window.
    t.session.setOutputWindow(null);
    t.port.onmessage = null;
    t.port.close();
    this.#terminals.delete(id);
  }

  /**
   * Resolves once the terminal's first output (a login shell's prompt) has gone to the page, or at
   * once when it has, or when there is no such terminal. Unlike settled(), it does not wait for the
   * rest of the machine to be quiet.
   */
  whenOutput(id: number): Promise<void> {
    const t = this.#get(id);
    if (!t || t.posted) return Promise.resolve();
    return new Promise((resolve) => t.outputWaiters.push(resolve));
  }

  /** Resolves when the terminal's session is quiet (or over). */
  async settled(id: number): Promise<boolean> {
    const t = this.#get(id);
    if (!t) return true;
    const quiet = await t.session.settle();
    // Let the batcher's flush (scheduled as a macrotask) go out before the caller sends more keys.
    await new Promise<void>((resolve) => this.schedule(resolve));
    return quiet;
  }

  #post(port: WorkerPort, msg: PortFromWorker): void {
    port.postMessage(msg);
  }

  #get(id: number): OpenTerminal | undefined {
    const t = this.#terminals.get(id);
    return t && !t.ended ? t : undefined;
  }

  /** Announces the end of the session once, after its last output. */
  #checkClosed(id: number): void {
    const t = this.#get(id);
    if (!t || !t.session.closed) return;
    t.batcher.flush();
    this.#post(t.port, { type: 'closed', status: t.session.lastStatus() });
    this.close(id);
  }

  /** Waits until the system is quiet, then reports a completed command and checks whether the session ended. */
  #watch(id: number): void {
    const t = this.#get(id);
    if (!t) return;
    if (t.watching) {
      t.rewatch = true;
      return;
    }
    t.watching = true;
    t.session.settle().then(() => {
      t.watching = false;
      // The settle round that saw the system quiet can run before the batcher's scheduled flush (both
      // are macrotasks): send the command's last output (its prompt) now, and build the snapshot in a
      // later macrotask, so that the map's work never delays what the person is waiting to read.
      t.batcher.flush();
      if (t.commandPending && !t.rewatch) {
        t.commandPending = false;
        this.schedule(this.onCommandDone);
      }
      this.#checkClosed(id);
      if (t.rewatch) {
        t.rewatch = false;
        this.#watch(id);
      }
    }, this.fatal);
  }
}
