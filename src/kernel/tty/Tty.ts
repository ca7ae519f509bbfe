import { SIG } from '../constants.ts';
import { WaitQueue } from '../sched.ts';
import type { Termios, Winsize } from '../syscalls/SysApi.ts';
import type { Pid } from '../task/Pid.ts';
import { CC, saneTermios } from './Termios.ts';

/** How a tty reaches the rest of the kernel: signalling a process group. */
export interface TtyHooks {
  signalGroup(pgrp: Pid, sig: number): void;
}

/**
 * A pseudo-terminal pair (drivers/tty/pty.c + n_tty.c): the master side is the terminal emulator
 * (xterm.js or the transcript CLI), the slave side is /dev/pts/N. The line discipline does canonical
 * editing, echo and job-control signals.
 */
export class Tty {
  termios: Termios = saneTermios();
  winsize: Winsize;
  /** Session that has this as controlling terminal, and its foreground process group. */
  session: Pid | null = null;
  fgPgrp: Pid | null = null;
  /** Bytes ready for read(2): completed lines in canonical mode, everything in raw mode. */
  private ready = '';
  /** Canonical mode: the line being edited. */
  private line = '';
  /** Pending EOF markers (^D at start of line) in canonical mode. */
  private eofs = 0;
  readonly readable = new WaitQueue();
  /** The master side's readers (a process relaying the console, e.g. containerd-shim). */
  readonly masterReadable = new WaitQueue();
  /** Set when the slave side has no more openers after having had one. */
  slaveGone = false;
  /** What a pty master's reader may leave unread before the slave's writers wait (64 KiB). */
  static readonly MASTER_BUFFER = 65536;
  private readonly listeners = new Set<(data: string) => void>();
  /** Readers currently blocked on this tty (for Kernel.settle). */
  blockedReaders = 0;
  /** Open slave descriptions; when it drops to 0 after being opened, the session is over. */
  slaveRefs = 0;
  everOpened = false;
  masterClosed = false;
  /** Annotation set by an interactive shell after each command (`$?`), read by the transcript CLI. */
  lastStatus: number | undefined;
  /**
   * Flow control towards the master side. Linux's pty hands the slave's output to the master's
   * tty_buffer, which holds a bounded amount (pty_write_room); once it is full, n_tty_write sleeps on
   * write_wait until the master's reader takes data out (tty_wakeup). `window` is that bound, for a
   * master reader that consumes at its own pace and says so with outputConsumed(); null for readers
   * that take everything at once (the CLI, tests), which never make a writer wait.
   */
  private window: number | null = null;
  /** Output handed to the master side and not consumed yet (UTF-16 units, as emitted: after ONLCR). */
  private unconsumed = 0;
  /** Writers sleeping for room (tty->write_wait). */
  readonly writable = new WaitQueue();

  constructor(readonly index: number, readonly devptsId: number, private readonly hooks: TtyHooks, cols = 80, rows = 24) {
    this.winsize = { cols, rows };
  }

  get name(): string { return `pts/${this.index}`; }
  get rdev(): [number, number] { return [136, this.index]; }

  // — master side —

  onOutput(listener: (data: string) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Keystrokes from the terminal emulator, through the line discipline. */
  input(data: string): void {
    for (const raw of data) this.inputChar(raw);
    this.readable.wake();
  }

  /** TIOCSWINSZ from the master (tty_do_resize): SIGWINCH goes to the foreground group only if the size changed. */
  resize(cols: number, rows: number): void {
    if (cols === this.winsize.cols && rows === this.winsize.rows) return;
    this.winsize = { cols, rows };
    if (this.fgPgrp) this.hooks.signalGroup(this.fgPgrp, SIG.SIGWINCH);
  }

  hangup(): void {
    this.masterClosed = true;
    if (this.session && this.fgPgrp) this.hooks.signalGroup(this.fgPgrp, SIG.SIGHUP);
    this.readable.wake();
    this.writable.wake();
  }

  /** The master's reader consumes at its own pace, holding at most `window` units unconsumed (null: no limit). */
  setOutputWindow(window: number | null): void {
    this.window = window;
    this.unconsumed = 0;
    this.writable.wake();
  }

  /** The master's reader has consumed `n` units of output: writers waiting for room go on (tty_wakeup). */
  outputConsumed(n: number): void {
    this.unconsumed = Math.max(0, this.unconsumed - n);
    if (this.writeRoom() > 0) this.writable.wake();
  }

  /** How much output the master side takes now (pty_write_room); unlimited once it hung up (output is dropped). */
  writeRoom(): number {
    if (this.window === null || this.masterClosed) return Infinity;
    return Math.max(0, this.window - this.unconsumed);
  }

  private inputChar(ch0: string): void {
    const t = this.termios;
    const ch = ch0 === '\r' ? '\n' : ch0; // ICRNL
    if (t.isig && (ch === CC.INTR || ch === CC.SUSP || ch === CC.QUIT)) {
      this.line = '';
      this.ready = '';
      if (t.echo) this.echo(ch === CC.INTR ? '^C' : ch === CC.SUSP ? '^Z' : '^\\');
      const sig = ch === CC.INTR ? SIG.SIGINT : ch === CC.SUSP ? SIG.SIGTSTP : SIG.SIGQUIT;
      if (this.fgPgrp) this.hooks.signalGroup(this.fgPgrp, sig);
      return;
    }
    if (!t.icanon) {
      this.ready += ch0 === '\r' && !t.icanon ? '\r' : ch;
      if (t.echo) this.echo(ch);
      return;
    }
    if (ch === CC.ERASE || ch === '\b') {
      if (this.line.length) {
        this.line = [...this.line].slice(0, -1).join('');
        if (t.echo) this.echo('\b \b');
      }
    } else if (ch === CC.KILL) {
      if (t.echo) this.echo('\b \b'.repeat([...this.line].length));
      this.line = '';
    } else if (ch === CC.WERASE) {
      const kept = this.line.replace(/\S+\s*$/, '');
      if (t.echo) this.echo('\b \b'.repeat([...this.line].length - [...kept].length));
      this.line = kept;
    } else if (ch === CC.EOF) {
      if (this.line === '') this.eofs++;
      else { this.ready += this.line; this.line = ''; }
    } else if (ch === '\n') {
      this.ready += this.line + '\n';
      this.line = '';
      if (t.echo) this.echo('\n');
    } else {
      this.line += ch;
      if (t.echo) this.echo(ch < ' ' && ch !== '\t' ? `^${String.fromCharCode(ch.charCodeAt(0) + 64)}` : ch);
    }
  }

  private echo(s: string): void { this.emit(s); }

  private emit(s: string): void {
    const out = this.termios.onlcr ? s.replace(/\n/g, '\r\n') : s;
    if (this.window !== null) this.unconsumed += out.length;
    for (const l of [...this.listeners]) l(out);
  }

  // — slave side —

  /** Data available to read(2) now; undefined when the reader must block. '' = end of file. */
  takeInput(): string | undefined {
    if (this.ready.length) {
      if (this.termios.icanon) {
        const nl = this.ready.indexOf('\n');
        const chunk = nl < 0 ? this.ready : this.ready.slice(0, nl + 1);
        this.ready = this.ready.slice(chunk.length);
        return chunk;
      }
      const chunk = this.ready;
      this.ready = '';
      return chunk;
    }
    if (this.termios.icanon && this.eofs > 0) { this.eofs--; return ''; }
    if (this.masterClosed) return '';
    return undefined;
  }

  /** Switching canonical mode keeps typed-ahead text available (n_tty_set_termios). */
  setTermios(t: Termios): void {
    if (this.termios.icanon && !t.icanon) { this.ready += this.line; this.line = ''; }
    this.termios = { ...t };
    this.readable.wake();
  }

  /** Input waiting to be read (typed ahead), for settle(). */
  get pendingInput(): number { return this.ready.length + this.eofs; }

  write(data: string): void {
    if (this.masterClosed) return;
    this.emit(data);
  }

  /**
   * Writes the longest prefix of `data` whose output (after ONLCR) fits in the master's buffer, never
   * splitting a UTF-16 surrogate pair; returns its length (n_tty_write's partial progress).
   */
  writeSome(data: string): number {
    const room = this.writeRoom();
    const crlf = this.termios.onlcr;
    if (data.length * (crlf ? 2 : 1) <= room) {
      this.write(data);
      return data.length;
    }
    let n = 0;
    for (let used = 0; n < data.length; n++) {
      used += crlf && data.charCodeAt(n) === 10 ? 2 : 1;
      if (used > room) break;
    }
    if (n > 0 && n < data.length && isHighSurrogate(data.charCodeAt(n - 1))) n--;
    if (n > 0) this.write(data.slice(0, n));
    return n;
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
