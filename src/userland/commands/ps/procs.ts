import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { passwd, groups } from '../../lib/users.ts';
import { FileBuffer, readProcFile, UNVECTORED } from './file2str.ts';
import { groupsMemo, parseStat, parseStatus, ZERO_MASK, type Interner, type StatFields, type StatusFields } from './procfiles.ts';

/**
 * What procps' <pids> library reads for ps: /proc/PID/stat, status and cmdline (plus ns links,
 * environ, exe, cgroup when a column needs them), and the system facts ps needs from /proc/uptime,
 * /proc/stat (btime), /proc/meminfo and /proc/sys/kernel/pid_max. Everything is read from the
 * caller's own /proc, so a pid namespace only shows what its procfs shows.
 */
export const HZ = 100;
/** OUTBUF_SIZE in procps (2 * 64 KiB): the "unlimited" screen width. */
export const OUTBUF_SIZE = 131072;

export const NS_NAMES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
export type NsName = typeof NS_NAMES[number];

/** One process as ps knows it: what stat2proc and status2proc read, and the optional extras. */
export interface PsProc extends StatFields, StatusFields {
  pid: number;
  /** cmdline as procps cooks it: NULs and newlines as spaces, `[comm]` (+ ` <defunct>`) when empty. */
  cmdline: string;
  ns: Partial<Record<NsName, number>>;
  environ: string;
  exe: string;
  cgroup: string;
}

export interface Needs { ns: Set<NsName>; environ: boolean; exe: boolean; cgroup: boolean }

export interface SysInfo {
  uptime: number;
  btime: number;
  memTotal: number;
  pidLen: number;
  /** time(NULL) when ps started, seconds. */
  now: number;
  users: Map<number, string>;
  userIds: Map<string, number>;
  groupNames: Map<number, string>;
  groupIds: Map<string, number>;
  /** pr_stime's text per start second, for this run (the clock does not move while ps formats). */
  stimeMemo?: Map<number, string>;
}

async function tryRead(sys: SysApi, path: string): Promise<string | undefined> {
  try { return await sys.readFile(path); } catch { return undefined; }
}

export async function readSysInfo(sys: SysApi): Promise<SysInfo> {
  const uptime = parseFloat((await tryRead(sys, '/proc/uptime')) ?? '0') || 0;
  const btime = Number(/^btime (\d+)/m.exec((await tryRead(sys, '/proc/stat')) ?? '')?.[1] ?? 0);
  const memTotal = Number(/^MemTotal:\s+(\d+)/m.exec((await tryRead(sys, '/proc/meminfo')) ?? '')?.[1] ?? 0);
  // procps_pid_length(): the number of characters in pid_max, 5 when it cannot be read.
  const pm = await tryRead(sys, '/proc/sys/kernel/pid_max');
  const pidLen = pm ? pm.replace(/\n$/, '').length : 5;
  const pw = await passwd(sys);
  const gr = await groups(sys);
  const users = new Map<number, string>();
  const userIds = new Map<string, number>();
  for (const u of pw) { if (!users.has(u.uid)) users.set(u.uid, u.name); if (!userIds.has(u.name)) userIds.set(u.name, u.uid); }
  const groupNames = new Map<number, string>();
  const groupIds = new Map<string, number>();
  for (const g of gr) { if (!groupNames.has(g.gid)) groupNames.set(g.gid, g.name); if (!groupIds.has(g.name)) groupIds.set(g.name, g.gid); }
  return { uptime, btime, memTotal, pidLen, now: Math.floor(sys.time() / 1000), users, userIds, groupNames, groupIds, stimeMemo: new Map() };
}

/** read_unvectored: trailing NULs dropped, inner NULs and newlines become `sep`. */
function unvector(raw: string, sep: string): string {
  return raw.replace(/\0+$/, '').replace(/[\0\n]/g, sep);
}

/**
 * One copy of each distinct short value (comm, state, signal masks). A slice of a file's text keeps
 * the whole text alive, and a sorted listing holds every process until it has sorted them.
 */
export function interner(): Interner {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/** Cooked command lines by their raw text: processes of one program mostly share theirs. */
function cmdlineCook(): (raw: string) => string {
  const seen = new Map<string, string>();
  return (raw) => {
    let cooked = seen.get(raw);
    if (cooked === undefined) seen.set(raw, cooked = unvector(raw, ' '));
    return cooked;
  };
}

const NO_NS: Partial<Record<NsName, number>> = Object.freeze({});
const NO_GROUPS: number[] = [];

/**
 * A process record with every field at its "file had no such line" value, in one shape for all
 * processes. A class rather than an object literal: V8 learns per literal site whether its objects
 * outlive young collections, and a sorted listing keeps every record until it has sorted them, so a
 * literal site is soon pretenured, and allocating its 50-odd fields straight into the old generation
 * cost more than anything else ps did per process (~4 us each). Instances of a class start young.
 */
class ProcRecord implements PsProc {
  comm = ''; state = '?';
  ppid = 0; pgrp = 0; session = 0; ttyNr = 0; tpgid = 0; flags = 0; minflt = 0; majflt = 0;
  utime = 0; stime = 0; cutime = 0; cstime = 0; priority = 0; nice = 0; nlwp = 0; startTicks = 0;
  vsizeBytes = 0; rsslim = '0'; startcode = 0; endcode = 0; startstack = 0; processor = 0; rtprio = 0; policy = 0;
  ruid = 0; euid = 0; suid = 0; fuid = 0; rgid = 0; egid = 0; sgid = 0; fgid = 0;
  vmSize = 0; vmRss = 0; vmLck = 0; vmData = 0; vmStk = 0;
  sigPnd = ZERO_MASK; shdPnd = ZERO_MASK; sigBlk = ZERO_MASK; sigIgn = ZERO_MASK; sigCgt = ZERO_MASK;
  supgids = NO_GROUPS; cmdline = '';
  environ = '-'; exe = '-'; cgroup = '-';
  constructor(public pid: number, public ns: Partial<Record<NsName, number>>) {}
}

/** Per-run memos that let processes share equal values instead of each holding its own copy. */
interface Shared {
  intern: Interner;
  groups: ReturnType<typeof groupsMemo>;
  cook: (raw: string) => string;
}

/** The record of one process from its stat, status and cmdline texts. */
function buildProc(pid: number, stat: string, status: string, rawCmdline: string, needs: Needs, sh: Shared): PsProc {
  const p = new ProcRecord(pid, needs.ns.size ? {} : NO_NS);
  parseStat(stat, p, sh.intern);
  parseStatus(status, p, sh.intern, sh.groups);
  // escape_command(ESC_BRACKETS|ESC_DEFUNCT): what the library shows when the cmdline is empty.
  const args = rawCmdline === '' ? '' : sh.cook(rawCmdline);
  p.cmdline = args !== '' ? args : `[${p.comm}]${p.state === 'Z' ? ' <defunct>' : ''}`;
  return p;
}

/** The columns that need more than stat, status and cmdline: ns links, environ, exe, cgroup. */
async function readExtras(sys: SysApi, dir: string, p: PsProc, needs: Needs): Promise<void> {
  for (const name of needs.ns) {
    // procps_ns_read_pid: stat() each link; the inode is the namespace id, 0 (shown as `-`) on failure.
    try { p.ns[name] = sys.stat(`${dir}/ns/${name}`).ino; } catch { p.ns[name] = 0; }
  }
  if (needs.environ) {
    const env = await tryRead(sys, `${dir}/environ`);
    if (env) p.environ = unvector(env, ' ');
  }
  if (needs.exe) {
    try { p.exe = sys.readlink(`${dir}/exe`); } catch { /* kernel threads, other users: '-' */ }
  }
  if (needs.cgroup) {
    const cg = await tryRead(sys, `${dir}/cgroup`);
    if (cg) p.cgroup = cg.split('\n').filter(Boolean).join(',');
  }
}

const hasExtras = (needs: Needs) => needs.ns.size > 0 || needs.environ || needs.exe || needs.cgroup;

/**
 * procps_pids_reap: every numeric entry of /proc, in directory (= pid) order, each handed to `take`
 * as soon as it has been read (and awaited when `take` returns a promise: stdout was full).
 */
export async function reapProcs(sys: SysApi, needs: Needs, take: (p: PsProc) => Promise<void> | undefined | void): Promise<void> {
  let names: string[];
  try { names = sys.readdir('/proc'); } catch { return; }
  const sh: Shared = { intern: interner(), groups: groupsMemo(), cook: cmdlineCook() };
  const extras = hasExtras(needs);
  // simple_readproc's one buffer for stat and status.
  const ub = new FileBuffer();
  for (const name of names) {
    if (!isPid(name)) continue;
    const dir = `/proc/${name}`;
    // Most reads complete at once; only a preemption point (every few dozen calls) needs an await.
    let stat = readProcFile(sys, `${dir}/stat`, ub);
    if (typeof stat === 'object') stat = await stat;
    let status = readProcFile(sys, `${dir}/status`, ub);
    if (typeof status === 'object') status = await status;
    if (stat === undefined || status === undefined) continue;
    let cmdline = readProcFile(sys, `${dir}/cmdline`, UNVECTORED);
    if (typeof cmdline === 'object') cmdline = await cmdline;
    const p = buildProc(Number(name), stat, status, cmdline ?? '', needs, sh);
    if (extras) await readExtras(sys, dir, p, needs);
    const taken = take(p);
    if (taken) await taken;
  }
}

/** A /proc entry that is a process directory: all digits. */
function isPid(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** MAJOR/MINOR of a stat tty_nr (new_encode_dev). */
export function ttyMajor(nr: number): number { return (nr >> 8) & 0xfff; }
export function ttyMinor(nr: number): number { return (nr & 0xff) | ((nr >> 12) & 0xfff00); }
export function encodeDev(major: number, minor: number): number {
  return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
}

/**
 * dev_to_tty (procps devname.c) without /proc/tty/drivers: guess the /dev path from the device
 * number and keep it only if stat() in ps's own mount namespace finds a character device with that
 * very number. A container's pts, seen from a host that has no such pty, therefore prints `?`.
 */
export function ttyResolver(sys: SysApi): (nr: number) => string | undefined {
  const cache = new Map<number, string | undefined>();
  return (nr) => {
    if (nr === 0) return undefined;
    if (cache.has(nr)) return cache.get(nr);
    const maj = ttyMajor(nr), min = ttyMinor(nr);
    let path: string | undefined;
    if (maj >= 136 && maj <= 143) path = `/dev/pts/${min + (maj - 136) * 256}`;
    else if (maj === 4) path = min < 64 ? `/dev/tty${min}` : min < 128 ? `/dev/ttyS${min - 64}` : undefined;
    else if (maj === 5 && min === 1) path = '/dev/console';
    else if (maj === 5 && min === 0) path = '/dev/tty';
    let name: string | undefined;
    if (path) {
      try {
        const st = sys.stat(path);
        if (st.rdev && st.rdev[0] === maj && st.rdev[1] === min) name = path.slice(5);
      } catch { /* not in this mount namespace */ }
    }
    cache.set(nr, name);
    return name;
  };
}
