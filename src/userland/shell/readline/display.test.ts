import { describe, expect, test } from 'vitest';
import { layout } from './display.ts';
import { LineEditor } from './LineEditor.ts';

// Long lines, wrapping and wide characters. As in LineEditor.test.ts, the expected bytes are what
// bash 5.2.15 (readline 8.2, UTF-8 locale, TERM=xterm) sends through a pty for the same keys.

const LEFT = '\x1b[D';
const fwd = (n: number) => '\x1b[C'.repeat(n);

function editor(cols: number | (() => number)): LineEditor {
  const ed = new LineEditor([], { cols });
  ed.start('$ ', 2);
  return ed;
}

async function keys(ed: LineEditor, ...input: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const k of input) out.push((await ed.feed(k)).output);
  return out;
}

describe('lines longer than the terminal is wide (80 columns)', () => {
  const a77 = 'a'.repeat(77);

  test('filling the last column moves the cursor onto the next row at once', async () => {
    expect(await keys(editor(80), a77, 'b', 'c')).toEqual([a77, 'b \r', 'c']);
  });

  test('Backspace and cursor motion across the row boundary', async () => {
    const ed = editor(80);
    await ed.feed(a77 + 'bc');
    expect(await keys(ed, '\x7f', '\x7f', 'b', '\x01', '\x05', LEFT + LEFT)).toEqual([
      '\r\x1b[K',
      `\x1b[A${fwd(79)}\x1b[K\r\n\r\x1b[K\x1b[A${fwd(79)}`,
      'b \r',
      '\x1b[A\x1b[C\x1b[C',
      '\r\n\r',
      `\x1b[A${fwd(79)}\b`,
    ]);
  });

  test('an insertion in the first row pushes the overflow into the next', async () => {
    const ed = editor(80);
    await ed.feed(a77 + 'b' + LEFT + LEFT);
    expect(await keys(ed, 'X', '\x7f')).toEqual([`Xab\x1b[A${fwd(78)}`, `\bab \r\x1b[K\x1b[A${fwd(78)}`]);
    expect(ed.text).toBe(a77 + 'b');
  });

  test('Enter from the middle of a wrapped line leaves the cursor below all of it', async () => {
    const ed = editor(80);
    await ed.feed(a77 + 'bcd\x01');
    expect(await ed.feed('\r')).toMatchObject({ output: '\r\n\r\r\n', line: a77 + 'bcd' });
  });
});

describe('wrapping in a narrow terminal (10 columns)', () => {
  test('inserting and deleting in the middle redraw the following rows', async () => {
    const ed = editor(10);
    expect(await keys(ed, 'abcdefghjklmnopqrstuv', LEFT.repeat(10), 'X', '\x7f')).toEqual([
      'abcdefghjklmnopqrstuv',
      `\b\b\r\x1b[A${fwd(9)}\b\b\b\b\b\b`,
      'Xmnopqrstuv\x1b[A',
      '\bmnopqrst\x1b[1Puv\x1b[A',
    ]);
  });

  test('killing the rest of a wrapped line clears the rows below', async () => {
    const ed = editor(10);
    await ed.feed('abcdefghjklmnopqrstuv' + LEFT.repeat(10));
    expect(await keys(ed, '\x0b', '\x15')).toEqual([
      '\x1b[K\r\n\r\x1b[K\x1b[A\x1b[C\x1b[C\x1b[C',
      '\x1b[A\b\x1b[K\r\n\r\x1b[K\x1b[A\x1b[C\x1b[C',
    ]);
  });

  test('Enter on a line that exactly fills its row redraws the last cell to drop the wrap flag', async () => {
    const ed = editor(10);
    expect(await keys(ed, 'abcdefgh')).toEqual(['abcdefgh \r']);
    expect(await ed.feed('\r')).toMatchObject({ output: `\x1b[A${fwd(9)}\x1b[Kh\r\n`, line: 'abcdefgh' });
  });

  test('^C moves below the line before the new prompt', async () => {
    const ed = editor(10);
    await ed.feed('abcdefghijklm\x01');
    expect(await ed.feed('\x03')).toEqual({ output: '^C\r\n\r\r\n', interrupted: true });
  });

  test('a change of width clears the old rows and draws the line again', async () => {
    let cols = 10;
    const ed = editor(() => cols);
    await ed.feed('abcdefghijkl');
    cols = 20;
    expect(ed.resize()).toBe('\r\x1b[K\r\x1b[A\x1b[K\r$ abcdefghijkl');
    expect(await keys(ed, 'x', '\x01')).toEqual(['x', '\r\x1b[C\x1b[C']);
    cols = 30;
    expect(await ed.feed('\x05')).toEqual({ output: `\r\x1b[K\r$ abcdefghijklx\r\x1b[C\x1b[C${fwd(13)}` });
  });
});

describe('wide characters', () => {
  test('CJK characters take two columns', async () => {
    const ed = editor(10);
    expect(await keys(ed, '日本', LEFT, 'x', '\x01', '\x05', '\x7f', '\x7f'))
      .toEqual(['日本', '\b\b', 'x本\b\b', '\b\b\b', fwd(5), '\b\b\x1b[K', '\b\x1b[K']);
  });

  test('one that does not fit in the last column goes to the next row, the gap padded', async () => {
    const ed = editor(10);
    expect(await keys(ed, 'abcdefg', '語', 'x', '\x7f', '\x7f'))
      .toEqual(['abcdefg', ' \x1b[K語', 'x', '\b\x1b[K', `\x1b[A${fwd(7)}\x1b[K\r\n\r\x1b[K\x1b[A${fwd(9)}`]);
  });

  test('Enter below a full row of them skips the wrap-flag fix (readline counts that row in bytes)', async () => {
    const ed = editor(10);
    expect(await keys(ed, '日本語日')).toEqual(['日本語日 \r']);
    expect(await ed.feed('\r')).toMatchObject({ output: '\x1b[A\r\n', line: '日本語日' });
  });

  test('layout: padding, tabs to multiples of 8, control characters as ^X, newlines', () => {
    const rows = (text: string, cols: number) =>
      layout(2, [...text], 0, null, cols).rows.map((r) => r.map((g) => g.s || '$').join(''));
    expect(rows('abcdefg語', 10)).toEqual(['$$abcdefg ', '語']);
    expect(rows('a\tb\x01\x7f', 80)).toEqual(['$$a     b^A^?']);
    expect(rows('ab\ncd', 80)).toEqual(['$$ab', 'cd']);
    expect(rows('abcdefgh', 10)).toEqual(['$$abcdefgh', '']);
  });
});
