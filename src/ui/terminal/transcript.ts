/**
 * Terminal output as plain text, for what the page reads back from the terminals: the lessons' output
 * checks and the pane titles. Escape sequences (colours, cursor moves of the line editor) are dropped;
 * only the last `limit` characters are kept, addressed by absolute offsets so a lesson step can say
 * "everything printed since I started".
 */

// CSI … final byte, OSC … BEL/ST, two-byte escapes, and the carriage returns of CRLF.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\r/g;

export function stripAnsi(data: string): string {
  return data.replace(ESCAPES, '');
}

export class Transcript {
  #text = '';
  /** Absolute offset of #text[0]. */
  #start = 0;

  constructor(private readonly limit = 64 * 1024) {}

  append(data: string): void {
    this.#text += stripAnsi(data);
    const excess = this.#text.length - this.limit;
    if (excess > 0) {
      this.#text = this.#text.slice(excess);
      this.#start += excess;
    }
  }

  /** The absolute offset just past the last character. */
  get end(): number {
    return this.#start + this.#text.length;
  }

  /** Text from absolute offset `mark` (or as much of it as is still kept) to the end. */
  since(mark: number): string {
    return this.#text.slice(Math.max(0, mark - this.#start));
  }

  clear(): void {
    this.#start = this.end;
    this.#text = '';
  }
}

/** `user@host` of the last prompt in `text` (bash's `\u@\h`), e.g. `root@bb8d7e679d1d:/# `. */
export function lastPromptIdentity(text: string): { user: string; host: string } | null {
  const re = /(?:^|\n)([a-z_][a-z0-9_-]{0,31})@([A-Za-z0-9][A-Za-z0-9.-]{0,62})[: ][^\n]*[$#] ?/g;
  let found: { user: string; host: string } | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) found = { user: m[1]!, host: m[2]! };
  return found;
}
