import type { ProgramImage } from '../../../kernel/program.ts';

/** which(1) as Debian's debianutils ships it: the path of each command found in $PATH; exit 1 if any is missing. */
export const which: ProgramImage = {
  vszKb: 2600, rssKb: 1020,
  main: async ({ argv, env, sys, out, err }) => {
    let all = false, silent = false;
    let i = 1;
    for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
      if (argv[i] === '--') { i++; break; }
      for (const c of argv[i].slice(1)) {
        if (c === 'a') all = true;
        else if (c === 's') silent = true;
        else { await err(`Illegal option -${c}\nUsage: ${argv[0]} [-as] args\n`); return 2; }
      }
    }
    const names = argv.slice(i);
    if (!names.length) return 1;
    const isExec = (p: string) => { try { return sys.stat(p).type === 'file' && sys.access(p, 'x'); } catch { return false; } };
    const dirs = (env.get('PATH') ?? '').split(':');
    let status = 0;
    let text = '';
    for (const name of names) {
      const found: string[] = [];
      if (name.includes('/')) { if (isExec(name)) found.push(name); }
      else {
        for (const d of dirs) {
          const p = `${d || '.'}/${name}`;
          if (isExec(p)) { found.push(p); if (!all) break; }
        }
      }
      if (!found.length) status = 1;
      else if (!silent) text += found.map((p) => p + '\n').join('');
    }
    if (text) await out(text);
    return status;
  },
};
