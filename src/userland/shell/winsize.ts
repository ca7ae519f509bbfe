import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import type { ShellState } from './ShellState.ts';

/**
 * get_new_window_size (bash jobs.c): read the terminal's size with TIOCGWINSZ and store it in LINES
 * and COLUMNS (sh_set_lines_and_columns, variables.c). bind_variable keeps the variables' attributes,
 * so they stay plain shell variables that children never see unless the user exports them: `ps` and
 * `ls` ask the tty themselves.
 *
 * An interactive bash calls this when readline starts and on SIGWINCH while it edits a line
 * (rl_resize_terminal), and, with `checkwinsize` (on by default since bash 5.0), after every
 * foreground job. A zero size (a pty nobody sized) leaves the variables alone, as bash does.
 */
export function getNewWindowSize(sys: SysApi, state: ShellState, fd: number): void {
  let ws;
  try {
    ws = sys.getWinsize(fd);
  } catch {
    return; // not a terminal (ENOTTY): nothing to learn
  }
  if (ws.rows <= 0 || ws.cols <= 0) return;
  for (const [name, value] of [['LINES', ws.rows], ['COLUMNS', ws.cols]] as const) {
    if (state.vars.get(name)?.readonly) continue; // bash would also print `COLUMNS: readonly variable` each time; we only keep the value
    state.set(name, String(value));
  }
}
