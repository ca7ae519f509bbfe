import type { ProgramImage } from '../../../kernel/program.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { closeInput, openInput, readRecordBatches } from '../../lib/input.ts';
import { errMsg } from '../../lib/io.ts';
import { RegexSyntaxError, translatePosixRegex } from '../../lib/posixRegex.ts';
import { quote, shellQuote } from '../../lib/quote.ts';
import { HELP, VERSION } from './help.ts';

type Style = { kind: 'a' | 't' | 'n' } | { kind: 'p'; re: RegExp };

class Fatal extends Error {}

/** nl(1) from coreutils: -b/-h/-f STYLE (a, t, n, pBRE), -n ln|rn|rz, -w, -s, -v, -i, -l, -d, -p. */
export const nl: ProgramImage = {
  vszKb: 5516, rssKb: 1820,
  main: async ({ argv, env, sys, out, err }) => {
    const q = (s: string) => quote(env, s);
    const styles: Record<'header' | 'body' | 'footer', Style> = { header: { kind: 'n' }, body: { kind: 't' }, footer: { kind: 'n' } };
    let format = 'rn', width = 6, sep = '\t', start = 1, incr = 1, join = 1, delim = '\\:', reset = true;
    let files: string[];
    const style = (what: string, v: string): Style => {
      if (v === 'a' || v === 't' || v === 'n') return { kind: v };
      if (v.startsWith('p')) {
        try { return { kind: 'p', re: new RegExp(translatePosixRegex(v.slice(1)).source, 'u') }; } catch (e) {
          if (e instanceof RegexSyntaxError) throw new Fatal(`nl: ${e.message}\n`);
          throw e;
        }
      }
      throw new GetoptError(`nl: invalid ${what} numbering style: ${q(v)}`);
    };
    const int = (v: string, what: string, min: number) => {
      if (!/^\s*[+-]?\d+$/.test(v)) throw new Fatal(`nl: ${what}: ${q(v)}\n`);
      const n = Number(v);
      if (n < min || n > 2 ** 31 - 1) throw new Fatal(`nl: ${what}: ${q(v)}: Numerical result out of range\n`);
      return n;
    };
    try {
      const r = getopt('nl', argv.slice(1), 'h:b:f:v:i:pl:s:w:n:d:', [
        { name: 'header-numbering', arg: 'required', key: 'h' }, { name: 'body-numbering', arg: 'required', key: 'b' },
        { name: 'footer-numbering', arg: 'required', key: 'f' }, { name: 'starting-line-number', arg: 'required', key: 'v' },
        { name: 'line-increment', arg: 'required', key: 'i' }, { name: 'no-renumber', arg: 'none', key: 'p' },
        { name: 'join-blank-lines', arg: 'required', key: 'l' }, { name: 'number-separator', arg: 'required', key: 's' },
        { name: 'number-width', arg: 'required', key: 'w' }, { name: 'number-format', arg: 'required', key: 'n' },
        { name: 'section-delimiter', arg: 'required', key: 'd' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const { key, value = '' } of r.options) {
        switch (key) {
          case 'h': styles.header = style('header', value); break;
          case 'b': styles.body = style('body', value); break;
          case 'f': styles.footer = style('footer', value); break;
          case 'v': start = int(value, 'invalid starting line number', -(2 ** 63)); break;
          case 'i': incr = int(value, 'invalid line number increment', -(2 ** 63)); break;
          case 'p': reset = false; break;
          case 'l': join = int(value, 'invalid line number of blank lines', 1); break;
          case 's': sep = value; break;
          case 'w': width = int(value, 'invalid line number field width', 1); break;
          case 'n':
            if (!['ln', 'rn', 'rz'].includes(value)) throw new GetoptError(`nl: invalid line numbering format: ${q(value)}`);
            format = value;
            break;
          case 'd': delim = value.length === 1 ? value + ':' : value; break;
        }
      }
      files = r.operands.length ? r.operands : ['-'];
    } catch (e) {
      if (e instanceof Fatal) { await err(e.message); return 1; }
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'nl --help' for more information.\n`);
      return 1;
    }
    const noNumber = ' '.repeat(width + sep.length);
    let lineNo = start;
    let current = styles.body;
    let blanks = 0;
    const number = () => {
      const n = String(lineNo);
      lineNo += incr;
      const f = format === 'ln' ? n.padEnd(width) : format === 'rn' ? n.padStart(width)
        : (n.startsWith('-') ? '-' + n.slice(1).padStart(width - 1, '0') : n.padStart(width, '0'));
      return f + sep;
    };
    const line = (text: string): string => {
      const body = text.endsWith('\n') ? text.slice(0, -1) : text;
      if (delim && body === delim.repeat(3)) { current = styles.header; if (reset) lineNo = start; return '\n'; }
      if (delim && body === delim.repeat(2)) { current = styles.body; if (reset) lineNo = start; return '\n'; }
      if (delim && body === delim) { current = styles.footer; if (reset) lineNo = start; return '\n'; }
      let prefix: string;
      switch (current.kind) {
        case 'a':
          if (join > 1) {
            if (body !== '' || ++blanks === join) { prefix = number(); blanks = 0; } else prefix = noNumber;
          } else prefix = number();
          break;
        case 't': prefix = body !== '' ? number() : noNumber; break;
        case 'n': prefix = noNumber; break;
        default: prefix = current.re.test(body) ? number() : noNumber;
      }
      return prefix + (text.endsWith('\n') ? text : text + '\n');
    };
    let status = 0;
    for (const f of files) {
      let fd: number;
      try { fd = openInput(sys, f); } catch (e) {
        await err(`nl: ${shellQuote(f)}: ${errMsg(e)}\n`);
        status = 1;
        continue;
      }
      try {
        for await (const batch of readRecordBatches(sys, fd)) await out(batch.map(line).join(''));
      } catch (e) {
        await err(`nl: ${shellQuote(f)}: ${errMsg(e)}\n`);
        status = 1;
      } finally {
        closeInput(sys, fd);
      }
    }
    return status;
  },
};
