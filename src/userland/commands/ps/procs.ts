import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { passwd, groups } from '../../lib/users.ts';
import { parseStat, statusInt, statusNumbers, statusValue } from './procfiles.ts';

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

export interface PsProc {
  pid: number;
  comm: string;
  state: string;
  ppid: number; pgrp: number; session: number; ttyNr: number; tpgid: number;
  flags: number; minflt: number; majflt: number;
  utime: number; stime: number; cutime: number; cstime: number;
  priority: number; nice: number; nlwp: number; startTicks: number;
  vsizeBytes: number; rsslim: string; startcode: number; endcode: number; startstack: number;
  processor: number; rtprio: number; policy: number;
  ruid: number; euid: number; suid: number; fuid: number;
  rgid: number; egid: number; sgid: number; fgid: number;
  vmSize: number; vmRss: number; vmLck: number; vmData: number; vmStk: number;
  sigPnd: string; shdPnd: string; sigBlk: string; sigIgn: string; sigCgt: string;
  supgids: number[];
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
 * the whole text alive, and ps holds every process until it has sorted them.
 */
export type Interner = (s: string) => string;
export function interner(): Interner {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

const mask = (status: string, key: string, intern: Interner) => intern(statusValue(status, key) ?? '0000000000000000');

/** Scratch for the fields readProc copies out at once (procfiles.ts: why not one array per process). */
const statNums: number[] = [];
const idNums: number[] = [];

/** One /proc/PID directory; undefined when the process vanished meanwhile. */
export async function readProc(sys: SysApi, pid: number, needs: Needs, intern: Interner = interner()): Promise<PsProc | undefined> {
  const dir = `/proc/${pid}`;
  const stat = await tryRead(sys, `${dir}/stat`);
  const statusText = await tryRead(sys, `${dir}/status`);
  if (stat === undefined || statusText === undefined) return undefined;
  const raw = (await tryRead(sys, `${dir}/cmdline`)) ?? '';
  // From here to the record, no await: the scratch arrays are this call's alone.
  const parsed = parseStat(stat, statNums);
  const f = parsed.nums;
  const comm = intern(parsed.comm);
  const state = intern(parsed.state);
  const uids = statusNumbers(statusText, 'Uid', 4, idNums);
  const ruid = uids[0], euid = uids[1], suid = uids[2], fuid = uids[3];
  const gids = statusNumbers(statusText, 'Gid', 4, idNums);
  const rgid = gids[0], egid = gids[1], sgid = gids[2], fgid = gids[3];
  const args = unvector(raw, ' ');
  // escape_command(ESC_BRACKETS|ESC_DEFUNCT): what the library shows when the cmdline is empty.
  const cmdline = args !== '' ? args : `[${comm}]${state === 'Z' ? ' <defunct>' : ''}`;
  const n = (i: number) => f[i] ?? 0;
  const p: PsProc = {
    pid, comm, state,
    ppid: n(1), pgrp: n(2), session: n(3), ttyNr: n(4), tpgid: n(5), flags: n(6),
    minflt: n(7), majflt: n(9), utime: n(11), stime: n(12), cutime: n(13), cstime: n(14),
    priority: n(15), nice: n(16), nlwp: n(17), startTicks: n(19), vsizeBytes: n(20),
    rsslim: intern(parsed.rsslim), startcode: n(23), endcode: n(24), startstack: n(25),
    processor: n(36), rtprio: n(37), policy: n(38),
    ruid, euid, suid, fuid, rgid, egid, sgid, fgid,
    vmSize: statusInt(statusText, 'VmSize'), vmRss: statusInt(statusText, 'VmRSS'), vmLck: statusInt(statusText, 'VmLck'),
    vmData: statusInt(statusText, 'VmData'), vmStk: statusInt(statusText, 'VmStk'),
    sigPnd: mask(statusText, 'SigPnd', intern), shdPnd: mask(statusText, 'ShdPnd', intern), sigBlk: mask(statusText, 'SigBlk', intern),
    sigIgn: mask(statusText, 'SigIgn', intern), sigCgt: mask(statusText, 'SigCgt', intern),
    supgids: statusNumbers(statusText, 'Groups'),
    cmdline, ns: {}, environ: '-', exe: '-', cgroup: '-',
  };
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
  return p;
}

/** procps_pids_reap: every numeric entry of /proc, in directory (= pid) order. */
export async function reapProcs(sys: SysApi, needs: Needs): Promise<PsProc[]> {
  let names: string[];
  try { names = sys.readdir('/proc'); } catch { return []; }
  const out: PsProc[] = [];
  const intern = interner();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const p = await readProc(sys, Number(name), needs, intern);
    if (p) out.push(p);
  }
  return out;
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
