/**
 * GNU ls's multi-column layout (ls.c calculate_columns / print_many_per_line / print_horizontal):
 * the most columns whose widths (longest cell + 2, the last column without the 2) fit in fewer than
 * `lineLength` characters; filled down the columns (-C) or across the rows (-x). Gaps are made of
 * tabs where a tab stop (every `tabsize`, 0 = spaces only) lands no further than the next column.
 */
export interface ColumnOptions {
  lineLength: number;
  /** -C (true, the default) or -x (false). */
  byColumns?: boolean;
  tabsize?: number;
}

const MIN_COLUMN_WIDTH = 3;

/** The number of columns and each column's width for `widths` (display widths of the cells). */
export function columnLayout(widths: number[], lineLength: number, byColumns = true): { cols: number; colWidths: number[] } {
  const n = widths.length;
  let maxIdx = Math.floor(lineLength / MIN_COLUMN_WIDTH) + (lineLength % MIN_COLUMN_WIDTH !== 0 ? 1 : 0);
  if (maxIdx === 0) maxIdx = 1;
  const maxCols = maxIdx < n ? maxIdx : n;
  const info = Array.from({ length: maxCols }, (_, i) => ({
    valid: true, lineLen: (i + 1) * MIN_COLUMN_WIDTH, colArr: new Array<number>(i + 1).fill(MIN_COLUMN_WIDTH),
  }));
  for (let f = 0; f < n; f++) {
    for (let i = 0; i < maxCols; i++) {
      const ci = info[i];
      if (!ci.valid) continue;
      const idx = byColumns ? Math.floor(f / Math.floor((n + i) / (i + 1))) : f % (i + 1);
      const real = widths[f] + (idx === i ? 0 : 2);
      if (ci.colArr[idx] < real) {
        ci.lineLen += real - ci.colArr[idx];
        ci.colArr[idx] = real;
        ci.valid = ci.lineLen < lineLength;
      }
    }
  }
  let cols = maxCols;
  while (cols > 1 && !info[cols - 1].valid) cols--;
  return { cols: Math.max(cols, 1), colWidths: info[Math.max(cols, 1) - 1]?.colArr ?? [0] };
}

/** ls's indent(): move from column `from` to `to` with tabs and spaces. */
export function indent(from: number, to: number, tabsize: number): string {
  let s = '';
  while (from < to) {
    if (tabsize !== 0 && Math.floor(to / tabsize) > Math.floor((from + 1) / tabsize)) {
      s += '\t';
      from += tabsize - (from % tabsize);
    } else {
      s += ' ';
      from++;
    }
  }
  return s;
}

/** Lay out cells (already quoted/decorated text) with their display widths. */
export function formatColumns(cells: string[], widths: number[], opts: ColumnOptions): string {
  const n = cells.length;
  if (n === 0) return '';
  const byColumns = opts.byColumns ?? true;
  const tabsize = opts.tabsize ?? 8;
  const { cols, colWidths } = columnLayout(widths, opts.lineLength, byColumns);
  let out = '';
  if (byColumns) {
    const rows = Math.floor(n / cols) + (n % cols !== 0 ? 1 : 0);
    for (let row = 0; row < rows; row++) {
      let col = 0, pos = 0;
      for (let f = row; ; ) {
        const max = colWidths[col++];
        out += cells[f];
        const w = widths[f];
        f += rows;
        if (f >= n) break;
        out += indent(pos + w, pos + max, tabsize);
        pos += max;
      }
      out += '\n';
    }
    return out;
  }
  let pos = 0;
  for (let f = 0; f < n; f++) {
    const col = f % cols;
    if (f !== 0) {
      if (col === 0) { out += '\n'; pos = 0; } else {
        const prevMax = colWidths[(f - 1) % cols];
        out += indent(pos + widths[f - 1], pos + prevMax, tabsize);
        pos += prevMax;
      }
    }
    out += cells[f];
  }
  return out + '\n';
}
