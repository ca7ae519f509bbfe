import type { ProgramImage } from '../../../kernel/program.ts';
import { errMsg } from '../../lib/io.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { tryHelp } from '../../lib/cli.ts';
import { findInPath } from '../../lib/path.ts';
import { quoteaf } from '../../lib/quote.ts';

/** env(1) from coreutils: print the environment, or run a command in a modified one (-i, -u, NAME=VALUE). */
export const env: ProgramImage = {
  vszKb: 7200, rssKb: 1800,
  main: async ({ argv, env: environ, sys, out, err }) => {
    let r;
    try {
      r = getopt('env', argv.slice(1), '+iu:0C:', [
        { name: 'ignore-environment', arg: 'none', key: 'i' }, { name: 'unset', arg: 'required', key: 'u' },
        { name: 'null', arg: 'none', key: '0' }, { name: 'chdir', arg: 'required', key: 'C' },
      ]);
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\n${tryHelp('env')}`);
      return 125;
    }
    const vars = new Map(environ);
    let nul = false;
    let dir: string | undefined;
    for (const { key, value } of r.options) {
      if (key === 'i') vars.clear();
      else if (key === 'u') {
        if (value === '' || value!.includes('=')) { await err(`env: cannot unset ${quoteaf(value!)}: Invalid argument\n`); return 125; }
        vars.delete(value!);
      } else if (key === '0') nul = true;
      else if (key === 'C') dir = value;
    }
    const rest = [...r.operands];
    if (rest[0] === '-') { vars.clear(); rest.shift(); }
    while (rest.length && rest[0].includes('=') && !rest[0].startsWith('=')) {
      const a = rest.shift()!;
      const eq = a.indexOf('=');
      vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    if (!rest.length) {
      if (dir !== undefined) { await err(`env: must specify command with --chdir (-C)\n${tryHelp('env')}`); return 125; }
      await out([...vars].map(([k, v]) => `${k}=${v}${nul ? '\0' : '\n'}`).join(''));
      return 0;
    }
    if (nul) { await err(`env: cannot specify --null (-0) with command\n${tryHelp('env')}`); return 125; }
    if (dir !== undefined) {
      try { sys.chdir(dir); } catch (e) { await err(`env: cannot change directory to ${quoteaf(dir)}: ${errMsg(e)}\n`); return 125; }
    }
    const cmd = rest[0];
    const path = cmd.includes('/') ? cmd : findInPath(sys, cmd, vars.get('PATH') ?? '/usr/local/bin:/usr/bin:/bin');
    if (path === null) { await err(`env: ${quoteaf(cmd)}: No such file or directory\n`); return 127; }
    try {
      return await sys.execve(path, rest, vars);
    } catch (e) {
      await err(`env: ${quoteaf(cmd)}: ${errMsg(e)}\n`);
      return (e as { code?: string }).code === 'ENOENT' ? 127 : 126;
    }
  },
};
