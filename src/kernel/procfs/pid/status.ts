import type { UserNamespace } from '../../ns/simple.ts';
import { viewId } from '../../ns/userns.ts';
import type { PidNamespace } from '../../ns/PidNamespace.ts';
import { ALL_CAPS } from '../../task/Credentials.ts';
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

export function capMask(caps: Set<string>): string {
  // A full root set is all 41 bits, whatever subset nsbox names explicitly.
  if (ALL_CAPS.every((c) => caps.has(c))) return '000001ffffffffff';
  let mask = 0n;
  CAP_BITS.forEach((name, bit) => { if (caps.has(name)) mask |= 1n << BigInt(bit); });
  return mask.toString(16).padStart(16, '0');
}

/** /proc/PID/status (fs/proc/array.c): NSpid/NSpgid/NSsid list the numbers from the reader's level down. */
export function procStatus(ns: PidNamespace, t: Task, viewer: UserNamespace): string {
  const uid = (kid: number) => viewId(viewer, kid, 'uid');
  const gid = (kid: number) => viewId(viewer, kid, 'gid');
  const c = t.cred;
  const nsList = (p: typeof t.pid) => { const n = p.nrsFrom(ns); return (n.length ? n : [0]).join('\t'); };
  const lines = [
    `Name:\t${t.comm}`,
    `Umask:\t${t.fs.umask.toString(8).padStart(4, '0')}`,
    `State:\t${STATE_NAMES[t.state]}`,
    `Tgid:\t${t.pid.nrIn(ns)}`,
    'Ngid:\t0',
    `Pid:\t${t.pid.nrIn(ns)}`,
    `PPid:\t${t.parent ? t.parent.pid.nrIn(ns) : 0}`,
    'TracerPid:\t0',
    `Uid:\t${uid(c.uid)}\t${uid(c.euid)}\t${uid(c.euid)}\t${uid(c.euid)}`,
    `Gid:\t${gid(c.gid)}\t${gid(c.egid)}\t${gid(c.egid)}\t${gid(c.egid)}`,
    'FDSize:\t64',
    `Groups:\t${c.groups.map(gid).join(' ')} `,
    `NStgid:\t${nsList(t.pid)}`,
    `NSpid:\t${nsList(t.pid)}`,
    `NSpgid:\t${t.kthread ? 0 : nsList(t.pgrp)}`,
    `NSsid:\t${t.kthread ? 0 : nsList(t.session)}`,
    `Kthread:\t${t.kthread ? 1 : 0}`,
  ];
  if (!t.kthread && t.state !== 'Z') {
    lines.push(
      `VmPeak:\t${String(t.vszKb).padStart(8)} kB`, `VmSize:\t${String(t.vszKb).padStart(8)} kB`,
      `VmLck:\t${String(t.memLocked ? t.rssKb : 0).padStart(8)} kB`, `VmHWM:\t${String(t.rssKb).padStart(8)} kB`,
      `VmRSS:\t${String(t.rssKb).padStart(8)} kB`,
    );
  }
  const eff = capMask(c.caps);
  lines.push(
    `Threads:\t${t.nlwp}`,
    'SigQ:\t0/31457',
    'SigPnd:\t0000000000000000', 'ShdPnd:\t0000000000000000', 'SigBlk:\t0000000000000000',
    `SigIgn:\t${sigMask(t, 'ignore')}`, `SigCgt:\t${sigMask(t, 'handler')}`,
    'CapInh:\t0000000000000000', `CapPrm:\t${eff}`, `CapEff:\t${eff}`, `CapBnd:\t${eff === '0000000000000000' ? '000001ffffffffff' : eff}`,
    'CapAmb:\t0000000000000000', 'NoNewPrivs:\t0', `Seccomp:\t${t.seccomp ? 2 : 0}`, `Seccomp_filters:\t${t.seccomp ? 1 : 0}`,
    'Speculation_Store_Bypass:\tthread vulnerable', 'SpeculationIndirectBranch:\tconditional enabled',
    'Cpus_allowed:\t3', 'Cpus_allowed_list:\t0-1', 'Mems_allowed:\t00000001', 'Mems_allowed_list:\t0',
    'voluntary_ctxt_switches:\t42', 'nonvoluntary_ctxt_switches:\t3',
  );
  return lines.join('\n') + '\n';
}

function sigMask(t: Task, kind: 'ignore' | 'handler'): string {
  let mask = 0n;
  for (const [sig, d] of t.handlers) {
    if ((kind === 'ignore' && d === 'ignore') || (kind === 'handler' && typeof d === 'function')) mask |= 1n << BigInt(sig - 1);
  }
  return mask.toString(16).padStart(16, '0');
}
