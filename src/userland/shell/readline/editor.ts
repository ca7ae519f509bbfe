/**
 * A readline-style line editor for the interactive shell (GNU readline's emacs mode, the bindings a
 * learner uses): the tty is in raw mode, so the editor echoes and redraws with VT100 sequences.
 * Pure: bytes in, bytes out; completion candidates come from the host.
 */
export interface EditorHost {
  cols(): number;
  complete?(line: string, cursor: number): string[];
}

export interface FeedResult {
  output: string;
  line?: string;
  eof?: boolean;
  interrupted?: boolean;
  /** Input after an accepted line (typed ahead), for the next prompt. */
  pending?: string;
}

const ESC_SEQ = /^\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O[A-Za-z]|\[200~|\[201~)/;

export class LineEditor {
  private buf: string[] = [];
  private pos = 0;
  private prompt = '';
  private promptWidth = 0;
  private histIndex: number;
  private saved: string[] | null = null;
  private kill = '';
  private lastTab = false;
  private partial = '';

  constructor(private readonly history: string[], private readonly host: EditorHost) {
    this.histIndex = history.length;
  }

  start(prompt: string, promptWidth: number): string {
    this.prompt = prompt;
    this.promptWidth = promptWidth;
    return prompt;
  }

  feed(data: string): FeedResult {
    let out = '';
    let input = this.partial + data;
    this.partial = '';
    while (input.length) {
      if (input[0] === '\x1b') {
        const m = ESC_SEQ.exec(input);
        if (!m) {
          if (input.length < 8 && /^\x1b(\[[0-9;?]*[ -/]*|O)?$/.test(input)) { this.partial = input; break; }
          input = input.slice(1);
          continue;
        }
        out += this.escape(m[0]);
        input = input.slice(m[0].length);
        continue;
      }
      const ch = String.fromCodePoint(input.codePointAt(0)!);
      input = input.slice(ch.length);
      const tab = ch === '\t';
      switch (ch) {
        case '\r': case '\n': {
          const line = this.buf.join('');
          out += this.moveTo(this.buf.length) + '\r\n';
          return { output: out, line, pending: input };
        }
        case '\x03': return { output: out + '^C\r\n', interrupted: true };
        case '\x04':
          if (this.buf.length === 0) return { output: out, eof: true };
          out += this.deleteAt(this.pos);
          break;
        case '\x7f': case '\b': if (this.pos > 0) { this.pos--; out += this.moveBack(1) + this.deleteAt(this.pos); } break;
        case '\x01': out += this.moveTo(0); break;
        case '\x05': out += this.moveTo(this.buf.length); break;
        case '\x02': out += this.moveTo(this.pos - 1); break;
        case '\x06': out += this.moveTo(this.pos + 1); break;
        case '\x0b': this.kill = this.buf.slice(this.pos).join(''); out += this.replaceTail(this.buf.slice(0, this.pos)); break;
        case '\x15': { this.kill = this.buf.slice(0, this.pos).join(''); const rest = this.buf.slice(this.pos); out += this.moveTo(0); this.buf = rest; this.pos = 0; out += this.redrawTail(this.kill.length); break; }
        case '\x17': {
          let start = this.pos;
          while (start > 0 && this.buf[start - 1] === ' ') start--;
          while (start > 0 && this.buf[start - 1] !== ' ') start--;
          this.kill = this.buf.slice(start, this.pos).join('');
          const n = this.pos - start;
          out += this.moveTo(start);
          this.buf.splice(start, n);
          out += this.redrawTail(n);
          break;
        }
        case '\x19': out += this.insert([...this.kill]); break;
        case '\x0c': out += '\x1b[H\x1b[2J' + this.prompt + this.buf.join('') + this.moveBack(this.buf.length - this.pos); break;
        case '\t': out += this.completeWord(); break;
        default:
          if (ch >= ' ') out += this.insert([ch]);
      }
      this.lastTab = tab;
    }
    return { output: out };
  }

  private escape(seq: string): string {
    switch (seq.replace('\x1bO', '\x1b[')) {
      case '\x1b[D': return this.moveTo(this.pos - 1);
      case '\x1b[C': return this.moveTo(this.pos + 1);
      case '\x1b[H': case '\x1b[1~': return this.moveTo(0);
      case '\x1b[F': case '\x1b[4~': return this.moveTo(this.buf.length);
      case '\x1b[3~': return this.deleteAt(this.pos);
      case '\x1b[A': return this.historyMove(-1);
      case '\x1b[B': return this.historyMove(1);
      default: return '';
    }
  }

  private col(i: number): number { return this.promptWidth + this.width(this.buf.slice(0, i)); }
  private width(chars: string[]): number { return chars.reduce((w, c) => w + charWidth(c), 0); }

  /** Relative cursor motion between two columns of the (possibly wrapped) line. */
  private motion(from: number, to: number): string {
    const cols = Math.max(1, this.host.cols());
    const [fr, fc] = [Math.floor(from / cols), from % cols];
    const [tr, tc] = [Math.floor(to / cols), to % cols];
    let s = '';
    if (tr < fr) s += `\x1b[${fr - tr}A`;
    if (tr > fr) s += `\x1b[${tr - fr}B`;
    if (tc !== fc) s += tc === 0 ? '\r' : tc < fc ? (fc - tc === 1 ? '\b' : `\x1b[${fc - tc}D`) : `\x1b[${tc - fc}C`;
    return s;
  }

  private moveTo(i: number): string {
    const target = Math.max(0, Math.min(this.buf.length, i));
    const s = this.motion(this.col(this.pos), this.col(target));
    this.pos = target;
    return s;
  }

  private moveBack(n: number): string { return n > 0 ? this.motion(this.col(this.pos) + this.width(this.buf.slice(this.pos, this.pos + n)), this.col(this.pos)) : ''; }

  private insert(chars: string[]): string {
    this.buf.splice(this.pos, 0, ...chars);
    const tail = this.buf.slice(this.pos);
    this.pos += chars.length;
    let s = tail.join('');
    // xterm wraps lazily: after writing into the last column, force the cursor onto the next row.
    if (this.col(this.buf.length) % Math.max(1, this.host.cols()) === 0 && tail.length) s += ' \b';
    return s + this.motion(this.col(this.buf.length), this.col(this.pos));
  }

  private deleteAt(i: number): string {
    if (i >= this.buf.length) return '';
    this.buf.splice(i, 1);
    return this.redrawTail(1);
  }

  /** Rewrite from the cursor to the end, blanking `erased` trailing cells, and come back. */
  private redrawTail(erased: number): string {
    const tail = this.buf.slice(this.pos).join('');
    const end = this.col(this.buf.length);
    return tail + ' '.repeat(erased) + this.motion(end + erased, this.col(this.pos));
  }

  private replaceTail(keep: string[]): string {
    const erased = this.buf.length - keep.length;
    this.buf = keep;
    return this.redrawTail(erased);
  }

  private setLine(chars: string[]): string {
    let s = this.moveTo(0);
    const erased = Math.max(0, this.width(this.buf) - this.width(chars));
    this.buf = chars;
    this.pos = 0;
    s += this.redrawTail(erased);
    return s + this.moveTo(chars.length);
  }

  private historyMove(dir: number): string {
    const next = this.histIndex + dir;
    if (next < 0 || next > this.history.length) return '';
    if (this.histIndex === this.history.length) this.saved = [...this.buf];
    this.histIndex = next;
    return this.setLine(next === this.history.length ? this.saved ?? [] : [...this.history[next]]);
  }

  private completeWord(): string {
    const line = this.buf.join('');
    const cursor = this.buf.slice(0, this.pos).join('').length;
    const candidates = this.host.complete?.(line, cursor) ?? [];
    const word = /(\S*)$/.exec(line.slice(0, cursor))![1];
    if (candidates.length === 0) return '\x07';
    if (candidates.length === 1) {
      const c = candidates[0];
      return this.insert([...c.slice(word.length), ...(c.endsWith('/') ? [] : [' '])]);
    }
    const prefix = candidates.reduce((p, c) => { let i = 0; while (i < p.length && p[i] === c[i]) i++; return p.slice(0, i); });
    if (prefix.length > word.length) return this.insert([...prefix.slice(word.length)]);
    if (!this.lastTab) return '\x07';
    // Second Tab: list the candidates in columns, then redraw prompt and line (readline's display_matches).
    const names = candidates.map((c) => c.replace(/\/$/, '').split('/').pop()! + (c.endsWith('/') ? '/' : ''));
    const w = Math.max(...names.map((n) => n.length)) + 2;
    const perRow = Math.max(1, Math.floor(this.host.cols() / w));
    const rows = Math.ceil(names.length / perRow);
    let listing = '';
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < perRow; c++) { const n = names[c * rows + r]; if (n !== undefined) cells.push(n); }
      listing += cells.map((n, i) => (i < cells.length - 1 ? n.padEnd(w) : n)).join('') + '\r\n';
    }
    return this.moveTo(this.buf.length) + '\r\n' + listing + this.prompt + this.buf.join('');
  }
}

/** Display width: East Asian wide characters take two cells. */
export function charWidth(c: string): number {
  const cp = c.codePointAt(0)!;
  if (cp < 0x1100) return 1;
  return (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)) ? 2 : 1;
}
