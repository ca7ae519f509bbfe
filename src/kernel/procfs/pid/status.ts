import type { UserNamespace } from '../../ns/simple.ts';
import { viewId } from '../../ns/userns.ts';
import type { PidNamespace } from '../../ns/PidNamespace.ts';
import { ALL_CAPS, type Credentials } from '../../task/Credentials.ts';
import type { Task } from '../../task/Task.ts';

const STATE_NAMES: Record<string, string> = {
  R: 'R (running)', S: 'S (sleeping)', D: 'D (disk sleep)', T: 'T (stopped)', Z: 'Z (zombie)', X: 'X (dead)', I: 'I (idle)',
};

/** Capability names in bit order (include/uapi/linux/capability.h), for the Cap* hex masks. */
const CAP_BITS = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

const ZERO_MASK = '0000000000000000';
const FULL_CAPS = '000001ffffffffff';

/** Bit of each capability name; masks are built in two 32-bit halves (41 bits do not fit one int). */
const CAP_BIT = new Map(CAP_BITS.map((name, bit) => [name, bit]));
const halves = (names: Iterable<string>) => {
  let lo = 0, hi = 0;
  for (const name of names) {
    const bit = CAP_BIT.get(name);
    if (bit === undefined) continue;
    if (bit < 32) lo |= 1 << bit; else hi |= 1 << (bit - 32);
  }
  return [lo >>> 0, hi >>> 0] as const;
};
const [ALL_LO, ALL_HI] = halves(ALL_CAPS);
const hex16 = (lo: number, hi: number) => hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');

/** Masks of capability sets already shown: sets are never changed in place (Credentials.caps). */
const capMasks = new WeakMap<ReadonlySet<string>, string>();

export function capMask(caps: ReadonlySet<string>): string {
  if (caps.size === 0) return ZERO_MASK;
  let mask = capMasks.get(caps);
  if (mask === undefined) {
    const [lo, hi] = halves(caps);
    // A full root set is all 41 bits, whatever subset nsbox names explicitly.
    mask = (lo & ALL_LO) >>> 0 === ALL_LO && (hi & ALL_HI) >>> 0 === ALL_HI ? FULL_CAPS : hex16(lo, hi);
    capMasks.set(caps, mask);
  }
  return mask;
}

/** The lines after the masks and the seccomp mode: the same for every task here. */
const STATUS_TAIL = 'Speculation_Store_Bypass:\tthread vulnerable\nSpeculationIndirectBranch:\tconditional enabled\n' +
  'Cpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed:\t00000001\nMems_allowed_list:\t0\n' +
  'voluntary_ctxt_switches:\t42\nnonvoluntary_ctxt_switches:\t3\n';

/**
 * From the seccomp mode to the end, without and with a seccomp filter, and the signal masks of a
 * task with no handlers: whole strings rather than substitutions (each is two more strings to
 * allocate, and ps reads this file for every process).
 */
const NO_SECCOMP_TAIL = `Seccomp:\t0\nSeccomp_filters:\t0\n${STATUS_TAIL}`;
const SECCOMP_TAIL = `Seccomp:\t2\nSeccomp_filters:\t1\n${STATUS_TAIL}`;
const NO_HANDLER_MASKS = `SigIgn:\t${ZERO_MASK}\nSigCgt:\t${ZERO_MASK}\n`;

/** `%04o` of each umask value met so far (there are 512; most tasks share 022). */
const UMASKS: string[] = [];
const umaskText = (m: number) => UMASKS[m & 0o777] ??= (m & 0o777).toString(8).padStart(4, '0');

/** A kB value right-aligned in 8 columns (`%8lu kB`). */
const PAD = ['', ' ', '  ', '   ', '    ', '     ', '      ', '       '];
function kB(n: number): string {
  const digits = String(n);
  return digits.length < 8 ? `${PAD[8 - digits.length]}${digits} kB` : `${digits} kB`;
}

/**
 * Kthread: and the Vm* lines of the last task shown, by the three values they print: tasks of one program mostly
 * have the same sizes, and the block is then one string rather than five formatted numbers.
 */
let lastVm = { vsz: -1, rss: -1, locked: false, text: '' };
function vmLines(vsz: number, rss: number, locked: boolean): string {
  const last = lastVm;
  if (last.vsz === vsz && last.rss === rss && last.locked === locked) return last.text;
  // The Kthread: line before them belongs to the block: only a user task that is not a zombie has one.
  const text = `Kthread:\t0\nVmPeak:\t${kB(vsz)}\nVmSize:\t${kB(vsz)}\nVmLck:\t${kB(locked ? rss : 0)}\n` +
    `VmHWM:\t${kB(rss)}\nVmRSS:\t${kB(rss)}\n`;
  lastVm = { vsz, rss, locked, text };
  return text;
}

/** The lines that depend only on a task's credentials and the reader's user namespace. */
interface CredLines { readonly viewer: UserNamespace; readonly ids: string; readonly caps: string }

/**
 * Credential lines by credentials. Credentials are never changed in place (a change installs new
 * ones), and a user namespace's uid_map and gid_map are each written once; so once every map between
 * the reader's namespace and the initial one is written, Uid:..Groups: and the Cap* masks are a
 * function of the credentials and the reader alone, and are kept with the credentials (as capMask
 * keeps a set's mask). Tasks forked from one another share their credentials, and so these lines.
 */
const credLineMemo = new WeakMap<Credentials, CredLines>();

/** Whether the reader's view of ids can no longer change: every id map on its way up is written. */
function mapsSettled(viewer: UserNamespace): boolean {
  for (let ns = viewer; ns.parent; ns = ns.parent) if (!ns.maps.uid || !ns.maps.gid) return false;
  return true;
}

function credLines(c: Credentials, viewer: UserNamespace): CredLines {
  const known = credLineMemo.get(c);
  if (known !== undefined && known.viewer === viewer) return known;
  const uid = viewId(viewer, c.uid, 'uid'), euid = c.euid === c.uid ? uid : viewId(viewer, c.euid, 'uid');
  const gid = viewId(viewer, c.gid, 'gid'), egid = c.egid === c.gid ? gid : viewId(viewer, c.egid, 'gid');
  const eff = capMask(c.caps);
  const lines: CredLines = {
    viewer,
    ids: `Uid:\t${uid}\t${euid}\t${euid}\t${euid}\nGid:\t${gid}\t${egid}\t${egid}\t${egid}\n` +
      `FDSize:\t64\nGroups:\t${groupList(c.groups, viewer)} \n`,
    caps: `CapPrm:\t${eff}\nCapEff:\t${eff}\nCapBnd:\t${eff === ZERO_MASK ? FULL_CAPS : eff}\nCapAmb:\t0000000000000000\n`,
  };
  if (mapsSettled(viewer)) credLineMemo.set(c, lines);
  return lines;
}

/** The numbers of `p` from the reader's level down, tab-separated (0 when invisible there). */
function nsList(p: Task['pid'], ns: PidNamespace): string {
  if (p.nrIn(ns) === 0) return '0';
  const nrs = p.numbers;
  let out = String(nrs[ns.level].nr);
  for (let i = ns.level + 1; i < nrs.length; i++) out += '\t' + nrs[i].nr;
  return out;
}

/**
 * /proc/PID/status (fs/proc/array.c): NSpid/NSpgid/NSsid list the numbers from the reader's level
 * down; ids are as the reader's user namespace sees them (65534 when unmapped there). One template,
 * no line array and no closure per call: ps reads this file for every process.
 */
export function procStatus(ns: PidNamespace, t: Task, viewer: UserNamespace): string {
  const nr = t.pid.nrIn(ns);
  const nsPid = nsList(t.pid, ns);
  const kthreadVm = t.kthread ? 'Kthread:\t1\n' : t.state === 'Z' ? 'Kthread:\t0\n' : vmLines(t.vszKb, t.rssKb, t.memLocked);
  const cred = credLines(t.cred, viewer);
  const masks = t.handlers.size === 0 ? NO_HANDLER_MASKS : `SigIgn:\t${sigMask(t, 'ignore')}\nSigCgt:\t${sigMask(t, 'handler')}\n`;
  return `Name:\t${t.comm}\nUmask:\t${umaskText(t.fs.umask)}\nState:\t${STATE_NAMES[t.state]}\n` +
    `Tgid:\t${nr}\nNgid:\t0\nPid:\t${nr}\nPPid:\t${t.parent ? t.parent.pid.nrIn(ns) : 0}\nTracerPid:\t0\n${cred.ids}` +
    `NStgid:\t${nsPid}\nNSpid:\t${nsPid}\n` +
    `NSpgid:\t${t.kthread ? 0 : nsList(t.pgrp, ns)}\nNSsid:\t${t.kthread ? 0 : nsList(t.session, ns)}\n` +
    `${kthreadVm}Threads:\t${t.nlwp}\nSigQ:\t0/31457\n` +
    `SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000000\n${masks}` +
    `CapInh:\t0000000000000000\n${cred.caps}NoNewPrivs:\t0\n${t.seccomp ? SECCOMP_TAIL : NO_SECCOMP_TAIL}`;
}

/** Supplementary groups as the reader sees them, space-separated. */
function groupList(groups: readonly number[], viewer: UserNamespace): string {
  if (groups.length === 1) return String(viewId(viewer, groups[0], 'gid'));
  let out = '';
  for (let i = 0; i < groups.length; i++) out += (i ? ' ' : '') + viewId(viewer, groups[i], 'gid');
  return out;
}

function sigMask(t: Task, kind: 'ignore' | 'handler'): string {
  let lo = 0, hi = 0;
  for (const [sig, d] of t.handlers) {
    if ((kind === 'ignore' && d === 'ignore') || (kind === 'handler' && typeof d === 'function')) {
      if (sig <= 32) lo |= 1 << (sig - 1); else hi |= 1 << (sig - 33);
    }
  }
  return hex16(lo >>> 0, hi >>> 0);
}
