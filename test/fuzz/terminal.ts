/**
 * A login terminal driven like an impatient user: type a line, wait until the system is quiet, and
 * press ^C if a command still runs (or the shell waits for the rest of an unbalanced line). Keeps
 * only the tail of the output so floods cost nothing.
 */
import type { Kernel } from '../../src/kernel/Kernel.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';
import type { TerminalSession } from '../../src/sandbox/types.ts';

/** bash 5.2 brackets each prompt with this (bracketed paste on). */
export const PROMPT_MARK = '\x1b[?2004h';

/**
 * Text only a JavaScript exception produces: an error that escaped a program's own handling (the
 * kernel turns it into the process failing with `comm: message`). Python's `SyntaxError` is legit.
 */
export const JS_ERROR = /\b(TypeError|RangeError|ReferenceError|InternalError)\b|Maximum call stack|is not a function|Cannot read propert|Cannot set propert|Invalid string length|Invalid array length|is not iterable|\[object Object\]|undefined is not/;

export class Term {
  readonly kernel: Kernel;
  readonly session: TerminalSession;
  tail = '';
  total = 0;

  /**
   * `window`: process output like the app's emulator, in a later macrotask, with at most `window`
   * characters unconsumed (src/worker/terminals.ts); without it, output is taken at once.
   */
  constructor(readonly sandbox = bootSandbox(), cols = 80, window?: number) {
    this.kernel = sandbox.host.kernel;
    this.session = sandbox.openTerminal({ cols, rows: 24 });
    if (window !== undefined) this.session.setOutputWindow(window);
    this.session.onOutput((d) => {
      this.total += d.length;
      this.tail = (this.tail + d).slice(-8192);
      if (window !== undefined) setTimeout(() => this.session.outputConsumed(d.length), 0);
    });
  }

  async ready(): Promise<void> { await this.session.settle(); }

  /**
   * Type `text` (a line, Enter included by the caller), wait; ^C whatever still runs or waits for
   * a continuation line. Returns the output it produced (its last 8 KiB).
   */
  async type(text: string, budgetMs = 2000): Promise<string> {
    const start = this.total;
    this.session.input(text);
    let quiet = await this.session.settle(budgetMs);
    for (let i = 0; i < 3 && !this.session.closed && (!quiet || !this.atPrompt()); i++) {
      this.session.input('\x03');
      quiet = await this.session.settle(budgetMs);
    }
    return this.tail.slice(-Math.min(this.total - start, this.tail.length));
  }

  /** The last thing shown is a primary prompt (`user@host dir $ `), not PS2's `> `. */
  atPrompt(): boolean { return /\x1b\[\?2004h[^\r\n]*[$#] $/.test(this.tail); }

  /** The shell still answers: `echo` comes back. */
  async alive(tag: string): Promise<boolean> {
    const out = await this.type(`echo alive-${tag}\r`);
    return out.includes(`alive-${tag}\r\n`);
  }
}
