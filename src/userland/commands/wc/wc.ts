import type { ProgramImage } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { closeInput, openInput, utf8Bytes } from '../../lib/input.ts';
import { errMsg } from '../../lib/io.ts';
import { isUtf8Locale, quote, shellQuote } from '../../lib/quote.ts';
import { charWidth } from '../../lib/width.ts';
import { HELP, VERSION } from './help.ts';

export interface Counts { lines: number; words: number; chars: number; bytes: number; maxLine: number }

/** iswspace() in glibc's UTF-8 locales, plus the no-break spaces wc also treats as separators. */
const SPACE = /[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000\u00a0\u2007\u202f\u2060]/u;

function utf8Encode(c: number): number[] {
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 63)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
}

/** wc's counting loop over one input's text (utf8 = a multibyte locale; else every byte is a char). */
export function countText(text: string, utf8: boolean): Counts {
  const c: Counts = { lines: 0, words: 0, chars: 0, bytes: utf8Bytes(text), maxLine: 0 };
  let inWord = false;
  let pos = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) { cp = text.codePointAt(i)!; i++; }
    c.chars++;
    if (cp === 10 || cp === 13 || cp === 12) {
      if (cp === 10) c.lines++;
      if (pos > c.maxLine) c.maxLine = pos;
      pos = 0;
      inWord = false;
    } else if (cp === 9) { pos += 8 - (pos % 8); inWord = false; } else if (cp === 32) { pos++; inWord = false; } else if (cp === 11) inWord = false;
    else {
      if (cp < 0x80) { pos += cp >= 0x20 && cp < 0x7f ? 1 : 0; if (!inWord) c.words++; inWord = true; } else if (utf8) {
        pos += Math.max(0, charWidth(cp));
        const word = !SPACE.test(String.fromCodePoint(cp));
        if (word && !inWord) c.words++;
        inWord = word;
      } else {
        // A single-byte locale sees the UTF-8 bytes; only 0xA0 (no-break space in Latin-1) separates words.
        for (const b of utf8Encode(cp)) {
          const word = b !== 0xa0;
          if (word && !inWord) c.words++;
          inWord = word;
        }
      }
    }
  }
  if (pos > c.maxLine) c.maxLine = pos;
  if (!utf8) c.chars = c.bytes;
  return c;
}

/** wc(1) from coreutils: -l, -w, -m, -c, -L and --total, with GNU's column width rule. */
export const wc: ProgramImage = {
  vszKb: 5520, rssKb: 1840,
  main: async ({ argv, env, sys, out, err }) => {
    const show = { lines: false, words: false, chars: false, bytes: false, maxLine: false };
    let total = 'auto';
    let files: Array<string | null>;
    try {
      const r = getopt('wc', argv.slice(1), 'clLmw', [
        { name: 'bytes', arg: 'none', key: 'c' }, { name: 'chars', arg: 'none', key: 'm' },
        { name: 'lines', arg: 'none', key: 'l' }, { name: 'words', arg: 'none', key: 'w' },
        { name: 'max-line-length', arg: 'none', key: 'L' }, { name: 'total', arg: 'required', key: 'total' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const o of r.options) {
        if (o.key === 'c') show.bytes = true;
        else if (o.key === 'm') show.chars = true;
        else if (o.key === 'l') show.lines = true;
        else if (o.key === 'w') show.words = true;
        else if (o.key === 'L') show.maxLine = true;
        else {
          const all = ['auto', 'always', 'only', 'never'];
          const m = all.filter((a) => a.startsWith(o.value!));
          if (m.length !== 1 || o.value === '') {
            await err(`wc: ${m.length > 1 ? 'ambiguous' : 'invalid'} argument ${quote(env, o.value!)} for ${quote(env, '--total')}\n`
              + `Valid arguments are:\n${all.map((a) => `  - ${quote(env, a)}\n`).join('')}Try 'wc --help' for more information.\n`);
            return 1;
          }
          total = m[0];
        }
      }
      files = r.operands.length ? r.operands : [null];
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'wc --help' for more information.\n`);
      return 1;
    }
    if (!Object.values(show).some(Boolean)) show.lines = show.words = show.bytes = true;
    const nShown = Object.values(show).filter(Boolean).length;
    const width = total === 'only' ? 1 : numberWidth(sys, files, nShown);
    const utf8 = isUtf8Locale(env);
    const fmt = (c: Counts, name: string | null) => {
      const cols: number[] = [];
      if (show.lines) cols.push(c.lines);
      if (show.words) cols.push(c.words);
      if (show.chars) cols.push(c.chars);
      if (show.bytes) cols.push(c.bytes);
      if (show.maxLine) cols.push(c.maxLine);
      return cols.map((n) => String(n).padStart(width)).join(' ') + (name === null ? '' : ` ${name.includes('\n') ? shellQuote(name) : name}`) + '\n';
    };
    const sum: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
    let status = 0;
    for (const f of files) {
      if (f === '') { await err('wc: invalid zero-length file name\n'); status = 1; continue; }
      let fd: number;
      try { fd = openInput(sys, f ?? '-'); } catch (e) {
        await err(`wc: ${shellQuote(f!)}: ${errMsg(e)}\n`);
        status = 1;
        continue;
      }
      let text = '';
      let failure: string | null = null;
      try {
        for (let c = await sys.read(fd); c !== ''; c = await sys.read(fd)) text += c;
      } catch (e) {
        failure = errMsg(e);
      } finally {
        closeInput(sys, fd);
      }
      const c = countText(text, utf8);
      if (total !== 'only') await out(fmt(c, f));
      if (failure) { await err(`wc: ${shellQuote(f ?? 'standard input')}: ${failure}\n`); status = 1; }
      sum.lines += c.lines; sum.words += c.words; sum.chars += c.chars; sum.bytes += c.bytes;
      sum.maxLine = Math.max(sum.maxLine, c.maxLine);
    }
    if (total === 'always' || total === 'only' || (total === 'auto' && files.length > 1)) {
      await out(fmt(sum, total === 'only' ? null : 'total'));
    }
    return status;
  },
};

/** compute_number_width(): digits of the regular files' total size, at least 7 if any input is not a regular file. */
function numberWidth(sys: SysApi, files: Array<string | null>, nShown: number): number {
  if (files.length === 1 && nShown === 1) return 1;
  const stats = files.map((f) => {
    try { return f === null || f === '-' ? sys.fstat(0) : sys.stat(f); } catch { return null; }
  });
  let min = 1;
  let totalSize = 0;
  for (const st of stats) {
    if (!st) continue;
    if (st.type !== 'file') min = 7; else totalSize += st.size;
  }
  return Math.max(min, String(totalSize).length);
}
