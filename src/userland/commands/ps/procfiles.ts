/**
 * Parsers for the /proc/PID files ps reads (procps readproc.c: stat2proc, status2proc). Each scans its
 * text once, in place, and writes straight into the process's record: ps parses two of these per
 * process, and anything allocated per field or per line (a split, a map, a scratch array that is
 * emptied and regrown) would be most of what `ps aux` does on a busy box.
 */

/** The fields stat2proc fills. */
export interface StatFields {
  /** Between the first `(` and the last `)`. */
  comm: string;
  /** The state letter (field 3). */
  state: string;
  ppid: number; pgrp: number; session: number; ttyNr: number; tpgid: number;
  flags: number; minflt: number; majflt: number;
  utime: number; stime: number; cutime: number; cstime: number;
  priority: number; nice: number; nlwp: number; startTicks: number;
  vsizeBytes: number;
  /** rsslim as text: it does not fit a double. */
  rsslim: string;
  startcode: number; endcode: number; startstack: number;
  processor: number; rtprio: number; policy: number;
}

/** The fields status2proc fills (absent keys leave what the record had: 0, the zero mask, no groups). */
export interface StatusFields {
  ruid: number; euid: number; suid: number; fuid: number;
  rgid: number; egid: number; sgid: number; fgid: number;
  vmSize: number; vmRss: number; vmLck: number; vmData: number; vmStk: number;
  sigPnd: string; shdPnd: string; sigBlk: string; sigIgn: string; sigCgt: string;
  supgids: number[];
}

/** One copy of each distinct short text (comm, masks, rsslim): see procs.ts. */
export type Interner = (s: string) => string;

const asIs: Interner = (s) => s;

export const ZERO_MASK = '0000000000000000';
const SPACE = 32;
const COLON = 58;
/** The last stat field ps uses (policy, field 41; the state is field 0 here). */
const LAST_STAT_FIELD = 38;

/**
 * stat2proc: `pid (comm) state ppid …`, every whitespace-separated field after `(comm) ` read in
 * place, digits accumulated as they are scanned; fields past the last one ps shows are not looked at.
 */
export function parseStat(stat: string, p: StatFields, intern: Interner = asIs): void {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  p.comm = intern(stat.slice(open + 1, close));
  const n = stat.length;
  for (let i = close + 1, f = 0; i < n && f <= LAST_STAT_FIELD; f++) {
    let c = stat.charCodeAt(i);
    while (c <= SPACE && i < n) c = stat.charCodeAt(++i);
    if (i >= n) break;
    const start = i;
    if (f === 0 || f === 22) {
      while (i < n && stat.charCodeAt(i) > SPACE) i++;
      if (f === 0) p.state = intern(stat.slice(start, i)); else p.rsslim = intern(stat.slice(start, i));
      continue;
    }
    const neg = c === 45;
    if (neg) c = stat.charCodeAt(++i);
    let v = 0;
    let plain = true;
    for (; c > SPACE && i < n; c = stat.charCodeAt(++i)) {
      const d = c - 48;
      if (d < 0 || d > 9) plain = false;
      v = v * 10 + d;
    }
    // Not a plain decimal of at most 15 digits (exact in a double): as Number() reads it.
    if (!plain || i - start > 16 || (!neg && i - start > 15)) v = Number(stat.slice(start, i)) || 0;
    else if (neg) v = -v || 0;
    switch (f) {
      case 1: p.ppid = v; break;
      case 2: p.pgrp = v; break;
      case 3: p.session = v; break;
      case 4: p.ttyNr = v; break;
      case 5: p.tpgid = v; break;
      case 6: p.flags = v; break;
      case 7: p.minflt = v; break;
      case 9: p.majflt = v; break;
      case 11: p.utime = v; break;
      case 12: p.stime = v; break;
      case 13: p.cutime = v; break;
      case 14: p.cstime = v; break;
      case 15: p.priority = v; break;
      case 16: p.nice = v; break;
      case 17: p.nlwp = v; break;
      case 19: p.startTicks = v; break;
      case 20: p.vsizeBytes = v; break;
      case 23: p.startcode = v; break;
      case 24: p.endcode = v; break;
      case 25: p.startstack = v; break;
      case 36: p.processor = v; break;
      case 37: p.rtprio = v; break;
      case 38: p.policy = v; break;
    }
  }
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

/** strtol's leading digits of the field at `i`, 0 where there are none; fieldEnd is where it ends. */
let fieldEnd = 0;
function field(s: string, i: number, end: number): number {
  const start = i;
  while (i < end && s.charCodeAt(i) > SPACE) i++;
  fieldEnd = i;
  return decimal(s, start, i) ?? (parseInt(s.slice(start, i), 10) || 0);
}

/** The next field at or after `i` (whitespace skipped), 0 when the value has no more. */
function nextField(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) <= SPACE) i++;
  if (i >= end) { fieldEnd = end; return 0; }
  return field(s, i, end);
}

/** Every whitespace-separated number in s[from, to) (Groups:). */
function numbers(s: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to;) {
    while (i < to && s.charCodeAt(i) <= SPACE) i++;
    if (i >= to) break;
    out.push(field(s, i, to));
    i = fieldEnd;
  }
  return out;
}

/** A signal mask: the shared zero mask when every digit is 0 (nearly always), else one interned copy. */
function mask(s: string, from: number, to: number, intern: Interner): string {
  return to - from === ZERO_MASK.length && s.startsWith(ZERO_MASK, from) ? ZERO_MASK : intern(s.slice(from, to));
}

/**
 * status2proc: one pass over the lines, each `Key:\tvalue` dispatched on its key (procps looks keys
 * up in a perfect hash as it goes). Values are trimmed of surrounding whitespace. `groups` turns a
 * Groups: value into its list; ps hands in a memo so processes with the same groups share one.
 */
export function parseStatus(status: string, p: StatusFields, intern: Interner = asIs,
  groups: (s: string, from: number, to: number) => number[] = numbers): void {
  const n = status.length;
  for (let i = 0; i < n;) {
    let eol = status.indexOf('\n', i);
    if (eol < 0) eol = n;
    // Only keys starting with G, S, U or V are wanted, and only keys of 3, 5 or 6 characters (the
    // key being what precedes the line's first colon): other lines are skipped unread.
    const c0 = status.charCodeAt(i);
    if (c0 === 71 || c0 === 83 || c0 === 85 || c0 === 86) {
      const keyLen = status.charCodeAt(i + 3) === COLON ? 3 : status.charCodeAt(i + 5) === COLON ? 5 : status.charCodeAt(i + 6) === COLON ? 6 : 0;
      if (keyLen && i + keyLen < eol) statusLine(status, i, keyLen, eol, p, intern, groups);
    }
    i = eol + 1;
  }
}

/** Whether s[at, at + key.length) is `key`. */
function keyIs(s: string, at: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (s.charCodeAt(at + k) !== key.charCodeAt(k)) return false;
  return true;
}

/** One `Key:` line from `key` to `eol`: its value, trimmed, goes to the field the key names. */
function statusLine(s: string, key: number, keyLen: number, eol: number, p: StatusFields, intern: Interner,
  groups: (s: string, from: number, to: number) => number[]): void {
  let from = key + keyLen + 1;
  let to = eol;
  while (from < to && s.charCodeAt(from) <= SPACE) from++;
  while (to > from && s.charCodeAt(to - 1) <= SPACE) to--;
  switch (keyLen) {
    case 3:
      if (keyIs(s, key, 'Uid')) {
        p.ruid = nextField(s, from, to); p.euid = nextField(s, fieldEnd, to);
        p.suid = nextField(s, fieldEnd, to); p.fuid = nextField(s, fieldEnd, to);
      } else if (keyIs(s, key, 'Gid')) {
        p.rgid = nextField(s, from, to); p.egid = nextField(s, fieldEnd, to);
        p.sgid = nextField(s, fieldEnd, to); p.fgid = nextField(s, fieldEnd, to);
      }
      return;
    case 5:
      if (keyIs(s, key, 'VmRSS')) p.vmRss = nextField(s, from, to);
      else if (keyIs(s, key, 'VmLck')) p.vmLck = nextField(s, from, to);
      else if (keyIs(s, key, 'VmStk')) p.vmStk = nextField(s, from, to);
      return;
    case 6:
      if (keyIs(s, key, 'Sig')) {
        if (keyIs(s, key + 3, 'Pnd')) p.sigPnd = mask(s, from, to, intern);
        else if (keyIs(s, key + 3, 'Blk')) p.sigBlk = mask(s, from, to, intern);
        else if (keyIs(s, key + 3, 'Ign')) p.sigIgn = mask(s, from, to, intern);
        else if (keyIs(s, key + 3, 'Cgt')) p.sigCgt = mask(s, from, to, intern);
      } else if (keyIs(s, key, 'ShdPnd')) p.shdPnd = mask(s, from, to, intern);
      else if (keyIs(s, key, 'VmSize')) p.vmSize = nextField(s, from, to);
      else if (keyIs(s, key, 'VmData')) p.vmData = nextField(s, from, to);
      else if (keyIs(s, key, 'Groups')) p.supgids = groups(s, from, to);
      return;
  }
}

/** Groups: values already seen, by text: most processes share a handful of supplementary group lists. */
export function groupsMemo(): (s: string, from: number, to: number) => number[] {
  const seen = new Map<string, number[]>();
  return (s, from, to) => {
    const text = s.slice(from, to);
    let list = seen.get(text);
    if (!list) seen.set(text, list = numbers(s, from, to));
    return list;
  };
}
