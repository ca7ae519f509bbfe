/**
 * Just enough of a VT100 to turn a pty's output into the lines an N-column terminal shows:
 * printable text with auto-wrap (xterm's deferred wrap at the last column), CR, LF, BS, tabs (kept as tabs),
 * cursor left/right and erase-to-end-of-line. Other escape sequences (bracketed paste
 * mode, colours) change nothing visible and are dropped.
 */
export class Screen {
  /** Completed rows, then the row being written. */
  private rows: string[][] = [[]];
  private x = 0;
  private pendingWrap = false;
  private esc = '';

  constructor(private readonly cols: number) {}

  private get row(): string[] { return this.rows[this.rows.length - 1]; }

  write(data: string): void {
    for (const ch of data) {
      if (this.esc) { this.escape(ch); continue; }
      switch (ch) {
        case '\x1b': this.esc = ch; break;
        case '\r': this.x = 0; this.pendingWrap = false; break;
        case '\n': this.rows.push([]); this.pendingWrap = false; break;
        case '\b': if (this.x > 0) this.x--; this.pendingWrap = false; break;
        case '\t': this.tab(); break;
        case '\x07': break;
        default:
          if (ch < ' ') break;
          this.put(ch);
      }
    }
  }

  private put(ch: string): void {
    if (this.pendingWrap) { this.rows.push([]); this.x = 0; this.pendingWrap = false; }
    const r = this.row;
    while (r.length < this.x) r.push(' ');
    r[this.x] = ch;
    if (this.x === this.cols - 1) this.pendingWrap = true;
    else this.x++;
  }

  /**
   * A tab moves to the next stop (every 8 columns). The tab character itself is kept in the row so a
   * transcript reproduces the program's bytes (`NSpid:\t1`) and still lines up when displayed.
   */
  private tab(): void {
    if (this.pendingWrap) return;
    const next = Math.min(this.cols - 1, (Math.floor(this.x / 8) + 1) * 8);
    const r = this.row;
    while (r.length < this.x) r.push(' ');
    r[this.x] = '\t';
    for (let i = this.x + 1; i < next; i++) r[i] = '';
    this.x = next;
  }

  private escape(ch: string): void {
    this.esc += ch;
    const s = this.esc;
    if (s.length === 2 && ch !== '[' && ch !== ']') { this.esc = ''; return; }
    if (s[1] === ']') { if (ch === '\x07' || s.endsWith('\x1b\\')) this.esc = ''; return; }
    if (!/[@-~]/.test(ch) || s.length === 2) return;
    this.esc = '';
    const params = s.slice(2, -1);
    const n = Number(params.replace(/^\?/, '')) || 1;
    switch (ch) {
      case 'C': this.x = Math.min(this.cols - 1, this.x + n); this.pendingWrap = false; break;
      case 'D': this.x = Math.max(0, this.x - n); this.pendingWrap = false; break;
      case 'G': this.x = Math.min(this.cols - 1, n - 1); break;
      case 'K': if (params === '' || params === '0') this.row.length = Math.min(this.row.length, this.x); break;
      // Clear-screen is not replayed: a transcript keeps what scrolled by, like a terminal's scrollback.
      case 'H': if (params === '') this.x = 0; break;
      default: break;
    }
  }

  /** Every row as text; the last one is the partial line where the cursor is. */
  lines(): string[] { return this.rows.map((r) => r.join('')); }
}
