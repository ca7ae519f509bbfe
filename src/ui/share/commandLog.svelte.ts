/**
 * The lines typed into each terminal, in order: what a share link and the saved session replay. It
 * records keystrokes as they go to the machine (typed, pasted, or written by the picker and lessons),
 * cutting at each Enter, so line editing and control keys replay exactly as they were typed.
 */
import { LIMITS } from './sessionState.ts';

export type LoggedCommand = [pane: number, keys: string];

export class CommandLog {
  #commands = $state.raw<LoggedCommand[]>([]);
  /** Set once the log hit its limits: later lines run but are not kept. */
  #full = $state(false);
  /** Keys of the line being typed, per pane. */
  readonly #partial = new Map<number, string>();

  get commands(): LoggedCommand[] { return this.#commands; }
  get full(): boolean { return this.#full; }

  /** Whether `pane` has an unfinished line (the picker clears it before typing). */
  hasPartial(pane: number): boolean {
    return (this.#partial.get(pane) ?? '') !== '';
  }

  record(pane: number, data: string): void {
    const lines = ((this.#partial.get(pane) ?? '') + data).split('\r');
    const rest = lines.pop()!;
    this.#partial.set(pane, rest.length > LIMITS.commandLength ? '' : rest);
    if (lines.length === 0 || this.#full) return;
    const next = [...this.#commands];
    for (const keys of lines) {
      if (keys.length > LIMITS.commandLength || next.length >= LIMITS.commands) {
        this.#full = true;
        break;
      }
      next.push([pane, keys]);
    }
    this.#commands = next;
  }

  clear(): void {
    this.#commands = [];
    this.#full = false;
    this.#partial.clear();
  }
}
