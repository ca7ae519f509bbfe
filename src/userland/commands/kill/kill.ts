import { SIG } from '../../../kernel/constants.ts';
import type { ProgramImage } from '../../../kernel/program.ts';
import { errMsg } from '../../lib/io.ts';
import { prettyPrintSignals, signalNameToNumber, strtosig, takeSignalOption, unixPrintSignals } from './signals.ts';

/**
 * kill(1) from procps-ng 4.0.2 (src/kill.c). `-SIGNAL` may appear anywhere (skill_sig_option takes
 * the first one out before getopt runs); failures are reported by glibc's error() as
 * `kill: (PID): strerror`, and the exit status is 1 if any kill(2) failed.
 */
const usage = (name: string) => `
Usage:
 ${name} [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;

const LONGS: Array<[string, 'none' | 'optional' | 'required', string]> = [
  ['list', 'optional', 'l'], ['table', 'none', 'L'], ['signal', 'required', 's'], ['help', 'none', 'h'],
  ['version', 'none', 'V'], ['queue', 'required', 'q'],
];
const SHORTS: Record<string, 'none' | 'optional' | 'required'> = { l: 'optional', L: 'none', s: 'required', h: 'none', V: 'none', q: 'required' };

/** strtol_or_err: the whole word must be a base-10 long. */
function strtolOrErr(s: string): { v?: number; range?: boolean } {
  if (!/^[ \t\n\v\f\r]*[+-]?\d+$/.test(s)) return {};
  const v = Number(s.trim());
  if (Math.abs(v) > 9223372036854775807) return { range: true };
  return { v };
}

class Exit { constructor(readonly code: number) {} }

export const kill: ProgramImage = {
  vszKb: 7232, rssKb: 2304,
  main: async ({ argv, sys, out, err }) => {
    const fullName = argv[0];
    const name = fullName.split('/').pop()!;
    const fail = async (text: string, code = 1): Promise<never> => { await err(text); throw new Exit(code); };
    try {
      if (argv.length < 2) await fail(usage(name));
      const args = argv.slice(1);
      let signo = takeSignalOption(args);
      if (signo < 0) signo = SIG.SIGTERM;
      const operands: string[] = [];
      // getopt_long("l::Ls:hVq:") with opterr = 0, permuting operands to the end.
      const handle = async (key: string, optarg: string | undefined, next: string | undefined): Promise<void> => {
        switch (key) {
          case 'l': {
            const opt = optarg ?? (next !== undefined && next[0] !== '-' ? next : undefined);
            if (opt === undefined) { await out(unixPrintSignals()); throw new Exit(0); }
            const s = strtosig(opt);
            if (s) await out(`${s}\n`); else await err(`${name}: unknown signal name ${opt}\n`);
            throw new Exit(0);
          }
          case 'L': await out(prettyPrintSignals()); throw new Exit(0);
          case 's': signo = signalNameToNumber(optarg!); return;
          case 'h': await out(usage(name)); throw new Exit(0);
          case 'V': await out(`${name} from procps-ng 4.0.2\n`); throw new Exit(0);
          case 'q': {
            const r = strtolOrErr(optarg!);
            if (r.v === undefined) {
              await fail(`${name}: must be an integer value to be passed with the signal.: '${optarg}'${r.range ? ': Numerical result out of range' : ''}\n`);
            }
            return;
          }
        }
      };
      const unknown = async (optopt: string): Promise<never> => {
        if (!/^[0-9]$/.test(optopt)) return fail(`${name}: invalid argument ${optopt}\n${usage(name)}`);
        // procps' special case for `-N` with N a digit: kill(-N) and (sic) exit 1 when it worked.
        let ok = true;
        try { sys.kill(-Number(optopt), signo); } catch { ok = false; }
        throw new Exit(ok ? 1 : 0);
      };
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === '--') { for (const rest of args.slice(i + 1)) operands.push(rest); break; }
        if (a.startsWith('--')) {
          const eq = a.indexOf('=');
          const lname = a.slice(2, eq < 0 ? undefined : eq);
          const exact = LONGS.find(([n]) => n === lname);
          const matches = exact ? [exact] : LONGS.filter(([n]) => n.startsWith(lname));
          if (matches.length !== 1) await unknown('\0');
          const [, kind, key] = matches[0];
          let optarg: string | undefined;
          if (kind === 'none' && eq >= 0) await unknown(key);
          if (eq >= 0) optarg = a.slice(eq + 1);
          else if (kind === 'required') { if (i + 1 >= args.length) await unknown(key); optarg = args[++i]; }
          await handle(key, optarg, args[i + 1]);
          continue;
        }
        if (a[0] === '-' && a.length > 1) {
          for (let j = 1; j < a.length; j++) {
            const c = a[j];
            const kind = SHORTS[c];
            if (!kind) await unknown(c);
            if (kind === 'none') { await handle(c, undefined, args[i + 1]); continue; }
            let optarg: string | undefined = a.slice(j + 1) || undefined;
            if (optarg === undefined && kind === 'required') { if (i + 1 >= args.length) await unknown(c); optarg = args[++i]; }
            await handle(c, optarg, args[i + 1]);
            break;
          }
          continue;
        }
        operands.push(a);
      }
      if (operands.length < 1) await fail(usage(name));
      let status = 0;
      for (const o of operands) {
        const r = strtolOrErr(o);
        if (r.v === undefined) await fail(`${name}: failed to parse argument: '${o}'${r.range ? ': Numerical result out of range' : ''}\n`);
        try {
          sys.kill(r.v! | 0, signo); // (pid_t) cast
        } catch (e) {
          await err(`${fullName}: (${r.v}): ${errMsg(e)}\n`);
          status = 1;
        }
      }
      return status;
    } catch (e) {
      if (e instanceof Exit) return e.code;
      throw e;
    }
  },
};
