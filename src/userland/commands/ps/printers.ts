import { HZ, type NsName, type PsProc, type SysInfo } from './procs.ts';

/**
 * The pr_* functions of procps output.c. Each returns the cell text; `c.maxRightward` is the room
 * the column has (its width, or the rest of the line for the last column), which the name, command
 * and tree printers respect.
 */
export interface PrCtx {
  maxRightward: number;
  info: SysInfo;
  tty: (nr: number) => string | undefined;
  forestType: '' | 'b' | 'g' | 'u';
  forestPrefix: string;
  bsdC: boolean;
  bsdE: boolean;
  unixF: boolean;
  userIsNumber: boolean;
  wideSignals: boolean;
  utf8: boolean;
  lstartFormat?: string;
}

export type Printer = (p: PsProc, c: PrCtx) => string;

const PRINTABLE = /^[\x20-\x7e]*$/;

/** escape_str: control characters become `?`, the text is cut at `max` cells. */
export function esc(s: string, max: number, utf8: boolean): string {
  // Printable ASCII that fits is shown as it is (nearly every name and command line).
  if (s.length <= max && PRINTABLE.test(s)) return s;
  let out = '';
  let cells = 0;
  for (const ch of s) {
    if (cells >= max) break;
    const code = ch.codePointAt(0)!;
    out += code < 0x20 || code === 0x7f || (!utf8 && code > 0x7f) ? '?' : ch;
    cells++;
  }
  return out;
}

/** forest_helper: ` \_ `, ` |  `, `    ` per level (two spaces per level for -H). */
function forest(c: PrCtx): string {
  let out = '';
  let room = Math.min(c.maxRightward, 131071);
  const unixy = c.forestType === 'u';
  for (const ch of c.forestPrefix) {
    if (room < (unixy ? 2 : 4)) break;
    out += unixy ? '  ' : ch === ' ' ? '    ' : ch === '|' ? ' |  ' : ' \\_ ';
    room -= unixy ? 2 : 4;
  }
  return out;
}

function withEnv(text: string, room: number, p: PsProc, c: PrCtx): string {
  if (!c.bsdE || room <= 1 || p.environ === '-') return text;
  return `${text} ${esc(p.environ, room - 1, c.utf8)}`;
}

const args: Printer = (p, c) => {
  const fh = forest(c);
  const room = c.maxRightward - fh.length;
  const body = esc(c.bsdC ? p.comm : p.cmdline, room, c.utf8);
  return fh + withEnv(body, room - body.length, p, c);
};

const comm: Printer = (p, c) => {
  const fh = forest(c);
  const room = c.maxRightward - fh.length;
  const body = esc(c.unixF ? p.cmdline : p.comm, room, c.utf8);
  return fh + withEnv(body, room - body.length, p, c);
};

/** do_pr_name: a name wider than its column is cut to width-1 and marked `+` (`systemd+`). */
function name(n: string | undefined, id: number, c: PrCtx): string {
  if (c.userIsNumber) return String(id);
  const s = esc(n ?? String(id), 131072, c.utf8);
  if (s.length <= c.maxRightward) return s;
  if (c.maxRightward >= 1) return s.slice(0, c.maxRightward - 1) + '+';
  return String(id);
}

/** Seconds since the process started (PIDS_TIME_ELAPSED). */
export function elapsed(p: PsProc, c: PrCtx | { info: SysInfo }): number {
  const t = p.startTicks / HZ;
  return c.info.uptime >= t ? c.info.uptime - t : 0;
}
export function ticsAll(p: PsProc): number { return p.utime + p.stime; }
export function startEpoch(p: PsProc, info: SysInfo): number { return info.btime + Math.floor(p.startTicks / HZ); }

const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** ctime(3) without the newline: `Sun Nov 29 09:13:00 2026` (UTC is the local time here). */
function ctime(t: number): string {
  const d = new Date(t * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

function yday(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000);
}

/** strftime for the few conversions ps uses (lstart's -D format included). */
export function strftime(fmt: string, t: number): string {
  const d = new Date(t * 1000);
  return fmt.replace(/%([a-zA-Z%])/g, (m, k: string) => {
    switch (k) {
      case 'a': return DAYS[d.getUTCDay()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()];
      case 'd': return pad2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2);
      case 'H': return pad2(d.getUTCHours());
      case 'M': return pad2(d.getUTCMinutes());
      case 'S': return pad2(d.getUTCSeconds());
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return pad2(d.getUTCFullYear() % 100);
      case 'm': return pad2(d.getUTCMonth() + 1);
      case 'j': return String(yday(d) + 1).padStart(3, '0');
      case 'T': return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
      case 's': return String(t);
      case '%': return '%';
      default: return m;
    }
  });
}

/** pr_stime: `%H:%M` today, `%b%d` earlier this year, `%Y` before. */
const stime: Printer = (p, c) => {
  const t = startEpoch(p, c.info);
  // Processes started in the same second print the same: one Date pair per distinct start.
  const memo = c.info.stimeMemo;
  const known = memo?.get(t);
  if (known !== undefined) return known;
  const text = stimeOf(t, c);
  memo?.set(t, text);
  return text;
};

function stimeOf(t: number, c: PrCtx): string {
  const now = new Date(c.info.now * 1000), then = new Date(t * 1000);
  let fmt = '%H:%M';
  if (yday(now) !== yday(then)) fmt = '%b%d';
  if (now.getUTCFullYear() !== then.getUTCFullYear()) fmt = '%Y';
  return strftime(fmt, t);
}

/** Cumulative CPU `[dd-]hh:mm:ss`, elapsed `[[dd-]hh:]mm:ss`. */
function dhms(total: number, elapsedStyle: boolean): string {
  const ss = total % 60, mm = Math.floor(total / 60) % 60, hh = Math.floor(total / 3600) % 24, dd = Math.floor(total / 86400);
  if (!elapsedStyle) return `${dd ? `${dd}-` : ''}${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
  return `${dd ? `${dd}-` : ''}${dd || hh ? `${pad2(hh)}:` : ''}${pad2(mm)}:${pad2(ss)}`;
}

/** help_pr_sig: 8 hex digits (`<` when cut), or all 16 when there is room. */
function sig(mask: string, c: PrCtx): string {
  if (c.wideSignals) return mask.length > 8 ? mask : `00000000${mask}`;
  const significant = mask.length - (/^0*/.exec(mask)![0].length);
  if (significant > 8) return `<${mask.slice(-8)}`;
  if (mask.length < 8) return '00000000'.slice(mask.length) + mask;
  return mask.slice(-8);
}

/** pr_stat: the state letter, then < N L s l + in that order. */
export function statFlags(p: PsProc): string {
  let s = p.state;
  if (p.nice < 0) s += '<';
  if (p.nice > 0) s += 'N';
  if (p.vmLck) s += 'L';
  if (p.session === p.pid) s += 's';
  if (p.nlwp > 1) s += 'l';
  if (p.pgrp === p.tpgid) s += '+';
  return s;
}

function pcpuPermille(p: PsProc, c: PrCtx): number {
  const jiffies = Math.floor(elapsed(p, c) * HZ);
  return jiffies ? Math.floor((ticsAll(p) * 1000) / jiffies) : 0;
}

const hex16 = (n: number) => n.toString(16).padStart(16, '0');
const SCHED = ['TS', 'FF', 'RR', 'B', 'ISO', 'IDL', 'DLN'];
const nsCol = (ns: NsName): Printer => (p) => (p.ns[ns] ? String(p.ns[ns]) : '-');
const tty: Printer = (p, c) => c.tty(p.ttyNr) ?? '?';

export const PRINTERS: Record<string, Printer> = {
  nop: () => '-',
  args, comm,
  fname: (p, c) => forest(c) + esc(p.comm, Math.min(8, c.maxRightward - forest(c).length), c.utf8),
  pcpu: (p, c) => { const v = pcpuPermille(p, c); return v > 999 ? String(Math.floor(v / 10)) : `${Math.floor(v / 10)}.${v % 10}`; },
  c: (p, c) => { const j = Math.floor(elapsed(p, c) * HZ); return String(Math.min(99, j ? Math.floor((ticsAll(p) * 100) / j) : 0)).padStart(2); },
  cp: (p, c) => String(Math.min(999, pcpuPermille(p, c))).padStart(3),
  pmem: (p, c) => { const v = Math.min(999, c.info.memTotal ? Math.floor((p.vmRss * 1000) / c.info.memTotal) : 0); return `${String(Math.floor(v / 10)).padStart(2)}.${v % 10}`; },
  pid: (p) => String(p.pid), ppid: (p) => String(p.ppid), pgid: (p) => String(p.pgrp),
  sess: (p) => String(p.session), tpgid: (p) => String(p.tpgid),
  time: (p) => dhms(Math.floor(ticsAll(p) / HZ), false),
  times: (p) => String(Math.floor(ticsAll(p) / HZ)),
  bsdtime: (p) => { const u = Math.floor(ticsAll(p) / HZ); return `${String(Math.floor(u / 60)).padStart(3)}:${pad2(u % 60)}`; },
  etime: (p, c) => dhms(Math.floor(elapsed(p, c)), true),
  etimes: (p, c) => String(Math.floor(elapsed(p, c))),
  stime,
  start: (p, c) => {
    const t = startEpoch(p, c.info);
    const s = ctime(t).replace(/^(.{8}) /, '$10').replace(/^(.{11}) /, '$10');
    return t + 86400 > c.info.now ? s.slice(11, 19) : `  ${s.slice(4, 10)}`;
  },
  bsdstart: (p, c) => {
    const t = startEpoch(p, c.info);
    return c.info.now - t > 86400 ? ctime(t).slice(4, 10) : ctime(t).slice(10, 16);
  },
  lstart: (p, c) => strftime(c.lstartFormat ?? '%a %b %e %H:%M:%S %Y', startEpoch(p, c.info)),
  vsz: (p) => String(p.vmSize), rss: (p) => String(p.vmRss),
  sz: (p) => String(Math.floor(p.vmSize / 4)),
  size: (p) => String(p.vmData + p.vmStk),
  msize: (p) => String(p.vsizeBytes),
  trs: (p) => String(p.vsizeBytes ? (p.endcode - p.startcode) >> 10 : 0),
  drs: (p) => String(p.vsizeBytes ? Math.floor((p.vsizeBytes - p.endcode + p.startcode) / 1024) : 0),
  majflt: (p) => String(p.majflt), minflt: (p) => String(p.minflt),
  lim: (p) => (p.rsslim === '18446744073709551615' ? 'xx' : String(Math.floor(Number(p.rsslim) / 1024)).padStart(5)),
  stat: (p) => statFlags(p), s: (p) => p.state,
  flag: (p) => ((p.flags >>> 6) & 7).toString(8),
  tty8: tty,
  tty4: (p, c) => { const n = c.tty(p.ttyNr); return n ? n.replace(/^tty(?=.)/, '').replace(/^pts\/(?=.)/, '') : '?'; },
  nice: (p) => (p.policy !== 0 && p.policy !== 3 && p.policy !== -1 ? '-' : String(p.nice)),
  nlwp: (p) => String(p.nlwp),
  priority: (p) => String(p.priority), opri: (p) => String(60 + p.priority), pri: (p) => String(39 - p.priority),
  pri_api: (p) => String(-1 - p.priority), pri_bar: (p) => String(p.priority + 1),
  pri_baz: (p) => String(p.priority + 100), pri_foo: (p) => String(p.priority - 20),
  rtprio: (p) => (p.policy === 0 || p.policy === -1 ? '-' : String(p.rtprio)),
  sched: (p) => (p.policy === -1 ? '-' : String(p.policy)),
  class: (p) => SCHED[p.policy] ?? '?',
  psr: (p) => String(p.processor),
  sgi_p: (p) => (p.state === 'R' ? String(p.processor) : '*'),
  wchan: () => '-',
  euid: (p) => String(p.euid), ruid: (p) => String(p.ruid), suid: (p) => String(p.suid), fuid: (p) => String(p.fuid),
  egid: (p) => String(p.egid), rgid: (p) => String(p.rgid), sgid: (p) => String(p.sgid), fgid: (p) => String(p.fgid),
  euser: (p, c) => name(c.info.users.get(p.euid), p.euid, c),
  ruser: (p, c) => name(c.info.users.get(p.ruid), p.ruid, c),
  suser: (p, c) => name(c.info.users.get(p.suid), p.suid, c),
  fuser: (p, c) => name(c.info.users.get(p.fuid), p.fuid, c),
  egroup: (p, c) => name(c.info.groupNames.get(p.egid), p.egid, c),
  rgroup: (p, c) => name(c.info.groupNames.get(p.rgid), p.rgid, c),
  sgroup: (p, c) => name(c.info.groupNames.get(p.sgid), p.sgid, c),
  fgroup: (p, c) => name(c.info.groupNames.get(p.fgid), p.fgid, c),
  supgid: (p, c) => esc(p.supgids.length ? p.supgids.join(',') : '-', c.maxRightward, c.utf8),
  supgrp: (p, c) => esc(p.supgids.length ? p.supgids.map((g) => c.info.groupNames.get(g) ?? String(g)).join(',') : '-', c.maxRightward, c.utf8),
  sig: (p, c) => sig(p.shdPnd, c), tsig: (p, c) => sig(p.sigPnd, c), sigmask: (p, c) => sig(p.sigBlk, c),
  sigignore: (p, c) => sig(p.sigIgn, c), sigcatch: (p, c) => sig(p.sigCgt, c),
  stackp: (p) => hex16(p.startstack), esp: () => hex16(0), eip: () => hex16(0),
  environ: (p, c) => (p.environ === '-' ? '' : esc(p.environ, c.maxRightward, c.utf8)),
  exe: (p, c) => esc(p.exe, c.maxRightward, c.utf8),
  cgroup: (p, c) => esc(p.cgroup, c.maxRightward, c.utf8),
  context: () => '-',
  cgroupns: nsCol('cgroup'), ipcns: nsCol('ipc'), mntns: nsCol('mnt'), netns: nsCol('net'),
  pidns: nsCol('pid'), timens: nsCol('time'), userns: nsCol('user'), utsns: nsCol('uts'),
};
