/**
 * PS1 decoding (bash's decode_prompt_string). Returns the text to print and its display width:
 * `\[ … \]` brackets non-printing sequences, which the line editor must not count.
 */
export interface PromptContext {
  user: string;
  hostname: string;
  cwd: string;
  home: string;
  euid: number;
  shellName: string;
  now: number;
  historyNumber: number;
  jobs: number;
}

/** Readline's markers around invisible prompt text (RL_PROMPT_START_IGNORE / _END_IGNORE). */
const IGNORE_START = '\x01', IGNORE_END = '\x02';

export function renderPrompt(ps1: string, c: PromptContext): { text: string; width: number } {
  return measurePrompt(decodePrompt(ps1, c, false));
}

/**
 * decode_prompt_string: backslash escapes replaced, invisible parts between \x01 and \x02. With
 * `promptvars` (on by default) the result is expanded next, so the values of escapes are quoted
 * against it (a directory named `$x` stays `$x`) and `\$` becomes `\$`, as bash does.
 */
export function decodePrompt(ps1: string, c: PromptContext, promptvars: boolean): string {
  let text = '';
  const q = (s: string) => (promptvars ? s.replace(/[$`\\]/g, '\\$&') : s);
  const add = (s: string) => { text += q(s); };
  const invisible = (s: string) => { text += IGNORE_START + s + IGNORE_END; };
  const d = new Date(c.now);
  const p2 = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < ps1.length; i++) {
    const ch = ps1[i];
    if (ch !== '\\' || i + 1 >= ps1.length) { text += ch; continue; }
    const e = ps1[++i];
    switch (e) {
      case 'u': add(c.user); break;
      case 'h': add(c.hostname.split('.')[0]); break;
      case 'H': add(c.hostname); break;
      case 'w': add(tildeCwd(c.cwd, c.home)); break;
      case 'W': add(c.cwd === c.home ? '~' : c.cwd === '/' ? '/' : c.cwd.split('/').pop()!); break;
      case '$': add(c.euid === 0 ? '#' : '$'); break;
      case 's': add(c.shellName); break;
      case 'n': text += '\n'; break;
      case 'r': text += '\r'; break;
      case 't': add(`${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`); break;
      case 'A': add(`${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`); break;
      case '!': add(String(c.historyNumber)); break;
      case '#': add(String(c.historyNumber)); break;
      case 'j': add(String(c.jobs)); break;
      case 'v': add('5.2'); break;
      case 'V': add('5.2.15'); break;
      case 'e': invisible('\x1b'); break;
      case 'a': invisible('\x07'); break;
      case '[': text += IGNORE_START; break;
      case ']': text += IGNORE_END; break;
      case '\\': add('\\'); break;
      default: {
        const oct = /^[0-7]{3}/.exec(ps1.slice(i));
        if (oct) {
          const c2 = String.fromCharCode(parseInt(oct[0], 8));
          if (c2 === '\x1b') invisible(c2); else add(c2);
          i += 2;
        } else add('\\' + e);
      }
    }
  }
  return text;
}

/** The prompt as printed and its display width: invisible parts removed from the count. */
export function measurePrompt(marked: string): { text: string; width: number } {
  let text = '';
  let width = 0;
  let hidden = false;
  for (const ch of marked) {
    if (ch === IGNORE_START) { hidden = true; continue; }
    if (ch === IGNORE_END) { hidden = false; continue; }
    text += ch;
    if (ch === '\n') width = 0;
    else if (!hidden) width++;
  }
  return { text, width };
}

/** `\w`: the working directory with $HOME abbreviated to ~. */
export function tildeCwd(cwd: string, home: string): string {
  if (home && home !== '/' && (cwd === home || cwd.startsWith(home + '/'))) return '~' + cwd.slice(home.length);
  return cwd;
}
