/**
 * `<nsbox-terminal>`: a live nsbox terminal for documentation pages. This module is the whole
 * nsbox-terminal.js script a page includes; it stays small because it only validates the attributes,
 * draws a "click to start" placeholder and waits. xterm.js, the runtime and the sandbox worker load when
 * the widget starts (scrolled into view, clicked, `autostart`, or a call to `run()` / `start()`).
 *
 *   <script type="module" src="nsbox-terminal.js"></script>
 *   <nsbox-terminal image="rust:latest" docker-args="--pid=host" run="ps aux"></nsbox-terminal>
 *
 * Everything renders in a shadow root (styles in, none out); nothing is added to the page's globals.
 */
import type { CommandRecord, WidgetRuntime } from './runtime.ts';
import { checkCommand, parseWidgetConfig, startupCommands, WIDGET_ATTRIBUTES, type WidgetConfig } from './schema.ts';
import { BASE_CSS } from './styles.ts';

export type { CommandRecord };

/** `idle`: placeholder; `invalid`: attribute errors shown; `starting`; `ready`; `exited`: the shell ended; `failed`. */
export type WidgetStatus = 'idle' | 'invalid' | 'starting' | 'ready' | 'exited' | 'failed';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(err: Error): void;
  settled: boolean;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A page that never looks at `ready` must not get an "unhandled rejection" from a misconfigured widget.
  promise.catch(() => {});
  const d: Deferred = {
    promise,
    settled: false,
    resolve: () => {
      d.settled = true;
      resolve();
    },
    reject: (err) => {
      d.settled = true;
      reject(err);
    },
  };
  return d;
}

let baseSheet: CSSStyleSheet | null = null;
function sheet(): CSSStyleSheet {
  if (!baseSheet) {
    baseSheet = new CSSStyleSheet();
    baseSheet.replaceSync(BASE_CSS);
  }
  return baseSheet;
}

/** Rough terminal height before xterm.js has measured anything: keeps the page from jumping at boot. */
const PLACEHOLDER_ROW_PX = 17.2;

export class NsboxTerminalElement extends HTMLElement {
  static get observedAttributes(): readonly string[] {
    return WIDGET_ATTRIBUTES;
  }

  readonly #root: ShadowRoot;
  readonly #frame: HTMLDivElement;
  #config: WidgetConfig | null = null;
  #errors: string[] = [];
  #status: WidgetStatus = 'idle';
  #ready = deferred();
  #runtime: WidgetRuntime | null = null;
  #booting: Promise<WidgetRuntime> | null = null;
  #visibility: IntersectionObserver | null = null;
  #colorScheme: MediaQueryList | null = null;
  readonly #onSchemeChange = () => this.#applyScheme();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [sheet()];
    this.#frame = document.createElement('div');
    this.#frame.className = 'nsbox';
    this.#frame.setAttribute('part', 'frame');
    this.#root.append(this.#frame);
  }

  // --------------------------------------------------------------------------------------- public

  /** Resolves when the machine has booted and the start-up commands have run; rejects if it cannot. */
  get ready(): Promise<void> {
    return this.#ready.promise;
  }

  get status(): WidgetStatus {
    return this.#status;
  }

  /** The validation messages when `status` is `invalid`. */
  get errors(): readonly string[] {
    return [...this.#errors];
  }

  /** Starts the widget now (as the placeholder's button does). Resolves like `ready`. */
  start(): Promise<void> {
    this.#flushConfigure();
    if (this.#config) void this.#boot().catch(() => {});
    return this.ready;
  }

  /**
   * Types `command` and Enter into the terminal (booting first if needed), waits until it finished,
   * and resolves with what it printed. Also fires a `command` event.
   */
  async run(command: string): Promise<CommandRecord> {
    const problem = checkCommand(command);
    if (problem) throw new TypeError(`nsbox-terminal run(): the command ${problem}`);
    this.#flushConfigure();
    if (!this.#config) throw new Error(`nsbox-terminal: cannot run commands: ${this.#errors.join('; ') || 'not connected'}`);
    const runtime = await this.#boot();
    await this.ready;
    return runtime.run(command, 'api');
  }

  /** Throws the machine away and boots a fresh one with the current attributes. */
  reset(): Promise<void> {
    this.#teardown();
    this.#configure(true);
    return this.ready;
  }

  /** The terminal's text (scrollback included), for pages and tests; empty before the widget starts. */
  text(): string {
    return this.#runtime?.text() ?? '';
  }

  // ------------------------------------------------------------------------------------ lifecycle

  connectedCallback(): void {
    // Moved within the page: keep the running machine.
    if (this.#runtime || this.#booting) return;
    this.#configurePending = false;
    this.#configure(false);
  }

  disconnectedCallback(): void {
    queueMicrotask(() => {
      if (!this.isConnected) {
        this.#teardown();
        this.#setStatus('idle');
      }
    });
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected) return;
    if (!this.#runtime && !this.#booting) {
      // Attributes often change in a burst (a framework setting them one by one): validate once after it.
      if (!this.#configurePending) {
        this.#configurePending = true;
        queueMicrotask(() => this.#flushConfigure());
      }
      return;
    }
    // A running widget follows theme changes at once; everything else applies on reset().
    if (name === 'theme') {
      const r = parseWidgetConfig([['theme', value ?? '']]);
      if (r.ok && this.#config) {
        this.#config = { ...this.#config, theme: r.config.theme };
        this.#applyScheme();
      }
    }
  }

  // --------------------------------------------------------------------------------------- inside

  #configurePending = false;

  /** Runs a configuration scheduled by attribute changes now (before a call that needs it). */
  #flushConfigure(): void {
    if (!this.#configurePending) return;
    this.#configurePending = false;
    if (this.isConnected && !this.#runtime && !this.#booting) this.#configure(false);
  }

  #setStatus(status: WidgetStatus): void {
    this.#status = status;
  }

  /** Validates the attributes and shows the placeholder (or the errors); boots at once if `now`. */
  #configure(now: boolean): void {
    this.#visibility?.disconnect();
    this.#visibility = null;
    if (this.#ready.settled) this.#ready = deferred();
    const parsed = parseWidgetConfig([...this.attributes].map((a) => [a.name, a.value] as const));
    if (!parsed.ok) {
      this.#config = null;
      this.#errors = parsed.errors;
      this.#setStatus('invalid');
      this.#renderErrors(parsed.errors);
      console.warn(`<nsbox-terminal>: not started, invalid configuration:\n  ${parsed.errors.join('\n  ')}`);
      this.#ready.reject(new Error(`nsbox-terminal: invalid configuration: ${parsed.errors.join('; ')}`));
      return;
    }
    this.#config = parsed.config;
    this.#errors = [];
    this.#setStatus('idle');
    this.#watchScheme();
    if (now || parsed.config.autostart === 'load') {
      void this.#boot().catch(() => {});
      return;
    }
    this.#renderPlaceholder(parsed.config);
    if (parsed.config.autostart === 'visible') {
      this.#visibility = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) void this.#boot().catch(() => {});
        },
        { rootMargin: '100px 0px' },
      );
      this.#visibility.observe(this);
    }
  }

  #boot(): Promise<WidgetRuntime> {
    if (this.#booting) return this.#booting;
    const config = this.#config;
    if (!config) return Promise.reject(new Error('nsbox-terminal: invalid configuration'));
    this.#visibility?.disconnect();
    this.#visibility = null;
    this.#setStatus('starting');
    const ready = this.#ready;
    const booting = import('./runtime.ts').then(({ WidgetRuntime }) => {
      if (this.#booting !== booting) throw new Error('nsbox-terminal: reset while starting');
      const runtime = new WidgetRuntime(
        config,
        startupCommands(config),
        {
          root: this.#root,
          mount: this.#frame,
          onCommand: (record) => this.dispatchEvent(new CustomEvent('command', { detail: record, bubbles: true })),
          onReady: () => {
            if (this.#runtime !== runtime) return;
            this.#setStatus('ready');
            ready.resolve();
            this.dispatchEvent(new Event('ready'));
          },
          onExit: (status) => {
            if (this.#runtime !== runtime) return;
            this.#setStatus('exited');
            this.dispatchEvent(new CustomEvent('exit', { detail: { status }, bubbles: true }));
          },
          onFailure: (message) => {
            if (this.#runtime !== runtime) return;
            this.#setStatus('failed');
            ready.reject(new Error(`nsbox-terminal: ${message}`));
            this.dispatchEvent(new CustomEvent('error', { detail: { message } }));
          },
          requestReset: () => void this.reset().catch(() => {}),
        },
        this.#scheme(),
      );
      this.#runtime = runtime;
      runtime.start().catch((err: unknown) => ready.reject(err instanceof Error ? err : new Error(String(err))));
      return runtime;
    });
    booting.catch((err: unknown) => {
      if (this.#booting !== booting) return;
      this.#setStatus('failed');
      this.#renderErrors([`could not load the terminal: ${err instanceof Error ? err.message : String(err)}`], 'nsbox-terminal could not start');
      ready.reject(err instanceof Error ? err : new Error(String(err)));
    });
    this.#booting = booting;
    return booting;
  }

  #teardown(): void {
    this.#visibility?.disconnect();
    this.#visibility = null;
    this.#colorScheme?.removeEventListener('change', this.#onSchemeChange);
    this.#colorScheme = null;
    this.#runtime?.dispose();
    this.#runtime = null;
    this.#booting = null;
    if (!this.#ready.settled) this.#ready.reject(new Error('nsbox-terminal: the widget was reset or removed'));
  }

  // --------------------------------------------------------------------------------------- colours

  #scheme(): 'light' | 'dark' {
    const theme = this.#config?.theme ?? 'auto';
    if (theme !== 'auto') return theme;
    return this.#colorScheme?.matches === false ? 'light' : 'dark';
  }

  #watchScheme(): void {
    if (!this.#colorScheme) {
      this.#colorScheme = window.matchMedia('(prefers-color-scheme: dark)');
      this.#colorScheme.addEventListener('change', this.#onSchemeChange);
    }
    this.#applyScheme();
  }

  #applyScheme(): void {
    const scheme = this.#scheme();
    this.#frame.classList.toggle('light', scheme === 'light');
    this.#runtime?.setScheme(scheme);
  }

  // ------------------------------------------------------------------------------------- rendering

  #renderPlaceholder(config: WidgetConfig): void {
    const box = document.createElement('div');
    box.className = 'placeholder';
    if (config.rows !== 'auto') box.style.height = `${Math.round(config.rows * PLACEHOLDER_ROW_PX + 40)}px`;
    const lines = document.createElement('pre');
    lines.className = 'ph-lines';
    const commands = startupCommands(config);
    for (const command of commands.length ? commands : ['']) {
      const prompt = document.createElement('span');
      prompt.className = 'ph-prompt';
      prompt.textContent = '$ ';
      lines.append(prompt, document.createTextNode(`${command}\n`));
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ph-start';
    button.textContent = '▶ Start the terminal';
    button.addEventListener('click', () => {
      void this.#boot()
        .then((runtime) => runtime.focus())
        .catch(() => {});
    });
    const note = document.createElement('div');
    note.className = 'ph-note';
    note.textContent =
      config.autostart === 'visible'
        ? 'A simulated Linux machine that runs in your browser. It starts when you scroll to it.'
        : 'A simulated Linux machine that runs in your browser.';
    box.append(lines, button, note);
    this.#frame.classList.remove('fill');
    this.#frame.replaceChildren(box);
  }

  #renderErrors(errors: string[], heading = 'nsbox-terminal is not configured correctly'): void {
    const box = document.createElement('div');
    box.className = 'error';
    box.setAttribute('role', 'alert');
    const strong = document.createElement('strong');
    strong.textContent = heading;
    const list = document.createElement('ul');
    for (const e of errors) {
      const li = document.createElement('li');
      li.textContent = e;
      list.append(li);
    }
    box.append(strong, list);
    this.#frame.classList.remove('fill');
    this.#frame.replaceChildren(box);
  }
}

if (!customElements.get('nsbox-terminal')) customElements.define('nsbox-terminal', NsboxTerminalElement);

declare global {
  interface HTMLElementTagNameMap {
    'nsbox-terminal': NsboxTerminalElement;
  }
}
