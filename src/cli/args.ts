/** Command line of the transcript CLI: `nsbox [--json] [--cols N] [--seed N] [--host NAME] [-c LINE]... [FILE]`. */
export interface CliOptions {
  json: boolean;
  cols: number;
  seed: number;
  host: string;
  lines: string[];
  file?: string;
  help: boolean;
}

export const USAGE = `Usage: nsbox [--json] [--cols N] [--seed N] [--host NAME] [-c LINE]... [FILE]

Types each input line (from FILE, stdin, or -c options) into one interactive terminal on a
simulated Linux host and prints the transcript as an N-column terminal shows it.

  --json       one JSON object per input line: {"prompt","input","output","exit"}
  --cols N     terminal width (default 80)
  --seed N     seed for ids, MACs and names (default 1)
  --host NAME  host profile (default archlinux)
  -c LINE      an input line (repeatable; replaces FILE/stdin)
`;

export class CliUsageError extends Error {}

export function parseCliArgs(argv: string[]): CliOptions {
  const o: CliOptions = { json: false, cols: 80, seed: 1, host: 'archlinux', lines: [], help: false };
  const num = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new CliUsageError(`nsbox: ${flag} needs an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--json': o.json = true; break;
      case '--cols': o.cols = num('--cols', value(), 20); break;
      case '--seed': o.seed = num('--seed', value(), 0); break;
      case '--host': { const v = value(); if (!v) throw new CliUsageError('nsbox: --host needs a name'); o.host = v; break; }
      case '-c': { const v = value(); if (v === undefined) throw new CliUsageError('nsbox: -c needs a line'); o.lines.push(v); break; }
      case '-h': case '--help': o.help = true; break;
      default:
        if (a.startsWith('-') && a !== '-') throw new CliUsageError(`nsbox: unknown option '${a}'`);
        if (o.file !== undefined) throw new CliUsageError('nsbox: only one FILE may be given');
        o.file = a;
    }
  }
  return o;
}
