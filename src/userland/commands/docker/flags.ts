/**
 * pflag as the docker CLI configures it: `-it` bundles, `-eK=V` and `-e K=V`, `--name=x` and
 * `--name x`, booleans that take `=false`, repeatable lists, and (for run/create/exec) no
 * interspersed flags: the first positional argument ends option parsing.
 */
export interface FlagDef {
  long: string;
  short?: string;
  kind: 'bool' | 'string' | 'list' | 'int';
  /** Accepted but ignored (`--init`, `--log-driver`, …): parsed so commands do not fail. */
  ignored?: boolean;
}

export interface Parsed {
  values: Map<string, string | boolean | string[] | number>;
  args: string[];
}

export class FlagError extends Error {}

export function parseFlags(argv: string[], defs: FlagDef[], interspersed = true): Parsed {
  const byLong = new Map(defs.map((d) => [d.long, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  const values = new Map<string, string | boolean | string[] | number>();
  const args: string[] = [];
  const set = (d: FlagDef, v: string | undefined, shown: string) => {
    if (d.kind === 'bool') {
      if (v !== undefined && !['true', 'false', '1', '0'].includes(v)) throw new FlagError(`invalid argument "${v}" for "${shown}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
      values.set(d.long, v === undefined || v === 'true' || v === '1');
      return;
    }
    if (v === undefined) throw new FlagError(`flag needs an argument: ${shown.startsWith('--') ? shown : `'${shown.slice(1)}' in ${shown}`}`);
    if (d.kind === 'list') values.set(d.long, [...((values.get(d.long) as string[]) ?? []), v]);
    else if (d.kind === 'int') {
      if (!/^-?\d+$/.test(v)) throw new FlagError(`invalid argument "${v}" for "${shown}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
      values.set(d.long, Number(v));
    } else values.set(d.long, v);
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const d = byLong.get(name);
      if (!d) throw new FlagError(`unknown flag: --${name}`);
      let v: string | undefined = eq < 0 ? undefined : a.slice(eq + 1);
      if (v === undefined && d.kind !== 'bool') v = argv[++i];
      set(d, v, `--${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const d = byShort.get(c);
        if (!d) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        if (d.kind === 'bool') {
          if (a[j + 1] === '=') { set(d, a.slice(j + 2), `-${c}`); break; }
          set(d, undefined, `-${c}`);
          continue;
        }
        let v = a.slice(j + 1);
        if (v.startsWith('=')) v = v.slice(1);
        set(d, v !== '' ? v : argv[++i], `-${c}`);
        break;
      }
      continue;
    }
    if (!interspersed) break;
    args.push(a);
  }
  for (const rest of argv.slice(i)) args.push(rest);
  return { values, args };
}

export const str = (p: Parsed, k: string): string | undefined => p.values.get(k) as string | undefined;
export const bool = (p: Parsed, k: string): boolean => p.values.get(k) === true;
export const list = (p: Parsed, k: string): string[] => (p.values.get(k) as string[] | undefined) ?? [];
export const int = (p: Parsed, k: string): number | undefined => p.values.get(k) as number | undefined;
