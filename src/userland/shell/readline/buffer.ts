/**
 * The line being edited and readline's emacs-mode editing commands on it (text.c, kill.c). The
 * line is kept as code points so one character is one step of the cursor.
 */

/** Key sequence → editing command, readline's default emacs bindings plus the usual xterm keys. */
export const BINDINGS: Record<string, string> = {
  '\x01': 'bol', '\x02': 'left', '\x03': 'interrupt', '\x04': 'eof-or-delete', '\x05': 'eol', '\x06': 'right',
  '\x07': 'abort', '\b': 'rubout', '\t': 'complete', '\n': 'accept', '\r': 'accept', '\x0b': 'kill-line',
  '\x0c': 'clear-screen', '\x0e': 'next', '\x10': 'prev', '\x14': 'transpose', '\x15': 'discard',
  '\x16': 'quoted-insert', '\x17': 'word-rubout', '\x19': 'yank', '\x7f': 'rubout',
  '\x1b[A': 'prev', '\x1bOA': 'prev', '\x1b[B': 'next', '\x1bOB': 'next', '\x1b[C': 'right', '\x1bOC': 'right',
  '\x1b[D': 'left', '\x1bOD': 'left', '\x1b[H': 'bol', '\x1bOH': 'bol', '\x1b[1~': 'bol', '\x1b[7~': 'bol',
  '\x1b[F': 'eol', '\x1bOF': 'eol', '\x1b[4~': 'eol', '\x1b[8~': 'eol', '\x1b[3~': 'delete',
  '\x1bf': 'fwd-word', '\x1b[1;5C': 'fwd-word', '\x1b[1;3C': 'fwd-word', '\x1bb': 'back-word',
  '\x1b[1;5D': 'back-word', '\x1b[1;3D': 'back-word', '\x1bd': 'kill-word', '\x1b[3;5~': 'kill-word',
  '\x1b\x7f': 'back-kill-word', '\x1b\b': 'back-kill-word',
};

/** readline's word characters (rl_alphabetic: iswalnum). */
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
/** unix-word-rubout's delimiters (readline's whitespace(): space and tab, not newline). */
const isBlank = (c: string) => c === ' ' || c === '\t';
const KILL_RING_MAX = 10;

export class LineBuffer {
  chars: string[] = [];
  point = 0;
  private readonly killRing: string[] = [];
  /** Whether the command being run, and the one before it, killed text (_rl_last_command_was_kill). */
  private killing = false;
  private lastKilled = false;

  get text(): string { return this.chars.join(''); }

  /** Replace the whole line, cursor at the end (as after a history move). Keeps the kill ring. */
  set(text: string): void {
    this.chars = [...text];
    this.point = this.chars.length;
  }

  // No splice(..., ...cs): spreading a pasted 200 KB line into call arguments overflows the stack.
  insert(text: string): void {
    const cs = [...text];
    this.chars = this.chars.slice(0, this.point).concat(cs, this.chars.slice(this.point));
    this.point += cs.length;
  }

  /** Replace chars[from, point) with text, leaving the cursor after it (_rl_replace_text). */
  replace(from: number, text: string): void {
    const cs = [...text];
    this.chars = this.chars.slice(0, from).concat(cs, this.chars.slice(this.point));
    this.point = from + cs.length;
  }

  /** Every command starts here, so that only a kill directly after a kill appends to it. */
  begin(): void {
    this.lastKilled = this.killing;
    this.killing = false;
  }

  /** Run an editing command; false means readline would ring the bell (or the command is unknown). */
  run(name: string): boolean {
    const len = this.chars.length;
    switch (name) {
      case 'bol': this.point = 0; return true;
      case 'eol': this.point = len; return true;
      case 'left': if (this.point === 0) return false; this.point--; return true;
      case 'right': if (this.point === len) return false; this.point++; return true;
      case 'rubout': if (this.point === 0) return false; this.chars.splice(--this.point, 1); return true;
      case 'delete': if (this.point === len) return false; this.chars.splice(this.point, 1); return true;
      case 'kill-line': this.kill(this.point, len); return true;
      case 'discard': return this.point > 0 && this.kill(0, this.point);
      case 'word-rubout': {
        if (this.point === 0) return false;
        let s = this.point;
        while (s > 0 && isBlank(this.chars[s - 1])) s--;
        while (s > 0 && !isBlank(this.chars[s - 1])) s--;
        return this.kill(s, this.point);
      }
      case 'fwd-word': this.point = this.wordEnd(); return true;
      case 'back-word': this.point = this.wordStart(); return true;
      case 'kill-word': return this.kill(this.point, this.wordEnd());
      case 'back-kill-word': return this.kill(this.wordStart(), this.point);
      case 'yank':
        if (this.killRing.length === 0) return false;
        this.insert(this.killRing[this.killRing.length - 1]);
        return true;
      case 'transpose':
        // transpose-chars: swap the characters around the cursor (the last two at the end), step on.
        if (this.point === 0 || len < 2) return false;
        if (this.point === len) this.point--;
        [this.chars[this.point - 1], this.chars[this.point]] = [this.chars[this.point], this.chars[this.point - 1]];
        this.point++;
        return true;
      default:
        return false;
    }
  }

  /** rl_kill_text: kills right after a kill grow the same ring entry (forward ones append, backward ones prepend). */
  private kill(from: number, to: number): true {
    const text = this.chars.slice(from, to).join('');
    const backward = to === this.point && from < to;
    this.chars.splice(from, to - from);
    this.point = from;
    this.killing = true;
    if (!text) return true;
    const top = this.killRing.length - 1;
    if (this.lastKilled && top >= 0) {
      this.killRing[top] = backward ? text + this.killRing[top] : this.killRing[top] + text;
    } else {
      this.killRing.push(text);
      if (this.killRing.length > KILL_RING_MAX) this.killRing.shift();
    }
    return true;
  }

  /** forward-word: past any non-word characters, then to the end of the word. */
  private wordEnd(): number {
    let p = this.point;
    while (p < this.chars.length && !isWordChar(this.chars[p])) p++;
    while (p < this.chars.length && isWordChar(this.chars[p])) p++;
    return p;
  }

  private wordStart(): number {
    let p = this.point;
    while (p > 0 && !isWordChar(this.chars[p - 1])) p--;
    while (p > 0 && isWordChar(this.chars[p - 1])) p--;
    return p;
  }
}
