import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import type { ParamPart, Script, Word } from '../ast.ts';
import { ShellError, type ShellState } from '../ShellState.ts';
import { ArithError, evalArith } from './arith.ts';
import { BraceTooLarge, braceExpand } from './brace.ts';
import { expandGlob, hasGlobChars, patternToRegex } from './glob.ts';

export interface ExpandHost {
  readonly state: ShellState;
  readonly sys: SysApi;
  /** Run a command substitution in a subshell and return its output. */
  commandSubst(script: Script): Promise<string>;
  /** Start a process substitution and return the path that names its pipe (/dev/fd/N). */
  procSubst(script: Script, op: '<' | '>'): string;
  /** Home directory of a user (for ~user). */
  homeOf(user: string): Promise<string | undefined>;
}

/** A piece of an expanded word: its text, whether it is protected from globbing, and whether field splitting applies. */
interface Seg { text: string; quoted: boolean; split: boolean }
type Field = Seg[];

const DEFAULT_IFS = ' \t\n';

/**
 * Word expansion in bash's order: tilde, parameter, command substitution and arithmetic (left to
 * right), then field splitting of unquoted results, pathname expansion, and quote removal.
 */
export async function expandWords(h: ExpandHost, words: Word[]): Promise<string[]> {
  const out: string[] = [];
  for (const w of words.flatMap(braces)) {
    for (const field of await expandToFields(h, w)) {
      const text = field.map((s) => s.text).join('');
      const hadQuoted = field.some((s) => s.quoted);
      if (text === '' && !hadQuoted) continue;
      if (!h.state.options.has('f') && hasGlobChars(text, maskByCodeUnit(field))) {
        const matches = expandGlob(h.sys, text, maskByCodeUnit(field));
        if (matches) { for (const m of matches) out.push(m); continue; }
      }
      out.push(text);
    }
  }
  return out;
}

function braces(w: Word): Word[] {
  try {
    return braceExpand(w);
  } catch (e) {
    if (e instanceof BraceTooLarge) throw new ShellError(e.message, 1);
    throw e;
  }
}

function maskByCodeUnit(field: Field): boolean[] {
  const m: boolean[] = [];
  for (const s of field) for (let i = 0; i < s.text.length; i++) m.push(s.quoted);
  return m;
}

/** One string, no splitting or globbing (assignments, redirection targets, `case` subjects, here-strings). */
export async function expandWord(h: ExpandHost, w: Word): Promise<string> {
  const fields = await expandToFields(h, w, false);
  return fields.map((f) => f.map((s) => s.text).join('')).join(' ');
}

/** A pattern: quoted characters match literally. */
export async function expandPattern(h: ExpandHost, w: Word): Promise<RegExp> {
  const fields = await expandToFields(h, w, false);
  const field = fields.flat();
  return patternToRegex(field.map((s) => s.text).join(''), maskByCodeUnit(field));
}

async function expandToFields(h: ExpandHost, w: Word, split = true): Promise<Field[]> {
  const fields: Field[] = [[]];
  const cur = () => fields[fields.length - 1];
  const pushExpansion = (text: string, quoted: boolean) => { cur().push({ text, quoted, split: split && !quoted }); };
  for (const part of w.parts) {
    switch (part.type) {
      case 'literal': cur().push({ text: part.text, quoted: part.quoted, split: false }); break;
      case 'tilde': {
        const home = part.user === '' ? h.state.get('HOME') ?? '' : await h.homeOf(part.user);
        cur().push({ text: home ?? `~${part.user}`, quoted: true, split: false });
        break;
      }
      case 'param': {
        if ((part.name === '@' || part.name === '*') && !part.op && !part.length) {
          const values = h.state.positional;
          if (part.name === '@' && part.quoted) {
            values.forEach((v, i) => {
              if (i > 0) fields.push([]);
              cur().push({ text: v, quoted: true, split: false });
            });
            if (values.length === 0 && w.parts.length === 1) fields.pop();
            break;
          }
          const ifs = h.state.get('IFS') ?? DEFAULT_IFS;
          pushExpansion(part.quoted ? values.join(ifs[0] ?? '') : values.join(' '), part.quoted);
          break;
        }
        pushExpansion(await expandParam(h, part), part.quoted);
        break;
      }
      case 'cmdsubst': {
        if (part.error) throw new ShellError(`command substitution: line 1: ${part.error}`, 2);
        const text = (await h.commandSubst(part.script)).replace(/\n+$/, '');
        pushExpansion(text, part.quoted);
        break;
      }
      case 'arith': {
        const exprText = await expandWord(h, { text: part.expr, parts: [{ type: 'literal', text: part.expr, quoted: true }] });
        pushExpansion(String(arith(h, exprText)), part.quoted);
        break;
      }
      case 'procsubst': cur().push({ text: h.procSubst(part.script, part.op), quoted: true, split: false }); break;
      case 'badsubst': throw new ShellError(`${part.text}: bad substitution`, 1);
    }
  }
  return split ? fields.flatMap((f) => splitField(f, h.state.get('IFS') ?? DEFAULT_IFS)) : fields;
}

export function arith(h: ExpandHost, expr: string): number {
  try {
    return evalArith(expr, { get: (n) => h.state.get(n), set: (n, v) => h.state.set(n, v) });
  } catch (e) {
    if (e instanceof ArithError) throw new ShellError(e.message, 1);
    throw e;
  }
}

/** IFS field splitting of the splittable segments of one field. */
function splitField(field: Field, ifs: string): Field[] {
  if (!field.some((s) => s.split) || ifs === '') return [field];
  const out: Field[] = [];
  let cur: Field = [];
  let pendingBreak = false;
  for (const seg of field) {
    if (!seg.split) {
      if (pendingBreak && cur.length) { out.push(cur); cur = []; }
      pendingBreak = false;
      cur.push(seg);
      continue;
    }
    let buf = '';
    for (const ch of seg.text) {
      if (ifs.includes(ch)) {
        if (buf) { cur.push({ ...seg, text: buf }); buf = ''; }
        if (cur.length) pendingBreak = true;
        continue;
      }
      if (pendingBreak) { out.push(cur); cur = []; pendingBreak = false; }
      buf += ch;
    }
    if (buf) cur.push({ ...seg, text: buf });
  }
  if (cur.length) out.push(cur);
  return out;
}

function special(h: ExpandHost, name: string): string | undefined {
  const s = h.state;
  switch (name) {
    case '?': return String(s.lastStatus);
    case '$': return String(s.rootPid);
    case '#': return String(s.positional.length);
    case '!': return s.lastBgPid ? String(s.lastBgPid) : '';
    case '0': return s.name;
    case '-': return [...s.options].join('') + (s.interactive ? 'i' : '');
    case '*': case '@': return s.positional.join(' ');
    default:
      if (/^\d+$/.test(name)) return s.positional[Number(name) - 1];
      if (name === 'RANDOM') return String(Math.floor(h.sys.random() * 32768));
      if (name === 'BASHPID') return String(h.sys.getpid());
      if (name === 'PPID') return String(s.get('PPID') ?? '');
      return s.get(name);
  }
}

async function expandParam(h: ExpandHost, p: ParamPart): Promise<string> {
  let value = special(h, p.indirect ? special(h, p.name) ?? '' : p.name);
  if (value === undefined && h.state.options.has('u') && !p.op) throw new ShellError(`${p.name}: unbound variable`, 1);
  if (p.length) return String([...(value ?? '')].length);
  const op = p.op;
  if (!op) return value ?? '';
  switch (op.op) {
    case '-': case ':-': return (op.op === '-' ? value === undefined : !value) ? expandWord(h, op.word) : value ?? '';
    case '=': case ':=': {
      if (op.op === '=' ? value !== undefined : !!value) return value ?? '';
      const v = await expandWord(h, op.word);
      h.state.set(p.name, v);
      return v;
    }
    case '?': case ':?': {
      if (op.op === '?' ? value !== undefined : !!value) return value ?? '';
      const msg = await expandWord(h, op.word);
      throw new ShellError(`${p.name}: ${msg || (op.op === '?' ? 'parameter null or not set' : 'parameter null or not set')}`, 1);
    }
    case '+': case ':+': return (op.op === '+' ? value !== undefined : !!value) ? expandWord(h, op.word) : '';
    case '#': case '##': case '%': case '%%': {
      const v = value ?? '';
      const re = await expandPattern(h, op.pattern);
      const longest = op.op.length === 2;
      const candidates = [...Array(v.length + 1).keys()];
      if (op.op[0] === '#') {
        const order = longest ? candidates.reverse() : candidates;
        for (const n of order) if (re.test(v.slice(0, n))) return v.slice(n);
      } else {
        const order = longest ? candidates : candidates.reverse();
        for (const n of order) if (re.test(v.slice(n))) return v.slice(0, n);
      }
      return v;
    }
    case '/': case '//': case '/#': case '/%': {
      const v = value ?? '';
      const src = patternToRegex((await expandWord(h, op.pattern)), undefined, false).source;
      const rep = op.replacement ? await expandWord(h, op.replacement) : '';
      const anchored = op.op === '/#' ? `^(?:${src})` : op.op === '/%' ? `(?:${src})$` : src;
      return v.replace(new RegExp(anchored, op.op === '//' ? 'gs' : 's'), () => rep);
    }
    case '^': case '^^': return op.op === '^^' ? (value ?? '').toUpperCase() : (value ?? '').replace(/^./, (c) => c.toUpperCase());
    case ',': case ',,': return op.op === ',,' ? (value ?? '').toLowerCase() : (value ?? '').replace(/^./, (c) => c.toLowerCase());
    case ':': {
      const v = value ?? '';
      let off = arith(h, op.offset);
      if (off < 0) off = Math.max(0, v.length + off);
      const len = op.length === null ? undefined : arith(h, op.length);
      return len === undefined ? v.slice(off) : len < 0 ? v.slice(off, v.length + len) : v.slice(off, off + len);
    }
    case '@': return value ?? '';
  }
}
