import type { ProgramImage } from '../../../kernel/program.ts';
import type { Stat } from '../../../kernel/syscalls/SysApi.ts';
import { parseArgs } from '../../lib/cli.ts';
import { blocks512, humanSize, joinName } from '../../lib/fileinfo.ts';
import { errMsg } from '../../lib/io.ts';
import { quoteaf } from '../../lib/quote.ts';

/** du(1) from coreutils: disk usage in KiB (or -h), per directory, -s summary, -a all files, -c total. */
export const du: ProgramImage = {
  vszKb: 7400, rssKb: 2000,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('du', argv.slice(1), 'achksd:', [
      { name: 'all', arg: 'none', key: 'a' }, { name: 'total', arg: 'none', key: 'c' },
      { name: 'human-readable', arg: 'none', key: 'h' }, { name: 'summarize', arg: 'none', key: 's' },
      { name: 'max-depth', arg: 'required', key: 'd' },
    ], err);
    if (!r) return 1;
    const has = (k: string) => r.options.some((o) => o.key === k);
    const all = has('a'), human = has('h'), summarize = has('s'), total = has('c');
    const depthOpt = r.options.find((o) => o.key === 'd')?.value;
    const maxDepth = summarize ? 0 : depthOpt !== undefined ? Number(depthOpt) : Infinity;
    if (summarize && all) { await err("du: cannot both summarize and show all entries\nTry 'du --help' for more information.\n"); return 1; }
    const seen = new Set<string>();
    let status = 0;
    let text = '';
    const show = (kb: number, p: string) => { text += `${human ? humanSize(kb * 1024) : kb}\t${p}\n`; };
    const walk = async (p: string, depth: number, st: Stat): Promise<number> => {
      const key = `${st.dev.join(':')}:${st.ino}`;
      if (seen.has(key)) return 0;
      seen.add(key);
      let kb = Math.ceil(blocks512(st) / 2);
      if (st.type === 'dir') {
        let names: string[] = [];
        try { names = sys.readdir(p); } catch (e) {
          if (text) { await out(text); text = ''; }
          await err(`du: cannot read directory ${quoteaf(p)}: ${errMsg(e)}\n`);
          status = 1;
        }
        for (const n of names) {
          const c = joinName(p, n);
          try { kb += await walk(c, depth + 1, sys.lstat(c)); } catch (e) {
            await err(`du: cannot access ${quoteaf(c)}: ${errMsg(e)}\n`);
            status = 1;
          }
        }
        await sys.sched_yield();
      }
      if (depth <= maxDepth && (st.type === 'dir' || all || depth === 0)) show(kb, p);
      return kb;
    };
    let sum = 0;
    for (const p of r.operands.length ? r.operands : ['.']) {
      let st: Stat;
      try { st = sys.lstat(p); } catch (e) { await err(`du: cannot access ${quoteaf(p)}: ${errMsg(e)}\n`); status = 1; continue; }
      sum += await walk(p, 0, st);
    }
    if (total) show(sum, 'total');
    if (text) await out(text);
    return status;
  },
};
