/**
 * Display width of one code point, as xterm.js (its default Unicode 6 provider) counts it, so the
 * editor's idea of where the cursor is matches the terminal's: East Asian wide/fullwidth
 * characters take 2 cells, combining marks 0, everything else 1. (readline asks wcwidth(3); what
 * matters is agreeing with the terminal that draws the line.)
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3040, 0xa4cf], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

const COMBINING: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x0610, 0x061a], [0x064b, 0x065f],
  [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x200b, 0x200f], [0x20d0, 0x20ff], [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f], [0xe0100, 0xe01ef],
];

const inRanges = (cp: number, ranges: ReadonlyArray<readonly [number, number]>) => ranges.some(([a, b]) => cp >= a && cp <= b);

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x300) return 1;
  if (inRanges(cp, COMBINING)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

/** Display width of a string of printable characters. */
export function strWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Bytes the string takes in UTF-8: readline's update_line compares byte counts in places. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
