import type { ProgramImage } from '../../../kernel/program.ts';
import { O_RDONLY } from '../../../kernel/constants.ts';
import { getopt, GetoptError, type LongOption } from '../../lib/getopt.ts';
import { readInput } from '../../lib/input.ts';
import { errMsg } from '../../lib/io.ts';
import { fnmatch } from '../../lib/fnmatch.ts';
import { RegexSyntaxError } from '../../lib/posixRegex.ts';
import { quote } from '../../lib/quote.ts';
import { GREP_HELP, GREP_VERSION } from './help.ts';
import { Matcher, type PatternSyntax } from './matcher.ts';
import { Searcher, type OutputOptions } from './search.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

const LONGS: LongOption[] = [
  ['extended-regexp', 'none', 'E'], ['fixed-strings', 'none', 'F'], ['basic-regexp', 'none', 'G'],
  ['perl-regexp', 'none', 'P'], ['regexp', 'required', 'e'], ['file', 'required', 'f'],
  ['ignore-case', 'none', 'i'], ['no-ignore-case', 'none', 'no-ignore-case'], ['word-regexp', 'none', 'w'],
  ['line-regexp', 'none', 'x'], ['null-data', 'none', 'z'], ['no-messages', 'none', 's'],
  ['invert-match', 'none', 'v'], ['version', 'none', 'V'], ['help', 'none', 'help'],
  ['max-count', 'required', 'm'], ['byte-offset', 'none', 'b'], ['line-number', 'none', 'n'],
  ['line-buffered', 'none', 'line-buffered'], ['with-filename', 'none', 'H'], ['no-filename', 'none', 'h'],
  ['label', 'required', 'label'], ['only-matching', 'none', 'o'], ['quiet', 'none', 'q'], ['silent', 'none', 'q'],
  ['binary-files', 'required', 'binary-files'], ['text', 'none', 'a'], ['directories', 'required', 'd'],
  ['devices', 'required', 'D'], ['recursive', 'none', 'r'], ['dereference-recursive', 'none', 'R'],
  ['include', 'required', 'include'], ['exclude', 'required', 'exclude'], ['exclude-dir', 'required', 'exclude-dir'],
  ['files-without-match', 'none', 'L'], ['files-with-matches', 'none', 'l'], ['count', 'none', 'c'],
  ['initial-tab', 'none', 'T'], ['null', 'none', 'Z'], ['before-context', 'required', 'B'],
  ['after-context', 'required', 'A'], ['context', 'required', 'C'], ['group-separator', 'required', 'group-separator'],
  ['no-group-separator', 'none', 'no-group-separator'], ['color', 'optional', 'color'], ['colour', 'optional', 'color'],
  ['binary', 'none', 'U'],
].map(([name, arg, key]) => ({ name, arg, key }) as LongOption);

class Fatal extends Error {
  constructor(msg: string, readonly status = 2) { super(msg); }
}

function contextArg(v: string): number {
  if (!/^\d+$/.test(v)) throw new Fatal(`grep: ${v}: invalid context length argument\n`);
  return Number(v);
}

/** grep(1) from GNU grep 3.x: BRE/ERE/fixed/Perl-ish patterns, context, -r, -o, --color. */
export const grep: ProgramImage = {
  vszKb: 7748, rssKb: 2356,
  main: async ({ argv, env, sys, out, err }) => {
    let syntax: PatternSyntax = 'G';
    const patterns: string[] = [];
    let havePatterns = false;
    let icase = false, word = false, line = false, noMessages = false, directories = 'read', deref = false;
    let withFilename: boolean | null = null, label = '(standard input)', colorWhen = 'never', digits = '';
    const include: string[] = [], exclude: string[] = [], excludeDir: string[] = [];
    const o: OutputOptions = {
      invert: false, count: false, listFiles: null, quiet: false, onlyMatching: false, lineNumber: false,
      byteOffset: false, withFilename: false, nullAfterName: false, maxCount: Infinity, before: 0, after: 0,
      groupSeparator: '--', color: false, binaryFiles: 'binary', nullData: false,
    };
    let before = -1, after = -1, context = 0;
    let operands: string[];
    try {
      const r = getopt('grep', argv.slice(1), 'EFGPe:f:iywxzsvVm:bnHhoqaId:D:rRLlcTZA:B:C:U0123456789', LONGS);
      for (const { key, value = '' } of r.options) {
        if (/^\d$/.test(key)) { digits += key; context = Number(digits); continue; }
        digits = '';
        switch (key) {
          case 'E': case 'F': case 'G': case 'P': syntax = key; break;
          case 'e': for (const p of value.split('\n')) patterns.push(p); havePatterns = true; break;
          case 'f': {
            let text: string;
            try { text = await readInput(sys, value); } catch (e) { throw new Fatal(`grep: ${value}: ${errMsg(e)}\n`); }
            if (text.endsWith('\n')) text = text.slice(0, -1);
            if (text !== '' || patterns.length) for (const p of text.split('\n')) patterns.push(p);
            havePatterns = true;
            break;
          }
          case 'i': case 'y': icase = true; break;
          case 'no-ignore-case': icase = false; break;
          case 'w': word = true; break;
          case 'x': line = true; break;
          case 'z': o.nullData = true; break;
          case 's': noMessages = true; break;
          case 'v': o.invert = true; break;
          case 'V': await out(GREP_VERSION); return 0;
          case 'help': await out(GREP_HELP); return 0;
          case 'm':
            if (!/^-?\d+$/.test(value)) throw new Fatal('grep: invalid max count\n');
            o.maxCount = Number(value) < 0 ? Infinity : Number(value);
            break;
          case 'b': o.byteOffset = true; break;
          case 'n': o.lineNumber = true; break;
          case 'H': withFilename = true; break;
          case 'h': withFilename = false; break;
          case 'label': label = value; break;
          case 'o': o.onlyMatching = true; break;
          case 'q': o.quiet = true; break;
          case 'a': o.binaryFiles = 'text'; break;
          case 'I': o.binaryFiles = 'without-match'; break;
          case 'binary-files':
            if (!['binary', 'text', 'without-match'].includes(value)) throw new Fatal('grep: unknown binary-files type\n');
            o.binaryFiles = value as OutputOptions['binaryFiles'];
            break;
          case 'd':
            if (!['read', 'recurse', 'skip'].includes(value)) {
              const q = (x: string) => quote(env, x);
              throw new Fatal(`grep: invalid argument ${q(value)} for ${q('--directories')}\nValid arguments are:\n${['read', 'recurse', 'skip'].map((a) => `  - ${q(a)}\n`).join('')}${USAGE}`, 1);
            }
            directories = value;
            break;
          case 'r': directories = 'recurse'; break;
          case 'R': directories = 'recurse'; deref = true; break;
          case 'include': include.push(value); break;
          case 'exclude': exclude.push(value); break;
          case 'exclude-dir': excludeDir.push(value); break;
          case 'L': o.listFiles = 'without'; break;
          case 'l': o.listFiles = 'with'; break;
          case 'c': o.count = true; break;
          case 'Z': o.nullAfterName = true; break;
          case 'A': after = contextArg(value); break;
          case 'B': before = contextArg(value); break;
          case 'C': context = contextArg(value); break;
          case 'group-separator': o.groupSeparator = value; break;
          case 'no-group-separator': o.groupSeparator = null; break;
          case 'color':
            const v = value.toLowerCase();
            if (!value) colorWhen = 'auto';
            else if (['always', 'yes', 'force'].includes(v)) colorWhen = 'always';
            else if (['never', 'no', 'none'].includes(v)) colorWhen = 'never';
            else if (['auto', 'tty', 'if-tty'].includes(v)) colorWhen = 'auto';
            else { await out(GREP_HELP); return 0; } // grep shows its help for a bad WHEN
            break;
        }
      }
      operands = r.operands;
      if (!havePatterns) {
        if (!operands.length) throw new Fatal(USAGE);
        for (const p of operands.shift()!.split('\n')) patterns.push(p);
      }
    } catch (e) {
      if (e instanceof GetoptError) { await err(`${e.message}\n${USAGE}`); return 2; }
      if (e instanceof Fatal) { await err(e.message); return e.status; }
      throw e;
    }
    o.before = before >= 0 ? before : context;
    o.after = after >= 0 ? after : context;
    o.color = colorWhen === 'always' || (colorWhen === 'auto' && sys.isatty(1) && env.get('TERM') !== 'dumb');
    let matcher: Matcher;
    try {
      const warnings: string[] = [];
      matcher = new Matcher(patterns, { syntax, icase, word, line }, (w) => warnings.push(w));
      for (const w of warnings) await err(`grep: warning: ${w}\n`);
    } catch (e) {
      if (e instanceof RegexSyntaxError) { await err(`grep: ${e.message}\n`); return 2; }
      throw e;
    }
    const recursive = directories === 'recurse';
    const implicitDot = recursive && operands.length === 0;
    const files = operands.length ? operands : [recursive ? '.' : '-'];
    o.withFilename = withFilename ?? (files.length > 1 || recursive);
    if (o.maxCount === 0) return 1;

    let error = false;
    const complain = async (msg: string) => { error = true; if (!noMessages) await err(msg); };
    const searcher = new Searcher(sys, matcher, o, out, err);
    const done = () => o.quiet && searcher.anyMatch;
    const visit = async (path: string, shown: string, commandLine: boolean): Promise<void> => {
      if (path === '-' && commandLine) { await searcher.search(0, label); return; }
      const base = path.replace(/\/+$/, '').split('/').pop()!;
      let st;
      try {
        st = commandLine || deref ? sys.stat(path) : sys.lstat(path);
      } catch (e) {
        return void await complain(`grep: ${shown}: ${errMsg(e)}\n`);
      }
      if (st.type === 'symlink') return;
      if (st.type === 'dir') {
        if (directories === 'skip') return;
        if (!recursive) return void await complain(`grep: ${shown}: Is a directory\n`);
        if (!commandLine && excludeDir.some((g) => fnmatch(g, base))) return;
        let names: string[];
        try { names = sys.readdir(path); } catch (e) { return void await complain(`grep: ${shown}: ${errMsg(e)}\n`); }
        for (const n of names) {
          const child = path.endsWith('/') ? path + n : `${path}/${n}`;
          await visit(child, implicitDot && commandLine ? n : shown.endsWith('/') ? shown + n : `${shown}/${n}`, false);
          if (done()) return;
        }
        return;
      }
      if (!commandLine && st.type !== 'file') return;
      if (include.length && !include.some((g) => fnmatch(g, base))) return;
      if (exclude.some((g) => fnmatch(g, base))) return;
      let fd: number;
      try { fd = sys.open(path, O_RDONLY); } catch (e) { return void await complain(`grep: ${shown}: ${errMsg(e)}\n`); }
      try {
        await searcher.search(fd, shown);
      } catch (e) {
        await complain(`grep: ${shown}: ${errMsg(e)}\n`);
      } finally {
        sys.close(fd);
      }
    };
    for (const f of files) {
      await visit(f, f, true);
      if (done()) return 0;
    }
    if (error && !(o.quiet && searcher.anyMatch)) return 2;
    return searcher.anyMatch ? 0 : 1;
  },
};
