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

/** `\nKey:` per key, made once (ps looks up a dozen keys in every process's status). */
const needles = new Map<string, string>();

/**
 * status2proc: where the value of `Key:` starts (whitespace after the colon skipped) and where its
 * line ends; undefined when the file has no such line. Keys are matched at the start of a line; a key
 * appears once per file.
 */
function statusSpan(status: string, key: string): { from: number; to: number } | undefined {
  let at: number;
  if (status.startsWith(key) && status.charCodeAt(key.length) === 58) at = 0;
  else {
    let needle = needles.get(key);
    if (needle === undefined) needles.set(key, needle = `\n${key}:`);
    const i = status.indexOf(needle);
    if (i < 0) return undefined;
    at = i + 1;
  }
  let from = at + key.length + 1;
  let to = status.indexOf('\n', from);
  if (to < 0) to = status.length;
  while (from < to && status.charCodeAt(from) <= SPACE) from++;
  while (to > from && status.charCodeAt(to - 1) <= SPACE) to--;
  return { from, to };
}

/** The value of `Key:` in /proc/PID/status, trimmed; undefined when the file has no such line. */
export function statusValue(status: string, key: string): string | undefined {
  const span = statusSpan(status, key);
  return span && status.slice(span.from, span.to);
}

/**
 * The whitespace-separated numbers of `Key:` (Uid, Gid, Groups), read in place: strtol's leading
 * digits of each field, 0 where there are none. `count` pads (or cuts) to that many; without it every
 * field is returned (an absent key or empty value: none).
 */
export function statusNumbers(status: string, key: string, count?: number): number[] {
  const out: number[] = [];
  const span = statusSpan(status, key);
  if (span) {
    for (let i = span.from; i < span.to && (count === undefined || out.length < count);) {
      while (i < span.to && status.charCodeAt(i) <= SPACE) i++;
      if (i >= span.to) break;
      const start = i;
      while (i < span.to && status.charCodeAt(i) > SPACE) i++;
      out.push(decimal(status, start, i) ?? (parseInt(status.slice(start, i), 10) || 0));
    }
  }
  while (count !== undefined && out.length < count) out.push(0);
  return out;
}
