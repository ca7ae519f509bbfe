import {
  escapeString, longestMatchAt, NOT_WORD_AFTER, NOT_WORD_BEFORE, RegexSyntaxError, translatePosixRegex,
} from '../../lib/posixRegex.ts';

export type PatternSyntax = 'G' | 'E' | 'F' | 'P';

export interface MatcherOptions {
  syntax: PatternSyntax;
  icase: boolean;
  word: boolean;
  line: boolean;
}

/**
 * grep's compiled PATTERNS: every pattern (one per line of each -e/-f) joined as alternatives, with
 * -w/-x applied around them. `test` selects lines; `matches` yields the POSIX extents for -o/--color.
 */
export class Matcher {
  private readonly source: string;
  private readonly flags: string;
  private readonly tester: RegExp;
  private readonly longest: boolean;

  /** Throws RegexSyntaxError with grep's message; `warn` receives dfa's warnings. */
  constructor(patterns: string[], opts: MatcherOptions, warn: (m: string) => void) {
    const parts: string[] = [];
    let groups = 0;
    for (const p of patterns) {
      if (opts.syntax === 'F') parts.push(escapeString(p));
      else if (opts.syntax === 'P') parts.push(p);
      else {
        const t = translatePosixRegex(p, { extended: opts.syntax === 'E', groupOffset: groups, warn });
        groups += t.groups;
        parts.push(t.source);
      }
    }
    let src = parts.length === 0 ? '(?!)' : parts.length === 1 ? parts[0] : parts.map((x) => `(?:${x})`).join('|');
    if (opts.line) src = `^(?:${src})$`;
    else if (opts.word) src = `${NOT_WORD_BEFORE}(?:${src})${NOT_WORD_AFTER}`;
    this.flags = opts.icase ? 'iu' : 'u';
    try {
      this.tester = new RegExp(src, this.flags);
    } catch (e) {
      if (opts.syntax !== 'P') throw e;
      throw new RegexSyntaxError(`${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
    this.source = src;
    this.longest = opts.syntax !== 'P' && (src.includes('|') || parts.length > 1);
  }

  test(line: string): boolean {
    return this.tester.test(line);
  }

  /** Non-empty matches, left to right, as [start, end) offsets. */
  *matches(line: string): Generator<[number, number]> {
    const re = new RegExp(this.source, this.flags + 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(line))) {
      if (this.longest) m = longestMatchAt(this.source, this.flags, line, m);
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) {
        re.lastIndex = start + (line.codePointAt(start)! > 0xffff ? 2 : 1);
        if (start >= line.length) break;
        continue;
      }
      yield [start, end];
      re.lastIndex = end;
    }
  }
}
