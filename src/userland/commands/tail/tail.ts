import type { ProgramImage } from '../../../kernel/program.ts';
import { O_RDONLY } from '../../../kernel/constants.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { closeInput, openInput, utf8Bytes } from '../../lib/input.ts';
import { errMsg } from '../../lib/io.ts';
import { quote, quoteaf } from '../../lib/quote.ts';
import { OVERFLOW_TEXT, parseCount } from '../../lib/numbers.ts';
import { takeBytes } from '../head/head.ts';
import { HELP, VERSION } from './help.ts';

class Usage extends Error {}

function parseTailCount(env: Map<string, string>, what: 'lines' | 'bytes', v: string): { n: number; fromStart: boolean } {
  const fromStart = v.startsWith('+');
  const digits = v.startsWith('+') || v.startsWith('-') ? v.slice(1) : v;
  const r = parseCount(digits);
  if ('error' in r) {
    throw new Usage(`tail: invalid number of ${what}: ${quote(env, digits)}${r.error === 'overflow' ? `: ${OVERFLOW_TEXT}` : ''}\n`);
  }
  return { n: r.value, fromStart };
}

/** The part of `all` tail prints. */
export function tailText(all: string, bytes: boolean, n: number, fromStart: boolean, term = '\n'): string {
  if (bytes) {
    const skip = fromStart ? Math.max(0, n - 1) : Math.max(0, utf8Bytes(all) - n);
    return all.slice(takeBytes(all, skip).length);
  }
  if (fromStart) {
    let at = 0;
    for (let i = 1; i < n && at < all.length; i++) {
      const nl = all.indexOf(term, at);
      if (nl < 0) return '';
      at = nl + 1;
    }
    return all.slice(at);
  }
  if (n === 0) return '';
  // Walk back over n terminators (a final line without one counts as a line).
  let end = all.length;
  if (all.endsWith(term)) end--;
  let at = end;
  for (let i = 0; i < n; i++) {
    const nl = all.lastIndexOf(term, at - 1);
    if (nl < 0) return all;
    at = nl;
    if (i < n - 1 && at === 0) return all;
  }
  return all.slice(at + 1);
}

/** tail(1) from coreutils: -n [+]NUM, -c [+]NUM, -NUM/+NUM, -q, -v, -z, -f/-F (follow until killed). */
export const tail: ProgramImage = {
  vszKb: 5520, rssKb: 1836,
  main: async ({ argv, env, sys, out, err }) => {
    let bytes = false, n = 10, fromStart = false, headers: boolean | null = null, follow = false, sleepS = 1;
    let term = '\n';
    let files: string[];
    try {
      let args = argv.slice(1);
      const obs = args.length >= 1 && args.length <= 2 && args[1] !== '--' && /^(?:\+(\d*)|-(\d+))([bcl]?)(f?)$/.exec(args[0]);
      if (obs) {
        fromStart = obs[1] !== undefined;
        const num = Number((fromStart ? obs[1] : obs[2]) || 10);
        bytes = obs[3] === 'b' || obs[3] === 'c';
        n = obs[3] === 'b' ? num * 512 : num;
        follow = obs[4] === 'f';
        args = args.slice(1);
      }
      const r = getopt('tail', args, 'c:n:fFqvzs:', [
        { name: 'bytes', arg: 'required', key: 'c' }, { name: 'lines', arg: 'required', key: 'n' },
        { name: 'follow', arg: 'optional', key: 'f' }, { name: 'quiet', arg: 'none', key: 'q' },
        { name: 'silent', arg: 'none', key: 'q' }, { name: 'verbose', arg: 'none', key: 'v' },
        { name: 'zero-terminated', arg: 'none', key: 'z' }, { name: 'sleep-interval', arg: 'required', key: 's' },
        { name: 'retry', arg: 'none', key: 'retry' }, { name: 'pid', arg: 'required', key: 'pid' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const o of r.options) {
        switch (o.key) {
          case 'c': case 'n':
            bytes = o.key === 'c';
            ({ n, fromStart } = parseTailCount(env, bytes ? 'bytes' : 'lines', o.value!));
            break;
          case 'f': case 'F': follow = true; break;
          case 'q': headers = false; break;
          case 'v': headers = true; break;
          case 'z': term = '\0'; break;
          case 's':
            sleepS = Number(o.value);
            if (!/^\d*\.?\d+$/.test(o.value!)) throw new Usage(`tail: invalid number of seconds: ${quote(env, o.value!)}\n`);
            break;
        }
      }
      files = r.operands.length ? r.operands : ['-'];
    } catch (e) {
      if (e instanceof Usage) { await err(e.message); return 1; }
      if (!(e instanceof GetoptError)) throw e;
      const digit = /^tail: invalid option -- '(\d)'$/.exec(e.message);
      if (digit) { await err(`tail: option used in invalid context -- ${digit[1]}\n`); return 1; }
      await err(`${e.message}\nTry 'tail --help' for more information.\n`);
      return 1;
    }
    const printHeaders = headers ?? files.length > 1;
    let status = 0;
    let first = true;
    const header = async (f: string) => {
      if (printHeaders) await out(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
      first = false;
    };
    const followed: Array<{ name: string; fd: number; size: number }> = [];
    for (const f of files) {
      let fd: number;
      try { fd = openInput(sys, f); } catch (e) {
        await err(`tail: cannot open ${quoteaf(f)} for reading: ${errMsg(e)}\n`);
        status = 1;
        continue;
      }
      await header(f);
      let keep = false;
      try {
        let all = '';
        for (let c = await sys.read(fd); c !== ''; c = await sys.read(fd)) all += c;
        await out(tailText(all, bytes, n, fromStart, term));
        // Following a pipe is pointless (it has ended); regular files and ttys are followed.
        if (follow && sys.fstat(fd).type !== 'fifo') {
          followed.push({ name: f, fd, size: utf8Bytes(all) });
          keep = true;
        }
      } catch (e) {
        await err(`tail: error reading ${quoteaf(f)}: ${errMsg(e)}\n`);
        status = 1;
      } finally {
        if (!keep) closeInput(sys, fd);
      }
    }
    if (!follow) return status;
    if (!followed.length) { await err('tail: no files remaining\n'); return 1; }
    let last = followed[followed.length - 1].name;
    for (;;) {
      await sys.nanosleep(sleepS * 1000);
      for (const f of followed) {
        let size = f.size;
        if (f.name !== '-') {
          try { size = sys.fstat(f.fd).size; } catch { continue; }
          if (size < f.size) {
            await err(`tail: ${f.name}: file truncated\n`);
            sys.close(f.fd);
            f.fd = sys.open(f.name, O_RDONLY);
          }
        }
        const c = await sys.read(f.fd);
        if (c === '') continue;
        f.size = f.name === '-' ? f.size + utf8Bytes(c) : size;
        if (printHeaders && last !== f.name) await out(`\n==> ${f.name} <==\n`);
        last = f.name;
        await out(c);
      }
    }
  },
};
