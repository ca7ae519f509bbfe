import { describe, expect, test } from 'vitest';
import { Transcript, lastPromptIdentity, stripAnsi } from './transcript.ts';

describe('Transcript', () => {
  test('drops colours, cursor moves and CR', () => {
    expect(stripAnsi('\x1b[01;32mvagrant@archlinux\x1b[0m ~ $ ls\r\n\x1b[K\x1b]0;title\x07ok')).toBe('vagrant@archlinux ~ $ ls\nok');
  });

  test('since(mark) returns what was printed after the mark, even after old text was dropped', () => {
    const t = new Transcript(10);
    t.append('0123456789');
    const mark = t.end;
    t.append('abcdef');
    expect(t.since(mark)).toBe('abcdef');
    expect(t.since(0)).toBe('6789abcdef');
  });
});

describe('lastPromptIdentity', () => {
  test('finds the last prompt of the host or of a container', () => {
    expect(lastPromptIdentity('vagrant@archlinux ~ $ ')).toEqual({ user: 'vagrant', host: 'archlinux' });
    const text = 'vagrant@archlinux ~ $ docker run -it rust:latest bash\nroot@2800b475d7c6:/# ';
    expect(lastPromptIdentity(text)).toEqual({ user: 'root', host: '2800b475d7c6' });
  });

  test('ignores e-mail-like text in output', () => {
    expect(lastPromptIdentity('contact: bob@example.org for help\n')).toBeNull();
  });
});
