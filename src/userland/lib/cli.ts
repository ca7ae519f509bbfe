import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { getopt, GetoptError, type GetoptResult, type LongOption } from './getopt.ts';

/** The line every GNU tool ends a usage error with. */
export function tryHelp(prog: string): string {
  return `Try '${prog} --help' for more information.\n`;
}

/**
 * getopt_long plus coreutils' reaction to a bad option: the diagnostic, the "Try" line and the
 * tool's usage exit status. Returns null when the caller should exit with `status`.
 */
export async function parseArgs(prog: string, args: string[], spec: string, longs: LongOption[],
  err: (s: string) => Promise<void>): Promise<GetoptResult | null> {
  try {
    return getopt(prog, args, spec, longs);
  } catch (e) {
    if (!(e instanceof GetoptError)) throw e;
    await err(`${e.message}\n${tryHelp(prog)}`);
    return null;
  }
}

/** `prog: message` + the Try line (missing operand, extra operand …). */
export function usageMessage(prog: string, msg: string): string {
  return `${prog}: ${msg}\n${tryHelp(prog)}`;
}

/** Answers to -i prompts, read line by line from standard input (gnulib yesno()). */
export class Prompter {
  private buf = '';
  private eof = false;
  constructor(private readonly sys: SysApi) {}

  async line(): Promise<string | null> {
    while (!this.buf.includes('\n') && !this.eof) {
      const chunk = await this.sys.read(0);
      if (chunk === '') this.eof = true; else this.buf += chunk;
    }
    if (this.buf === '' && this.eof) return null;
    const nl = this.buf.indexOf('\n');
    const l = nl < 0 ? this.buf : this.buf.slice(0, nl);
    this.buf = nl < 0 ? '' : this.buf.slice(nl + 1);
    return l;
  }

  /** Write the question to stderr and read the answer: yes when it starts with y or Y. */
  async ask(err: (s: string) => Promise<void>, question: string): Promise<boolean> {
    await err(question);
    const l = await this.line();
    return l !== null && /^[yY]/.test(l);
  }
}
