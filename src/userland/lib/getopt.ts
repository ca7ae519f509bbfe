/**
 * getopt_long(3) as glibc implements it, including its exact diagnostics, because every GNU tool's
 * error output depends on them ("invalid option -- 'x'", "unrecognized option '--foo'",
 * "option requires an argument -- 'n'"). Generic JS argument parsers word these differently, which
 * is why this is hand-written.
 */
export interface LongOption {
  name: string;
  /** 'none' | 'required' | 'optional' (optional arguments only with `--name=value`). */
  arg: 'none' | 'required' | 'optional';
  /** The key reported for it (a short letter or the long name). */
  key: string;
}

export interface ParsedOption { key: string; value?: string }

export interface GetoptResult {
  options: ParsedOption[];
  operands: string[];
}

export class GetoptError extends Error {}

/**
 * Parse `args` (argv without argv[0]). `shortSpec` is getopt's optstring ("ab:c::"). A leading '+'
 * stops at the first operand (POSIXLY_CORRECT), otherwise operands and options may mix, as GNU does.
 */
export function getopt(prog: string, args: string[], shortSpec: string, longs: LongOption[] = []): GetoptResult {
  const stopAtOperand = shortSpec.startsWith('+');
  const spec = stopAtOperand ? shortSpec.slice(1) : shortSpec;
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { for (const rest of args.slice(i + 1)) operands.push(rest); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const exact = longs.find((l) => l.name === name);
      const matches = exact ? [exact] : longs.filter((l) => l.name.startsWith(name));
      const uniq = [...new Set(matches.map((m) => m.key))];
      if (matches.length === 0) throw new GetoptError(`${prog}: unrecognized option '${eq < 0 ? a : a.slice(0, eq)}'`);
      if (uniq.length > 1) {
        throw new GetoptError(`${prog}: option '${a.slice(0, eq < 0 ? undefined : eq)}' is ambiguous; possibilities: ${matches.map((m) => `'--${m.name}'`).join(' ')}`);
      }
      const opt = matches[0];
      if (opt.arg === 'none') {
        if (eq >= 0) throw new GetoptError(`${prog}: option '--${opt.name}' doesn't allow an argument`);
        options.push({ key: opt.key });
      } else if (eq >= 0) options.push({ key: opt.key, value: a.slice(eq + 1) });
      else if (opt.arg === 'required') {
        if (i + 1 >= args.length) throw new GetoptError(`${prog}: option '--${opt.name}' requires an argument`);
        options.push({ key: opt.key, value: args[++i] });
      } else options.push({ key: opt.key });
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const at = spec.indexOf(c);
        if (at < 0 || c === ':') throw new GetoptError(`${prog}: invalid option -- '${c}'`);
        const kind = spec[at + 1] === ':' ? (spec[at + 2] === ':' ? 'optional' : 'required') : 'none';
        if (kind === 'none') { options.push({ key: c }); continue; }
        const rest = a.slice(j + 1);
        if (rest) options.push({ key: c, value: rest });
        else if (kind === 'optional') options.push({ key: c });
        else if (i + 1 < args.length) options.push({ key: c, value: args[++i] });
        else throw new GetoptError(`${prog}: option requires an argument -- '${c}'`);
        break;
      }
      continue;
    }
    if (stopAtOperand) { for (const rest of args.slice(i)) operands.push(rest); break; }
    operands.push(a);
  }
  return { options, operands };
}
