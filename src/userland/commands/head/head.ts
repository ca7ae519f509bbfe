import type { ProgramImage } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { closeInput, openInput, readRecordBatches, utf8Bytes } from '../../lib/input.ts';
import { errMsg } from '../../lib/io.ts';
import { quote, quoteaf } from '../../lib/quote.ts';
import { OVERFLOW_TEXT, parseCount } from '../../lib/numbers.ts';
import { HELP, VERSION } from './help.ts';

/** The longest prefix of `s` that fits in `bytes` UTF-8 bytes (characters are never split). */
export function takeBytes(s: string, bytes: number): string {
  if (bytes >= s.length * 3) return s;
  let n = 0;
  let i = 0;
  for (const ch of s) {
    n += utf8Bytes(ch);
    if (n > bytes) break;
    i += ch.length;
  }
  return s.slice(0, i);
}

/** `s` without its last `bytes` UTF-8 bytes. */
export function dropLastBytes(s: string, bytes: number): string {
  return takeBytes(s, Math.max(0, utf8Bytes(s) - bytes));
}

class Usage extends Error {}

/** Parse a -n/-c argument; a leading '-' means "all but the last". */
export function parseHeadCount(env: Map<string, string>, prog: string, what: 'lines' | 'bytes', v: string): { n: number; elide: boolean } {
  const elide = v.startsWith('-');
  const digits = elide ? v.slice(1) : v;
  const r = parseCount(digits);
  if ('error' in r) {
    throw new Usage(`${prog}: invalid number of ${what}: ${quote(env, digits)}${r.error === 'overflow' ? `: ${OVERFLOW_TEXT}` : ''}\n`);
  }
  return { n: r.value, elide };
}

async function headFd(sys: SysApi, fd: number, out: (s: string) => Promise<void>, bytes: boolean, n: number, elide: boolean, term: string) {
  if (bytes && !elide) {
    let left = n;
    while (left > 0) {
      const c = await sys.read(fd);
      if (c === '') break;
      const part = takeBytes(c, left);
      left -= utf8Bytes(part);
      await out(part);
      if (part.length < c.length) break;
    }
    return;
  }
  if (!bytes && !elide) {
    if (n === 0) return;
    let left = n;
    for await (const batch of readRecordBatches(sys, fd, term)) {
      const take = batch.slice(0, left);
      await out(take.join(''));
      left -= take.length;
      if (left === 0) break;
    }
    return;
  }
  let all = '';
  for (let c = await sys.read(fd); c !== ''; c = await sys.read(fd)) all += c;
  if (bytes) { await out(dropLastBytes(all, n)); return; }
  const recs: string[] = [];
  let start = 0;
  while (start < all.length) {
    const at = all.indexOf(term, start);
    const end = at < 0 ? all.length : at + 1;
    recs.push(all.slice(start, end));
    start = end;
  }
  await out(recs.slice(0, Math.max(0, recs.length - n)).join(''));
}

/** head(1) from coreutils: -n [-]NUM, -c [-]NUM, -NUM, -q, -v, -z; `==> NAME <==` headers. */
export const head: ProgramImage = {
  vszKb: 5516, rssKb: 1832,
  main: async ({ argv, env, sys, out, err }) => {
    let bytes = false, n = 10, elide = false, headers: boolean | null = null, term = '\n';
    let files: string[];
    try {
      let args = argv.slice(1);
      const obs = args.length && /^-(\d+)([bkm]?)([cqvlz]*)$/.exec(args[0]);
      if (obs) {
        const mult = { '': 1, b: 512, k: 1024, m: 1048576 }[obs[2]]!;
        n = Number(obs[1]) * mult;
        for (const f of obs[3]) {
          if (f === 'c') bytes = true; else if (f === 'l') bytes = false;
          else if (f === 'q') headers = false; else if (f === 'v') headers = true; else term = '\0';
        }
        args = args.slice(1);
      }
      const r = getopt('head', args, 'c:n:qvz', [
        { name: 'bytes', arg: 'required', key: 'c' }, { name: 'lines', arg: 'required', key: 'n' },
        { name: 'quiet', arg: 'none', key: 'q' }, { name: 'silent', arg: 'none', key: 'q' },
        { name: 'verbose', arg: 'none', key: 'v' }, { name: 'zero-terminated', arg: 'none', key: 'z' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const o of r.options) {
        if (o.key === 'c' || o.key === 'n') {
          bytes = o.key === 'c';
          ({ n, elide } = parseHeadCount(env, 'head', bytes ? 'bytes' : 'lines', o.value!));
        } else if (o.key === 'q') headers = false;
        else if (o.key === 'v') headers = true;
        else term = '\0';
      }
      files = r.operands.length ? r.operands : ['-'];
    } catch (e) {
      if (e instanceof Usage) { await err(e.message); return 1; }
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'head --help' for more information.\n`);
      return 1;
    }
    const printHeaders = headers ?? files.length > 1;
    let status = 0;
    let first = true;
    for (const f of files) {
      let fd: number;
      try { fd = openInput(sys, f); } catch (e) {
        await err(`head: cannot open ${quoteaf(f)} for reading: ${errMsg(e)}\n`);
        status = 1;
        continue;
      }
      if (printHeaders) await out(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
      first = false;
      try {
        await headFd(sys, fd, out, bytes, n, elide, term);
      } catch (e) {
        await err(`head: error reading ${quoteaf(f)}: ${errMsg(e)}\n`);
        status = 1;
      } finally {
        closeInput(sys, fd);
      }
    }
    return status;
  },
};
