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

/**
 * stat2proc: every whitespace-separated field after `(comm) `, read in place. `nums` may be a scratch
 * array the caller reuses for every process (it is emptied first): V8 moves an allocation site whose
 * objects often outlive a young collection to the old generation, and ps keeps every process's
 * record until it has sorted them, so per-process temporaries are best not allocated at all.
 */
export function parseStat(stat: string, nums: number[] = []): StatFields {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  nums.length = 0;
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
 * status2proc: find `Key:` and leave where its value starts (whitespace after the colon skipped) and
 * where its line ends in spanFrom/spanTo; false when the file has no such line. Keys are matched at
 * the start of a line; a key appears once per file. Module state rather than a returned pair: ps looks
 * up a dozen keys per process, and a pair object each would be more young garbage per process.
 */
let spanFrom = 0;
let spanTo = 0;
function statusSpan(status: string, key: string): boolean {
  let at: number;
  if (status.startsWith(key) && status.charCodeAt(key.length) === 58) at = 0;
  else {
    let needle = needles.get(key);
    if (needle === undefined) needles.set(key, needle = `\n${key}:`);
    const i = status.indexOf(needle);
    if (i < 0) return false;
    at = i + 1;
  }
  let from = at + key.length + 1;
  let to = status.indexOf('\n', from);
  if (to < 0) to = status.length;
  while (from < to && status.charCodeAt(from) <= SPACE) from++;
  while (to > from && status.charCodeAt(to - 1) <= SPACE) to--;
  spanFrom = from;
  spanTo = to;
  return true;
}

/** The value of `Key:` in /proc/PID/status, trimmed; undefined when the file has no such line. */
export function statusValue(status: string, key: string): string | undefined {
  return statusSpan(status, key) ? status.slice(spanFrom, spanTo) : undefined;
}

/** One whitespace-separated field of the value at `i`: strtol's leading digits, 0 where there are none. */
let fieldEnd = 0;
function field(status: string, i: number, end: number): number {
  const start = i;
  while (i < end && status.charCodeAt(i) > SPACE) i++;
  fieldEnd = i;
  return decimal(status, start, i) ?? (parseInt(status.slice(start, i), 10) || 0);
}

/** The first number of `Key:` (`VmRSS:\t    4744 kB` → 4744), 0 when absent. */
export function statusInt(status: string, key: string): number {
  return statusSpan(status, key) ? field(status, spanFrom, spanTo) : 0;
}

/**
 * The whitespace-separated numbers of `Key:` (Uid, Gid, Groups), read in place. `count` pads (or
 * cuts) to that many with 0; without it every field is returned (an absent key or empty value: none).
 * `out` may be a scratch array reused per process (see parseStat); it is emptied first.
 */
export function statusNumbers(status: string, key: string, count?: number, out: number[] = []): number[] {
  out.length = 0;
  if (statusSpan(status, key)) {
    const end = spanTo;
    for (let i = spanFrom; i < end && (count === undefined || out.length < count);) {
      while (i < end && status.charCodeAt(i) <= SPACE) i++;
      if (i >= end) break;
      out.push(field(status, i, end));
      i = fieldEnd;
    }
  }
  while (count !== undefined && out.length < count) out.push(0);
  return out;
}
