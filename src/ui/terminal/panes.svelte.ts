/**
 * The session's terminals: which exist, which is shown (tabbed layout), which has the keyboard (the one
 * the picker, lessons and map type into), and replaying a saved list of lines into them.
 */
import { LIMITS } from '../share/sessionState.ts';
import { Pane, type PaneHost } from './pane.svelte.ts';

export type PaneHooks = Omit<PaneHost, 'holdInput' | 'focused'>;

export class Panes {
  #list = $state.raw<Pane[]>([]);
  #active = $state.raw<Pane | null>(null);
  #target = $state.raw<Pane | null>(null);
  #replaying = $state(false);
  /** Panes ever opened in this session (a pane's index never changes or repeats). */
  #opened = 0;
  readonly #closed: number[] = [];

  constructor(private readonly hooks: PaneHooks) {}

  get list(): Pane[] { return this.#list; }
  /** The pane shown in the tabbed layout. */
  get active(): Pane | null { return this.#active; }
  /** The pane commands are typed into: the last one focused, else the shown one. */
  get target(): Pane | null { return this.#target && this.#list.includes(this.#target) ? this.#target : this.#active; }
  get replaying(): boolean { return this.#replaying; }
  get opened(): number { return this.#opened; }
  get closed(): number[] { return [...this.#closed]; }
  get canOpen(): boolean { return this.#opened < LIMITS.panes; }

  open(): Pane | null {
    if (!this.canOpen) return null;
    const self = this;
    const host: PaneHost = {
      ...this.hooks,
      get holdInput() { return self.#replaying; },
      focused: (p) => {
        this.#target = p;
      },
      client: this.hooks.client,
    };
    const pane = new Pane(this.#opened++, host);
    this.#list = [...this.#list, pane];
    this.#active = pane;
    this.#target = pane;
    return pane;
  }

  close(pane: Pane): void {
    if (this.#list.length <= 1 || !this.#list.includes(pane)) return;
    const at = this.#list.indexOf(pane);
    this.#list = this.#list.filter((p) => p !== pane);
    this.#closed.push(pane.index);
    if (this.#active === pane) this.#active = this.#list[Math.min(at, this.#list.length - 1)] ?? null;
    if (this.#target === pane) this.#target = this.#active;
  }

  show(pane: Pane): void {
    this.#active = pane;
    this.#target = pane;
  }

  /** Removes every pane and opens a fresh first one (a reset or a restarted machine). */
  reset(): void {
    this.#list = [];
    this.#opened = 0;
    this.#closed.length = 0;
    this.#active = null;
    this.#target = null;
    this.open();
  }

  /** Writes a command into the target pane's prompt. */
  typeIntoTarget(text: string): void {
    const pane = this.target;
    if (pane) this.#typeInto(pane, text);
  }

  /**
   * Writes a command meant for the host (`docker run`, `sudo nsenter …`): into the target pane when it
   * shows a host prompt, else into another pane that does, else into a new host terminal. A pane whose
   * prompt names another hostname is inside a container, where such a command would not work.
   */
  typeOnHost(text: string, hostHostname: string | undefined): void {
    const onHost = (p: Pane) => !p.identity || hostHostname === undefined || p.identity.host === hostHostname;
    const target = this.target;
    const pane = target && onHost(target) ? target : (this.#list.find(onHost) ?? this.open() ?? target);
    if (pane) this.#typeInto(pane, text);
  }

  #typeInto(pane: Pane, text: string): void {
    this.#active = pane;
    this.#target = pane;
    pane.typeCommand(text);
  }

  /**
   * Rebuilds a session: opens its panes, types its lines one by one (each after the previous command
   * finished), then closes the panes that were closed. A person's keys wait until it is over.
   */
  async replay(panes: number, commands: ReadonlyArray<readonly [number, string]>, closed: readonly number[]): Promise<void> {
    this.#replaying = true;
    try {
      while (this.#opened < panes) this.open();
      const byIndex = new Map(this.#list.map((p) => [p.index, p]));
      const first = byIndex.get(0);
      if (first) this.show(first);
      for (const [index, keys] of commands) {
        const pane = byIndex.get(index);
        if (pane) await pane.replayLine(keys);
      }
      for (const index of closed) {
        const pane = byIndex.get(index);
        if (pane) this.close(pane);
      }
    } finally {
      this.#replaying = false;
      for (const p of this.#list) p.releaseHeld();
    }
  }
}
