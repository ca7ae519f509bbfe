/**
 * Word reading: quotes, escapes and tilde prefixes. `$`-expansions and
 * backquotes live in expansions.ts. Every reader advances `cur.pos`.
 */
import type { Word, WordPart } from './ast.ts';
import { ShellNestingError, ShellSyntaxError, unmatched } from './errors.ts';
import { readBacktick, readDollar, substAt } from './expansions.ts';
import { Cursor, type State } from './lexer.ts';

/** Builds a part list, merging adjacent literals of the same quotedness. */
export class Parts {
  parts: WordPart[] = [];
  lit(text: string, quoted: boolean): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.type === 'literal' && last.quoted === quoted) last.text += text;
    else this.parts.push({ type: 'literal', text, quoted });
  }
  push(p: WordPart): void {
    this.parts.push(p);
  }
}

// Char classes for codes < 128: 1 = metachar (ends an unquoted word), 2 = starts a quote/expansion.
const CLASS = new Uint8Array(128);
for (const c of ' \t\n|&;()<>') CLASS[c.charCodeAt(0)] = 1;
for (const c of '\\\'"$`') CLASS[c.charCodeAt(0)] = 2;

export function isMeta(c: number): boolean {
  return c < 128 && CLASS[c] === 1;
}

/**
 * Read one unquoted-context word at cur.pos (which is not a metachar).
 * In `regex` mode (right side of `[[ x =~ re ]]`) bash also lets `|` and
 * parenthesised groups (which may contain blanks and `<>&;`) into the word.
 */
export function readWord(cur: Cursor, regex = false): Word {
  const s = cur.text;
  const start = cur.pos;
  const b = new Parts();
  let depth = 0;
  while (cur.pos < s.length) {
    const i = cur.pos;
    const c = s.charCodeAt(i);
    const cls = c < 128 ? CLASS[c] : 0;
    if (cls === 1) {
      if ((c === 60 || c === 62) && s[i + 1] === '(') {
        // `<(cmd)` and `>(cmd)` are process substitutions anywhere in a word (`a<(x)` too).
        const r = substAt(cur, i + 2);
        b.push({ type: 'procsubst', op: c === 60 ? '<' : '>', script: r.script });
        cur.pos = r.end;
        continue;
      }
      if (!regex) break;
      if (c === 40) depth++;
      else if (c === 41) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && c !== 124) break;
      b.lit(s[i]!, false);
      cur.pos++;
    } else if (cls === 0) {
      let j = i + 1;
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (d < 128 && CLASS[d] !== 0) break;
        j++;
      }
      b.lit(s.slice(i, j), false);
      cur.pos = j;
    } else if (c === 92) {
      if (cur.continuation(i)) {
        cur.pos += 2;
        continue;
      }
      // An escaped char is quoted; take a whole surrogate pair if there is one.
      const cp = s.codePointAt(i + 1)!;
      const ch = String.fromCodePoint(cp);
      // `bash -c 'echo \'`: the backslash before the final (virtual) newline stays literal.
      if (ch === '\n') {
        b.lit('\\', true);
        cur.pos++;
      } else {
        b.lit(ch, true);
        cur.pos += 1 + ch.length;
      }
    } else if (c === 39) readSingle(cur, b);
    else if (c === 34) readDouble(cur, b);
    else if (c === 36) readDollar(cur, b, false);
    else readBacktick(cur, b, false);
  }
  return { text: s.slice(start, cur.pos), parts: tilde(b.parts, false) };
}

/** `'...'`: everything literal up to the next `'`. */
export function readSingle(cur: Cursor, b: Parts): void {
  const open = cur.pos;
  const close = cur.text.indexOf("'", open + 1);
  if (close < 0) throw unmatched("'", cur.lineAt(open));
  b.lit(cur.text.slice(open + 1, close), true);
  cur.pos = close + 1;
}

/** `"..."`: only `$`, backquote and `\` stay special (bash manual, Double Quotes). */
export function readDouble(cur: Cursor, b: Parts): void {
  const s = cur.text;
  const open = cur.pos;
  cur.pos++;
  const n0 = b.parts.length;
  for (;;) {
    const i = cur.pos;
    if (i >= s.length) throw unmatched('"', cur.lineAt(open));
    const c = s.charCodeAt(i);
    if (c === 34) {
      cur.pos++;
      // `""` must leave a quoted part so that the word is not elided.
      const last = b.parts[b.parts.length - 1];
      if (b.parts.length === n0 && !(last?.type === 'literal' && last.quoted)) b.lit('', true);
      return;
    }
    if (c === 92) {
      if (cur.continuation(i)) {
        cur.pos += 2;
        continue;
      }
      const n = s[i + 1];
      if (n === '$' || n === '`' || n === '"' || n === '\\') {
        b.lit(n, true);
        cur.pos += 2;
      } else {
        b.lit('\\', true);
        cur.pos++;
      }
    } else if (c === 36) readDollar(cur, b, true);
    else if (c === 96) readBacktick(cur, b, true);
    else {
      let j = i + 1;
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (d === 34 || d === 92 || d === 36 || d === 96) break;
        j++;
      }
      b.lit(s.slice(i, j), true);
      cur.pos = j;
    }
  }
}

/**
 * Split tilde prefixes out of unquoted literals: at the word start, and in
 * assignment values (`colons`) also after each unquoted `:` (bash expands
 * `PATH=~/bin:~/sbin`). A prefix runs to `/` (or `:`), and must be wholly
 * unquoted: `~"root"` stays literal.
 */
export function tilde(parts: WordPart[], colons: boolean): WordPart[] {
  if (!colons && !(parts[0]?.type === 'literal' && !parts[0].quoted && parts[0].text[0] === '~')) return parts;
  const out: WordPart[] = [];
  parts.forEach((p, idx) => {
    if (p.type !== 'literal' || p.quoted) {
      out.push(p);
      return;
    }
    const t = p.text;
    const starts: number[] = idx === 0 ? [0] : [];
    if (colons) for (let k = t.indexOf(':'); k >= 0; k = t.indexOf(':', k + 1)) starts.push(k + 1);
    let from = 0;
    for (const c of starts) {
      if (t[c] !== '~') continue;
      let e = c + 1;
      while (e < t.length && t[e] !== '/' && !(colons && t[e] === ':')) e++;
      // The prefix would run into a quoted or expanded part: not a tilde prefix.
      if (e === t.length && idx !== parts.length - 1) continue;
      if (c > from) out.push({ type: 'literal', text: t.slice(from, c), quoted: false });
      out.push({ type: 'tilde', user: t.slice(c + 1, e) });
      from = e;
    }
    if (from < t.length) out.push({ type: 'literal', text: t.slice(from), quoted: false });
  });
  return out;
}

/**
 * Parse an unquoted-delimiter here-doc body: like double quotes except that
 * `"` is not special and `\"` keeps its backslash. Everything is quoted.
 */
export function readHeredocBody(body: string, line: number, st: State): Word & { error?: string } {
  const cur = new Cursor(body, { ...st, final: true }, line);
  const b = new Parts();
  try {
    while (cur.pos < body.length) {
      const i = cur.pos;
      const c = body.charCodeAt(i);
      if (c === 92) {
        const n = body[i + 1];
        if (n === '$' || n === '`' || n === '\\') {
          b.lit(n, true);
          cur.pos += 2;
        } else {
          b.lit('\\', true);
          cur.pos++;
        }
      } else if (c === 36) readDollar(cur, b, true);
      else if (c === 96) readBacktick(cur, b, true);
      else {
        let j = i + 1;
        while (j < body.length) {
          const d = body.charCodeAt(j);
          if (d === 92 || d === 36 || d === 96) break;
          j++;
        }
        b.lit(body.slice(i, j), true);
        cur.pos = j;
      }
    }
  } catch (e) {
    // Bash expands here-doc bodies only when running the command, so a syntax
    // error in one is a run-time error there: record it, do not throw.
    if (!(e instanceof ShellSyntaxError) || e instanceof ShellNestingError) throw e;
    return { text: body, parts: [{ type: 'literal', text: body, quoted: true }], error: e.message };
  }
  if (!b.parts.length) b.lit('', true);
  return { text: body, parts: b.parts };
}

/** Quote removal on a here-doc delimiter word, as bash does (no expansion). */
export function delimiterOf(raw: string): { delimiter: string; quoted: boolean } {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      quoted = true;
      if (raw[i + 1] !== '\n') out += raw[i + 1] ?? '';
      i++;
    } else if (c === "'" || c === '"') {
      quoted = true;
      let j = i + 1;
      while (j < raw.length && raw[j] !== c) {
        if (c === '"' && raw[j] === '\\' && '$`"\\'.includes(raw[j + 1] ?? '')) j++;
        out += raw[j];
        j++;
      }
      i = j;
    } else out += c;
  }
  return { delimiter: out, quoted };
}
