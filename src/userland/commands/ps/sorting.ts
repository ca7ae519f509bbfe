import { FORMATS, SHORT_SORT, SORT_KEYS } from './formats.ts';
import type { PsProc, SysInfo } from './procs.ts';
import { checkList, DELIMS, type R } from './lists.ts';
import type { SortNode } from './state.ts';

/**
 * Sorting in procps: --sort/k keys (long_sort_parse), `O` short codes (verify_short_sort,
 * short_sort_parse), and the sequence of stable sorts fancy_spew applies (forest adds ppid last).
 */

/** long_sort_parse (--sort, k): `[+|-]key[,…]`. */
export function longSortParse(sf: string): R<SortNode[]> {
  const c = checkList(sf, 'improper sort list', 'empty sort list');
  if (c.err) return c;
  const out: SortNode[] = [];
  for (let item of c.v!.body.split(DELIMS)) {
    let order: SortNode['order'] = 1;
    if (item[0] === '-') { order = -1; item = item.slice(1); } else if (item[0] === '+') item = item.slice(1);
    const fs = FORMATS.get(item);
    if (!fs) return { err: 'unknown sort specifier' };
    out.push({ spec: fs, order });
  }
  return { v: out };
}

/** verify_short_sort + short_sort_parse (`O` as sort codes). */
export function shortSort(sf: string, forest: boolean): R<SortNode[]> {
  if (![...sf].every((c) => 'CGJKMNPRSTUcfgjkmnoprstuvy+-'.includes(c))) return { err: 'bad sorting code' };
  const seen = new Set<string>();
  for (let i = 0; i < sf.length; i++) {
    const c = sf[i];
    if (c === '+' || c === '-') {
      const n = sf[i + 1];
      if (!n || n === '+' || n === '-') return { err: 'bad sorting code' };
      continue;
    }
    if (c === 'P' && forest) return { err: 'PPID sort and forest output conflict' };
    if (seen.has(c)) return { err: 'bad sorting code' };
    seen.add(c);
  }
  const out: SortNode[] = [];
  let order: SortNode['order'] = 1;
  for (const c of sf) {
    if (c === '+') order = 1;
    else if (c === '-') order = -1;
    else {
      const spec = SHORT_SORT[c];
      const fs = spec ? FORMATS.get(spec) : undefined;
      if (!fs) break; // procps ignores short_sort_parse's error here
      out.push({ spec: fs, order });
      order = 0; // procps resets the direction to 0 ("no order") after each key
    }
  }
  return { v: out };
}

/** Sort keys applied in turn by a stable sort (glibc qsort is a merge sort), the last one dominant. */
export function sortProcs(procs: PsProc[], keys: SortNode[], info: SysInfo): PsProc[] {
  let out = procs;
  for (const k of keys) {
    if (!k.order) continue;
    const f = SORT_KEYS[k.spec.sr] ?? SORT_KEYS.nop;
    const vals = new Map(out.map((p) => [p, f(p, info)]));
    out = [...out].sort((a, b) => {
      const x = vals.get(a)!, y = vals.get(b)!;
      return (x < y ? -1 : x > y ? 1 : 0) * k.order;
    });
  }
  return out;
}

/** prep_forest_sort: start time (unless sorted otherwise), then ppid as the dominant key. */
export function forestKeys(sortList: SortNode[]): SortNode[] {
  const keys = sortList.length ? [...sortList].reverse() : [{ spec: FORMATS.get('start_time')!, order: 1 as const }];
  return [...keys, { spec: FORMATS.get('ppid')!, order: 1 }];
}
