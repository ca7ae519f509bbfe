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

export function renderPrompt(ps1: string, c: PromptContext): { text: string; width: number } {
  let text = '';
  let width = 0;
  let hidden = false;
  const add = (s: string) => { text += s; if (!hidden) width += [...s].length; };
  const d = new Date(c.now);
  const p2 = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < ps1.length; i++) {
    const ch = ps1[i];
    if (ch !== '\\' || i + 1 >= ps1.length) { add(ch); continue; }
    const e = ps1[++i];
    switch (e) {
      case 'u': add(c.user); break;
      case 'h': add(c.hostname.split('.')[0]); break;
      case 'H': add(c.hostname); break;
      case 'w': add(tildeCwd(c.cwd, c.home)); break;
      case 'W': add(c.cwd === c.home ? '~' : c.cwd === '/' ? '/' : c.cwd.split('/').pop()!); break;
      case '$': add(c.euid === 0 ? '#' : '$'); break;
      case 's': add(c.shellName); break;
      case 'n': add('\n'); width = 0; break;
      case 'r': add('\r'); break;
      case 't': add(`${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`); break;
      case 'A': add(`${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`); break;
      case '!': add(String(c.historyNumber)); break;
      case '#': add(String(c.historyNumber)); break;
      case 'j': add(String(c.jobs)); break;
      case 'v': add('5.2'); break;
      case 'V': add('5.2.15'); break;
      case 'e': text += '\x1b'; break;
      case 'a': text += '\x07'; break;
      case '[': hidden = true; break;
      case ']': hidden = false; break;
      case '\\': add('\\'); break;
      default: {
        const oct = /^[0-7]{3}/.exec(ps1.slice(i));
        if (oct) { const c2 = String.fromCharCode(parseInt(oct[0], 8)); if (c2 === '\x1b') text += c2; else add(c2); i += 2; }
        else add('\\' + e);
      }
    }
  }
  return { text, width };
}

/** `\w`: the working directory with $HOME abbreviated to ~. */
export function tildeCwd(cwd: string, home: string): string {
  if (home && home !== '/' && (cwd === home || cwd.startsWith(home + '/'))) return '~' + cwd.slice(home.length);
  return cwd;
}
