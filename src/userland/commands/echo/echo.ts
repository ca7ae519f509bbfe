import type { ProgramImage } from '../../../kernel/program.ts';

/** Backslash escapes of `echo -e` (and bash's builtin). Returns the text and whether \c stopped output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) { out += s[i]; continue; }
    const c = s[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (c in simple) out += simple[c];
    else if (c === 'c') return { text: out, stop: true };
    else if (c === '0') { const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0]; out += String.fromCharCode(parseInt(m || '0', 8)); i += m.length; }
    else if (c === 'x') { const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1)); if (m) { out += String.fromCharCode(parseInt(m[0], 16)); i += m[0].length; } else out += '\\x'; }
    else out += '\\' + c;
  }
  return { text: out, stop: false };
}

/** Shared by /usr/bin/echo and the shell builtin: options are only -n, -e, -E (combined), never after text. */
export function echoText(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    for (const f of args[i].slice(1)) { if (f === 'n') newline = false; else escapes = f === 'e'; }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const r = echoEscapes(text);
    if (r.stop) return r.text;
    text = r.text;
  }
  return newline ? text + '\n' : text;
}

export const echo: ProgramImage = {
  main: async (p) => { await p.out(echoText(p.argv.slice(1))); return 0; },
  vszKb: 5480, rssKb: 1020,
};
