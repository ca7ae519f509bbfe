import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { readRecordBatches, utf8Bytes } from '../../lib/input.ts';
import type { Matcher } from './matcher.ts';

export interface OutputOptions {
  invert: boolean;
  count: boolean;
  /** -l ('with') / -L ('without'). */
  listFiles: 'with' | 'without' | null;
  quiet: boolean;
  onlyMatching: boolean;
  lineNumber: boolean;
  byteOffset: boolean;
  withFilename: boolean;
  nullAfterName: boolean;
  maxCount: number;
  before: number;
  after: number;
  groupSeparator: string | null;
  color: boolean;
  binaryFiles: 'binary' | 'text' | 'without-match';
  /** -z: records end in NUL. */
  nullData: boolean;
}

const SGR = (code: string, s: string) => `\x1b[${code}m\x1b[K${s}\x1b[m\x1b[K`;

/** One grep run's output side: searches files one at a time and remembers whether anything matched. */
export class Searcher {
  anyMatch = false;
  /** Whether any line was output yet (the `--` between context groups comes only after one). */
  private printedSomething = false;

  constructor(
    private readonly sys: SysApi,
    private readonly matcher: Matcher,
    private readonly o: OutputOptions,
    private readonly sink: (s: string) => Promise<void>,
    private readonly err: (s: string) => Promise<void>,
  ) {}

  /** Output is collected per input batch and written with one write(2). */
  private pending = '';
  private out(s: string): void { this.pending += s; }
  private async flush(): Promise<void> {
    if (this.pending) { const p = this.pending; this.pending = ''; await this.sink(p); }
  }

  private name(n: string): string { return this.o.color ? SGR('35', n) : n; }
  private sep(c: string): string { return this.o.color ? SGR('36', c) : c; }

  private prefix(file: string, lineNo: number, offset: number, sep: string): string {
    let s = '';
    if (this.o.withFilename) s += this.name(file) + (this.o.nullAfterName ? '\0' : this.sep(sep));
    if (this.o.lineNumber) s += (this.o.color ? SGR('32', String(lineNo)) : String(lineNo)) + this.sep(sep);
    if (this.o.byteOffset) s += (this.o.color ? SGR('32', String(offset)) : String(offset)) + this.sep(sep);
    return s;
  }

  private highlight(body: string): string {
    let s = '';
    let at = 0;
    for (const [a, b] of this.matcher.matches(body)) {
      s += body.slice(at, a) + SGR('01;31', body.slice(a, b));
      at = b;
    }
    return s + body.slice(at);
  }

  /** Search one open descriptor; `file` is the name shown in prefixes and messages. */
  async search(fd: number, file: string): Promise<void> {
    const o = this.o;
    const term = o.nullData ? '\0' : '\n';
    let count = 0;
    let lineNo = 0;
    let offset = 0;
    let lastPrinted = 0; // line number of the last line output (selected or context)
    let afterLeft = 0;
    let stopping = false;
    // Like GNU, a file is binary once a buffer read from it holds a NUL (with -z: never).
    let binary = false;
    const checkBinary = (chunk: string) => {
      if (o.binaryFiles !== 'text' && !o.nullData && chunk.includes('\0')) binary = true;
    };
    const pending: Array<{ body: string; no: number; off: number }> = [];
    const emitLine = (body: string, no: number, off: number, selected: boolean) => {
      if ((o.before || o.after) && o.groupSeparator !== null && this.printedSomething && (lastPrinted === 0 || no > lastPrinted + 1)) {
        this.out(this.sep(o.groupSeparator) + '\n');
      }
      const matching = selected !== o.invert;
      const text = o.color && matching ? this.highlight(body) : body;
      this.out(this.prefix(file, no, off, selected ? ':' : '-') + text + term);
      lastPrinted = no;
      this.printedSomething = true;
    };
    outer: for await (const batch of readRecordBatches(this.sys, fd, term, checkBinary)) {
      for (const rec of batch) {
        lineNo++;
        const body = rec.endsWith(term) ? rec.slice(0, -1) : rec;
        const off = offset;
        offset += utf8Bytes(rec);
        if (binary && o.binaryFiles === 'without-match') { this.pending = ''; return; }
        const selected = this.matcher.test(body) !== o.invert;
        if (stopping) {
          // After -m NUM lines GNU still prints the trailing context of the last one.
          if (selected) break outer;
          emitLine(body, lineNo, off, false);
          if (--afterLeft === 0) break outer;
          continue;
        }
        if (!selected) {
          if (afterLeft > 0 && !o.count && !o.listFiles && !o.quiet && !binary) {
            afterLeft--;
            emitLine(body, lineNo, off, false);
          } else if (o.before) {
            pending.push({ body, no: lineNo, off });
            if (pending.length > o.before) pending.shift();
          }
          continue;
        }
        count++;
        this.anyMatch = true;
        if (o.quiet || o.listFiles) break outer;
        if (!o.count) {
          if (binary) {
            await this.flush();
            await this.err(`grep: ${file}: binary file matches\n`);
            return;
          }
          for (const p of pending) emitLine(p.body, p.no, p.off, false);
          pending.length = 0;
          if (o.onlyMatching) {
            if (!o.invert) {
              for (const [a, b] of this.matcher.matches(body)) {
                const piece = body.slice(a, b);
                this.out(this.prefix(file, lineNo, off + utf8Bytes(body.slice(0, a)), ':')
                  + (o.color ? SGR('01;31', piece) : piece) + term);
              }
            }
          } else emitLine(body, lineNo, off, true);
          afterLeft = o.after;
        }
        if (count >= o.maxCount) {
          stopping = true;
          if (o.count || afterLeft === 0) break outer;
        }
      }
      await this.flush();
    }
    if (o.quiet) { this.pending = ''; return; }
    if (o.count && !o.listFiles) {
      this.out((o.withFilename ? this.name(file) + (o.nullAfterName ? '\0' : this.sep(':')) : '') + `${count}\n`);
    }
    if (o.listFiles === 'with' && count > 0) this.out(this.name(file) + (o.nullAfterName ? '\0' : '\n'));
    if (o.listFiles === 'without' && count === 0) this.out(this.name(file) + (o.nullAfterName ? '\0' : '\n'));
    await this.flush();
  }
}
