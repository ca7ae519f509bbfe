/**
 * ss's output engine (misc/ss.c: out, field_flush, render_calc_width, render). Cells are buffered per
 * column; widths come from the longest cell measured when a field is flushed — the Process cell of
 * the last row never is — then either printed compactly (stdout not a terminal) or spread to the
 * terminal's width, breaking a row into several lines when the columns do not fit.
 */
export interface Column { align: 'left' | 'right'; header: string; ldelim: string; disabled: boolean }

export const COLS = {
  NETID: 0, STATE: 1, RECVQ: 2, SENDQ: 3, ADDR: 4, SERV: 5, RADDR: 6, RSERV: 7, PROC: 8, EXT: 9,
} as const;

export function makeColumns(): Column[] {
  return [
    { align: 'left', header: 'Netid', ldelim: '', disabled: false },
    { align: 'left', header: 'State', ldelim: ' ', disabled: false },
    { align: 'left', header: 'Recv-Q', ldelim: ' ', disabled: false },
    { align: 'left', header: 'Send-Q', ldelim: ' ', disabled: false },
    { align: 'right', header: 'Local Address:', ldelim: ' ', disabled: false },
    { align: 'left', header: 'Port', ldelim: '', disabled: false },
    { align: 'right', header: 'Peer Address:', ldelim: ' ', disabled: false },
    { align: 'left', header: 'Port', ldelim: '', disabled: false },
    { align: 'left', header: 'Process', ldelim: '', disabled: false },
    { align: 'left', header: '', ldelim: '', disabled: false },
  ];
}

/** A row is one cell per column (undefined for columns the row never reached). */
export type Row = Array<string | undefined>;

export function render(cols: Column[], rows: Row[], screenWidth: number | null): string {
  // Measure as field_flush does: every cell but the last one of the last row.
  const maxLen = cols.map(() => 0);
  rows.forEach((row, r) => {
    const last = r === rows.length - 1 ? lastIndex(row) : -1;
    row.forEach((text, c) => {
      if (cols[c].disabled || text === undefined || c === last) return;
      if (text.length > maxLen[c]) maxLen[c] = text.length;
    });
  });
  const width = calcWidths(cols, maxLen, screenWidth);
  let out = '';
  let lineStarted = false;
  let printed = 0;
  let f = 0;
  const eol = () => { out += '\n'; lineStarted = false; };
  while (f < cols.length && !width[f]) f++;
  // The cells in output order (row by row, column by column), as the buffered tokens are printed.
  for (const row of rows) {
    for (let col = 0; col < row.length; col++) {
      const text = row[col];
      if (cols[col].disabled || text === undefined) continue;
      while (f !== col) f = nextField(cols, f, eol);
      const c = cols[f];
      printed = 0;
      if (lineStarted) { out += c.ldelim; printed = c.ldelim.length; }
      lineStarted = true;
      if (width[f] && c.align === 'right') {
        const s = width[f] - text.length - printed;
        if (s > 0) { out += spaces(s); printed += s; }
      }
      out += text;
      printed += text.length;
      if (width[f] && c.align === 'left') {
        const s = width[f] - printed;
        if (s > 0) out += spaces(s);
      }
      f = nextField(cols, f, eol);
    }
  }
  if (lineStarted) out += '\n';
  return out;
}

/** Padding runs, made once per length (every row pads its columns to the same widths). */
const SPACE_RUNS: string[] = [];
function spaces(n: number): string {
  return SPACE_RUNS[n] ??= ' '.repeat(n);
}

function lastIndex(row: Row): number {
  for (let i = row.length - 1; i >= 0; i--) if (row[i] !== undefined) return i;
  return -1;
}

function nextField(cols: Column[], f: number, eol: () => void): number {
  do {
    if (f === cols.length - 1) { eol(); f = 0; } else f++;
  } while (cols[f].disabled);
  return f;
}

/** render_calc_width. */
function calcWidths(cols: Column[], maxLen: number[], screen: number | null): number[] {
  const compact = screen === null;
  const W = screen ?? Number.MAX_SAFE_INTEGER;
  const width = cols.map(() => 0);
  let first = true;
  cols.forEach((c, i) => {
    if (c.disabled) return;
    width[i] = !first && maxLen[i] ? maxLen[i] + c.ldelim.length : maxLen[i];
    width[i] = Math.min(width[i], W);
    if (width[i]) first = false;
  });
  if (compact) return width;
  let len = 0;
  let linecols = 0;
  let eol = -1;
  for (let c = 0; c < cols.length; c++) {
    if (!width[c]) continue;
    linecols++;
    len += width[c];
    let last = true;
    for (let t = c + 1; t < cols.length; t++) if (width[t]) { last = false; break; }
    if (!last && len < W) continue;
    if (len !== W) {
      if (len > W) { len -= width[c]; c--; linecols--; }
      const pad = W - len;
      const spacing = linecols ? Math.floor(pad / linecols) : 0;
      let rem = linecols ? pad % linecols : 0;
      for (let t = c; t > eol; t--) {
        if (!width[t]) continue;
        width[t] += spacing;
        if (rem) { width[t]++; rem--; }
      }
    }
    eol = c;
    len = 0;
    linecols = 0;
  }
  return width;
}
