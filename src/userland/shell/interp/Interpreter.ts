import { SIG, SIGNAL_DESCRIPTIONS, WUNTRACED } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { W } from '../../../kernel/task/wait.ts';
import type { AndOr, Command, List, Pipeline, Script } from '../ast.ts';
import { shellPrefix } from '../builtins/types.ts';
import { JobTable, statusOf, type Job } from '../jobs.ts';
import { ControlFlow, ShellError, ShellExit, ShellInterrupt, type ShellState } from '../ShellState.ts';
import { passwd } from '../../lib/users.ts';
import { readAll } from '../../lib/io.ts';
import { runCompound } from './compound.ts';
import { expandWords, type ExpandHost } from './expand.ts';
import { runSimpleInShell, runSimpleInChild, isInShellCommand, prepareSimple } from './simple.ts';
import { getNewWindowSize } from '../winsize.ts';

/** Signals an interactive shell ignores or catches, and its children get back as default. */
const SHELL_SIGNALS = [SIG.SIGINT, SIG.SIGQUIT, SIG.SIGTERM, SIG.SIGTSTP, SIG.SIGTTIN, SIG.SIGTTOU];

export interface InterpreterOptions {
  /** Job control (`set -m`): pipelines get process groups and the terminal. */
  jobControl: boolean;
  /** The shell's own descriptor on its controlling terminal (bash keeps fd 255). */
  ttyFd?: number;
  /** Source of the running script, for `line N` in messages. */
  parse: (source: string) => Script;
}

/** Walks the AST (execute_cmd.c's role) using only system calls: fork, exec, wait, pipes, dup2. */
export class Interpreter implements ExpandHost {
  constructor(readonly sys: SysApi, readonly state: ShellState, readonly jobs: JobTable, readonly opts: InterpreterOptions) {}

  async err(msg: string): Promise<void> {
    try { await this.sys.write(2, `${shellPrefix(this.state, this.state.currentLine)}${msg}\n`); } catch { /* stderr closed */ }
  }

  async runScript(script: Script): Promise<number> { return this.runList(script.body); }

  async runList(list: List): Promise<number> {
    let status = this.state.lastStatus;
    for (const ao of list) {
      this.checkInterrupt();
      try { status = await this.runAndOr(ao); } finally { this.closeProcSubsts(); }
      this.state.lastStatus = status;
      if (this.state.options.has('e') && status !== 0 && !ao.background && this.lastExitable && !this.state.errexitIgnored) throw new ShellExit(status);
    }
    return status;
  }

  /** bash stops the command line once SIGINT arrived (its own, or a foreground job's death by it). */
  checkInterrupt(): void {
    if (this.state.interrupted && this.state.interactive && !this.state.subshell) throw new ShellInterrupt();
  }

  async runAndOr(ao: AndOr): Promise<number> {
    this.state.currentLine = ao.line;
    if (ao.background) {
      if (ao.rest.length === 0) return this.runPipeline(ao.first, true);
      const pid = this.forkSubshell(async (child) => child.runAndOr({ ...ao, background: false }), true);
      this.startBackgroundJob([pid], ao.text);
      return 0;
    }
    // Only the pipeline after the final && or || may trigger `set -e` (bash's CMD_IGNORE_RETURN).
    const last = ao.rest.length ? ao.rest[ao.rest.length - 1].pipeline : ao.first;
    let ran = ao.first;
    let status = await this.ignoringErrexit(ao.rest.length > 0, () => this.runPipeline(ao.first, false));
    for (const { op, pipeline } of ao.rest) {
      this.state.lastStatus = status;
      this.checkInterrupt();
      if ((op === '&&') === (status === 0)) {
        ran = pipeline;
        status = await this.ignoringErrexit(pipeline !== last, () => this.runPipeline(pipeline, false));
      }
    }
    this.lastExitable = ran === last && !ran.negated;
    return status;
  }

  /** Whether the and-or list just run ended in a pipeline whose failure `set -e` acts on. */
  private lastExitable = true;

  /** Run `f` with `set -e` ignored when `ignore` is true (if/while tests, && / || operands, `!`). */
  async ignoringErrexit<T>(ignore: boolean, f: () => Promise<T>): Promise<T> {
    if (!ignore) return f();
    this.state.errexitIgnored++;
    try { return await f(); } finally { this.state.errexitIgnored--; }
  }

  async runPipeline(p: Pipeline, background: boolean): Promise<number> {
    if (p.negated && !this.state.errexitIgnored) return this.ignoringErrexit(true, () => this.runPipeline(p, background));
    this.state.currentLine = p.line;
    if (p.commands.length === 0) return p.negated ? 1 : 0;
    let status: number;
    if (p.commands.length === 1 && !background) {
      const cmd = p.commands[0];
      if (cmd.type === 'simple') {
        const prepared = await this.safely(() => prepareSimple(this, cmd));
        if (typeof prepared === 'number') status = prepared;
        else if (isInShellCommand(this, prepared.argv)) status = await this.safely(() => runSimpleInShell(this, cmd, prepared)) as number;
        else status = await this.forkPipeline([async (c) => c.safely(() => runSimpleInChild(c, cmd, prepared)) as Promise<number>], [], p.text, false);
      } else if (cmd.type === 'function') {
        this.state.functions.set(cmd.name, cmd);
        status = 0;
      } else if (cmd.type === 'subshell') {
        status = await this.forkPipeline([async (c) => c.runCommandInChild(cmd)], [], p.text, false);
      } else {
        status = await this.safely(() => runCompound(this, cmd)) as number;
      }
    } else {
      const stages = p.commands.map((cmd) => async (c: Interpreter) => c.runCommandInChild(cmd));
      status = await this.forkPipeline(stages, p.ops, p.text, background);
    }
    return p.negated ? (status === 0 ? 1 : 0) : status;
  }

  /** Run one command as the whole of a forked child (pipeline stage, subshell body). */
  async runCommandInChild(cmd: Command): Promise<number> {
    if (cmd.type === 'simple') {
      const prepared = await this.safely(() => prepareSimple(this, cmd));
      return typeof prepared === 'number' ? prepared : this.safely(() => runSimpleInChild(this, cmd, prepared)) as Promise<number>;
    }
    if (cmd.type === 'function') { this.state.functions.set(cmd.name, cmd); return 0; }
    if (cmd.type === 'subshell') return this.safely(() => runCompound(this, { type: 'group', body: cmd.body, redirects: cmd.redirects })) as Promise<number>;
    return this.safely(() => runCompound(this, cmd)) as Promise<number>;
  }

  /** Print shell errors as bash does and turn them into a status; other throwables propagate. */
  async safely<T>(f: () => Promise<T>): Promise<T | number> {
    try {
      return await f();
    } catch (e) {
      if (e instanceof ShellError) {
        await this.err(e.message);
        if (!this.state.interactive && e.status === 2) throw new ShellExit(e.status);
        return e.status;
      }
      throw e;
    }
  }

  /** fork(2) a subshell running `body` with a copy of this shell's state. */
  forkSubshell(body: (child: Interpreter) => Promise<number>, background: boolean, pgid?: number, setup?: (sys: SysApi) => void): number {
    const jobControl = this.opts.jobControl && !this.state.subshell;
    return this.sys.clone(async (sys) => {
      for (const s of SHELL_SIGNALS) sys.signal(s, 'default');
      if (background && !jobControl) { sys.signal(SIG.SIGINT, 'ignore'); sys.signal(SIG.SIGQUIT, 'ignore'); }
      setup?.(sys);
      const child = new Interpreter(sys, this.state.clone(), new JobTable(), { ...this.opts, jobControl: false, ttyFd: undefined });
      try {
        return await body(child);
      } catch (e) {
        if (e instanceof ShellExit) return e.status;
        if (e instanceof ControlFlow) return e.status;
        throw e;
      }
    }, jobControl ? { pgid: pgid ?? 0 } : {});
  }

  /** Fork every stage with pipes between them; wait for a foreground pipeline, register a background one. */
  async forkPipeline(stages: Array<(c: Interpreter) => Promise<number>>, ops: Pipeline['ops'], text: string, background: boolean): Promise<number> {
    const pids: number[] = [];
    const pipes: Array<[number, number]> = [];
    for (let i = 0; i < stages.length - 1; i++) pipes.push(this.sys.pipe());
    let pgid: number | undefined;
    try {
      for (let i = 0; i < stages.length; i++) {
        const pid = this.forkSubshell(stages[i], background, pgid, (sys) => {
          if (i > 0) sys.dup2(pipes[i - 1][0], 0);
          if (i < stages.length - 1) {
            sys.dup2(pipes[i][1], 1);
            if (ops[i] === '|&') sys.dup2(pipes[i][1], 2);
          }
          for (const [r, w] of pipes) { sys.close(r); sys.close(w); }
        });
        pids.push(pid);
        pgid ??= pid;
        if (i === 0 && !background) this.giveTerminal(pid);
      }
    } catch (e) {
      for (const [r, w] of pipes) { this.sys.close(r); this.sys.close(w); }
      if (isKernelError(e, 'EAGAIN')) { await this.err('fork: retry: Resource temporarily unavailable'); return 254; }
      throw e;
    }
    for (const [r, w] of pipes) { this.sys.close(r); this.sys.close(w); }
    if (background) { this.startBackgroundJob(pids, text); return 0; }
    const job = this.jobs.add(pgid!, pids.map((pid) => ({ pid })), text, false);
    return this.waitForeground(job);
  }

  private startBackgroundJob(pids: number[], text: string): void {
    this.state.lastBgPid = pids[pids.length - 1];
    if (this.opts.jobControl && !this.state.subshell) {
      const job = this.jobs.add(pids[0], pids.map((pid) => ({ pid })), text, true);
      if (this.state.interactive) void this.sys.write(2, `[${job.id}] ${pids[pids.length - 1]}\n`).catch(() => undefined);
    }
  }

  private giveTerminal(pgid: number): void {
    if (!this.opts.jobControl || this.state.subshell || this.opts.ttyFd === undefined) return;
    try { this.sys.tcsetpgrp(this.opts.ttyFd, pgid); } catch { /* no controlling tty */ }
  }

  private takeTerminal(): void {
    if (!this.opts.jobControl || this.state.subshell || this.opts.ttyFd === undefined) return;
    try { this.sys.tcsetpgrp(this.opts.ttyFd, this.sys.getpgrp()); } catch { /* no controlling tty */ }
  }

  /** waitchld for a foreground job: returns its status, announces stops and fatal signals. */
  async waitForeground(job: Job): Promise<number> {
    for (const p of job.procs) {
      while (p.status === undefined && job.state !== 'Stopped') {
        let r;
        try {
          r = await this.sys.wait4(p.pid, WUNTRACED);
        } catch (e) {
          if (isKernelError(e, 'ECHILD')) { p.status = 0; break; }
          if (isKernelError(e, 'EINTR')) continue;
          throw e;
        }
        if (r) this.jobs.record(r.pid, r.status);
      }
    }
    this.takeTerminal();
    // checkwinsize (default on since bash 5.0): the job may have run while the window was resized, and
    // SIGWINCH went to its process group, not to us; wait_for asks the terminal again.
    if (this.state.interactive && !this.state.subshell && this.opts.ttyFd !== undefined) getNewWindowSize(this.sys, this.state, this.opts.ttyFd);
    if (job.state === 'Stopped') {
      job.background = true;
      if (this.state.interactive) await this.sys.write(2, `\n${this.jobs.format(job)}\n`).catch(() => undefined);
      job.notified = true;
      return 128 + SIG.SIGTSTP;
    }
    this.jobs.remove(job);
    const last = job.procs[job.procs.length - 1].status ?? 0;
    if (W.ifSignaled(last) && this.state.interactive) {
      const sig = W.termSig(last);
      if (sig === SIG.SIGINT) {
        this.state.interrupted = true;
        await this.sys.write(2, '\n').catch(() => undefined);
      }
      else if (sig !== SIG.SIGPIPE) {
        await this.sys.write(2, `${SIGNAL_DESCRIPTIONS[sig] ?? `Unknown signal ${sig}`}${W.coreDumped(last) ? ' (core dumped)' : ''}\n`).catch(() => undefined);
      }
    }
    return statusOf(last);
  }

  /** fg: continue a job in the foreground. */
  async foreground(job: Job): Promise<number> {
    job.background = false;
    await this.sys.write(1, `${job.text}\n`);
    this.giveTerminal(job.pgid);
    if (job.state === 'Stopped') { job.state = 'Running'; this.sys.kill(-job.pgid, SIG.SIGCONT); }
    return this.waitForeground(job);
  }

  // — ExpandHost —
  async commandSubst(script: Script): Promise<string> {
    const [r, w] = this.sys.pipe();
    const pid = this.forkOnPipe(script, w, 1, [r]);
    this.sys.close(w);
    const out = await readAll(this.sys, r);
    this.sys.close(r);
    try {
      const res = await this.sys.wait4(pid);
      if (res) this.state.lastStatus = statusOf(res.status);
    } catch { /* reaped elsewhere */ }
    return out;
  }

  /**
   * Fork a subshell running `script` with pipe end `end` as its descriptor `target` (stdout of a
   * `$(…)` or `<(…)`, stdin of a `>(…)`); `close` lists the parent's descriptors the child must not keep.
   */
  private forkOnPipe(script: Script, end: number, target: 0 | 1, close: number[]): number {
    return this.sys.clone(async (sys) => {
      sys.dup2(end, target);
      for (const fd of [end, ...close]) sys.close(fd);
      for (const s of SHELL_SIGNALS) sys.signal(s, 'default');
      const child = new Interpreter(sys, this.state.clone(), new JobTable(), { ...this.opts, jobControl: false, ttyFd: undefined });
      try { return await child.runScript(script); } catch (e) { if (e instanceof ShellExit) return e.status; throw e; }
    });
  }

  /** Descriptors of process substitutions made for the command being run (closed once it is done). */
  private procSubstFds: number[] = [];

  /**
   * `<(list)` / `>(list)` (bash's process_substitute): the list runs in a child on one end of a pipe,
   * the shell keeps the other end on a high descriptor (63, 62, … as bash picks them) and the word
   * becomes /dev/fd/N, which the command opens like any file.
   */
  procSubst(script: Script, op: '<' | '>'): string {
    const [r, w] = this.sys.pipe();
    const [mine, theirs] = op === '<' ? [r, w] : [w, r];
    this.forkOnPipe(script, theirs, op === '<' ? 1 : 0, [mine, ...this.procSubstFds]);
    this.sys.close(theirs);
    let fd = 63;
    while (this.sys.fds().includes(fd) && fd > 10) fd--;
    this.sys.dup2(mine, fd);
    this.sys.close(mine);
    this.procSubstFds.push(fd);
    return `/dev/fd/${fd}`;
  }

  /** unlink_fifo_list: the command that used them has finished. */
  private closeProcSubsts(): void {
    for (const fd of this.procSubstFds.splice(0)) { try { this.sys.close(fd); } catch { /* already closed */ } }
  }

  async homeOf(user: string): Promise<string | undefined> {
    return (await passwd(this.sys)).find((u) => u.name === user)?.home;
  }

  expandWords = (words: Parameters<typeof expandWords>[1]) => expandWords(this, words);
}
