import { describe, expect, test } from 'vitest';
import { LineEditor, type EditorHost } from './LineEditor.ts';

// Expected bytes are what bash 5.2.15 (readline 8.2) writes for the same keys with PS1='$ ',
// TERM=xterm, a UTF-8 locale and no inputrc, read through a pty (so its "\n" shows as "\r\n").

const UP = '\x1b[A', DOWN = '\x1b[B', RIGHT = '\x1b[C', LEFT = '\x1b[D', DEL = '\x1b[3~';
const fwd = (n: number) => '\x1b[C'.repeat(n);

function editor(history: string[] = [], host: Partial<EditorHost> = {}): LineEditor {
  const ed = new LineEditor(history, { cols: 80, ...host });
  expect(ed.start('$ ', 2)).toBe('$ ');
  return ed;
}

async function keys(ed: LineEditor, ...input: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const k of input) out.push((await ed.feed(k)).output);
  return out;
}

/** A completion host over a fixed list of names, for the word before the cursor. */
const files = (...names: string[]) => ({
  complete: (line: string, cursor: number) => {
    const word = /\S*$/.exec(line.slice(0, cursor))![0];
    return names.filter((n) => n.startsWith(word));
  },
});

describe('typing and accepting', () => {
  test('echoes what is typed; Enter accepts the line wherever the cursor is', async () => {
    const ed = editor();
    expect(await keys(ed, 'ls -l', LEFT)).toEqual(['ls -l', '\b']);
    expect(await ed.feed('\r')).toEqual({ output: '\r\n', line: 'ls -l', pending: '' });
  });

  test('input typed ahead of Enter comes back as pending for the next line', async () => {
    const ed = editor();
    expect(await ed.feed('pwd\nls\r')).toEqual({ output: 'pwd\r\n', line: 'pwd', pending: 'ls\r' });
    expect(await ed.feed('x')).toEqual({ output: '', pending: 'x' });
    ed.start('$ ', 2);
    expect(await ed.feed('ls\r')).toMatchObject({ output: 'ls\r\n', line: 'ls' });
  });

  test('calls may overlap: results come back in order, each with its own output', async () => {
    const ed = editor();
    const [a, b] = await Promise.all([ed.feed('ab'), ed.feed('\x7f')]);
    expect([a.output, b.output]).toEqual(['ab', '\b\x1b[K']);
  });

  test('a prompt with invisible escape sequences is measured by the width given', async () => {
    const ed = new LineEditor([], { cols: 10 });
    expect(ed.start('\x1b[1m#\x1b[0m ', 2)).toBe('\x1b[1m#\x1b[0m ');
    expect(await keys(ed, 'abcdefgh', 'i')).toEqual(['abcdefgh \r', 'i']);
  });
});

describe('editing keys', () => {
  test('Backspace (DEL or ^H) at the end of the line erases with clear-to-end-of-line', async () => {
    expect(await keys(editor(), 'abc', '\x7f', '\b')).toEqual(['abc', '\b\x1b[K', '\b\x1b[K']);
  });

  test('editing in the middle rewrites the tail and brings the cursor back', async () => {
    expect(await keys(editor(), 'abc', LEFT, LEFT, 'x', '\x7f', RIGHT, '\x7f'))
      .toEqual(['abc', '\b', '\b', 'xbc\b\b', '\b\x1b[1Pbc\b\b', '\x1b[C', '\b\x1b[1Pc\b']);
  });

  test('a common tail with a space in it is kept, using insert/delete-character', async () => {
    const ed = editor();
    expect(await keys(ed, 'hello world', LEFT + LEFT + LEFT, '\x0b', '\x01', DEL, '\x19', '\x05'))
      .toEqual(['hello world', '\b\b\b', '\x1b[K', '\r\x1b[C\x1b[C', '\x1b[1P', '\x1b[3@rld', fwd(7)]);
    expect(ed.text).toBe('rldello wo');
  });

  test('Home and End in all their encodings, ^A and ^E', async () => {
    const ed = editor();
    await ed.feed('abc');
    for (const [home, end] of [['\x1b[H', '\x1b[F'], ['\x1bOH', '\x1bOF'], ['\x1b[1~', '\x1b[4~'], ['\x1b[7~', '\x1b[8~'], ['\x01', '\x05']]) {
      expect(await keys(ed, home, end)).toEqual(['\b\b\b', fwd(3)]);
    }
  });

  test('moves and deletions that cannot be done ring the bell; ^K at the end does nothing', async () => {
    const ed = editor();
    expect(await keys(ed, LEFT, '\x7f', '\x17', '\x15', '\x19', DEL, 'a', RIGHT, '\x0b'))
      .toEqual(['\x07', '\x07', '\x07', '\x07', '\x07', '\x07', 'a', '\x07', '']);
  });

  test('^U and ^W kill backwards; consecutive kills are yanked back together by ^Y', async () => {
    const ed = editor();
    expect(await keys(ed, 'hello world', '\x15', '\x19')).toEqual(['hello world', '\r\x1b[C\x1b[C\x1b[K', 'hello world']);
    expect(await keys(ed, '\x17', '\x17', '\x19')).toEqual(['\b\b\b\b\b\x1b[K', '\r\x1b[C\x1b[C\x1b[K', 'hello world']);
    await ed.feed(' x\x1b[D\x1b[D\x0b');
    expect(ed.text).toBe('hello world');
  });

  test('^W stops at spaces and tabs only', async () => {
    const ed = editor();
    await ed.feed('cat a/b.c\x17');
    expect(ed.text).toBe('cat ');
  });

  test('word motions (M-b, M-f, ctrl-arrows) and word kills (M-d, M-DEL)', async () => {
    const ed = editor();
    expect(await keys(ed, 'echo foo-bar baz', '\x1bb', '\x1bb', '\x1b[1;5D', '\x1bf', '\x1b[1;5C', '\x1bd', '\x1b\x7f', '\x19'))
      .toEqual(['echo foo-bar baz', '\b\b\b', '\b\b\b\b', '\b\b\b\b', fwd(3), fwd(4), '\x1b[K', '\b\b\b\x1b[K', 'bar baz']);
  });

  test('^T transposes; ^V inserts the next character literally (shown as ^X or spaces for a tab)', async () => {
    const ed = editor();
    expect(await keys(ed, 'a\x16\tb', '\x16\x01', '\x14', '\x01\x14')).toEqual(['a     b', '^A', '\b\b\b^Ab', '\r\x1b[C\x1b[C\x07']);
    expect(ed.text).toBe('a\t\x01b');
  });

  test('^L clears the screen and redraws prompt and line', async () => {
    expect(await keys(editor(), 'ps', LEFT, '\x0c')).toEqual(['ps', '\b', '\x1b[H\x1b[2J$ ps\b']);
  });

  test('^C echoes ^C, ends the line and drops the rest of the input', async () => {
    expect(await editor().feed('abc\x03def\r')).toEqual({ output: 'abc^C\r\n', interrupted: true });
  });

  test('^D deletes under the cursor, and is end-of-file on an empty line', async () => {
    const ed = editor();
    expect(await keys(ed, 'ab', '\x01', '\x04', '\x04')).toEqual(['ab', '\b\b', '\x1b[1Pb\b', '\x1b[K']);
    expect(await ed.feed('\x04')).toEqual({ output: '\r\n', eof: true });
    expect(await keys(editor(), 'a', '\x04')).toEqual(['a', '\x07']);
  });

  test('unbound keys and unknown escape sequences ring the bell and insert nothing', async () => {
    const ed = editor();
    expect(await keys(ed, 'ls', '\x1b[5~', '\x1b[Z', '\x1bx', '\x1b[?1;2c', '\x1b[1;2P', '\x12', '\x07'))
      .toEqual(['ls', '\x07', '\x07', '\x07', '\x07', '\x07', '\x07', '\x07']);
    expect(ed.text).toBe('ls');
  });
});

describe('history', () => {
  test('Up and Down replace the line, keeping the line being typed; the ends ring the bell', async () => {
    const ed = editor(['echo one', 'echo two']);
    expect(await keys(ed, 'par', UP, UP, UP, DOWN, DOWN, DOWN))
      .toEqual(['par', '\b\b\becho two', '\b\b\bone', '\x07', '\b\b\btwo', '\r\x1b[C\x1b[C\x1b[5Ppar', '\x07']);
  });

  test('^P/^N and SS3 arrows walk it too; edits to a recalled line last until the line is accepted', async () => {
    const history = ['ls', 'pwd'];
    const ed = editor(history);
    await ed.feed('\x10\x7f\x7fs\x0e\x1bOA');
    expect(ed.text).toBe('ps');
    expect(await ed.feed('\x1bOA\x1bOB\r')).toMatchObject({ line: 'ps' });
    expect(history).toEqual(['ls', 'pwd']);
    ed.start('$ ', 2);
    await ed.feed(UP);
    expect(ed.text).toBe('pwd');
  });
});

describe('completion', () => {
  const cwd = files('alpha.txt', 'alpine', 'beta', 'dir1/');

  test('a single match is completed, with a space unless it is a directory', async () => {
    expect(await keys(editor([], files('unshare')), 'unsh', '\t')).toEqual(['unsh', 'are ']);
    expect(await keys(editor([], cwd), 'cat d', '\t')).toEqual(['cat d', 'ir1/']);
    const ed = editor([], cwd);
    await ed.feed('cat b x\x1b[D\x1b[D\t');
    expect(ed.text).toBe('cat beta x');
  });

  test('several matches: the common prefix and a bell; Tab again lists them in columns', async () => {
    const ed = editor([], cwd);
    expect(await keys(ed, 'cat al', '\t', '\t', '\t')).toEqual([
      'cat al', '\x07p', '\x07', '\r\nalpha.txt  alpine     \r\n$ cat alp',
    ]);
    expect(await keys(ed, '\x15', 'cat ', '\t', '\t')).toEqual([
      '\r\x1b[C\x1b[C\x1b[K', 'cat ', '\x07', '\r\nalpha.txt  alpine     beta       dir1/      \r\n$ cat ',
    ]);
  });

  test('the listing runs down the columns, like ls', async () => {
    const names = ['file1', ...Array.from({ length: 10 }, (_, i) => `file1${i}`)].map((n) => `many/${n}`);
    expect(await keys(editor([], { cols: 20, ...files(...names) }), 'cat many/file1', '\t', '\t')).toEqual([
      'cat many/file1', '\x07',
      '\r\nfile1   file15\r\nfile10  file16\r\nfile11  file17\r\nfile12  file18\r\nfile13  file19\r\nfile14  \r\n$ cat many/file1',
    ]);
  });

  test('100 matches or more: ask first', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `lots/f${100 + i}`);
    const ed = editor([], files(...names));
    expect(await keys(ed, 'cat lots/', '\t', '\t', '\t', 'x', 'n')).toEqual([
      'cat lots/', '\x07f', '\x07', '\r\nDisplay all 120 possibilities? (y or n)', '\x07', '\r\n$ cat lots/f',
    ]);
    const [ask, list] = await keys(ed, '\t', 'y');
    expect(ask).toBe('\r\nDisplay all 120 possibilities? (y or n)');
    expect(list).toMatch(/^\r\nf100  f110  f120  .*f210  \r\nf101  /);
    expect(list.split('\r\n')).toHaveLength(12); // CRLF, 10 rows of up to 13 columns, the prompt
    expect(list.endsWith('f219  \r\n$ cat lots/f')).toBe(true);
  });

  test('the host may answer asynchronously and say where the word starts', async () => {
    const ed = editor([], { complete: async (line, cursor) => ({ start: line.lastIndexOf('=', cursor) + 1, matches: ['/usr/bin', '/usr/sbin'] }) });
    expect(await keys(ed, 'PATH=/u', '\t')).toEqual(['PATH=/u', '\x07sr/']);
    expect(ed.text).toBe('PATH=/usr/');
  });

  test('no matches, no host, or a host that fails: the bell', async () => {
    expect(await keys(editor([], files()), 'zz', '\t')).toEqual(['zz', '\x07']);
    expect(await keys(editor(), 'zz', '\t')).toEqual(['zz', '\x07']);
    expect(await keys(editor([], { complete: () => Promise.reject(new Error('EIO')) }), 'zz', '\t')).toEqual(['zz', '\x07']);
  });
});

describe('input arriving in pieces', () => {
  test('escape sequences split across reads are put back together', async () => {
    const ed = editor(['prev']);
    expect(await keys(ed, 'ab', '\x1b', '[', 'D', '\x1bO', 'H', '\x1b[3', '~', '\x1b[1;', '5C')).toEqual(['ab', '', '', '\b', '', '\b', '', '\x1b[1Pb\b', '', fwd(1)]);
    expect(await keys(ed, '\x1b[', 'A')).toEqual(['', '\bprev']);
  });

  test('a character split into surrogate halves waits for its second half', async () => {
    const ed = editor();
    expect(await keys(ed, '\ud83d', '\ude00')).toEqual(['', '😀']);
  });
});

describe('bracketed paste', () => {
  test('pasted text is inserted as it is and highlighted until the next key', async () => {
    const ed = editor();
    expect(await keys(ed, 'ec', '\x1b[200~ho hi\x1b[201~', 'x', '\x01', '\x1b[200~AB\x1b[201~'))
      .toEqual(['ec', '\x1b[7mho hi\x1b[27m', '\b\b\b\b\bho hix', '\r\x1b[C\x1b[C', '\x1b[2@\x1b[7mAB\x1b[27m']);
  });

  test('newlines in a paste stay in the line; Enter accepts it all', async () => {
    const ed = editor();
    expect(await keys(ed, '\x1b[200~echo a\rb\x1b[201~')).toEqual(['\x1b[7mecho a\x1b[27m\r\n\r\x1b[7mb\x1b[27m']);
    expect(await ed.feed('\r')).toEqual({ output: '\x1b[A\x1b[Cecho a\r\n\rb\r\n', line: 'echo a\nb', pending: '' });
  });

  test('a paste split across reads, with keys inside it taken literally', async () => {
    const ed = editor();
    expect(await keys(ed, '\x1b[200~a\x03', '\t\x1b[2', '01~')).toEqual(['', '', '\x1b[7ma^C   \x1b[27m']);
    expect(ed.text).toBe('a\x03\t');
  });
});
