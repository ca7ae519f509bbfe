import { describe, expect, test } from 'vitest';
import { SIG } from '../constants.ts';
import { Pid } from '../task/Pid.ts';
import { Tty } from './Tty.ts';

function tty() {
  const signals: number[] = [];
  const t = new Tty(0, 0, { signalGroup: (_p, sig) => { signals.push(sig); } });
  let screen = '';
  t.onOutput((d) => { screen += d; });
  t.fgPgrp = new Pid([]);
  t.session = t.fgPgrp;
  return { t, signals, screen: () => screen };
}

describe('pty line discipline (n_tty)', () => {
  test('canonical mode: echo, erase, kill; a line is readable only after Enter, CR becomes NL', () => {
    const { t, screen } = tty();
    t.input('lsx\x7f -l');
    expect(t.takeInput()).toBeUndefined();
    t.input('\r');
    expect(t.takeInput()).toBe('ls -l\n');
    expect(screen()).toBe('lsx\b \b -l\r\n');
    t.input('abc\x15d\r');
    expect(t.takeInput()).toBe('d\n');
  });

  test('^C and ^Z signal the foreground process group and echo as ^C/^Z', () => {
    const { t, signals, screen } = tty();
    t.input('partial\x03');
    t.input('\x1a');
    expect(signals).toEqual([SIG.SIGINT, SIG.SIGTSTP]);
    expect(screen()).toBe('partial^C^Z');
    expect(t.takeInput()).toBeUndefined();
  });

  test('^D at the start of a line is end of file', () => {
    const { t } = tty();
    t.input('\x04');
    expect(t.takeInput()).toBe('');
  });

  test('raw mode hands over every byte; output gets ONLCR', () => {
    const { t, screen } = tty();
    t.setTermios({ icanon: false, echo: false, isig: true, onlcr: true });
    t.input('\x1b[A');
    expect(t.takeInput()).toBe('\x1b[A');
    t.write('a\nb');
    expect(screen()).toBe('a\r\nb');
  });

  test('resizing sends SIGWINCH (only when the size changes, as tty_do_resize); hangup makes reads return end of file', () => {
    const { t, signals } = tty();
    t.resize(120, 40);
    expect(t.winsize).toEqual({ cols: 120, rows: 40 });
    t.resize(120, 40);
    t.hangup();
    expect(signals).toEqual([SIG.SIGWINCH, SIG.SIGHUP]);
    expect(t.takeInput()).toBe('');
  });
});
