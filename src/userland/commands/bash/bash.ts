import type { ProgramImage, Proc } from '../../../kernel/program.ts';
import { ShellSyntaxError } from '../../shell/errors.ts';
import { Interpreter } from '../../shell/interp/Interpreter.ts';
import { JobTable } from '../../shell/jobs.ts';
import { parseScript } from '../../shell/parser.ts';
import { ShellExit, ShellState } from '../../shell/ShellState.ts';
import { readAll } from '../../lib/io.ts';
import { interactiveLoop } from './repl.ts';

const VERSION = `GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>

This is free software; you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;

/** bash(1): `-c string [name [args]]`, a script file, stdin, or an interactive session on a tty. */
export const bash: ProgramImage = { vszKb: 4204, rssKb: 3500, main: (proc) => runBash(proc) };

async function runBash(proc: Proc): Promise<number> {
  const { argv, sys } = proc;
  let command: string | undefined;
  let login = argv[0].startsWith('-');
  let forceInteractive = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-c') command = '';
    else if (a === '-l' || a === '--login') login = true;
    else if (a === '-i') forceInteractive = true;
    else if (a === '--version') { await proc.out(VERSION); return 0; }
    else if (a === '-s' || a === '--norc' || a === '--noprofile' || a === '--posix' || a === '-') continue;
    else if (a.startsWith('-') && a !== '--') {
      await proc.err(`bash: ${a}: invalid option\nUsage:\tbash [GNU long option] [option] ...\n\tbash [GNU long option] [option] script-file ...\n`);
      return 2;
    } else break;
  }
  if (argv[i] === '--') i++;
  const state = ShellState.fromEnvironment(sys, proc.env);
  state.name = argv[0];
  state.login = login;
  initVariables(proc, state);
  if (command !== undefined) {
    command = argv[i];
    if (command === undefined) { await proc.err('bash: -c: option requires an argument\n'); return 2; }
    // $0: the argument after the command string, else the name the shell was run by (`sh -c` says sh).
    state.name = argv[i + 1] ?? argv[0];
    state.positional = argv.slice(i + 2);
    return runSource(proc, state, command, '-c');
  }
  if (argv[i] !== undefined) {
    let text: string;
    try {
      text = await sys.readFile(argv[i]);
    } catch {
      await proc.err(`bash: ${argv[i]}: No such file or directory\n`);
      return 127;
    }
    state.name = argv[i];
    state.positional = argv.slice(i + 1);
    return runSource(proc, state, text, argv[i]);
  }
  if (forceInteractive || (sys.isatty(0) && sys.isatty(2))) {
    state.interactive = true;
    return interactiveLoop(proc, state);
  }
  return runSource(proc, state, await readAll(sys, 0), 'bash');
}

/** Variables bash sets itself at startup (variables.c initialize_shell_variables). */
function initVariables({ sys }: Proc, s: ShellState): void {
  s.set('PPID', String(sys.getppid()));
  s.vars.set('UID', { value: String(sys.getuid()), exported: false, readonly: true });
  s.vars.set('EUID', { value: String(sys.geteuid()), exported: false, readonly: true });
  const shlvl = Number(s.get('SHLVL') ?? '0');
  s.set('SHLVL', String(Number.isInteger(shlvl) ? shlvl + 1 : 1), true);
  s.set('PWD', sys.getcwd(), true);
  s.set('HOSTNAME', sys.uname().nodename);
  s.set('BASH', '/usr/bin/bash');
  s.set('BASH_VERSION', '5.2.15(1)-release');
  s.set('OPTIND', '1');
  if (!s.get('PS1')) s.set('PS1', '\\s-\\v\\$ ');
  s.set('PS2', '> ');
  s.set('PS4', '+ ');
  if (!s.get('PATH')) s.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
}

/** Run a whole script non-interactively: syntax errors print `NAME: line N: …` and the offending line. */
async function runSource(proc: Proc, state: ShellState, source: string, where: string): Promise<number> {
  const interp = new Interpreter(proc.sys, state, new JobTable(), { jobControl: false, parse: parseScript });
  let script;
  try {
    script = parseScript(source);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    const prefix = where === '-c' ? 'bash: -c' : `${where}`;
    const line = source.split('\n')[e.line - 1] ?? '';
    await proc.err(`${prefix}: line ${e.line}: ${e.message}\n${e.eof ? '' : `${prefix}: line ${e.line}: \`${line}'\n`}`);
    return 2;
  }
  try {
    return await interp.runScript(script);
  } catch (e) {
    if (e instanceof ShellExit) return e.status;
    throw e;
  }
}
