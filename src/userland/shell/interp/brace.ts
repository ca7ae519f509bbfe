import type { Word, WordPart } from '../ast.ts';

/**
 * Brace expansion, bash's first expansion (braces.c): `a{b,c}d` → `abd acd`, `{1..10..3}`,
 * `{a..e}`, `{01..10}`, nested `{x,{y,z}}`. Only braces and commas written bare take part: quoted or
 * escaped ones, and those inside `$…` expansions, are plain text. A brace pair with neither a
 * top-level comma nor a valid sequence stays as written (`{a}`, `{}`, `{1..x}`).
 */
export function braceExpand(w: Word): Word[] {
  if (!w.parts.some((p) => p.type === 'literal' && !p.quoted && p.text.includes('{'))) return [w];
  const toks: Tok[] = [];
  for (const p of w.parts) {
    if (p.type === 'literal' && !p.quoted) for (const ch of p.text) toks.push(ch);
    else toks.push(p);
  }
  const out = expand(toks);
  if (out.length === 1) return [w];
  return out.map((seq) => ({ text: w.text, parts: toParts(seq) }));
}

/** A bare character, or a part that brace expansion never looks inside. */
type Tok = string | WordPart;

/** Bash limits nothing here but memory; a cap keeps `{1..99999999}` from taking the tab down. */
const BRACE_MAX_WORDS = 1 << 16;

/** Reported as bash's mkseq reports a failed allocation. */
export class BraceTooLarge extends Error {
  constructor(readonly elements: number) { super(`brace expansion: failed to allocate memory for ${elements} elements`); }
}

function expand(toks: Tok[]): Tok[][] {
  for (let open = 0; open < toks.length; open++) {
    if (toks[open] !== '{') continue;
    const close = matching(toks, open);
    if (close < 0) return [toks];
    const inner = toks.slice(open + 1, close);
    const alts = alternatives(inner) ?? sequence(inner);
    if (!alts) continue; // not an expansion: this `{` is literal, look for the next one
    const pre = toks.slice(0, open);
    const posts = expand(toks.slice(close + 1));
    const out: Tok[][] = [];
    for (const alt of alts) {
      for (const a of expand(alt)) {
        for (const post of posts) {
          out.push([...pre, ...a, ...post]);
          if (out.length > BRACE_MAX_WORDS) throw new BraceTooLarge(alts.length * posts.length * out.length);
        }
      }
    }
    return out;
  }
  return [toks];
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function matching(toks: Tok[], open: number): number {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    if (toks[i] === '{') depth++;
    else if (toks[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The comma-separated alternatives at depth 0, or null when there is no top-level comma. */
function alternatives(inner: Tok[]): Tok[][] | null {
  const alts: Tok[][] = [[]];
  let depth = 0;
  for (const t of inner) {
    if (t === '{') depth++;
    else if (t === '}') depth--;
    if (t === ',' && depth === 0) alts.push([]);
    else alts[alts.length - 1].push(t);
  }
  return alts.length > 1 ? alts : null;
}

/** `x..y[..incr]` over integers or single letters (bash's mkseq), or null. */
function sequence(inner: Tok[]): Tok[][] | null {
  if (inner.some((t) => typeof t !== 'string')) return null;
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(inner.join(''));
  if (!m) return null;
  const [, from, to, incrText] = m;
  const numeric = /\d/.test(from);
  if (numeric !== /\d/.test(to)) return null;
  const step = Math.abs(Number(incrText ?? 1)) || 1;
  const a = numeric ? Number(from) : from.charCodeAt(0);
  const b = numeric ? Number(to) : to.charCodeAt(0);
  const count = Math.floor(Math.abs(b - a) / step) + 1;
  if (count > BRACE_MAX_WORDS) throw new BraceTooLarge(count);
  // {01..10}: when either end is written with a leading zero, every number is padded to the widest.
  const padded = numeric && [from, to].some((s) => /^-?0\d/.test(s));
  const width = padded ? Math.max(from.length, to.length) : 0;
  const dir = b >= a ? 1 : -1;
  const out: Tok[][] = [];
  for (let v = a; dir > 0 ? v <= b : v >= b; v += dir * step) {
    const text = numeric ? pad(v, width) : String.fromCharCode(v);
    out.push([...text]);
  }
  return out;
}

function pad(v: number, width: number): string {
  const digits = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
  return v < 0 ? `-${digits}` : digits;
}

function toParts(seq: Tok[]): WordPart[] {
  const parts: WordPart[] = [];
  for (const t of seq) {
    const last = parts[parts.length - 1];
    if (typeof t !== 'string') parts.push(t);
    else if (last?.type === 'literal' && !last.quoted) last.text += t;
    else parts.push({ type: 'literal', text: t, quoted: false });
  }
  // An alternative that expands to nothing (`x{,y}`'s first word) is still a word: bash drops it
  // only when the whole word is empty, which expandWords does for an empty unquoted field.
  if (!parts.length) parts.push({ type: 'literal', text: '', quoted: false });
  return parts;
}
