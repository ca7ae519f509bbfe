import { describe, expect, test } from 'vitest';
import { LineEditor } from './editor.ts';

function editor(history: string[] = [], cols = 80, candidates: string[] = []) {
  const ed = new LineEditor(history, { cols: () => cols, complete: () => candidates });
  ed.start('$ ', 2);
  return ed;
}

describe('LineEditor', () => {
  test('echoes typed text and accepts the line on Enter', () => {
    const ed = editor();
    expect(ed.feed('ls -l').output).toBe('ls -l');
    expect(ed.feed('\r')).toEqual({ output: '\r\n', line: 'ls -l', pending: '' });
  });

  test('text typed ahead after Enter is kept for the next prompt', () => {
    expect(editor().feed('a\rb\r')).toMatchObject({ line: 'a', pending: 'b\r' });
  });

  test('backspace at the end erases one cell', () => {
    const ed = editor();
    ed.feed('ab');
    expect(ed.feed('\x7f').output).toBe('\b \b');
    expect(ed.feed('\r').line).toBe('a');
  });

  test('inserting in the middle redraws the tail and returns the cursor', () => {
    const ed = editor();
    ed.feed('ac');
    expect(ed.feed('\x1b[D').output).toBe('\b');
    expect(ed.feed('b').output).toBe('bc\b');
    expect(ed.feed('\r').line).toBe('abc');
  });

  test('Home/End, ^A/^E, ^K and ^Y', () => {
    const ed = editor();
    ed.feed('hello world');
    ed.feed('\x01');
    ed.feed('\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C');
    ed.feed('\x0b');
    ed.feed('\x05');
    ed.feed('!');
    ed.feed('\x19');
    expect(ed.feed('\r').line).toBe('hello! world');
  });

  test('^U kills to the start and ^W kills the previous word', () => {
    const ed = editor();
    ed.feed('echo one two');
    ed.feed('\x17');
    expect(ed.feed('\r').line).toBe('echo one ');
    const ed2 = editor();
    ed2.feed('abc def\x15xyz');
    expect(ed2.feed('\r').line).toBe('xyz');
  });

  test('Up/Down walk the history and restore the line being edited', () => {
    const ed = editor(['first', 'second']);
    ed.feed('draft');
    ed.feed('\x1b[A');
    ed.feed('\x1b[A');
    ed.feed('\x1b[B');
    ed.feed('\x1b[B');
    expect(ed.feed('\r').line).toBe('draft');
    const ed2 = editor(['first', 'second']);
    ed2.feed('\x1b[A');
    expect(ed2.feed('\r').line).toBe('second');
  });

  test('^C interrupts, ^D on an empty line is end of file, otherwise deletes', () => {
    expect(editor().feed('abc\x03')).toMatchObject({ interrupted: true, output: 'abc^C\r\n' });
    expect(editor().feed('\x04')).toMatchObject({ eof: true });
    const ed = editor();
    ed.feed('ab\x01\x04');
    expect(ed.feed('\r').line).toBe('b');
  });

  test('an escape sequence split across reads is still understood', () => {
    const ed = editor(['prev']);
    expect(ed.feed('\x1b[').output).toBe('');
    ed.feed('A');
    expect(ed.feed('\r').line).toBe('prev');
  });

  test('Tab completes a unique candidate with a trailing space, a directory with nothing', () => {
    const ed = editor([], 80, ['unshare']);
    ed.feed('unsh');
    expect(ed.feed('\t').output).toBe('are ');
    const ed2 = editor([], 80, ['/proc/']);
    ed2.feed('/pr');
    expect(ed2.feed('\t').output).toBe('oc/');
  });

  test('a second Tab lists ambiguous candidates and redraws the prompt', () => {
    const ed = editor([], 80, ['lsns', 'lsblk']);
    ed.feed('ls');
    expect(ed.feed('\t').output).toBe('\x07');
    expect(ed.feed('\t').output).toBe('\r\nlsns   lsblk\r\n$ ls');
  });

  test('a line reaching the last column wraps the cursor onto the next row', () => {
    const ed = editor([], 10);
    expect(ed.feed('abcdefgh').output).toBe('abcdefgh \b');
  });

  test('^L clears the screen and redraws prompt and line', () => {
    const ed = editor();
    ed.feed('ps');
    expect(ed.feed('\x0c').output).toBe('\x1b[H\x1b[2J$ ps');
  });
});
