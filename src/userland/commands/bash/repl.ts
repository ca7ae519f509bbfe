import { SIG } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { Proc } from '../../../kernel/program.ts';
import type { Termios } from '../../../kernel/syscalls/SysApi.ts';
import { BUILTINS } from '../../shell/builtins/index.ts';
import { complete } from '../../shell/completion.ts';
import { ShellSyntaxError } from '../../shell/errors.ts';
import { expandWord } from '../../shell/interp/expand.ts';
import { Interpreter } from '../../shell/interp/Interpreter.ts';
import { JobTable } from '../../shell/jobs.ts';
import { parse, parseExpandable, parseScript } from '../../shell/parser.ts';
import { decodePrompt, measurePrompt } from '../../shell/prompt.ts';
import { LineEditor } from '../../shell/readline/LineEditor.ts';
import { ShellError, ShellExit, ShellInterrupt, type ShellState } from '../../shell/ShellState.ts';
import { getNewWindowSize } from '../../shell/winsize.ts';
import { passwd } from '../../lib/users.ts';

const TTY_FD = 255;
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l\r';

/**
 * An interactive bash on a terminal: job control on fd 255, startup files, then prompt → readline →
 * parse → run, forever. Readline runs the tty in raw mode and echoes itself; commands get the
 * terminal back in canonical mode, as bash's prep/deprep_terminal do.
 */
export async function interactiveLoop(proc: Proc, state: ShellState): Promise<number> {
  const { sys } = proc;
  sys.dup2(0, TTY_FD);
  sys.cloexec(TTY_FD, true);
  // Become the foreground process group of our terminal (bash's initialize_job_control).
  try {
    if (sys.getpgrp() !== sys.getpid() && sys.getsid() !== sys.getpid()) sys.setpgid(0, 0);
    sys.tcsetpgrp(TTY_FD, sys.getpgrp());
  } catch { /* not our controlling terminal: job control still works for groups */ }
  for (const s of [SIG.SIGTSTP, SIG.SIGTTIN, SIG.SIGTTOU, SIG.SIGQUIT, SIG.SIGTERM]) sys.signal(s, 'ignore');
  // Interrupts a blocked read (EINTR, handled as ^C at the prompt) and marks a running command line.
  sys.signal(SIG.SIGINT, () => { state.interrupted = true; });

  const jobs = new JobTable();
  const interp = new Interpreter(sys, state, jobs, { jobControl: true, ttyFd: TTY_FD, parse: parseScript });
  await startupFiles(interp, state);
  const sane: Termios = sys.tcgetattr(TTY_FD);
  const user = (await passwd(sys)).find((u) => u.uid === sys.geteuid())?.name ?? String(sys.geteuid());
  let pending = '';

  for (;;) {
    await jobs.reap(sys);
    for (const line of jobs.takeNotifications()) await sys.write(2, line + '\n');
    let source = '';
    let ps = state.get('PS1') ?? '';
    let line: string | null = null;
    for (;;) {
      const prompt = await expandPrompt(interp, decodePrompt(ps, {
        user, hostname: sys.uname().nodename, cwd: sys.getcwd(), home: state.get('HOME') ?? '', euid: sys.geteuid(),
        shellName: 'bash', now: sys.time(), historyNumber: state.history.length + 1, jobs: jobs.jobs.length,
      }, true));
      const r = await readLine(proc, state, sane, prompt, pending);
      pending = r.pending;
      if (r.kind === 'eof') {
        if (source === '') {
          await sys.write(2, state.login ? 'logout\n' : 'exit\n');
          return state.lastStatus;
        }
        await sys.write(2, `${state.name}: syntax error: unexpected end of file\n`);
        line = null;
        break;
      }
      if (r.kind === 'interrupted') { state.lastStatus = 130; line = null; break; }
      source = source ? `${source}\n${r.line}` : r.line;
      try {
        if (parse(source).kind === 'incomplete') { ps = state.get('PS2') ?? '> '; continue; }
      } catch { /* reported when run below */ }
      line = source;
      break;
    }
    if (line === null || line.trim() === '') continue;
    state.history.push(line.replace(/\n/g, ' '));
    let status: number;
    state.interrupted = false;
    try {
      status = await interp.runScript(parseScript(line));
    } catch (e) {
      if (e instanceof ShellInterrupt) {
        status = 130;
      } else if (e instanceof ShellSyntaxError) {
        await sys.write(2, `${state.name}: ${e.message}\n`);
        status = 2;
      } else if (e instanceof ShellExit) {
        return e.status;
      } else throw e;
    }
    state.lastStatus = status;
    try { sys.ttyReportStatus(TTY_FD, status); } catch { /* not a tty */ }
  }
}

type ReadResult = { kind: 'line'; line: string; pending: string } | { kind: 'eof'; pending: string } | { kind: 'interrupted'; pending: string };

async function readLine(proc: Proc, state: ShellState, sane: Termios, prompt: { text: string; width: number }, typedAhead: string): Promise<ReadResult> {
  const { sys } = proc;
  const editor = new LineEditor(state.history, {
    cols: () => { try { return sys.getWinsize(TTY_FD).cols; } catch { return 80; } },
    complete: (l: string, c: number) => complete(sys, l, c, state.get('PATH') ?? '', [...BUILTINS.keys(), ...state.functions.keys()]),
  });
  // readline's rl_set_signals: while a line is edited, SIGWINCH interrupts the read; the line is
  // redrawn for the new width and LINES/COLUMNS follow (rl_resize_terminal). The old disposition comes
  // back afterwards (rl_clear_signals), so a command started later gets the signal's default.
  let resized = false;
  const oldWinch = sys.signal(SIG.SIGWINCH, () => { resized = true; });
  state.interrupted = false;
  getNewWindowSize(sys, state, TTY_FD);
  sys.tcsetattr(TTY_FD, { ...sane, icanon: false, echo: false });
  try {
    await sys.write(1, PASTE_ON + editor.start(prompt.text, prompt.width));
    let data = typedAhead;
    for (;;) {
      if (resized) {
        resized = false;
        getNewWindowSize(sys, state, TTY_FD);
        const redraw = editor.resize();
        if (redraw) await sys.write(1, redraw);
        continue;
      }
      if (data === '') {
        try {
          data = await sys.read(0);
        } catch (e) {
          if (!isKernelError(e, 'EINTR')) throw e;
          if (resized && !state.interrupted) continue;
          await sys.write(1, '^C\n');
          return { kind: 'interrupted', pending: '' };
        }
        if (data === '') return { kind: 'eof', pending: '' };
      }
      const r = await editor.feed(data);
      data = '';
      if (r.output) await sys.write(1, r.output);
      if (r.interrupted) return { kind: 'interrupted', pending: r.pending ?? '' };
      if (r.eof) return { kind: 'eof', pending: '' };
      if (r.line !== undefined) {
        await sys.write(1, PASTE_OFF);
        return { kind: 'line', line: r.line, pending: r.pending ?? '' };
      }
    }
  } finally {
    sys.tcsetattr(TTY_FD, sane);
    sys.signal(SIG.SIGWINCH, oldWinch);
  }
}

/** Login shells read /etc/profile and ~/.bash_profile; others /etc/bash.bashrc and ~/.bashrc. */
async function startupFiles(interp: Interpreter, state: ShellState): Promise<void> {
  const home = state.get('HOME') ?? '/';
  const candidates = state.login ? ['/etc/profile', `${home}/.bash_profile`] : ['/etc/bash.bashrc', `${home}/.bashrc`];
  for (const file of candidates) {
    let text: string;
    try { text = await interp.sys.readFile(file); } catch { continue; }
    try {
      await interp.runScript(parseScript(text));
    } catch (e) {
      if (e instanceof ShellSyntaxError) await interp.err(`${file}: line ${e.line}: ${e.message}`);
      else if (!(e instanceof ShellExit)) throw e;
    }
  }
}

/**
 * promptvars (on by default): after decoding, PS1 undergoes parameter expansion, command substitution
 * and arithmetic, so `${debian_chroot:+($debian_chroot)}` and `$(__git_ps1)` work. A failing
 * expansion is reported and the decoded text used as it is.
 */
async function expandPrompt(interp: Interpreter, decoded: string): Promise<{ text: string; width: number }> {
  const word = parseExpandable(decoded);
  if (word.error) return measurePrompt(decoded);
  try {
    return measurePrompt(await expandWord(interp, word));
  } catch (e) {
    if (!(e instanceof ShellError)) throw e;
    await interp.err(e.message);
    return measurePrompt(decoded);
  }
}
