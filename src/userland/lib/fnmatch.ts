/**
 * fnmatch(3) without flags: `*`, `?`, bracket expressions (`[!…]`/`[^…]`, ranges, [:class:]) and
 * backslash quoting; `*` and `?` match `/` too (no FNM_PATHNAME). Used by grep --include and friends.
 */
const cache = new Map<string, RegExp>();

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\v\\f\\r',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9a-fA-F', cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~', graph: '!-~',
};

function esc(c: string, inClass = false): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) || (inClass && c === '-') ? `\\${c}` : c;
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '\\' && i + 1 < glob.length) re += esc(glob[++i]);
    else if (c === '[') {
      let j = i + 1;
      let cls = '';
      if (glob[j] === '!' || glob[j] === '^') { cls = '^'; j++; }
      let first = true;
      let ok = false;
      for (; j < glob.length; j++) {
        if (glob[j] === ']' && !first) { ok = true; break; }
        first = false;
        const m = /^\[:(\w+):\]/.exec(glob.slice(j));
        if (m && m[1] in CLASSES) { cls += CLASSES[m[1]]; j += m[0].length - 1; continue; }
        if (glob[j] === '-' && cls !== '' && cls !== '^' && glob[j + 1] !== ']') { cls += '-'; continue; }
        cls += esc(glob[j], true);
      }
      if (ok) { re += `[${cls}]`; i = j; } else re += '\\[';
    } else re += esc(c);
  }
  return new RegExp(`^${re}$`, 'u');
}

export function fnmatch(glob: string, name: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    try { re = globToRegExp(glob); } catch { re = /(?!)/; }
    cache.set(glob, re);
  }
  return re.test(name);
}
