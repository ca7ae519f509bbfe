import { BINDINGS, LineBuffer } from './buffer.ts';
import { commonPrefix, listMatches } from './complete.ts';
import { Display, layout } from './display.ts';
import { readKey, type Key } from './keys.ts';

/**
 * GNU readline's emacs-mode line editing, as a pure state machine: raw terminal input in, the
 * bytes readline would write out (the tty is in raw mode, so the editor does its own echo).
 * Display updates follow readline's redisplay exactly (see display.ts).
 *
 * feed() is async only because completion may be: host.complete may return a Promise. Calls are
 * queued, so a caller may fire feed() for every read without waiting; each result carries the
 * output of its own input.
 */
export type Completion = string[] | { start: number; matches: string[] };

export interface EditorHost {
  /** Terminal width, read before each input (a change redraws the line as after SIGWINCH). */
  cols: number | (() => number);
  /**
   * Candidates for the word before the cursor (`cursor` is a string index into `line`). A plain
   * list replaces the run of non-blanks before the cursor; `{ start, matches }` says where the
   * word starts. Directories end in `/` (no space is added after them).
   */
  complete?(line: string, cursor: number): Completion | Promise<Completion>;
}

export interface FeedResult {
  /** Bytes for the terminal (CRLF line ends, as the tty's ONLCR would send readline's output). */
  output: string;
  /** accept-line: the finished line (a bracketed paste may have put newlines in it). */
  line?: string;
  /** ^D on an empty line. */
  eof?: boolean;
  /** ^C: the line is abandoned; the rest of the input is dropped, as the tty flushes it on SIGINT. */
  interrupted?: boolean;
  /** Input after the accepted line (typed ahead): feed it after the next start(). */
  pending?: string;
}

type Done = Omit<FeedResult, 'output' | 'pending'>;

/** rl_completion_query_items: ask before listing this many matches. */
const QUERY_ITEMS = 100;
const isPrintable = (k: Key): k is { t: 'char'; ch: string } => k.t === 'char' && k.ch >= ' ' && k.ch !== '\x7f';

export class LineEditor {
  private readonly line = new LineBuffer();
  private prompt = '';
  private promptWidth = 0;
  private readonly display = new Display(80);
  /** The active region after a paste, drawn in standout until the next command. */
  private region: [number, number] | null = null;
  private carry = '';
  private active = false;
  private histIndex = 0;
  /** Lines changed while walking the history (index history.length is the new line). */
  private readonly edits = new Map<number, string>();
  private lastCmd = '';
  private completionChanged = false;
  private quoted = false;
  /** Matches waiting on "Display all N possibilities? (y or n)". */
  private query: string[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** `history` is shared with the shell, oldest first; the editor reads it and never changes it. */
  constructor(private readonly history: readonly string[], private readonly host: EditorHost = { cols: 80 }) {}

  /** Begin a line: returns the prompt (and anything readline writes after it). Keeps the kill ring. */
  start(prompt: string, promptWidth: number): string {
    this.prompt = prompt;
    this.promptWidth = promptWidth;
    this.region = this.query = null;
    this.carry = this.lastCmd = '';
    this.active = true;
    this.quoted = false;
    this.line.set('');
    this.histIndex = this.history.length;
    this.edits.clear();
    this.display.emit(prompt);
    this.display.reset(promptWidth, this.cols());
    this.redisplay();
    return this.display.take();
  }

  /** The line being edited and the cursor's index in it. */
  get text(): string { return this.line.text; }
  get cursor(): number { return this.line.point; }

  feed(data: string): Promise<FeedResult> {
    const run = this.queue.then(() => this.run(data));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Call on SIGWINCH: if the width changed, clear the line's rows and draw it again in the new
   * width (_rl_redisplay_after_sigwinch). feed() also notices a change, before its first key.
   */
  resize(): string {
    if (this.active && this.cols() !== this.display.cols) this.afterResize();
    return this.display.take();
  }

  private afterResize(): void {
    this.display.clearVisible();
    const nl = this.prompt.lastIndexOf('\n');
    this.redraw(nl < 0 ? this.prompt : this.prompt.slice(nl + 1));
  }

  private cols(): number {
    const c = this.host.cols;
    return Math.max(2, Math.floor(typeof c === 'function' ? c() : c) || 80);
  }

  private async run(data: string): Promise<FeedResult> {
    if (!this.active) return { output: '', pending: data };
    if (this.cols() !== this.display.cols) this.afterResize();
    const input = this.carry + data;
    this.carry = '';
    let i = 0;
    while (i < input.length) {
      if (this.quoted) {
        // quoted-insert: the next character goes in as it is, even ESC or a control character.
        const ch = String.fromCodePoint(input.codePointAt(i)!);
        i += ch.length;
        this.quoted = false;
        this.command('self-insert', () => this.line.insert(ch));
        continue;
      }
      const k = readKey(input, i);
      if (!k) { this.carry = input.slice(i); break; }
      i = k.end;
      if (isPrintable(k.key) && !this.query) {
        // rl_insert takes the typed-ahead printable characters in one go, then redisplays once.
        let text = k.key.ch;
        for (let n = readKey(input, i); n && isPrintable(n.key); n = readKey(input, i)) {
          text += n.key.ch;
          i = n.end;
        }
        this.command('self-insert', () => this.line.insert(text));
        continue;
      }
      const done = await this.dispatch(k.key);
      if (done) {
        this.active = false;
        return { output: this.display.take(), ...done, ...(done.line !== undefined ? { pending: input.slice(i) } : {}) };
      }
    }
    return { output: this.display.take() };
  }

  /** Run one command, then redisplay, as readline_internal_char does after each key. */
  private command(name: string, fn: () => void): void {
    this.line.begin();
    if (name !== 'paste' && name !== 'clear-screen') this.region = null; // rl_keep_mark_active
    fn();
    this.lastCmd = name;
    this.redisplay();
  }

  private redisplay(): void {
    this.display.update(layout(this.promptWidth, this.line.chars, this.line.point, this.region, this.display.cols));
  }

  /** rl_forced_update_display: the prompt is written again and the line redrawn below it. */
  private redraw(prompt = this.prompt): void {
    this.display.emit(prompt);
    this.display.reset(this.promptWidth, this.cols());
    this.redisplay();
  }

  private ding(): void { this.display.emit('\x07'); }

  private async dispatch(key: Key): Promise<Done | null> {
    if (this.query) { this.answerQuery(key); return null; }
    if (key.t === 'paste') {
      // rl_bracketed_paste_begin: insert literally (CR becomes newline), mark the pasted text active.
      const text = key.text.replace(/\r/g, '\n');
      this.command('paste', () => { const from = this.line.point; this.line.insert(text); this.region = [from, this.line.point]; });
      return null;
    }
    const name = BINDINGS[key.t === 'char' ? key.ch : key.seq];
    switch (name) {
      case 'accept':
        this.region = null;
        this.redisplay();
        this.display.final();
        return { line: this.text };
      case 'interrupt':
        // rl_echo_signal_char, then readline moves below the line and bash starts a new one.
        this.display.emit('^C');
        this.display.advance(2);
        this.display.moveVert(this.display.bottom);
        this.display.emit('\r\n');
        return { interrupted: true };
      case 'eof-or-delete':
        // ^D on an empty line is EOF; readline 8.1+ with bracketed paste on writes a newline then.
        if (this.line.chars.length === 0) { this.display.emit('\r\n'); return { eof: true }; }
        this.command('delete', () => this.edit('delete'));
        return null;
      case 'complete': {
        this.line.begin();
        this.region = null;
        await this.complete();
        this.lastCmd = 'complete';
        if (!this.query) this.redisplay();
        return null;
      }
      default:
        this.command(name ?? 'unbound', () => this.edit(name));
        return null;
    }
  }

  private edit(name: string | undefined): void {
    switch (name) {
      case 'quoted-insert': this.quoted = true; break;
      case 'clear-screen': this.display.emit('\x1b[H\x1b[2J'); this.redraw(); break;
      case 'prev': case 'next': this.walkHistory(name === 'prev' ? -1 : 1); break;
      default: if (!name || !this.line.run(name)) this.ding(); // ^G and unbound keys only ring
    }
  }

  /** previous-history / next-history: edits to visited lines are kept until the line is accepted. */
  private walkHistory(dir: number): void {
    const to = this.histIndex + dir;
    if (to < 0 || to > this.history.length) { this.ding(); return; }
    this.edits.set(this.histIndex, this.text);
    this.histIndex = to;
    this.line.set(this.edits.get(to) ?? this.history[to] ?? '');
  }

  /**
   * rl_complete: insert the matches' common prefix in place of the word; a single match also gets
   * a space (when at the end of the line) unless it is a directory; more than one rings the bell.
   * Tab again without the line having changed lists the matches.
   */
  private async complete(): Promise<void> {
    const list = this.lastCmd === 'complete' && !this.completionChanged;
    this.completionChanged = false;
    const line = this.text;
    const { chars, point } = this.line;
    let res: Completion = [];
    try {
      if (this.host.complete) res = await this.host.complete(line, chars.slice(0, point).join('').length);
    } catch { /* a failing completion finds nothing */ }
    let start = point;
    let matches: string[];
    if (Array.isArray(res)) {
      while (start > 0 && !/\s/.test(chars[start - 1])) start--;
      matches = res;
    } else {
      start = Math.min(point, [...line.slice(0, res.start)].length);
      matches = res.matches;
    }
    matches = [...new Set(matches)];
    if (matches.length === 0) { this.ding(); return; }
    if (list) { this.showMatches(matches); return; }
    const lcd = matches.length === 1 ? matches[0] : commonPrefix(matches);
    if (lcd) this.line.replace(start, lcd);
    if (matches.length > 1) this.ding();
    else if (!lcd.endsWith('/') && this.line.point === this.line.chars.length) this.line.insert(' ');
    this.completionChanged = this.text !== line;
  }

  /** display_matches: below the line, ask first if there are many, list, then redraw prompt and line. */
  private showMatches(matches: string[]): void {
    this.display.moveVert(this.display.bottom);
    if (matches.length >= QUERY_ITEMS) {
      this.display.emit(`\r\nDisplay all ${matches.length} possibilities? (y or n)`);
      this.query = matches;
      return;
    }
    this.display.emit(listMatches(matches, this.display.cols));
    this.redraw();
  }

  /** get_y_or_n: y, Y or space list; n, N or Rubout (and ^G, with a bell) don't; anything else rings. */
  private answerQuery(key: Key): void {
    const c = key.t === 'char' ? key.ch : '';
    const matches = this.query!;
    if (c === 'y' || c === 'Y' || c === ' ') this.display.emit(listMatches(matches, this.display.cols));
    else if (c === 'n' || c === 'N' || c === '\x7f' || c === '\x07') this.display.emit((c === '\x07' ? '\x07' : '') + '\r\n');
    else { this.ding(); return; }
    this.query = null;
    this.redraw();
  }
}
