/**
 * Splits raw terminal input into keys, the way readline's key reader sees it: single characters,
 * escape sequences (CSI `ESC [ … final`, SS3 `ESC O x`, and Meta = `ESC x`), and bracketed-paste
 * bodies (`ESC [200~ … ESC [201~`, bash 5.2's enable-bracketed-paste).
 */
export type Key =
  | { t: 'char'; ch: string }
  | { t: 'seq'; seq: string }
  | { t: 'paste'; text: string };

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

/**
 * The key starting at `i`, and where it ends; null when the input stops in the middle of one (a
 * lone ESC, half a CSI, an unterminated paste, half a surrogate pair): the caller keeps the rest
 * and retries when more input arrives.
 */
export function readKey(input: string, i: number): { key: Key; end: number } | null {
  if (i >= input.length) return null;
  if (input[i] !== '\x1b') {
    const cp = input.codePointAt(i)!;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 >= input.length) return null;
    const ch = String.fromCodePoint(cp);
    return { key: { t: 'char', ch }, end: i + ch.length };
  }
  if (i + 1 >= input.length) return null;
  const next = input[i + 1];
  if (next === '[') {
    let j = i + 2;
    while (j < input.length && input[j] >= '0' && input[j] <= '?') j++;
    while (j < input.length && input[j] >= ' ' && input[j] <= '/') j++;
    if (j >= input.length) return null;
    if (input[j] < '@' || input[j] > '~') return { key: { t: 'seq', seq: input.slice(i, j) }, end: j }; // malformed: drop it
    const seq = input.slice(i, j + 1);
    if (seq !== PASTE_START) return { key: { t: 'seq', seq }, end: j + 1 };
    const stop = input.indexOf(PASTE_END, j + 1);
    if (stop < 0) return null;
    return { key: { t: 'paste', text: input.slice(j + 1, stop) }, end: stop + PASTE_END.length };
  }
  if (next === 'O') {
    if (i + 2 >= input.length) return null;
    return { key: { t: 'seq', seq: input.slice(i, i + 3) }, end: i + 3 };
  }
  const cp = input.codePointAt(i + 1)!;
  if (cp >= 0xd800 && cp <= 0xdbff && i + 2 >= input.length) return null;
  const ch = String.fromCodePoint(cp);
  return { key: { t: 'seq', seq: '\x1b' + ch }, end: i + 1 + ch.length };
}
