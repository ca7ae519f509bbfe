import type { ProgramImage } from '../../../kernel/program.ts';
import { O_RDONLY } from '../../../kernel/constants.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { errMsg } from '../../lib/io.ts';

/** cat(1) from coreutils: copies files (or stdin, or `-`) to stdout; -n numbers lines, -A shows ends. */
export const cat: ProgramImage = {
  vszKb: 5512, rssKb: 1748,
  main: async ({ argv, sys, out, err }) => {
    let number = false, showEnds = false, showTabs = false;
    let files: string[];
    try {
      const r = getopt('cat', argv.slice(1), 'nAETbsuv', [
        { name: 'number', arg: 'none', key: 'n' }, { name: 'show-all', arg: 'none', key: 'A' },
        { name: 'show-ends', arg: 'none', key: 'E' }, { name: 'show-tabs', arg: 'none', key: 'T' },
      ]);
      for (const o of r.options) {
        if (o.key === 'n') number = true;
        if (o.key === 'A') { showEnds = true; showTabs = true; }
        if (o.key === 'E') showEnds = true;
        if (o.key === 'T') showTabs = true;
      }
      files = r.operands.length ? r.operands : ['-'];
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'cat --help' for more information.\n`);
      return 1;
    }
    let status = 0;
    let lineNo = 0;
    let atLineStart = true;
    const emit = async (chunk: string) => {
      if (!number && !showEnds && !showTabs) return out(chunk);
      let s = '';
      for (const ch of chunk) {
        if (atLineStart && number) s += `${String(++lineNo).padStart(6)}\t`;
        atLineStart = ch === '\n';
        s += ch === '\n' && showEnds ? '$\n' : ch === '\t' && showTabs ? '^I' : ch;
      }
      return out(s);
    };
    for (const f of files) {
      let fd = 0;
      try {
        if (f !== '-') fd = sys.open(f, O_RDONLY);
        if (sys.fstat(fd).type === 'dir') { await err(`cat: ${f}: Is a directory\n`); status = 1; continue; }
        for (let c = await sys.read(fd); c !== ''; c = await sys.read(fd)) await emit(c);
      } catch (e) {
        await err(`cat: ${f}: ${errMsg(e)}\n`);
        status = 1;
      } finally {
        if (fd !== 0) sys.close(fd);
      }
    }
    return status;
  },
};
