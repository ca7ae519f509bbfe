/**
 * A booted `<nsbox-terminal>`: xterm.js in the widget's shadow root, its own sandbox worker, the
 * commands typed at start, and the optional lesson and lens panels. Loaded (as its own chunk, with
 * xterm.js and Comlink) only when a widget starts; the small element script never imports it statically.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import * as Comlink from 'comlink';
import { cspSafeDocument, openWithStyleStandIns } from './cspDocument.ts';
import { h, inlineCode } from './dom.ts';
import { loadLesson, outputCheckPasses, type EmbedLesson } from './lessons.ts';
import {
  EMBED_LENS_VIEWS,
  type EmbedLensResult,
  type EmbedLensView,
  type EmbedPortIn,
  type EmbedPortOut,
  type EmbedWorkerApi,
} from './protocol.ts';
import { RUNTIME_CSS } from './runtimeStyles.ts';
import type { WidgetConfig } from './schema.ts';
import { commandOutput, PROMPT_RE, typedCommand } from './text.ts';
// The app's palettes and fonts: a plain module with no UI dependencies, shared rather than copied.
import { randomSeed } from '../ui/share/seed.ts';
import { terminalFontFamily, terminalTheme, type ThemeName } from '../ui/terminal/theme.ts';

/** Who typed a command: the widget's `run` list, the page's JS (or postMessage) API, a lesson button, the reader. */
export type CommandSource = 'startup' | 'api' | 'lesson' | 'user';

export interface CommandRecord {
  command: string;
  /** What the command printed, as plain text (escape sequences removed), without the prompt after it. */
  output: string;
  source: CommandSource;
}

/** What the runtime needs from its element. */
export interface RuntimeHost {
  readonly root: ShadowRoot;
  /** The element the runtime renders into (emptied first). */
  readonly mount: HTMLElement;
  onCommand(record: CommandRecord): void;
  onReady(): void;
  onExit(status: number | undefined): void;
  onFailure(message: string): void;
  /** The reader asked for a fresh machine (restart button). */
  requestReset(): void;
}

/** How long scripted typing waits for a command that keeps running (settle gives up after 3 s each). */
const MAX_SETTLE_ROUNDS = 10;
const LENS_LABEL: Record<EmbedLensView, string> = { ps: 'ps aux', hostname: 'hostname', ip: 'ip a', mounts: 'mounts' };
const LENS_SHARED: Record<EmbedLensView, string> = {
  ps: 'The container uses the host’s pid namespace (--pid=host): both sides list the same processes.',
  hostname: 'The container uses the host’s UTS namespace: same hostname.',
  ip: 'The container uses the host’s network namespace (--network=host): same interfaces.',
  mounts: 'The container shares the host’s mount namespace.',
};
const LENS_OWN: Record<EmbedLensView, string> = {
  ps: 'The container has its own pid namespace: its first process is PID 1 and the host’s processes are invisible.',
  hostname: 'The container has its own UTS namespace: Docker set its hostname to the container id.',
  ip: 'The container has its own network namespace: its own loopback and eth0, not the host’s.',
  mounts: 'The container has its own mount namespace: an overlay root instead of the host’s disk.',
};

let sheets: CSSStyleSheet[] | null = null;
/** The terminal's and the runtime's stylesheets, parsed once and shared by every widget of the page. */
function runtimeSheets(): CSSStyleSheet[] {
  if (!sheets) {
    sheets = [xtermCss, RUNTIME_CSS].map((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
  }
  return sheets;
}

export class WidgetRuntime {
  readonly #config: WidgetConfig;
  readonly #host: RuntimeHost;
  readonly #doc: Document;
  #scheme: ThemeName;

  #term: Terminal | null = null;
  #fit: FitAddon | null = null;
  #worker: Worker | null = null;
  #api: Comlink.Remote<EmbedWorkerApi> | null = null;
  #port: MessagePort | null = null;
  #resizeObserver: ResizeObserver | null = null;
  #disposed = false;
  #closed = false;
  #failed = false;

  #seq = 0;
  readonly #pendingSettles = new Map<number, (quiet: boolean) => void>();
  /** Output collectors of commands being typed (scripted or the reader's). */
  readonly #captures = new Set<{ raw: string }>();
  /** Scripted commands run one after another. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Scripted commands in progress: the reader's keystrokes wait meanwhile. */
  #busy = 0;
  #userCommandPending = false;

  #wrap!: HTMLElement;
  #overlay!: HTMLElement;
  #state!: HTMLElement;
  #lensPanel: LensPanel | null = null;
  #lessonPanel: LessonPanel | null = null;

  readonly #startup: readonly string[];

  /** `startup`: the command lines to type once the login prompt is up (see schema.startupCommands). */
  constructor(config: WidgetConfig, startup: readonly string[], host: RuntimeHost, scheme: ThemeName) {
    this.#config = config;
    this.#startup = startup;
    this.#host = host;
    this.#doc = host.root.ownerDocument;
    this.#scheme = scheme;
  }

  /** Boots the machine and types the start-up commands; resolves when the terminal is the reader's. */
  async start(): Promise<void> {
    const { root, mount } = this.#host;
    const config = this.#config;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((s) => !runtimeSheets().includes(s)), ...runtimeSheets()];
    mount.replaceChildren();
    mount.classList.toggle('fill', config.rows === 'auto');

    const doc = this.#doc;
    const title = config.image ? `docker run ${[...config.dockerArgs, config.image].join(' ')}` : `${config.host} host`;
    this.#state = h(doc, 'span', { class: 'state', text: 'starting…', attrs: { role: 'status' } });
    const resetButton = h(doc, 'button', { text: 'Reset', attrs: { type: 'button', title: 'Throw this machine away and start a fresh one' } });
    resetButton.addEventListener('click', () => this.#host.requestReset());
    mount.append(
      h(doc, 'div', { class: 'bar' }, [h(doc, 'span', { class: 'title', text: `nsbox · ${title}`, attrs: { title: 'A simulated Linux machine running in your browser' } }), this.#state, resetButton]),
    );
    if (config.lesson) {
      this.#lessonPanel = new LessonPanel(doc, config.lesson, (cmd) => this.run(cmd, 'lesson'));
      mount.append(this.#lessonPanel.element);
    }
    const termEl = h(doc, 'div', { class: 'term' });
    this.#overlay = h(doc, 'div', { class: 'overlay', attrs: { hidden: '' } });
    this.#wrap = h(doc, 'div', { class: 'term-wrap' }, [termEl, this.#overlay]);
    mount.append(this.#wrap);
    if (config.lens) {
      this.#lensPanel = new LensPanel(doc, (view) => this.#lens(view));
      mount.append(this.#lensPanel.element);
    }

    const term = new Terminal({
      fontFamily: terminalFontFamily,
      fontSize: 13,
      lineHeight: 1.1,
      cursorBlink: false,
      scrollback: 2000,
      theme: terminalTheme(this.#scheme),
      disableStdin: config.readonly,
      cursorInactiveStyle: 'none',
      documentOverride: cspSafeDocument(root),
      screenReaderMode: false,
    });
    this.#term = term;
    const fit = new FitAddon();
    this.#fit = fit;
    term.loadAddon(fit);
    openWithStyleStandIns(root, () => term.open(termEl));
    const { cols, rows } = this.#size();
    term.resize(cols, rows);
    if (config.rows !== 'auto') this.#wrap.style.height = `${this.#termHeight(rows)}px`;
    term.onData((data) => this.#onReaderInput(data));
    this.#resizeObserver = new ResizeObserver(() => this.#refit());
    this.#resizeObserver.observe(this.#wrap);

    // One worker, one machine: widgets never share a kernel.
    const worker = new Worker(new URL('./worker/embed.worker.ts', import.meta.url), { type: 'module', name: 'nsbox-embed' });
    this.#worker = worker;
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      const where = ev.filename ? ` (${ev.filename}:${ev.lineno}:${ev.colno})` : '';
      this.#fail(ev.message ? `${ev.message}${where}` : 'The sandbox worker could not be started.');
    });
    worker.addEventListener('messageerror', () => this.#fail('The sandbox worker sent a message that could not be read.'));
    const api = Comlink.wrap<EmbedWorkerApi>(worker);
    this.#api = api;
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    port1.onmessage = (ev: MessageEvent<EmbedPortOut>) => this.#onPortMessage(ev.data);
    try {
      await api.open({ host: config.host, seed: randomSeed(), cols, rows }, Comlink.transfer(port2, [port2]));
    } catch (err) {
      this.#fail(err instanceof Error ? err.message : String(err));
      throw err;
    }
    if (this.#disposed) return;

    // The login prompt first, then each command as if typed, each after the previous one finished.
    this.#busy++;
    try {
      await this.#settleFully();
      for (const command of this.#startup) {
        if (this.#closed || this.#disposed || this.#failed) break;
        await this.#typeCommand(command, 'startup');
      }
    } finally {
      this.#busy--;
    }
    if (this.#disposed || this.#failed) return;
    this.#state.textContent = config.readonly ? 'replay' : 'ready';
    this.#lensPanel?.refresh();
    this.#host.onReady();
  }

  /** Types `command` and Enter, waits until it finished, and reports what it printed. */
  run(command: string, source: CommandSource): Promise<CommandRecord> {
    const next = this.#queue.then(async () => {
      if (this.#closed || this.#failed || this.#disposed) throw new Error('the terminal session has ended');
      this.#busy++;
      try {
        return await this.#typeCommand(command, source);
      } finally {
        this.#busy--;
      }
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  setScheme(scheme: ThemeName): void {
    this.#scheme = scheme;
    if (this.#term) this.#term.options.theme = terminalTheme(scheme);
  }

  /** The terminal's buffer as plain text (scrollback included), trailing blank lines dropped. */
  text(): string {
    const term = this.#term;
    if (!term) return '';
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buf.length; y++) {
      const line = buf.getLine(y);
      if (!line) continue;
      const s = line.translateToString(true);
      if (line.isWrapped && lines.length) lines[lines.length - 1] += s;
      else lines.push(s);
    }
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  focus(): void {
    this.#term?.focus();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const resolve of this.#pendingSettles.values()) resolve(false);
    this.#pendingSettles.clear();
    this.#resizeObserver?.disconnect();
    if (this.#port) {
      this.#port.onmessage = null;
      this.#port.close();
    }
    this.#api?.[Comlink.releaseProxy]();
    this.#worker?.terminate();
    this.#term?.dispose();
    this.#lensPanel = null;
    this.#lessonPanel = null;
  }

  // ------------------------------------------------------------------------------------ terminal io

  #send(data: string): void {
    if (this.#closed || this.#disposed) return;
    const msg: EmbedPortIn = { type: 'input', data };
    this.#port?.postMessage(msg);
  }

  #onPortMessage(msg: EmbedPortOut): void {
    if (this.#disposed) return;
    switch (msg.type) {
      case 'output': {
        const ack: EmbedPortIn = { type: 'ack', chars: msg.data.length };
        const processed = () => this.#port?.postMessage(ack);
        if (this.#term) this.#term.write(msg.data, processed);
        else processed();
        for (const c of this.#captures) c.raw += msg.data;
        break;
      }
      case 'settled': {
        const resolve = this.#pendingSettles.get(msg.seq);
        this.#pendingSettles.delete(msg.seq);
        // xterm.js parses writes asynchronously: answer once the screen shows everything before the marker.
        if (resolve) {
          if (this.#term) this.#term.write('', () => resolve(msg.quiet));
          else resolve(msg.quiet);
        }
        break;
      }
      case 'closed':
        this.#closed = true;
        for (const resolve of this.#pendingSettles.values()) resolve(true);
        this.#pendingSettles.clear();
        this.#state.textContent = 'ended';
        this.#showOverlay(
          `The session ended${msg.status !== undefined ? ` (exit status ${msg.status})` : ''}.`,
          'Start a new machine',
          false,
        );
        this.#host.onExit(msg.status);
        break;
    }
  }

  /** Resolves once the machine waits for input again (false: a program still runs after 3 s). */
  #settle(): Promise<boolean> {
    if (this.#closed || this.#disposed || this.#failed) return Promise.resolve(true);
    const seq = ++this.#seq;
    return new Promise<boolean>((resolve) => {
      this.#pendingSettles.set(seq, resolve);
      const msg: EmbedPortIn = { type: 'settle', seq };
      this.#port?.postMessage(msg);
    });
  }

  async #settleFully(): Promise<void> {
    for (let i = 0; i < MAX_SETTLE_ROUNDS && !(await this.#settle()); i++) {
      /* a long-running command: keep waiting a while before typing on */
    }
  }

  async #typeCommand(command: string, source: CommandSource): Promise<CommandRecord> {
    const capture = { raw: '' };
    this.#captures.add(capture);
    try {
      this.#send(`${command}\r`);
      await this.#settleFully();
    } finally {
      this.#captures.delete(capture);
    }
    const record: CommandRecord = { command, output: commandOutput(capture.raw), source };
    this.#commandDone(record);
    return record;
  }

  #commandDone(record: CommandRecord): void {
    if (this.#disposed) return;
    this.#lessonPanel?.commandDone(record);
    this.#lensPanel?.refresh();
    this.#host.onCommand(record);
  }

  /**
   * Keystrokes from the reader. Enter on a line that starts with a prompt starts a `command` record:
   * once the machine is quiet again, the command is read back from that screen line (its echo may
   * still have been on its way when Enter was pressed) and the output is what followed it.
   */
  #onReaderInput(data: string): void {
    if (this.#config.readonly || this.#busy > 0 || this.#closed) return;
    const line = data.includes('\r') && !this.#userCommandPending ? this.#promptLine() : null;
    if (line === null) {
      this.#send(data);
      return;
    }
    this.#userCommandPending = true;
    const capture = { raw: '' };
    this.#captures.add(capture);
    this.#send(data);
    void this.#settleFully().then(() => {
      this.#captures.delete(capture);
      this.#userCommandPending = false;
      const command = typedCommand(this.#lineText(line));
      if (command) this.#commandDone({ command, output: commandOutput(capture.raw), source: 'user' });
    });
  }

  /** The buffer index of the cursor's line (the first row of a wrapped line) if it starts with a prompt. */
  #promptLine(): number | null {
    const buf = this.#term?.buffer.active;
    if (!buf) return null;
    let y = buf.baseY + buf.cursorY;
    while (y > 0 && buf.getLine(y)?.isWrapped) y--;
    return PROMPT_RE.test(this.#lineText(y).replace(/\s+$/, '')) ? y : null;
  }

  /** Text of the screen line at buffer index `y`, with the rows it wraps onto. */
  #lineText(y: number): string {
    const buf = this.#term?.buffer.active;
    if (!buf) return '';
    let text = buf.getLine(y)?.translateToString(true) ?? '';
    for (let i = y + 1; buf.getLine(i)?.isWrapped; i++) text += buf.getLine(i)!.translateToString(true);
    return text;
  }

  // -------------------------------------------------------------------------------------- sizing

  #termHeight(rows: number): number {
    const cell = this.#cellHeight();
    return Math.ceil(rows * cell) + 10;
  }

  #cellHeight(): number {
    const screen = this.#wrap.querySelector<HTMLElement>('.xterm-screen');
    const rows = this.#term?.rows ?? 0;
    if (screen && rows > 0 && screen.offsetHeight > 0) return screen.offsetHeight / rows;
    return 13 * 1.1 * 1.2;
  }

  #size(): { cols: number; rows: number } {
    const proposed = this.#fit?.proposeDimensions();
    const rows = this.#config.rows === 'auto' ? Math.max(4, proposed?.rows ?? 18) : this.#config.rows;
    const cols = this.#config.cols === 'auto' ? Math.max(20, proposed?.cols ?? 80) : this.#config.cols;
    return { cols, rows };
  }

  #refit(): void {
    const term = this.#term;
    if (!term || this.#disposed) return;
    const { cols, rows } = this.#size();
    if (cols === term.cols && rows === term.rows) return;
    term.resize(cols, rows);
    this.#api?.resize(cols, rows).catch(() => {});
  }

  // ------------------------------------------------------------------------------------ failures

  #fail(message: string): void {
    if (this.#failed || this.#disposed) return;
    this.#failed = true;
    for (const resolve of this.#pendingSettles.values()) resolve(true);
    this.#pendingSettles.clear();
    this.#state.textContent = 'stopped';
    this.#showOverlay(`The sandbox stopped working: ${message}`, 'Restart the machine', true);
    this.#host.onFailure(message);
  }

  #showOverlay(message: string, action: string, failed: boolean): void {
    const doc = this.#doc;
    const button = h(doc, 'button', { text: action, attrs: { type: 'button' } });
    button.addEventListener('click', () => this.#host.requestReset());
    this.#overlay.replaceChildren(h(doc, 'div', { class: failed ? 'card failed' : 'card', attrs: { role: failed ? 'alert' : 'status' } }, [h(doc, 'p', { text: message }), button]));
    this.#overlay.hidden = false;
  }

  async #lens(view: EmbedLensView): Promise<EmbedLensResult | null> {
    if (!this.#api || this.#closed || this.#failed || this.#disposed) return null;
    return this.#api.lens(view);
  }
}

// ------------------------------------------------------------------------------------------- lens

/** Host and container side by side for one view; lines only one side has are marked. */
class LensPanel {
  readonly element: HTMLElement;
  readonly #doc: Document;
  readonly #load: (view: EmbedLensView) => Promise<EmbedLensResult | null>;
  #view: EmbedLensView = 'ps';
  readonly #buttons = new Map<EmbedLensView, HTMLButtonElement>();
  readonly #note: HTMLElement;
  readonly #cols: HTMLElement;
  #generation = 0;
  #scheduled = false;

  constructor(doc: Document, load: (view: EmbedLensView) => Promise<EmbedLensResult | null>) {
    this.#doc = doc;
    this.#load = load;
    const head = h(doc, 'div', { class: 'lens-head' }, [h(doc, 'span', { class: 'label', text: 'Lens: host vs container' })]);
    for (const view of EMBED_LENS_VIEWS) {
      const b = h(doc, 'button', { text: LENS_LABEL[view], attrs: { type: 'button', 'aria-pressed': String(view === this.#view) } });
      b.addEventListener('click', () => {
        this.#view = view;
        for (const [v, btn] of this.#buttons) btn.setAttribute('aria-pressed', String(v === view));
        this.refresh();
      });
      this.#buttons.set(view, b);
      head.append(b);
    }
    this.#note = h(doc, 'p', { class: 'lens-note', text: 'Start a container to compare.' });
    this.#cols = h(doc, 'div', { class: 'lens-cols' });
    this.element = h(doc, 'section', { class: 'lens', attrs: { 'aria-label': 'Namespace lens: the host and the container side by side' } }, [head, this.#note, this.#cols]);
  }

  /** Re-runs the current view (coalesced: at most one request in flight per change). */
  refresh(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const gen = ++this.#generation;
      const view = this.#view;
      this.#load(view).then(
        (r) => {
          if (gen === this.#generation && r) this.#render(r);
        },
        () => {},
      );
    });
  }

  #render(r: EmbedLensResult): void {
    const doc = this.#doc;
    const hostLines = lines(r.host.text);
    const containerLines = r.container ? lines(r.container.text) : [];
    const col = (title: string, own: string[], other: string[] | null) => {
      const pool = new Map<string, number>();
      for (const l of other ?? []) pool.set(norm(l), (pool.get(norm(l)) ?? 0) + 1);
      const pre = h(doc, 'pre');
      for (const l of own.slice(0, 300)) {
        const k = norm(l);
        const n = pool.get(k) ?? 0;
        if (n > 0) pool.set(k, n - 1);
        pre.append(h(doc, 'div', { class: other && n === 0 ? 'only' : '', text: l || ' ' }));
      }
      return h(doc, 'div', { class: 'lens-col' }, [h(doc, 'h3', { text: title }), pre]);
    };
    if (!r.container) {
      this.#note.textContent = 'No container is running: start one to compare.';
      this.#cols.replaceChildren(col(`Host: ${r.host.command}`, hostLines, null));
      return;
    }
    this.#note.textContent = r.container.sharesWithHost ? LENS_SHARED[r.view] : LENS_OWN[r.view];
    this.#cols.replaceChildren(
      col(`Host: ${r.host.command}`, hostLines, containerLines),
      col(`Container ${r.container.hostname} (host pid ${r.container.hostPid})`, containerLines, hostLines),
    );
  }
}

function lines(text: string): string[] {
  const out = text.replace(/\n$/, '').split('\n');
  return out.length === 1 && out[0] === '' ? [] : out;
}
const norm = (l: string) => l.trim().replace(/\s+/g, ' ');

// ----------------------------------------------------------------------------------------- lesson

/** A lesson's steps; each command has a button that types and runs it in the widget's terminal. */
class LessonPanel {
  readonly element: HTMLElement;
  readonly #doc: Document;
  readonly #run: (command: string) => Promise<CommandRecord>;
  #lesson: EmbedLesson | null = null;
  readonly #stepEls = new Map<string, HTMLElement>();
  readonly #buttons: HTMLButtonElement[] = [];

  constructor(doc: Document, id: string, run: (command: string) => Promise<CommandRecord>) {
    this.#doc = doc;
    this.#run = run;
    this.element = h(doc, 'section', { class: 'lesson', attrs: { 'aria-label': 'Lesson' } }, [h(doc, 'div', { class: 'lesson-error', text: 'Loading the lesson…' })]);
    loadLesson(id).then(
      (lesson) => this.#render(lesson),
      (err: unknown) => this.element.replaceChildren(h(doc, 'div', { class: 'lesson-error', attrs: { role: 'alert' }, text: `Lesson: ${err instanceof Error ? err.message : String(err)}` })),
    );
  }

  #render(lesson: EmbedLesson): void {
    const doc = this.#doc;
    this.#lesson = lesson;
    const list = h(doc, 'ol');
    for (const step of lesson.steps) {
      const paras = step.text.en.split(/\n{2,}/).map((p) => h(doc, 'p', {}, inlineCode(doc, p)));
      let button: HTMLButtonElement | null = null;
      if (step.command) {
        const command = step.command;
        button = h(doc, 'button', { text: `▶ ${command}`, attrs: { type: 'button', title: `Type “${command}” in the terminal` } });
        button.addEventListener('click', () => {
          for (const b of this.#buttons) b.disabled = true;
          this.#run(command)
            .catch(() => {})
            .finally(() => {
              for (const b of this.#buttons) b.disabled = false;
            });
        });
        this.#buttons.push(button);
      }
      const li = h(doc, 'li', { class: 'step' }, [h(doc, 'h4', { text: step.title.en }), ...paras, button]);
      this.#stepEls.set(step.id, li);
      list.append(li);
    }
    const details = h(doc, 'details', { attrs: { open: '' } }, [
      h(doc, 'summary', { text: lesson.title.en }),
      h(doc, 'div', { class: 'body' }, [h(doc, 'p', { class: 'summary-text' }, inlineCode(doc, lesson.summary.en)), list]),
    ]);
    this.element.replaceChildren(details);
  }

  /** Marks the steps whose command just ran (and whose output check, if any, matched). */
  commandDone(record: CommandRecord): void {
    for (const step of this.#lesson?.steps ?? []) {
      if (step.command !== record.command) continue;
      const passed = outputCheckPasses(step, record.output);
      if (passed !== false) this.#stepEls.get(step.id)?.classList.add('done');
    }
  }
}
