import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/**
 * The parts of libsmartcols (util-linux 2.38) that lsns and findmnt print through: column widths,
 * tree art, raw and JSON output, and the terminal-width reduction of truncatable columns.
 *
 * Widths follow count_column_width(): the widest cell (tree art included), at least the header; a
 * column narrower than an absolute width hint (≥ 1) whose header is also narrower is widened to the
 * hint — which is why lsns prints `  PID` once a 4-digit pid is listed but `PID` for 2-digit pids.
 * Columns are separated by one space and the last column is never padded.
 */
export interface ColumnSpec {
  name: string;
  /** Width hint: ≥ 1 absolute, < 1 a fraction of the terminal width (libsmartcols whint). */
  whint?: number;
  right?: boolean;
  /** SCOLS_FL_TRUNC: may be cut to fit the terminal. */
  trunc?: boolean;
  /** SCOLS_FL_TREE: carries the tree art. */
  tree?: boolean;
  /** JSON value type (SCOLS_JSON_NUMBER prints unquoted). */
  json?: 'string' | 'number';
}

export interface Line {
  cells: Array<string | undefined>;
  parent: Line | null;
  children: Line[];
}

export interface RenderOptions {
  raw?: boolean;
  json?: boolean;
  noHeadings?: boolean;
  /** Terminal width when stdout is a terminal; undefined for a pipe (no truncation). */
  termWidth?: number;
  /** Name of the JSON array ("namespaces", "filesystems"). */
  name?: string;
}

const VERT = '│ ', BRANCH = '├─', RIGHT = '└─', SPACE = '  ';

/** Display width: our data has no wide characters, and the box-drawing art is one cell each. */
export function width(s: string): number { return [...s].length; }

function cut(s: string, w: number): string { return [...s].slice(0, w).join(''); }

export class Table {
  readonly roots: Line[] = [];
  private readonly all: Line[] = [];
  constructor(readonly columns: ColumnSpec[]) {}

  newLine(parent: Line | null = null): Line {
    const line: Line = { cells: [], parent, children: [] };
    (parent ? parent.children : this.roots).push(line);
    this.all.push(line);
    return line;
  }

  get isTree(): boolean { return this.columns.some((c) => c.tree); }

  /** Lines in print order: table order, or depth-first when a column is a tree. */
  private ordered(): Line[] {
    if (!this.isTree) return this.all;
    const out: Line[] = [];
    const walk = (l: Line) => { out.push(l); l.children.forEach(walk); };
    this.roots.forEach(walk);
    return out;
  }

  /** The art drawn before a tree cell: one `│ `/`  ` per ancestor level, then `├─`/`└─`. */
  private art(line: Line): string {
    if (!line.parent) return '';
    const siblings = line.parent.children;
    let s = siblings[siblings.length - 1] === line ? RIGHT : BRANCH;
    for (let l = line.parent; l.parent; l = l.parent) {
      const sib = l.parent.children;
      s = (sib[sib.length - 1] === l ? SPACE : VERT) + s;
    }
    return s;
  }

  render(opts: RenderOptions = {}): string {
    if (opts.json) return this.renderJson(opts.name ?? 'table');
    const lines = this.ordered();
    const cellText = (l: Line, i: number) => {
      const data = l.cells[i] ?? '';
      return this.columns[i].tree && !opts.raw ? this.art(l) + data : data;
    };
    if (opts.raw) {
      const rows = opts.noHeadings ? [] : [this.columns.map((c) => rawEscape(c.name))];
      for (const l of lines) rows.push(this.columns.map((_, i) => rawEscape(l.cells[i] ?? '')));
      return rows.map((r) => r.join(' ') + '\n').join('');
    }
    const n = this.columns.length;
    const widths = this.columns.map((c, i) => {
      const min = width(c.name);
      const data = Math.max(0, ...lines.map((l) => width(cellText(l, i))));
      if (data < min) return min;
      if (c.whint !== undefined && c.whint >= 1 && data < c.whint && min < c.whint) return c.whint;
      return data;
    });
    const minWidths = this.columns.map((c) => width(c.name));
    if (opts.termWidth !== undefined) this.fitTerminal(widths, minWidths, opts.termWidth);
    const fmt = (texts: string[]) => {
      let s = '';
      for (let i = 0; i < n; i++) {
        const c = this.columns[i];
        let t = texts[i];
        if (opts.termWidth !== undefined && width(t) > widths[i] && c.trunc) t = cut(t, widths[i]);
        const pad = ' '.repeat(Math.max(0, widths[i] - width(t)));
        const last = i === n - 1;
        s += c.right ? pad + t : last ? t : t + pad;
        if (!last) s += ' ';
      }
      return s + '\n';
    };
    let out = opts.noHeadings ? '' : fmt(this.columns.map((c) => c.name));
    for (const l of lines) out += fmt(this.columns.map((_, i) => cellText(l, i)));
    return out;
  }

  /**
   * __scols_calculate() on a terminal: a narrower table gives its last (left-aligned) column the rest
   * of the line; a wider one is reduced in three stages, one cell per column per pass, left to right —
   * (1) truncatable columns with a relative hint while wider than their share of the terminal,
   * (2) all truncatable columns, (3) relative-hint columns without the flag — never below the header.
   */
  private fitTerminal(widths: number[], minWidths: number[], term: number): void {
    let w = widths.reduce((a, b) => a + b, 0) + widths.length - 1;
    const last = widths.length - 1;
    if (w < term) {
      if (!this.columns[last].right) widths[last] += term - w;
      return;
    }
    for (let stage = 1; w > term && stage <= 3;) {
      const before = w;
      for (let i = 0; i < widths.length && w > term; i++) {
        const c = this.columns[i];
        if (widths[i] <= minWidths[i]) continue;
        const relative = c.whint !== undefined && c.whint > 0 && c.whint < 1;
        const ok = stage === 1 ? c.trunc && relative && widths[i] >= Math.floor(c.whint! * term)
          : stage === 2 ? c.trunc : relative;
        if (!ok) continue;
        widths[i]--;
        w--;
      }
      if (w === before) stage++;
    }
  }

  /** libsmartcols JSON: 3-space indents, siblings joined by `},{`, tree children in "children". */
  private renderJson(name: string): string {
    const keys = this.columns.map((c) => c.name.toLowerCase());
    const obj = (l: Line, depth: number): string => {
      const ind = '   '.repeat(depth + 1);
      const fields = this.columns.map((c, i) => {
        const v = l.cells[i];
        const val = v === undefined || v === '' ? 'null' : c.json === 'number' ? v : JSON.stringify(v);
        return `${ind}"${keys[i]}": ${val}`;
      });
      if (this.isTree && l.children.length) fields.push(`${ind}"children": [\n${arr(l.children, depth + 2)}\n${ind}]`);
      return `${fields.join(',\n')}`;
    };
    const arr = (ls: Line[], depth: number): string => {
      const ind = '   '.repeat(depth);
      return `${ind}{\n${ls.map((l) => obj(l, depth)).join(`\n${ind}},{\n`)}\n${ind}}`;
    };
    const top = this.isTree ? this.roots : this.all;
    const body = top.length ? `\n${arr(top, 2)}\n   ` : '';
    return `{\n   "${name}": [${body}]\n}\n`;
  }
}

/** Raw output escapes blanks and unprintable bytes as \xHH, and a `\` that starts `\x` (mbs_safe_encode). */
function rawEscape(s: string): string {
  return s.replace(/[\s\x00-\x1f\x7f]|\\(?=x)/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** libsmartcols' idea of the terminal: only when stdout is a tty; ioctl size, else $COLUMNS, else 80. */
export function scolsTermWidth(sys: SysApi, env: Map<string, string>): number | undefined {
  if (!sys.isatty(1)) return undefined;
  try {
    const cols = sys.getWinsize(1).cols;
    if (cols > 0) return cols;
  } catch { /* fall back to $COLUMNS */ }
  const c = Number(env.get('COLUMNS'));
  return Number.isInteger(c) && c > 0 ? c : 80;
}
