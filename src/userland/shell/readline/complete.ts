import { strWidth } from './width.ts';

/** The longest common prefix of the matches (readline's compute_lcd_of_matches, case-sensitive). */
export function commonPrefix(matches: readonly string[]): string {
  if (matches.length === 0) return '';
  let p = [...matches[0]];
  for (const m of matches.slice(1)) {
    const cs = [...m];
    let i = 0;
    while (i < p.length && i < cs.length && p[i] === cs[i]) i++;
    p = p.slice(0, i);
  }
  return p.join('');
}

/**
 * What a listing shows for a match: readline's printable_part (the part after the last slash) and
 * print_filename's `/` after a directory. Returns the name without the slash, and the printed text.
 */
function shown(match: string): { name: string; text: string } {
  const dir = match.length > 1 && match.endsWith('/');
  const path = dir ? match.slice(0, -1) : match;
  const name = path.slice(path.lastIndexOf('/') + 1) || path;
  return { name, text: name + (dir ? '/' : '') };
}

/**
 * rl_display_match_list (print-completions-horizontally off): CRLF, then the matches sorted
 * "up-and-down" like ls, in columns max+2 wide, every column but the last padded, each row
 * ended by CRLF. A single match is printed alone, unpadded (display_matches).
 */
export function listMatches(matches: readonly string[], cols: number): string {
  const items = matches.map(shown);
  if (items.length === 1) return `\r\n${items[0].text}\r\n`;
  const max = Math.max(...items.map((m) => strWidth(m.name))) + 2;
  let limit = Math.floor(cols / max);
  if (limit !== 1 && limit * max === cols) limit--;
  if (limit <= 0) limit = 1;
  const count = Math.ceil(items.length / limit);
  let out = '\r\n';
  for (let i = 0; i < count; i++) {
    for (let j = 0, l = i; j < limit && l < items.length; j++, l += count) {
      const printed = strWidth(items[l].text);
      out += items[l].text;
      if (j + 1 < limit) out += ' '.repeat(max <= printed ? 1 : max - printed);
    }
    out += '\r\n';
  }
  return out;
}
