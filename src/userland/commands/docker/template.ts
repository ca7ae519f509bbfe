import { goJsonCompact } from './out.ts';

/**
 * A subset of Go's text/template, enough for the `--format` strings people type:
 * `{{.State.Pid}}`, `{{json .Mounts}}`, `{{index .Config.Env 0}}`, `{{range .Mounts}}…{{end}}`,
 * `{{range $k, $v := .NetworkSettings.Networks}}…{{end}}`, `{{if .State.Running}}…{{else}}…{{end}}`,
 * `{{join .Args " "}}`, `{{upper …}}`, `{{lower …}}`, `{{len …}}`, `{{println …}}`.
 * Values print as Go's fmt %v does: slices `[a b]`, maps `map[k:v]`, missing keys `<no value>`.
 */
type Node = { t: 'text'; s: string } | { t: 'act'; e: string } | { t: 'range' | 'if' | 'with'; e: string; body: Node[]; alt: Node[] };

export class TemplateError extends Error {}

const SLICE_FIELDS = new Set(['Binds', 'CapAdd', 'CapDrop', 'Links', 'Dns', 'DnsOptions', 'DnsSearch', 'ExecIDs', 'Cmd', 'Entrypoint', 'Env', 'Args', 'Mounts', 'Aliases', 'DNSNames', 'RepoTags', 'RepoDigests']);
const MAP_FIELDS = new Set(['Labels', 'Tmpfs', 'Ports', 'Volumes', 'ExposedPorts', 'Options', 'Networks', 'Containers']);

function parse(src: string): Node[] {
  const tokens: Array<{ text?: string; act?: string }> = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) { tokens.push({ text: src.slice(i) }); break; }
    if (open > i) tokens.push({ text: src.slice(i, open) });
    const close = src.indexOf('}}', open);
    if (close < 0) throw new TemplateError('template: :1: unclosed action');
    let act = src.slice(open + 2, close);
    if (act.startsWith('-')) { act = act.slice(1); const last = tokens[tokens.length - 1]; if (last?.text !== undefined) last.text = last.text.trimEnd(); }
    let next = close + 2;
    if (act.endsWith('-')) { act = act.slice(0, -1); while (next < src.length && /\s/.test(src[next])) next++; }
    tokens.push({ act: act.trim() });
    i = next;
  }
  let pos = 0;
  const block = (stop: string[]): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const tk = tokens[pos++];
      if (tk.text !== undefined) { nodes.push({ t: 'text', s: tk.text }); continue; }
      const a = tk.act!;
      const kw = a.split(/\s+/)[0];
      if (stop.includes(kw)) return { nodes, end: kw };
      if (kw === 'range' || kw === 'if' || kw === 'with') {
        const body = block(['end', 'else']);
        const alt = body.end === 'else' ? block(['end']).nodes : [];
        nodes.push({ t: kw, e: a.slice(kw.length).trim(), body: body.nodes, alt });
      } else if (kw === 'end' || kw === 'else') throw new TemplateError(`template: :1: unexpected {{${kw}}}`);
      else nodes.push({ t: 'act', e: a });
    }
    if (stop.length) throw new TemplateError('template: :1: unexpected EOF');
    return { nodes, end: '' };
  };
  return block([]).nodes;
}

/** Tokens of a pipeline command: words, quoted strings, parenthesised sub-expressions. */
function words(e: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|`([^`]*)`|\(([^)]*)\)|(\S+)/g;
  for (let m = re.exec(e); m; m = re.exec(e)) out.push(m[1] !== undefined ? `"${m[1]}` : m[2] !== undefined ? `"${m[2]}` : m[3] !== undefined ? `(${m[3]}` : m[4]);
  return out;
}

interface Scope { dot: unknown; root: unknown; vars: Map<string, unknown> }

function field(v: unknown, path: string): unknown {
  let cur = v;
  for (const k of path.split('.').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const rec = cur as Record<string, unknown>;
    if (!(k in rec)) return undefined;
    cur = rec[k];
    if (cur === null && SLICE_FIELDS.has(k)) cur = [];
    else if (cur === null && MAP_FIELDS.has(k)) cur = {};
  }
  return cur;
}

function value(w: string, s: Scope): unknown {
  if (w.startsWith('"')) return w.slice(1).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\"/g, '"');
  if (w.startsWith('(')) return pipeline(w.slice(1), s);
  if (/^-?\d+$/.test(w)) return Number(w);
  if (w === 'true' || w === 'false') return w === 'true';
  if (w === '.') return s.dot;
  if (w.startsWith('$')) {
    const dot = w.indexOf('.');
    const name = dot < 0 ? w : w.slice(0, dot);
    const base = name === '$' ? s.root : s.vars.get(name);
    return dot < 0 ? base : field(base, w.slice(dot));
  }
  if (w.startsWith('.')) return field(s.dot, w);
  throw new TemplateError(`template: :1: function "${w}" not defined`);
}

const FUNCS: Record<string, (...a: unknown[]) => unknown> = {
  json: (v) => goJsonCompact(v),
  index: (v, ...keys) => keys.reduce((cur: unknown, k) => (cur === null || cur === undefined ? undefined : (cur as Record<string, unknown>)[String(k)]), v),
  join: (v, sep) => (Array.isArray(v) ? v.map((x) => fmt(x)).join(String(sep)) : fmt(v)),
  upper: (v) => fmt(v).toUpperCase(),
  lower: (v) => fmt(v).toLowerCase(),
  title: (v) => fmt(v).replace(/\b\w/g, (c) => c.toUpperCase()),
  len: (v) => (Array.isArray(v) ? v.length : typeof v === 'string' ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  println: (...a) => `${a.map(fmt).join(' ')}\n`,
  print: (...a) => a.map(fmt).join(''),
  split: (v, sep) => fmt(v).split(String(sep)),
  truncate: (v, n) => fmt(v).slice(0, Number(n)),
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  not: (a) => !truthy(a),
};

function pipeline(e: string, s: Scope): unknown {
  let prev: unknown = undefined;
  let first = true;
  for (const cmd of e.split(/\s\|\s/)) {
    const w = words(cmd.trim());
    if (!w.length) throw new TemplateError('template: :1: missing value for command');
    const fn = Object.prototype.hasOwnProperty.call(FUNCS, w[0]) ? FUNCS[w[0]] : undefined;
    const args = w.slice(fn ? 1 : 0).map((x) => value(x, s));
    if (!first) args.push(prev);
    prev = fn ? fn(...args) : args[0];
    first = false;
  }
  return prev;
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v;
}

/** fmt %v of a JSON value. */
export function fmt(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(fmt).join(' ')}]`;
  if (typeof v === 'object') {
    return `map[${Object.keys(v as object).sort().map((k) => `${k}:${fmt((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

function exec(nodes: Node[], s: Scope): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'act') {
      const asg = /^(\$\w+)\s*:=\s*(.*)$/.exec(n.e);
      if (asg) s.vars.set(asg[1], pipeline(asg[2], s));
      else out += fmt(pipeline(n.e, s));
    } else if (n.t === 'if') out += exec(truthy(pipeline(n.e, s)) ? n.body : n.alt, s);
    else if (n.t === 'with') {
      const v = pipeline(n.e, s);
      out += truthy(v) ? exec(n.body, { ...s, dot: v }) : exec(n.alt, s);
    } else {
      const m = /^(?:(\$\w+)(?:\s*,\s*(\$\w+))?\s*:=\s*)?(.*)$/.exec(n.e)!;
      const v = pipeline(m[3], s);
      const items: Array<[unknown, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]) : [];
      if (!items.length) { out += exec(n.alt, s); continue; }
      for (const [k, x] of items) {
        const vars = new Map(s.vars);
        if (m[1] && m[2]) { vars.set(m[1], k); vars.set(m[2], x); } else if (m[1]) vars.set(m[1], x);
        out += exec(n.body, { dot: x, root: s.root, vars });
      }
    }
  }
  return out;
}

export function compileTemplate(src: string): (data: unknown) => string {
  const nodes = parse(src);
  return (data) => exec(nodes, { dot: data, root: data, vars: new Map() });
}
