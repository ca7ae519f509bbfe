import { charWidth, utf8Length } from './width.ts';

/**
 * readline's redisplay (display.c), for an xterm with automatic margins: the line is laid out
 * into screen rows, each row is compared with what is on the screen, and only the difference is
 * sent, with the same choices readline makes (insert/delete-character, clear to end of line,
 * backspaces or CR + cursor-forward), so the bytes match what bash 5.2 sends in a UTF-8 locale.
 */

/** One screen cell's content. `s` is '' for a cell of the prompt (never redrawn); `hl` is readline's standout face (the active region after a paste). */
export interface Glyph { s: string; w: number; hl: boolean }

export interface Layout {
  rows: Glyph[][];
  /** wrapped[r]: spaces ending row r-1 because a wide character did not fit (_rl_wrapped_multicolumn). */
  wrapped: number[];
  cursor: [number, number];
}

const PROMPT_CELL: Glyph = { s: '', w: 1, hl: false };
const same = (a: Glyph, b: Glyph) => a.s === b.s && a.w === b.w && a.hl === b.hl;
const width = (gs: readonly Glyph[]) => gs.reduce((n, g) => n + g.w, 0);
const bytes = (gs: readonly Glyph[]) => gs.reduce((n, g) => n + utf8Length(g.s), 0);

/**
 * Prompt + line → screen rows, as rl_redisplay fills its invisible line: a row breaks when it is
 * full (so a line that exactly fills a row gets an empty next row, where the cursor goes), at a
 * newline, or before a wide character that does not fit (the row is padded with spaces). Tabs
 * expand to the next multiple of 8, control characters show as ^X.
 */
export function layout(promptWidth: number, text: readonly string[], point: number, region: readonly [number, number] | null, cols: number): Layout {
  const rows: Glyph[][] = [[]];
  const wrapped = [0];
  let col = 0;
  let cursor: [number, number] | null = null;
  const brk = () => { rows.push([]); wrapped.push(0); col = 0; };
  const add = (g: Glyph) => { rows[rows.length - 1].push(g); col += g.w; if (col >= cols) brk(); };
  for (let i = 0; i < promptWidth; i++) add(PROMPT_CELL);
  text.forEach((ch, i) => {
    const hl = region !== null && i >= region[0] && i < region[1];
    if (i === point) cursor = [rows.length - 1, col];
    const cp = ch.codePointAt(0)!;
    const row = rows[rows.length - 1];
    if (ch === '\n') brk();
    else if (ch === '\t') for (let n = 8 - (col % 8); n > 0; n--) add({ s: ' ', w: 1, hl });
    else if (cp < 0x20 || cp === 0x7f) {
      add({ s: '^', w: 1, hl });
      add({ s: cp === 0x7f ? '?' : String.fromCharCode(cp + 64), w: 1, hl });
    } else {
      const w = charWidth(ch);
      if (w === 0 && row.length && row[row.length - 1].s) {
        row[row.length - 1] = { ...row[row.length - 1], s: row[row.length - 1].s + ch };
        return;
      }
      if (col + w > cols) {
        const pad = cols - col;
        for (let n = pad; n > 0; n--) add({ s: ' ', w: 1, hl });
        wrapped[wrapped.length - 1] = pad;
        if (i === point) cursor = [rows.length - 1, 0];
      }
      add({ s: ch, w, hl });
    }
  });
  return { rows, wrapped, cursor: cursor ?? [rows.length - 1, col] };
}

export class Display {
  private rows: Glyph[][] = [[]];
  /** Cursor row and column; column === cols means xterm's pending wrap after the last column. */
  private r = 0;
  private c = 0;
  private out = '';

  constructor(public cols: number) {}

  take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  emit(s: string): void { this.out += s; }

  /** The prompt has just been written: the screen holds it and nothing else (rl_on_new_line_with_prompt). */
  reset(promptWidth: number, cols: number): void {
    this.cols = cols;
    const l = layout(promptWidth, [], 0, null, cols);
    this.rows = l.rows;
    [this.r, this.c] = l.cursor;
    if (this.c === 0 && this.r > 0) { this.rows.pop(); this.r--; this.c = cols; }
  }

  /** Record that `n` cells were written at the cursor outside of redisplay (the ^C echo). */
  advance(n: number): void { this.c = Math.min(this.cols, this.c + n); }

  get bottom(): number { return this.rows.length - 1; }

  /** rl_clear_visible_line: clear every row of the line, bottom up, ending in column 0 of the first. */
  clearVisible(): void {
    this.emit('\r');
    this.c = 0;
    this.moveVert(this.bottom);
    for (let r = this.r; r >= 0; r--) {
      this.moveVert(r);
      this.emit('\x1b[K\r');
    }
  }

  /** puts_face: write cells, turning standout on and off around highlighted runs. */
  private put(gs: readonly Glyph[]): void {
    let hl = false;
    for (const g of gs) {
      if (g.hl !== hl) { this.emit(g.hl ? '\x1b[7m' : '\x1b[27m'); hl = g.hl; }
      this.emit(g.s);
      this.c += g.w;
    }
    if (hl) this.emit('\x1b[27m');
  }

  /** _rl_move_vert: down with newline + CR (shown as the tty's ONLCR sends it), up with cursor-up. */
  moveVert(to: number): void {
    if (to === this.r) return;
    if (to > this.r) { this.emit('\r\n'.repeat(to - this.r) + '\r'); this.c = 0; }
    else this.emit('\x1b[A'.repeat(this.r - to));
    this.r = to;
  }

  /** _rl_move_cursor_relative: CR when the target is column 0, nearer to it, or the wrap is pending; then cursor-forward or backspaces. */
  moveCol(to: number): void {
    if (this.c === to) return;
    if (to === 0 || to + 1 < this.c - to || this.c === this.cols) { this.emit('\r'); this.c = 0; }
    if (this.c < to) this.emit('\x1b[C'.repeat(to - this.c));
    else if (this.c > to) this.emit('\b'.repeat(this.c - to));
    this.c = to;
  }

  /** rl_redisplay: update each row, clear rows no longer used, put the cursor where it belongs. */
  update(l: Layout): void {
    const inv = l.rows.length - 1;
    const vis = this.rows.length - 1;
    for (let r = 0; r <= inv; r++) this.updateLine(r, r <= vis ? this.rows[r] : [], l.rows[r], inv, vis, l.wrapped);
    for (let r = inv + 1; r <= vis; r++) { this.moveVert(r); this.moveCol(0); this.emit('\x1b[K'); }
    this.moveVert(l.cursor[0]);
    this.moveCol(l.cursor[1]);
    this.rows = l.rows;
  }

  /** update_line (multibyte branch), including its quirks (a common tail is only kept if it contains a space). */
  private updateLine(r: number, o: Glyph[], n: Glyph[], inv: number, vis: number, wrapped: number[]): void {
    const cols = this.cols;
    if (this.c === cols && this.r === r - 1) {
      // At the right edge with the wrap pending: write the first character of the new row to wrap.
      if (wrapped[r] > 0) this.emit('\x1b[K');
      let ob = o.length ? 1 : 0;
      let nb = n.length ? 1 : 0;
      let ow = ob ? o[0].w : 0;
      let nw = nb ? n[0].w : 0;
      while (nb < n.length && nw < ow) nw += n[nb++].w;
      while (ob < o.length && ow < nw) ow += o[ob++].w;
      this.r = r;
      this.c = 0;
      if (nw > 0) {
        this.put(n.slice(0, nb));
        if (nw !== ow || bytes(n.slice(0, nb)) > bytes(o.slice(0, ob))) {
          // "dumb update": write the rest of the row.
          this.put(n.slice(nb));
          if (bytes(n) < bytes(o)) this.clearRest(r, o, n, inv);
          return;
        }
        if (ob && nb) o = [...n.slice(0, nb), ...o.slice(ob)];
      } else {
        this.emit(' ');
        this.c = 1;
      }
    }
    let f = 0;
    while (f < o.length && f < n.length && same(o[f], n[f])) f++;
    if (f === o.length && f === n.length) return;
    let ols = o.length - 1;
    let nls = n.length - 1;
    let wsatend = true;
    while (ols > f && nls > f && same(o[ols], n[nls])) {
      if (o[ols].s === ' ') wsatend = false;
      ols--;
      nls--;
    }
    if (wsatend) { ols = o.length; nls = n.length; }
    else if (!same(o[ols], n[nls])) { ols++; nls++; }

    this.moveVert(r);
    this.moveCol(width(o.slice(0, f)));
    const lendiff = bytes(n.slice(f, nls)) - bytes(o.slice(f, ols));
    const colLendiff = width(n.slice(f, nls)) - width(o.slice(f, ols));
    const temp = n.slice(f);
    const colTemp = width(temp);
    const insert = n.slice(f, nls);
    if (colLendiff > 0) {
      const growing = r >= vis && inv > vis;
      if (lendiff >= 0 && 2 * colTemp >= colLendiff && !growing && ols < o.length) {
        this.emit(`\x1b[${colLendiff}@`);
        this.put(insert);
      } else {
        this.put(temp);
      }
    } else if (2 * colTemp >= -colLendiff) {
      if (colLendiff && -colLendiff <= cols) this.emit(`\x1b[${-colLendiff}P`);
      if (insert.length) {
        this.put(insert);
        if (this.c === cols && insert[insert.length - 1].s !== ' ') wrapped[r + 1] = 0;
      }
    } else {
      this.put(temp);
      this.clearRest(r, o, n, inv);
    }
  }

  /** clear_rest_of_line: blank what the old row had beyond the new one. */
  private clearRest(r: number, o: Glyph[], n: Glyph[], inv: number): void {
    const d = width(o) - width(n);
    if (d === 0 || this.c >= this.cols) return;
    if (r < inv) { if (d > 0) { this.emit(' '.repeat(d)); this.c += d; } }
    else this.emit('\x1b[K');
  }

  /**
   * _rl_update_final, on accept-line: go below the line, then CRLF. When the cursor sits alone on
   * an empty last row, the full row above gets its last cell re-drawn instead, so xterm drops its
   * wrap flag. readline compares that row's length in bytes with the width, so rows holding
   * multibyte characters skip this.
   */
  final(): void {
    const len = (row: Glyph[]) => row.reduce((n, g) => n + (g.s ? utf8Length(g.s) : 1), 0);
    let bot = this.rows.length - 1;
    let full = false;
    if (bot > 0 && this.c === 0 && this.rows[bot].length === 0) { bot--; full = true; }
    this.moveVert(bot);
    const row = this.rows[bot];
    if (full && len(row) === this.cols) {
      this.moveCol(this.cols - 1);
      this.emit('\x1b[K');
      this.put(row.slice(-1));
    }
    if (len(row) > 0 || this.c > 0) this.emit('\r\n');
    this.rows = [[]];
    this.r = 0;
    this.c = 0;
  }
}
