/**
 * Parsers for the /proc/PID files ps reads (procps readproc.c: stat2proc, status2proc). They scan the
 * text once without splitting it into lines or fields: ps parses two of these per process, so the
 * garbage a split leaves behind (a string per field, a map per file) would dominate `ps aux` on a
 * busy box.
 */

/** /proc/PID/stat: comm (between the first `(` and the last `)`), then space-separated fields. */
export interface StatFields {
  comm: string;
  /** The state letter (field 3). */
  state: string;
  /** The fields after comm, state first (so ppid is nums[1]): `Number(field) || 0`. */
  nums: number[];
  /** rsslim (nums[22]) as text: it does not fit a double. */
  rsslim: string;
}

const SPACE = 32;

/** stat2proc: every whitespace-separated field after `(comm) `, read in place. */
export function parseStat(stat: string): StatFields {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const nums: number[] = [];
  let state = '?';
  let rsslim = '0';
  const n = stat.length;
  for (let i = close + 1; i < n;) {
    while (i < n && stat.charCodeAt(i) <= SPACE) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && stat.charCodeAt(i) > SPACE) i++;
    const f = nums.length;
    if (f === 0) state = stat.slice(start, i);
    if (f === 22) rsslim = stat.slice(start, i);
    nums.push(decimal(stat, start, i) ?? (Number(stat.slice(start, i)) || 0));
  }
  return { comm: stat.slice(open + 1, close), state, nums, rsslim };
}

/** A plain (optionally negative) decimal of at most 15 digits, read in place; undefined otherwise. */
function decimal(s: string, start: number, end: number): number | undefined {
  let i = start;
  const neg = s.charCodeAt(i) === 45;
  if (neg) i++;
  if (i === end || end - i > 15) return undefined;
  let v = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return neg ? -v || 0 : v;
}

/**
 * status2proc: the value of `Key:` (whitespace around it trimmed), undefined when the file has no
 * such line. Keys are matched at the start of a line; a key appears once per file.
 */
export function statusValue(status: string, key: string): string | undefined {
  let at: number;
  if (status.startsWith(key) && status.charCodeAt(key.length) === 58) at = 0;
  else {
    const i = status.indexOf(`\n${key}:`);
    if (i < 0) return undefined;
    at = i + 1;
  }
  const from = at + key.length + 1;
  const nl = status.indexOf('\n', from);
  return status.slice(from, nl < 0 ? status.length : nl).trim();
}
