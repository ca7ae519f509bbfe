import { readFileSync } from 'node:fs';
import { bootSandbox } from '../sandbox/index.ts';
import { CliUsageError, parseCliArgs, USAGE } from './args.ts';
import { runTranscript } from './transcript.ts';

/** The transcript CLI: `npm run -s nsbox -- [--json] [--cols N] [--seed N] [--host NAME] [-c LINE]... [FILE]`. */
async function main(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    process.stderr.write(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (opts.help) { process.stdout.write(USAGE); return 0; }
  let input: string;
  try {
    input = opts.lines.length ? opts.lines.join('\n') : readFileSync(opts.file ?? 0, 'utf8');
  } catch (e) {
    process.stderr.write(`nsbox: cannot read ${opts.file ?? 'stdin'}: ${(e as Error).message}\n`);
    return 1;
  }
  const lines = opts.lines.length ? opts.lines : input.replace(/\n$/, '').split('\n');
  let sandbox;
  try {
    sandbox = bootSandbox({ host: opts.host, seed: opts.seed, clock: 'virtual' });
  } catch (e) {
    process.stderr.write(`nsbox: ${(e as Error).message}\n`);
    return 1;
  }
  const result = await runTranscript(sandbox, input === '' && !opts.lines.length ? [] : lines, opts.cols);
  if (opts.json) {
    for (const e of result.entries) process.stdout.write(JSON.stringify(e) + '\n');
  } else {
    process.stdout.write(result.screen + '\n');
  }
  return 0;
}

// Exit explicitly: programs left running in the sandbox (a background job, a fork bomb) must not keep Node alive.
main(process.argv.slice(2)).then((code) => process.exit(code));
