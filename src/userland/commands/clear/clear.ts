import type { ProgramImage } from '../../../kernel/program.ts';

/** clear(1) from ncurses: home, erase the screen, and (unless -x) the scrollback (E3). */
export const clear: ProgramImage = {
  vszKb: 5496, rssKb: 1352,
  main: async ({ argv, env, out, err }) => {
    let scrollback = true;
    let term = env.get('TERM');
    const args = argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-x') scrollback = false;
      else if (a === '-T' && i + 1 < args.length) term = args[++i];
      else if (a.startsWith('-T') && a.length > 2) term = a.slice(2);
      else if (a === '-V') { await out('ncurses 6.3.20220423\n'); return 0; }
      else {
        await err(`clear: ${a.startsWith('-') ? `invalid option -- '${a.slice(1, 2)}'` : `extra operand '${a}'`}\nUsage: clear [options]\n\nOptions:\n  -T TERM     use this instead of $TERM\n  -V          print curses-version\n  -x          do not try to clear scrollback\n`);
        return 1;
      }
    }
    if (!term) { await err('TERM environment variable not set.\n'); return 1; }
    if (term === 'dumb') return 1;
    await out(scrollback ? '\x1b[H\x1b[2J\x1b[3J' : '\x1b[H\x1b[2J');
    return 0;
  },
};
