import type { ProgramImage } from '../../../kernel/program.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { closeInput, openInput, readRecordBatches, utf8Bytes } from '../../lib/input.ts';
import { errMsg } from '../../lib/io.ts';
import { quote, shellQuote } from '../../lib/quote.ts';
import { HELP, VERSION } from './help.ts';

export type Range = [number, number];

class ListError extends Error {}

/** coreutils' set_fields(): ranges N, N-, N-M, -M separated by commas or blanks, sorted and merged. */
export function parseList(list: string, fields: boolean, q: (s: string) => string): Range[] {
  const fromOne = fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
  const ranges: Range[] = [];
  let initial = 1, value = 0, lhs = false, rhs = false, dash = false, numStart = -1;
  for (let i = 0; ; i++) {
    const c = list[i];
    if (c === '-') {
      if (dash) throw new ListError(fields ? 'invalid field range' : 'invalid byte or character range');
      dash = true;
      if (lhs && !value) throw new ListError(fromOne);
      initial = lhs ? value : 1;
      value = 0;
    } else if (c === undefined || c === ',' || c === ' ' || c === '\t') {
      if (dash) {
        dash = false;
        if (!lhs && !rhs) throw new ListError('invalid range with no endpoint: -');
        if (!rhs) ranges.push([initial, Infinity]);
        else {
          if (value < initial) throw new ListError('invalid decreasing range');
          ranges.push([initial, value]);
        }
      } else {
        if (value === 0) throw new ListError(fromOne);
        ranges.push([value, value]);
      }
      if (c === undefined) break;
      value = 0; lhs = false; rhs = false; numStart = -1;
    } else if (c >= '0' && c <= '9') {
      if (numStart < 0) numStart = i;
      if (dash) rhs = true; else lhs = true;
      value = value * 10 + Number(c);
      if (value > Number.MAX_SAFE_INTEGER) {
        const num = /^\d+/.exec(list.slice(numStart))![0];
        throw new ListError(fields ? `field number ${q(num)} is too large` : `byte/character offset ${q(num)} is too large`);
      }
    } else {
      throw new ListError(`${fields ? 'invalid field value' : 'invalid byte/character position'} ${q(list.slice(i))}`);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 1;
  for (const [a, b] of ranges) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next !== Infinity) out.push([next, Infinity]);
  return out;
}

const selected = (ranges: Range[], n: number) => ranges.some(([a, b]) => n >= a && n <= b);
/** Index of the range containing n (to put --output-delimiter between ranges). */
const rangeOf = (ranges: Range[], n: number) => ranges.findIndex(([a, b]) => n >= a && n <= b);

const tryHelp = "Try 'cut --help' for more information.\n";

/** cut(1) from coreutils: -b/-c/-f LIST, -d, -s, --complement, --output-delimiter, -z. */
export const cut: ProgramImage = {
  vszKb: 5520, rssKb: 1812,
  main: async ({ argv, env, sys, out, err }) => {
    const q = (s: string) => quote(env, s);
    let mode: 'b' | 'c' | 'f' | null = null, list = '', delim: string | null = null, onlyDelimited = false;
    let compl = false, outDelim: string | null = null, term = '\n';
    let ranges: Range[];
    let files: string[];
    try {
      const r = getopt('cut', argv.slice(1), 'b:c:d:f:nsz', [
        { name: 'bytes', arg: 'required', key: 'b' }, { name: 'characters', arg: 'required', key: 'c' },
        { name: 'delimiter', arg: 'required', key: 'd' }, { name: 'fields', arg: 'required', key: 'f' },
        { name: 'only-delimited', arg: 'none', key: 's' }, { name: 'complement', arg: 'none', key: 'complement' },
        { name: 'output-delimiter', arg: 'required', key: 'output-delimiter' }, { name: 'zero-terminated', arg: 'none', key: 'z' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const o of r.options) {
        switch (o.key) {
          case 'b': case 'c': case 'f':
            if (mode !== null) throw new GetoptError('cut: only one list may be specified');
            mode = o.key;
            list = o.value!;
            break;
          case 'd':
            if ([...o.value!].length > 1) throw new GetoptError('cut: the delimiter must be a single character');
            delim = o.value || '\0';
            break;
          case 's': onlyDelimited = true; break;
          case 'complement': compl = true; break;
          case 'output-delimiter': outDelim = o.value!; break;
          case 'z': term = '\0'; break;
        }
      }
      if (mode === null) throw new GetoptError('cut: you must specify a list of bytes, characters, or fields');
      if (mode !== 'f' && delim !== null) throw new GetoptError('cut: an input delimiter may be specified only when operating on fields');
      if (mode !== 'f' && onlyDelimited) throw new GetoptError('cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields');
      ranges = parseList(list, mode === 'f', q);
      if (compl) ranges = complement(ranges);
      files = r.operands.length ? r.operands : ['-'];
    } catch (e) {
      if (e instanceof ListError) { await err(`cut: ${e.message}\n${tryHelp}`); return 1; }
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\n${tryHelp}`);
      return 1;
    }
    const d = delim ?? '\t';
    const od = outDelim ?? (mode === 'f' ? d : null);
    const cutLine = (line: string): string | null => {
      if (mode === 'f') {
        if (!line.includes(d)) return onlyDelimited ? null : line;
        const parts = line.split(d);
        return parts.filter((_, i) => selected(ranges, i + 1)).join(od!);
      }
      // Positions are bytes (GNU cut has no multibyte support): a character goes out if its first byte is selected.
      let s = '';
      let pos = 1;
      let lastRange = -1;
      for (const ch of line) {
        const ri = rangeOf(ranges, pos);
        if (ri >= 0) {
          if (od !== null && lastRange >= 0 && ri !== lastRange) s += od;
          s += ch;
          lastRange = ri;
        }
        pos += utf8Bytes(ch);
      }
      return s;
    };
    let status = 0;
    for (const f of files) {
      let fd: number;
      try { fd = openInput(sys, f); } catch (e) {
        await err(`cut: ${shellQuote(f)}: ${errMsg(e)}\n`);
        status = 1;
        continue;
      }
      try {
        for await (const batch of readRecordBatches(sys, fd, term)) {
          let text = '';
          for (const rec of batch) {
            const r = cutLine(rec.endsWith(term) ? rec.slice(0, -1) : rec);
            if (r !== null) text += r + term;
          }
          if (text) await out(text);
        }
      } catch (e) {
        await err(`cut: ${shellQuote(f)}: ${errMsg(e)}\n`);
        status = 1;
      } finally {
        closeInput(sys, fd);
      }
    }
    return status;
  },
};
