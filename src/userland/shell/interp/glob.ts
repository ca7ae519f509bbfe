import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/**
 * fnmatch(3)-style patterns as bash uses them for pathname expansion, `case` and `${x#pat}`.
 * `quotedMask[i]` marks characters that came from quoted text and so match literally.
 */
export function patternToRegex(pattern: string, quotedMask?: boolean[], anchored = true): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (quotedMask?.[i]) { re += escapeRe(c); continue; }
    if (c === '*') re += '[^]*';
    else if (c === '?') re += '[^]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) { re += '\\['; continue; }
      let body = pattern.slice(i + 1, end);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      body = body.replace(/\[:(\w+):\]/g, (_, cls: string) => CLASSES[cls] ?? '').replace(/\\/g, '\\\\').replace(/\]/g, '\\]');
      re += `[${negate ? '^' : ''}${body}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else re += escapeRe(c);
  }
  return new RegExp(anchored ? `^${re}$` : re, 's');
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  xdigit: '0-9a-fA-F', punct: '!-\\/:-@\\[-`{-~', blank: ' \\t',
};

function escapeRe(c: string): string { return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); }

export function hasGlobChars(s: string, quotedMask: boolean[]): boolean {
  for (let i = 0; i < s.length; i++) if (!quotedMask[i] && (s[i] === '*' || s[i] === '?' || s[i] === '[')) return true;
  return false;
}

/** Pathname expansion: sorted matches, or null when nothing matches (the word stays as written). */
export function expandGlob(sys: SysApi, word: string, quotedMask: boolean[]): string[] | null {
  const absolute = word.startsWith('/');
  const parts: Array<{ text: string; mask: boolean[] }> = [];
  let start = absolute ? 1 : 0;
  for (let i = start; i <= word.length; i++) {
    if (i === word.length || word[i] === '/') {
      parts.push({ text: word.slice(start, i), mask: quotedMask.slice(start, i) });
      start = i + 1;
    }
  }
  let paths = [absolute ? '/' : ''];
  for (let p = 0; p < parts.length; p++) {
    const { text, mask } = parts[p];
    const last = p === parts.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      if (text === '') { next.push(base); continue; }
      if (!hasGlobChars(text, mask)) {
        const candidate = base + text;
        if (last || exists(sys, candidate)) next.push(candidate + (last ? '' : '/'));
        continue;
      }
      const re = patternToRegex(text, mask);
      let names: string[];
      try { names = sys.readdir(base === '' ? '.' : base); } catch { continue; }
      for (const n of names.sort()) {
        if (n.startsWith('.') && !text.startsWith('.')) continue;
        if (!re.test(n)) continue;
        if (!last && !isDir(sys, base + n)) continue;
        next.push(base + n + (last ? '' : '/'));
      }
    }
    paths = next;
  }
  const matches = paths.filter((p) => p !== '' && exists(sys, p.replace(/\/$/, '') || '/'));
  return matches.length ? matches.sort() : null;
}

function exists(sys: SysApi, p: string): boolean { try { sys.lstat(p); return true; } catch { return false; } }
function isDir(sys: SysApi, p: string): boolean { try { return sys.stat(p).type === 'dir'; } catch { return false; } }
