import { describe, expect, it } from 'vitest';
import { commandOutput, plainText, typedCommand } from './text.ts';

describe('plainText', () => {
  it('removes colour and cursor sequences, OSC titles, and applies CR and backspace', () => {
    expect(plainText('\x1b[01;34mbin\x1b[0m  \x1b]0;title\x07etc')).toBe('bin  etc');
    expect(plainText('50%\r100%\r\n')).toBe('100%\n');
    expect(plainText('ab\bc')).toBe('ac');
  });
});

describe('commandOutput', () => {
  it('drops the echoed command line and the prompt after the output', () => {
    expect(commandOutput('ps\r\n  PID TTY\r\n    1 pts/0\r\nroot@3f2a1b4c5d6e:/# ')).toBe('  PID TTY\n    1 pts/0');
    expect(commandOutput('hostname\r\narchlinux\r\nvagrant@archlinux ~ $ ')).toBe('archlinux');
  });
  it('a command without output gives an empty string', () => {
    expect(commandOutput('true\r\nvagrant@archlinux ~ $ ')).toBe('');
  });
  it('BusyBox prompts count too', () => {
    expect(commandOutput('echo hi\r\nhi\r\n/ # ')).toBe('hi');
  });
});

describe('typedCommand', () => {
  it('reads the command after a prompt', () => {
    expect(typedCommand('vagrant@archlinux ~ $ ps aux')).toBe('ps aux');
    expect(typedCommand('root@3f2a1b4c5d6e:/# echo $HOME # comment')).toBe('echo $HOME # comment');
    expect(typedCommand('/ # ls')).toBe('ls');
  });
  it('ignores lines without a prompt and empty command lines', () => {
    expect(typedCommand('some input to cat')).toBeNull();
    expect(typedCommand('vagrant@archlinux ~ $ ')).toBeNull();
  });
});
