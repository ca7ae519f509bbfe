import type { ProgramImage } from '../../../kernel/program.ts';
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../../kernel/constants.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { closeInput, openInput, readRecordBatches } from '../../lib/input.ts';
import { errMsg } from '../../lib/io.ts';
import { quote, quoteaf, shellQuote } from '../../lib/quote.ts';
import { HELP, VERSION } from './help.ts';

class Usage extends Error {}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** The part of a line uniq compares: skip -f fields and -s characters, keep -w characters. */
export function uniqKey(line: string, skipFields: number, skipChars: number, checkChars: number): string {
  let i = 0;
  for (let f = 0; f < skipFields && i < line.length; f++) {
    while (i < line.length && isBlank(line[i])) i++;
    while (i < line.length && !isBlank(line[i])) i++;
  }
  i = Math.min(line.length, i + skipChars);
  return line.slice(i, i + checkChars);
}

/** uniq(1) from coreutils: -c, -d, -D[=METHOD], -u, -i, -f, -s, -w, -z, --group[=METHOD]. */
export const uniq: ProgramImage = {
  vszKb: 5516, rssKb: 1804,
  main: async ({ argv, env, sys, out, err }) => {
    let count = false, repeated = false, unique = false, allRepeated: string | null = null, group: string | null = null;
    let ignoreCase = false, skipFields = 0, skipChars = 0, checkChars = Infinity, term = '\n';
    let operands: string[];
    const num = (v: string, what: string) => {
      if (!/^\s*\+?\d+$/.test(v)) throw new Usage(`uniq: ${v}: ${what}\n`);
      return Number(v);
    };
    const method = (opt: string, v: string | undefined, all: string[]) => {
      if (v === undefined) return all[0];
      const m = all.filter((a) => a.startsWith(v));
      if (m.length === 1 && v !== '') return m[0];
      throw new Usage(`uniq: ${m.length > 1 ? 'ambiguous' : 'invalid'} argument ${quote(env, v)} for ${quote(env, opt)}\nValid arguments are:\n`
        + `${all.map((a) => `  - ${quote(env, a)}\n`).join('')}Try 'uniq --help' for more information.\n`);
    };
    try {
      const r = getopt('uniq', argv.slice(1), 'cdDf:is:uw:z', [
        { name: 'count', arg: 'none', key: 'c' }, { name: 'repeated', arg: 'none', key: 'd' },
        { name: 'all-repeated', arg: 'optional', key: 'D' }, { name: 'group', arg: 'optional', key: 'group' },
        { name: 'ignore-case', arg: 'none', key: 'i' }, { name: 'unique', arg: 'none', key: 'u' },
        { name: 'skip-fields', arg: 'required', key: 'f' }, { name: 'skip-chars', arg: 'required', key: 's' },
        { name: 'check-chars', arg: 'required', key: 'w' }, { name: 'zero-terminated', arg: 'none', key: 'z' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const o of r.options) {
        switch (o.key) {
          case 'c': count = true; break;
          case 'd': repeated = true; break;
          case 'D': allRepeated = method('--all-repeated', o.value, ['none', 'prepend', 'separate']); break;
          case 'group': group = method('--group', o.value, ['separate', 'prepend', 'append', 'both']); break;
          case 'i': ignoreCase = true; break;
          case 'u': unique = true; break;
          case 'f': skipFields = num(o.value!, 'invalid number of fields to skip'); break;
          case 's': skipChars = num(o.value!, 'invalid number of bytes to skip'); break;
          case 'w': checkChars = num(o.value!, 'invalid number of bytes to compare'); break;
          case 'z': term = '\0'; break;
        }
      }
      operands = r.operands;
      if (operands.length > 2) throw new GetoptError(`uniq: extra operand ${quoteaf(operands[2])}`);
      if (group !== null && (count || repeated || allRepeated !== null || unique)) {
        throw new GetoptError('uniq: --group is mutually exclusive with -c/-d/-D/-u');
      }
      if (count && allRepeated !== null) {
        throw new GetoptError('uniq: printing all duplicated lines and repeat counts is meaningless');
      }
    } catch (e) {
      if (e instanceof Usage) { await err(e.message); return 1; }
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'uniq --help' for more information.\n`);
      return 1;
    }
    const input = operands[0] ?? '-';
    let fd: number;
    try { fd = openInput(sys, input); } catch (e) {
      await err(`uniq: ${shellQuote(input)}: ${errMsg(e)}\n`);
      return 1;
    }
    let sink = out;
    let outFd = -1;
    if (operands[1] !== undefined && operands[1] !== '-') {
      try { outFd = sys.open(operands[1], O_WRONLY | O_CREAT | O_TRUNC, 0o666); } catch (e) {
        closeInput(sys, fd);
        await err(`uniq: ${shellQuote(operands[1])}: ${errMsg(e)}\n`);
        return 1;
      }
      sink = (s: string) => sys.write(outFd, s);
    }
    // Output is collected per input batch and written in one go.
    let pending = '';
    const write = (s: string) => { pending += s; };
    const keyOf = (l: string) => {
      const k = uniqKey(l, skipFields, skipChars, checkChars);
      return ignoreCase ? k.replace(/[a-z]+/g, (x) => x.toUpperCase()) : k;
    };
    // With -d/-u/-D, only repeated (or only unique) groups are printed; plain uniq prints every group.
    const showRepeated = !unique;
    const showUnique = !repeated && allRepeated === null;
    let groupLines: string[] = [];
    let groupKey = '';
    let printedGroups = 0;
    const flush = () => {
      if (!groupLines.length) return;
      const n = groupLines.length;
      if (group !== null) {
        if (printedGroups > 0 || group === 'prepend' || group === 'both') write(term);
        for (const l of groupLines) write(l + term);
        printedGroups++;
        return;
      }
      if (n > 1 ? !showRepeated : !showUnique) return;
      if (allRepeated !== null) {
        if ((allRepeated === 'prepend' || (allRepeated === 'separate' && printedGroups > 0))) write(term);
        for (const l of groupLines) write(l + term);
      } else {
        write((count ? `${String(n).padStart(7)} ` : '') + groupLines[0] + term);
      }
      printedGroups++;
    };
    let status = 0;
    try {
      for await (const batch of readRecordBatches(sys, fd, term)) {
        for (const rec of batch) {
          const line = rec.endsWith(term) ? rec.slice(0, -1) : rec;
          const k = keyOf(line);
          if (groupLines.length && k === groupKey) { groupLines.push(line); continue; }
          flush();
          groupLines = [line];
          groupKey = k;
        }
        if (pending) { await sink(pending); pending = ''; }
      }
      flush();
      if ((group === 'append' || group === 'both') && printedGroups > 0) write(term);
      if (pending) await sink(pending);
    } catch {
      await err(`uniq: error reading ${quoteaf(input)}\n`);
      status = 1;
    } finally {
      closeInput(sys, fd);
      if (outFd >= 0) sys.close(outFd);
    }
    return status;
  },
};
