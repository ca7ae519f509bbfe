/**
 * One terminal pane: an xterm.js instance and its login session in the worker. Keys reach the machine
 * through `#send` only, so everything typed (by a person, the picker, a lesson or a replay) is recorded
 * the same way. The xterm instance is created by `mount`, an `{@attach}` function returning its cleanup,
 * or for the first pane by `openEarly`, before the page's components are mounted.
 */
import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { type ITerminalOptions, Terminal } from '@xterm/xterm';
import type { SandboxClient, TerminalConnection } from '../sandbox/client.svelte.ts';
import { registerTerminal } from '../testHook.ts';
import { terminalFontFamily, terminalTheme, type ThemeName } from './theme.ts';
import { lastPromptIdentity, stripAnsi } from './transcript.ts';

export interface PaneHost {
  readonly client: SandboxClient;
  /** True while a saved or shared session is being replayed: a person's keys wait until it is done. */
  readonly holdInput: boolean;
  /** Keys are going to the machine from `pane` (the command log records them). */
  record(pane: Pane, data: string): void;
  /** The machine printed `data` in `pane` (lesson checks read it). */
  output(pane: Pane, data: string): void;
  /** `pane` got the keyboard focus: the picker, lessons and map type into it from now on. */
  focused(pane: Pane): void;
  /** Whether `pane` has an unfinished line typed. */
  hasPartialLine(pane: Pane): boolean;
}

/** What the extra-keys bar sends; arrows follow the application-cursor mode, as xterm does for real keys. */
export type ExtraKey = 'Tab' | 'Esc' | 'Up' | 'Down' | 'Left' | 'Right' | '|' | '-';

const ARROWS: Record<string, string> = { Up: 'A', Down: 'B', Right: 'C', Left: 'D' };

/** Clickable links in the output: a chunk of its own, since the first prompt does not need it. */
let webLinks: Promise<typeof import('@xterm/addon-web-links')> | null = null;

export class Pane {
  #identity = $state.raw<{ user: string; host: string } | null>(null);
  #ended = $state(false);
  /** The extra-keys bar's Ctrl: the next key typed becomes its control character. */
  #ctrl = $state(false);

  #term: Terminal | null = null;
  #fit: FitAddon | null = null;
  /** The theme the terminal was last given (none: xterm.js's default). */
  #theme: ThemeName | null = null;
  /** Disposes the terminal and its connection (set while one exists). */
  #dispose: (() => void) | null = null;
  #conn: TerminalConnection | null = null;
  /** Keys sent before the connection exists. */
  #pending = '';
  /** A person's keys typed during a replay. */
  #held = '';
  #wantedGeneration = -1;
  #connectedGeneration = -1;
  #shownGeneration = 0;
  #token = 0;
  /** Resolves when the current session shows its prompt; replaced when a new session starts. */
  #ready!: Promise<void>;
  #markReady!: () => void;
  #isReady = false;
  /** Recent output without escapes, to find the last prompt. */
  #recent = '';
  /** Focus was asked for before the terminal existed (a pane opened to type a command into). */
  #focusOnMount = false;

  constructor(
    /** Stable number of the pane in this session (order of opening), used by the command log. */
    readonly index: number,
    private readonly host: PaneHost,
  ) {
    this.#newReady();
  }

  #newReady(): void {
    this.#isReady = false;
    this.#ready = new Promise((resolve) => {
      this.#markReady = () => {
        this.#isReady = true;
        resolve();
      };
    });
  }

  /** `user@host` of the last prompt shown (a container's shell shows its hostname). */
  get identity(): { user: string; host: string } | null { return this.#identity; }
  get ended(): boolean { return this.#ended; }
  get ctrlLatched(): boolean { return this.#ctrl; }

  /**
   * Opens the terminal in `el` before the page's components exist (src/ui/mountApp.ts), so that the
   * first prompt does not wait for Svelte to build the page; `mount` later moves it into its pane.
   */
  openEarly(el: HTMLElement, theme: ThemeName, screenReader: boolean): void {
    if (this.#term) return;
    // Options given at creation, not changed after: a change redraws every row.
    this.#open(el, { theme: terminalTheme(theme), screenReaderMode: screenReader });
    this.#theme = theme;
    this.useGeneration(this.host.client.generation);
  }

  /**
   * `{@attach pane.mount}`: creates the terminal in `el`, or moves the one opened early there; the
   * returned function disposes it.
   */
  mount = (el: HTMLElement): (() => void) => {
    const t = this.#term ?? this.#open(el);
    const fit = this.#fit!;
    if (t.element && t.element.parentElement !== el) {
      // Moving an element takes the focus away from what is inside it.
      const hadFocus = t.textarea !== undefined && document.activeElement === t.textarea;
      el.appendChild(t.element);
      fit.fit();
      if (hadFocus) t.focus();
    }
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // A hidden pane (another tab is shown) measures 0×0: keep its size until it is visible.
        if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
      });
    });
    observer.observe(el);
    if (this.#focusOnMount) {
      this.#focusOnMount = false;
      t.focus();
    }
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      this.#dispose?.();
    };
  };

  /** Creates the xterm.js terminal in `el` and connects it when a machine is wanted. */
  #open(el: HTMLElement, options: ITerminalOptions = {}): Terminal {
    const t = new Terminal({
      ...options,
      fontFamily: terminalFontFamily,
      fontSize: 14,
      lineHeight: 1.1,
      cursorBlink: true,
      scrollback: 5000,
      convertEol: false,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    t.loadAddon(fit);
    webLinks ??= import('@xterm/addon-web-links');
    webLinks.then(({ WebLinksAddon }) => { if (this.#term === t) t.loadAddon(new WebLinksAddon()); }).catch(() => {});
    t.open(el);
    fit.fit();
    t.attachCustomKeyEventHandler((ev) => this.#pageKeys(t, ev));
    t.textarea?.setAttribute('aria-describedby', 'terminal-keys-hint');
    const subs = [
      t.onData((data) => this.#userData(data)),
      t.onResize(({ cols, rows }) => this.#conn?.resize(cols, rows)),
    ];
    const onFocus = () => this.host.focused(this);
    t.textarea?.addEventListener('focus', onFocus);
    const unregister = registerTerminal(t);
    this.#term = t;
    this.#fit = fit;
    this.#dispose = () => {
      this.#dispose = null;
      t.textarea?.removeEventListener('focus', onFocus);
      subs.forEach((s) => s.dispose());
      unregister();
      this.#token++;
      this.#conn?.dispose();
      this.#conn = null;
      this.#connectedGeneration = -1;
      this.#term = null;
      this.#fit = null;
      this.#theme = null;
      t.dispose();
    };
    if (this.#wantedGeneration >= 0) void this.#connect();
    return t;
  }

  /** The machine of `generation` is the one to talk to (called on start and after every restart). */
  useGeneration(generation: number): void {
    this.#wantedGeneration = generation;
    if (this.#term && this.#connectedGeneration !== generation) void this.#connect();
  }

  applyOptions(theme: ThemeName, screenReader: boolean): void {
    const t = this.#term;
    if (!t) return;
    // A new theme object redraws every row, even when its colours are the same.
    if (this.#theme !== theme) {
      t.options.theme = terminalTheme(theme);
      this.#theme = theme;
    }
    if (t.options.screenReaderMode !== screenReader) t.options.screenReaderMode = screenReader;
  }

  focus(): void {
    if (this.#term) this.#term.focus();
    else this.#focusOnMount = true;
  }

  /** Resolves once the session shows its first prompt. */
  whenReady(): Promise<void> {
    return this.#ready;
  }

  /** Types `keys` and Enter, then waits until the command finished: one step of a replay. */
  async replayLine(keys: string): Promise<void> {
    if (this.#ended) void this.#connect();
    await this.#ready;
    this.#send(`${keys}\r`);
    await this.#conn?.settled();
  }

  /** Writes a command into the prompt for the learner to run (replacing what was typed on the line). */
  typeCommand(text: string): void {
    if (this.#ended) void this.#connect();
    this.#send((this.host.hasPartialLine(this) ? '\x05\x15' : '') + text);
    this.focus();
  }

  /** A key from the extra-keys bar. */
  extraKey(key: ExtraKey | 'Ctrl'): void {
    if (key === 'Ctrl') {
      this.#ctrl = !this.#ctrl;
    } else {
      const appCursor = this.#term?.modes.applicationCursorKeysMode ?? false;
      const seq =
        key === 'Tab' ? '\t' : key === 'Esc' ? '\x1b' : key in ARROWS ? `\x1b${appCursor ? 'O' : '['}${ARROWS[key]}` : key;
      this.#userData(seq);
    }
    this.focus();
  }

  /** Sends the keys a person typed during a replay. */
  releaseHeld(): void {
    const held = this.#held;
    this.#held = '';
    if (held) this.#userData(held);
  }

  #userData(data: string): void {
    if (this.#ctrl && data.length === 1) {
      this.#ctrl = false;
      const code = data.toUpperCase().charCodeAt(0);
      if (code >= 0x40 && code <= 0x5f) data = String.fromCharCode(code - 0x40);
    }
    if (this.host.holdInput) {
      this.#held += data;
      return;
    }
    if (this.#ended) {
      // Any key after the session ended starts a new one (the key itself is not typed).
      void this.#connect();
      return;
    }
    this.#send(data);
  }

  #send(data: string): void {
    this.host.record(this, data);
    if (this.#conn) this.#conn.input(data);
    else this.#pending += data;
  }

  #output(data: string, processed: () => void): void {
    if (this.#term) this.#term.write(data, processed);
    else processed();
    this.host.output(this, data);
    this.#recent = (this.#recent + stripAnsi(data)).slice(-2048);
    const id = lastPromptIdentity(this.#recent);
    if (id && (id.user !== this.#identity?.user || id.host !== this.#identity?.host)) this.#identity = id;
  }

  #closed(): void {
    this.#ended = true;
    this.#conn = null;
    this.#term?.write('\r\n\x1b[90m[session ended: press any key to start a new one]\x1b[0m\r\n');
  }

  #connect(): Promise<void> {
    const t = this.#term;
    const generation = this.#wantedGeneration;
    if (!t || generation < 0) return this.#ready;
    const token = ++this.#token;
    if (this.#isReady) this.#newReady();
    this.#conn?.dispose();
    this.#conn = null;
    if (generation !== this.#shownGeneration) {
      // A new machine starts on a clean screen.
      t.reset();
      this.#recent = '';
      this.#identity = null;
      this.#shownGeneration = generation;
    }
    this.#connectedGeneration = generation;
    this.#ended = false;
    const client = this.host.client;
    let printed!: () => void;
    const firstOutput = new Promise<void>((resolve) => { printed = resolve; });
    const output = (d: string, processed: () => void) => {
      if (token !== this.#token) return processed();
      printed();
      this.#output(d, processed);
    };
    void client
      .openTerminal(t.cols, t.rows, { output, closed: () => token === this.#token && this.#closed() })
      .then(async (conn) => {
        if (token !== this.#token) {
          conn.dispose();
          return;
        }
        // Keys go to `#pending` until the login shell has printed (its prompt), so they arrive in the
        // order typed. Not until the whole machine is quiet: after the first prompt it is busy for a
        // while starting dockerd, and keys typed at the prompt would wait for that.
        await Promise.race([firstOutput, conn.settled()]);
        if (token !== this.#token) {
          conn.dispose();
          return;
        }
        this.#conn = conn;
        // The window may have been resized while the terminal was opening.
        conn.resize(t.cols, t.rows);
        if (this.#pending) {
          conn.input(this.#pending);
          this.#pending = '';
        }
        this.#markReady();
      })
      .catch(() => {
        // The client records the failure and the pane's overlay shows it; a replay must not wait forever.
        if (token === this.#token) this.#markReady();
      });
    return this.#ready;
  }

  /**
   * Keys the page keeps instead of sending them to the machine (returning false leaves a key to the
   * browser): Ctrl+Shift+C / Ctrl+Insert copy; Ctrl+Shift+V / Shift+Insert paste through the browser's
   * paste event; Shift+Tab moves the focus out of the terminal, so the keyboard is never trapped in it
   * (readline binds nothing to the back-tab sequence `ESC [ Z` it would send).
   */
  #pageKeys(t: Terminal, ev: KeyboardEvent): boolean {
    if (ev.key === 'Tab' && ev.shiftKey && !ev.ctrlKey && !ev.altKey && !ev.metaKey) return false;
    if (ev.type !== 'keydown') return true;
    const copy = (ev.ctrlKey && ev.shiftKey && ev.code === 'KeyC') || (ev.ctrlKey && !ev.shiftKey && ev.code === 'Insert');
    const paste = (ev.ctrlKey && ev.shiftKey && ev.code === 'KeyV') || (ev.shiftKey && !ev.ctrlKey && ev.code === 'Insert');
    if (copy) {
      if (t.hasSelection()) void navigator.clipboard?.writeText(t.getSelection()).catch(() => {});
      ev.preventDefault();
      return false;
    }
    // Returning false leaves the key to the browser, whose paste event xterm handles.
    return !paste;
  }
}
