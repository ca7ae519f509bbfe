import { HZ, type NsName, type PsProc, type SysInfo } from './procs.ts';
import { elapsed, statFlags, ticsAll } from './printers.ts';

/**
 * procps output.c's format_array (the specifiers ps knows, their headers, widths and alignment) and
 * macro_array (the canned formats). Alignment: R right, L left, U unlimited (may use the rest of the
 * line when last), USER (left, or right when numeric), SIG (signal masks), WCHAN. `pidmax` columns
 * are as wide as /proc/sys/kernel/pid_max has digits.
 */
export type Just = 'R' | 'L' | 'U' | 'USER' | 'SIG' | 'WCHAN' | 'AIX';

export interface FormatSpec {
  spec: string;
  head: string;
  width: number;
  just: Just;
  pidmax: boolean;
  /** Key into PRINTERS. */
  pr: string;
  /** Key into SORT_KEYS. */
  sr: string;
}

// spec, head, printer, sort key, width, flags ('P' marks pidmax)
const T: Array<[string, string, string, string, number, string]> = [
  ['%cpu', '%CPU', 'pcpu', 'pcpu', 4, 'R'], ['%mem', '%MEM', 'pmem', 'rss', 4, 'R'],
  ['acflag', 'ACFLG', 'nop', 'nop', 5, 'R'], ['acflg', 'ACFLG', 'nop', 'nop', 5, 'R'],
  ['addr', 'ADDR', 'nop', 'nop', 4, 'R'], ['addr_1', 'ADDR', 'nop', 'nop', 1, 'L'],
  ['alarm', 'ALARM', 'nop', 'nop', 5, 'R'], ['argc', 'ARGC', 'nop', 'nop', 4, 'R'],
  ['args', 'COMMAND', 'args', 'cmdline', 27, 'U'], ['atime', 'TIME', 'time', 'time', 8, 'R'],
  ['blocked', 'BLOCKED', 'sigmask', 'sigmask', 9, 'SIG'], ['bnd', 'BND', 'nop', 'nop', 1, 'R'],
  ['bsdstart', 'START', 'bsdstart', 'start', 6, 'R'], ['bsdtime', 'TIME', 'bsdtime', 'tics', 6, 'R'],
  ['c', 'C', 'c', 'pcpu', 2, 'R'], ['caught', 'CAUGHT', 'sigcatch', 'sigcatch', 9, 'SIG'],
  ['cgroup', 'CGROUP', 'cgroup', 'cgroup', 27, 'U'], ['cgroupns', 'CGROUPNS', 'cgroupns', 'ns_cgroup', 10, 'R'],
  ['class', 'CLS', 'class', 'policy', 3, 'L'], ['cls', 'CLS', 'class', 'policy', 3, 'R'],
  ['cmaj_flt', '-', 'nop', 'nop', 1, 'R'], ['cmd', 'CMD', 'args', 'cmdline', 27, 'U'],
  ['cmin_flt', '-', 'nop', 'nop', 1, 'R'], ['cnswap', '-', 'nop', 'nop', 1, 'R'],
  ['comm', 'COMMAND', 'comm', 'comm', 15, 'U'], ['command', 'COMMAND', 'args', 'cmdline', 27, 'U'],
  ['context', 'CONTEXT', 'context', 'pid', 31, 'L'], ['cp', 'CP', 'cp', 'pcpu', 3, 'R'],
  ['cpu', 'CPU', 'nop', 'nop', 3, 'R'], ['cpuid', 'CPUID', 'psr', 'psr', 5, 'R'],
  ['cputime', 'TIME', 'time', 'time', 8, 'R'], ['cputimes', 'TIME', 'times', 'time', 8, 'R'],
  ['cstime', '-', 'nop', 'nop', 1, 'R'], ['ctid', 'CTID', 'nop', 'nop', 5, 'R'],
  ['cursig', 'CURSIG', 'nop', 'nop', 6, 'R'], ['cutime', '-', 'nop', 'nop', 1, 'R'],
  ['cwd', 'CWD', 'nop', 'nop', 3, 'L'], ['drs', 'DRS', 'drs', 'vsize', 5, 'R'],
  ['dsiz', 'DSIZ', 'drs', 'vsize', 4, 'R'], ['egid', 'EGID', 'egid', 'egid', 5, 'R'],
  ['egroup', 'EGROUP', 'egroup', 'egroup', 8, 'USER'], ['eip', 'EIP', 'eip', 'nop', 16, 'R'],
  ['emul', 'EMUL', 'nop', 'nop', 13, 'L'], ['end_code', 'E_CODE', 'nop', 'nop', 16, 'R'],
  ['environ', 'ENVIRONMENT', 'environ', 'nop', 31, 'U'], ['esp', 'ESP', 'esp', 'nop', 16, 'R'],
  ['etime', 'ELAPSED', 'etime', 'elapsed', 11, 'R'], ['etimes', 'ELAPSED', 'etimes', 'elapsed', 7, 'R'],
  ['euid', 'EUID', 'euid', 'euid', 5, 'R'], ['euser', 'EUSER', 'euser', 'euser', 8, 'USER'],
  ['exe', 'EXE', 'exe', 'exe', 27, 'U'], ['f', 'F', 'flag', 'flags', 1, 'R'],
  ['fgid', 'FGID', 'fgid', 'fgid', 5, 'R'], ['fgroup', 'FGROUP', 'fgroup', 'fgroup', 8, 'USER'],
  ['flag', 'F', 'flag', 'flags', 1, 'R'], ['flags', 'F', 'flag', 'flags', 1, 'R'],
  ['fname', 'COMMAND', 'fname', 'comm', 8, 'L'], ['fsgid', 'FSGID', 'fgid', 'fgid', 5, 'R'],
  ['fsgroup', 'FSGROUP', 'fgroup', 'fgroup', 8, 'USER'], ['fsuid', 'FSUID', 'fuid', 'fuid', 5, 'R'],
  ['fsuser', 'FSUSER', 'fuser', 'fuser', 8, 'USER'], ['fuid', 'FUID', 'fuid', 'fuid', 5, 'R'],
  ['fuser', 'FUSER', 'fuser', 'fuser', 8, 'USER'], ['gid', 'GID', 'egid', 'egid', 5, 'R'],
  ['group', 'GROUP', 'egroup', 'egroup', 8, 'USER'], ['ignored', 'IGNORED', 'sigignore', 'sigignore', 9, 'SIG'],
  ['inblk', 'INBLK', 'nop', 'nop', 5, 'R'], ['inblock', 'INBLK', 'nop', 'nop', 5, 'R'],
  ['intpri', 'PRI', 'opri', 'priority', 3, 'R'], ['ipcns', 'IPCNS', 'ipcns', 'ns_ipc', 10, 'R'],
  ['jid', 'JID', 'nop', 'nop', 1, 'R'], ['jobc', 'JOBC', 'nop', 'nop', 4, 'R'],
  ['label', 'LABEL', 'context', 'pid', 31, 'L'], ['lastcpu', 'C', 'psr', 'psr', 3, 'R'],
  ['lim', 'LIM', 'lim', 'nop', 5, 'R'], ['longtname', 'TTY', 'tty8', 'tty', 8, 'L'],
  ['lstart', 'STARTED', 'lstart', 'start', 24, 'R'], ['lwp', 'LWP', 'pid', 'pid', 5, 'RP'],
  ['m_drs', 'DRS', 'drs', 'vsize', 5, 'R'], ['m_dt', 'DT', 'nop', 'nop', 4, 'R'],
  ['m_lrs', 'LRS', 'nop', 'nop', 5, 'R'], ['m_resident', 'RES', 'nop', 'nop', 5, 'R'],
  ['m_share', 'SHRD', 'nop', 'nop', 5, 'R'], ['m_size', 'SIZE', 'msize', 'vsize', 5, 'R'],
  ['m_swap', 'SWAP', 'nop', 'nop', 5, 'R'], ['m_trs', 'TRS', 'trs', 'vsize', 5, 'R'],
  ['maj_flt', 'MAJFL', 'majflt', 'majflt', 6, 'R'], ['majflt', 'MAJFLT', 'majflt', 'majflt', 6, 'R'],
  ['min_flt', 'MINFL', 'minflt', 'minflt', 6, 'R'], ['minflt', 'MINFLT', 'minflt', 'minflt', 6, 'R'],
  ['mntns', 'MNTNS', 'mntns', 'ns_mnt', 10, 'R'], ['msgrcv', 'MSGRCV', 'nop', 'nop', 6, 'R'],
  ['msgsnd', 'MSGSND', 'nop', 'nop', 6, 'R'], ['netns', 'NETNS', 'netns', 'ns_net', 10, 'R'],
  ['ni', 'NI', 'nice', 'nice', 3, 'R'], ['nice', 'NI', 'nice', 'nice', 3, 'R'],
  ['nivcsw', 'IVCSW', 'nop', 'nop', 5, 'R'], ['nlwp', 'NLWP', 'nlwp', 'nlwp', 4, 'R'],
  ['nsignals', 'NSIGS', 'nop', 'nop', 5, 'R'], ['nsigs', 'NSIGS', 'nop', 'nop', 5, 'R'],
  ['nswap', 'NSWAP', 'nop', 'nop', 5, 'R'], ['nvcsw', 'VCSW', 'nop', 'nop', 5, 'R'],
  ['nwchan', 'WCHAN', 'nop', 'nop', 6, 'R'], ['opri', 'PRI', 'opri', 'priority', 3, 'R'],
  ['osz', 'SZ', 'nop', 'nop', 2, 'R'], ['oublk', 'OUBLK', 'nop', 'nop', 5, 'R'],
  ['oublock', 'OUBLK', 'nop', 'nop', 5, 'R'], ['pagein', 'PAGEIN', 'majflt', 'majflt', 6, 'R'],
  ['pcpu', '%CPU', 'pcpu', 'pcpu', 4, 'R'], ['pending', 'PENDING', 'sig', 'sig', 9, 'SIG'],
  ['pgid', 'PGID', 'pgid', 'pgrp', 5, 'RP'], ['pgrp', 'PGRP', 'pgid', 'pgrp', 5, 'RP'],
  ['pid', 'PID', 'pid', 'pid', 5, 'RP'], ['pidns', 'PIDNS', 'pidns', 'ns_pid', 10, 'R'],
  ['pmem', '%MEM', 'pmem', 'rss', 4, 'R'], ['policy', 'POL', 'class', 'policy', 3, 'L'],
  ['ppid', 'PPID', 'ppid', 'ppid', 5, 'RP'], ['pri', 'PRI', 'pri', 'priority', 3, 'R'],
  ['pri_api', 'API', 'pri_api', 'priority', 3, 'R'], ['pri_bar', 'BAR', 'pri_bar', 'priority', 3, 'R'],
  ['pri_baz', 'BAZ', 'pri_baz', 'priority', 3, 'R'], ['pri_foo', 'FOO', 'pri_foo', 'priority', 3, 'R'],
  ['priority', 'PRI', 'priority', 'priority', 3, 'R'], ['pset', 'PSET', 'nop', 'nop', 4, 'R'],
  ['psr', 'PSR', 'psr', 'psr', 3, 'R'], ['psxpri', 'PPR', 'nop', 'nop', 3, 'R'],
  ['re', 'RE', 'nop', 'nop', 3, 'R'], ['resident', 'RES', 'nop', 'nop', 5, 'R'],
  ['rgid', 'RGID', 'rgid', 'rgid', 5, 'R'], ['rgroup', 'RGROUP', 'rgroup', 'rgroup', 8, 'USER'],
  ['rss', 'RSS', 'rss', 'rss', 5, 'R'], ['rssize', 'RSS', 'rss', 'rss', 5, 'R'],
  ['rsz', 'RSZ', 'rss', 'rss', 5, 'R'], ['rtprio', 'RTPRIO', 'rtprio', 'rtprio', 6, 'R'],
  ['ruid', 'RUID', 'ruid', 'ruid', 5, 'R'], ['ruser', 'RUSER', 'ruser', 'ruser', 8, 'USER'],
  ['s', 'S', 's', 'state', 1, 'L'], ['sched', 'SCH', 'sched', 'policy', 3, 'R'],
  ['scnt', 'SCNT', 'nop', 'nop', 4, 'R'], ['scount', 'SC', 'nop', 'nop', 4, 'R'],
  ['sess', 'SESS', 'sess', 'session', 5, 'RP'], ['session', 'SESS', 'sess', 'session', 5, 'RP'],
  ['sgi_p', 'P', 'sgi_p', 'state', 1, 'R'], ['sgid', 'SGID', 'sgid', 'sgid', 5, 'R'],
  ['sgroup', 'SGROUP', 'sgroup', 'sgroup', 8, 'USER'], ['share', '-', 'nop', 'nop', 1, 'R'],
  ['sid', 'SID', 'sess', 'session', 5, 'RP'], ['sig', 'PENDING', 'sig', 'sig', 9, 'SIG'],
  ['sig_block', 'BLOCKED', 'sigmask', 'sigmask', 9, 'SIG'], ['sig_catch', 'CATCHED', 'sigcatch', 'sigcatch', 9, 'SIG'],
  ['sig_ignore', 'IGNORED', 'sigignore', 'sigignore', 9, 'SIG'], ['sig_pend', 'SIGNAL', 'sig', 'sig', 9, 'SIG'],
  ['sigcatch', 'CAUGHT', 'sigcatch', 'sigcatch', 9, 'SIG'], ['sigignore', 'IGNORED', 'sigignore', 'sigignore', 9, 'SIG'],
  ['sigmask', 'BLOCKED', 'sigmask', 'sigmask', 9, 'SIG'], ['size', 'SIZE', 'size', 'vsize', 5, 'R'],
  ['sl', 'SL', 'nop', 'nop', 3, 'R'], ['spid', 'SPID', 'pid', 'pid', 5, 'RP'],
  ['stackp', 'STACKP', 'stackp', 'nop', 16, 'R'], ['start', 'STARTED', 'start', 'start', 8, 'R'],
  ['start_code', 'S_CODE', 'nop', 'nop', 16, 'R'], ['start_stack', 'STACKP', 'stackp', 'nop', 16, 'R'],
  ['start_time', 'START', 'stime', 'start', 5, 'R'], ['stat', 'STAT', 'stat', 'stat', 4, 'L'],
  ['state', 'S', 's', 'state', 1, 'L'], ['status', 'STATUS', 'nop', 'nop', 6, 'R'],
  ['stime', 'STIME', 'stime', 'start', 5, 'R'], ['suid', 'SUID', 'suid', 'suid', 5, 'R'],
  ['supgid', 'SUPGID', 'supgid', 'nop', 20, 'U'], ['supgrp', 'SUPGRP', 'supgrp', 'nop', 40, 'U'],
  ['suser', 'SUSER', 'suser', 'suser', 8, 'USER'], ['svgid', 'SVGID', 'sgid', 'sgid', 5, 'R'],
  ['svgroup', 'SVGROUP', 'sgroup', 'sgroup', 8, 'USER'], ['svuid', 'SVUID', 'suid', 'suid', 5, 'R'],
  ['svuser', 'SVUSER', 'suser', 'suser', 8, 'USER'], ['systime', 'SYSTEM', 'nop', 'nop', 6, 'R'],
  ['sz', 'SZ', 'sz', 'vsz', 5, 'R'], ['taskid', 'TASKID', 'nop', 'nop', 5, 'RP'],
  ['tgid', 'TGID', 'pid', 'pid', 5, 'RP'], ['thcount', 'THCNT', 'nlwp', 'nlwp', 5, 'R'],
  ['tid', 'TID', 'pid', 'pid', 5, 'RP'], ['time', 'TIME', 'time', 'time', 8, 'R'],
  ['timens', 'TIMENS', 'timens', 'ns_time', 10, 'R'], ['timeout', 'TMOUT', 'nop', 'nop', 5, 'R'],
  ['times', 'TIME', 'times', 'time', 8, 'R'], ['tmout', 'TMOUT', 'nop', 'nop', 5, 'R'],
  ['tname', 'TTY', 'tty8', 'tty', 8, 'L'], ['tpgid', 'TPGID', 'tpgid', 'tpgid', 5, 'RP'],
  ['trs', 'TRS', 'trs', 'vsize', 4, 'R'], ['trss', 'TRSS', 'trs', 'vsize', 4, 'R'],
  ['tsig', 'PENDING', 'tsig', 'sig', 9, 'SIG'], ['tsiz', 'TSIZ', 'trs', 'vsize', 4, 'R'],
  ['tt', 'TT', 'tty8', 'tty', 8, 'L'], ['tty', 'TT', 'tty8', 'tty', 8, 'L'],
  ['tty4', 'TTY', 'tty4', 'tty', 4, 'L'], ['tty8', 'TTY', 'tty8', 'tty', 8, 'L'],
  ['ucmd', 'CMD', 'comm', 'comm', 15, 'U'], ['ucomm', 'COMMAND', 'comm', 'comm', 15, 'U'],
  ['uid', 'UID', 'euid', 'euid', 5, 'R'], ['uid_hack', 'UID', 'euser', 'euser', 8, 'USER'],
  ['umask', 'UMASK', 'nop', 'nop', 5, 'R'], ['uname', 'USER', 'euser', 'euser', 8, 'USER'],
  ['upr', 'UPR', 'nop', 'nop', 3, 'R'], ['user', 'USER', 'euser', 'euser', 8, 'USER'],
  ['userns', 'USERNS', 'userns', 'ns_user', 10, 'R'], ['usertime', 'USER', 'nop', 'nop', 4, 'R'],
  ['usrpri', 'UPR', 'nop', 'nop', 3, 'R'], ['util', 'C', 'c', 'pcpu', 2, 'R'],
  ['utime', 'UTIME', 'nop', 'nop', 6, 'R'], ['utsns', 'UTSNS', 'utsns', 'ns_uts', 10, 'R'],
  ['vm_data', 'DATA', 'nop', 'nop', 5, 'R'], ['vm_exe', 'EXE', 'nop', 'nop', 5, 'R'],
  ['vm_lib', 'LIB', 'nop', 'nop', 5, 'R'], ['vm_lock', 'LCK', 'nop', 'nop', 3, 'R'],
  ['vm_stack', 'STACK', 'nop', 'nop', 5, 'R'], ['vsize', 'VSZ', 'msize', 'vsize', 6, 'R'],
  ['vsz', 'VSZ', 'vsz', 'vsz', 6, 'R'], ['wchan', 'WCHAN', 'wchan', 'nop', 6, 'WCHAN'],
  ['wname', 'WCHAN', 'wchan', 'nop', 6, 'WCHAN'], ['xstat', 'XSTAT', 'nop', 'nop', 5, 'R'],
];

export const FORMATS = new Map<string, FormatSpec>(T.map(([spec, head, pr, sr, width, fl]) => [spec, {
  spec, head, pr, sr, width, pidmax: fl.endsWith('P'), just: fl.replace(/P$/, '') as Just,
}]));

/** macro_array: names that expand to several specifiers. */
export const MACROS = new Map<string, string>([
  ['DFMT', 'pid,tname,state,cputime,cmd'], ['DefBSD', 'pid,tname,stat,bsdtime,args'],
  ['DefSysV', 'pid,tname,time,cmd'], ['END_BSD', 'state,tname,cputime,comm'],
  ['END_SYS5', 'state,tname,time,command'], ['F5FMT', 'uname,pid,ppid,c,start,tname,time,cmd'],
  ['FLASK_context', 'pid,context,command'],
  ['J390', 'pid,sid,pgrp,tname,atime,args'],
  ['JFMT', 'user,pid,ppid,pgid,sess,jobc,state,tname,cputime,command'],
  ['L5FMT', 'f,state,uid,pid,ppid,c,pri,nice,addr,sz,wchan,tt,time,ucmd'],
  ['LFMT', 'uid,pid,ppid,cp,pri,nice,vsz,rss,wchan,state,tname,cputime,command'],
  ['OL_X', 'pid,start_stack,esp,eip,timeout,alarm,stat,tname,bsdtime,args'],
  ['OL_j', 'ppid,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args'],
  ['OL_l', 'flags,uid,pid,ppid,priority,nice,vsz,rss,wchan,stat,tname,bsdtime,args'],
  ['OL_m', 'pid,tname,majflt,minflt,m_trs,m_drs,m_size,m_swap,rss,m_share,vm_lib,m_dt,args'],
  ['OL_s', 'uid,pid,pending,sig_block,sig_ignore,caught,stat,tname,bsdtime,args'],
  ['OL_u', 'user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args'],
  ['OL_v', 'pid,tname,stat,bsdtime,maj_flt,m_trs,m_drs,rss,pmem,args'],
  ['RUSAGE', 'minflt,majflt,nswap,inblock,oublock,msgsnd,msgrcv,nsigs,nvcsw,nivcsw'],
  ['SCHED', 'user,pcpu,pri,usrpri,nice,psxpri,psr,policy,pset'],
  ['SFMT', 'uid,pid,cursig,sig,sigmask,sigignore,sigcatch,stat,tname,command'],
  ['Std_f', 'uid_hack,pid,ppid,c,stime,tname,time,cmd'],
  ['Std_fl', 'f,s,uid_hack,pid,ppid,c,opri,ni,addr,sz,wchan,stime,tname,time,cmd'],
  ['Std_l', 'f,s,uid,pid,ppid,c,opri,ni,addr,sz,wchan,tname,time,ucmd'],
  ['UFMT', 'uname,pid,pcpu,pmem,vsz,rss,tt,state,start,time,command'],
  ['VFMT', 'pid,tt,state,time,sl,pagein,vsz,rss,pcpu,pmem,command'],
]);

/** Columns that need more than stat/status/cmdline. */
export const NS_OF: Record<string, NsName> = {
  cgroupns: 'cgroup', ipcns: 'ipc', mntns: 'mnt', netns: 'net', pidns: 'pid', timens: 'time', userns: 'user', utsns: 'uts',
};

type Key = number | string;
/** procps_pids_sort keys: the library item behind each specifier's `sr`. */
export const SORT_KEYS: Record<string, (p: PsProc, info: SysInfo) => Key> = {
  nop: () => 0,
  pid: (p) => p.pid, ppid: (p) => p.ppid, pgrp: (p) => p.pgrp, session: (p) => p.session, tpgid: (p) => p.tpgid,
  tty: (p) => p.ttyNr, state: (p) => p.state, stat: (p) => statFlags(p),
  // value_this_proc_pcpu: per-mille over whole seconds of life.
  pcpu: (p, info) => { const s = Math.floor(elapsed(p, { info })); return s ? Math.floor(Math.floor((ticsAll(p) * 1000) / HZ) / s) : 0; },
  rss: (p) => p.vmRss, vsz: (p) => p.vmSize, vsize: (p) => p.vsizeBytes,
  time: (p) => ticsAll(p), tics: (p) => ticsAll(p), start: (p) => p.startTicks, elapsed: (p, info) => elapsed(p, { info }),
  cmdline: (p) => p.cmdline, comm: (p) => p.comm, exe: (p) => p.exe, cgroup: (p) => p.cgroup,
  nice: (p) => p.nice, nlwp: (p) => p.nlwp, priority: (p) => p.priority, rtprio: (p) => p.rtprio,
  policy: (p) => p.policy, psr: (p) => p.processor, flags: (p) => p.flags,
  majflt: (p) => p.majflt, minflt: (p) => p.minflt,
  euid: (p) => p.euid, ruid: (p) => p.ruid, suid: (p) => p.suid, fuid: (p) => p.fuid,
  egid: (p) => p.egid, rgid: (p) => p.rgid, sgid: (p) => p.sgid, fgid: (p) => p.fgid,
  euser: (p, i) => i.users.get(p.euid) ?? String(p.euid), ruser: (p, i) => i.users.get(p.ruid) ?? String(p.ruid),
  suser: (p, i) => i.users.get(p.suid) ?? String(p.suid), fuser: (p, i) => i.users.get(p.fuid) ?? String(p.fuid),
  egroup: (p, i) => i.groupNames.get(p.egid) ?? String(p.egid), rgroup: (p, i) => i.groupNames.get(p.rgid) ?? String(p.rgid),
  sgroup: (p, i) => i.groupNames.get(p.sgid) ?? String(p.sgid), fgroup: (p, i) => i.groupNames.get(p.fgid) ?? String(p.fgid),
  sig: (p) => p.shdPnd, sigmask: (p) => p.sigBlk, sigignore: (p) => p.sigIgn, sigcatch: (p) => p.sigCgt,
  ns_cgroup: (p) => p.ns.cgroup ?? 0, ns_ipc: (p) => p.ns.ipc ?? 0, ns_mnt: (p) => p.ns.mnt ?? 0, ns_net: (p) => p.ns.net ?? 0,
  ns_pid: (p) => p.ns.pid ?? 0, ns_time: (p) => p.ns.time ?? 0, ns_user: (p) => p.ns.user ?? 0, ns_uts: (p) => p.ns.uts ?? 0,
};

/** Short sort codes of `O`/`k` (shortsort_array). */
export const SHORT_SORT: Record<string, string> = {
  C: 'pcpu', G: 'tpgid', J: 'cstime', M: 'maj_flt', N: 'cmaj_flt', P: 'ppid', R: 'resident', S: 'share',
  T: 'start_time', U: 'uid', c: 'cmd', f: 'flags', g: 'pgrp', j: 'cutime', k: 'utime', m: 'min_flt',
  n: 'cmin_flt', o: 'session', p: 'pid', r: 'rss', s: 'size', t: 'tty', u: 'user', v: 'vsize', y: 'priority',
};

/** AIX field descriptors (`ps -o '%p %c'`). */
export const AIX: Record<string, [string, string]> = {
  C: ['pcpu', '%CPU'], G: ['group', 'GROUP'], P: ['ppid', 'PPID'], U: ['user', 'USER'], a: ['args', 'COMMAND'],
  c: ['comm', 'COMMAND'], g: ['rgroup', 'RGROUP'], n: ['nice', 'NI'], p: ['pid', 'PID'], r: ['pgid', 'PGID'],
  t: ['etime', 'ELAPSED'], u: ['ruser', 'RUSER'], x: ['time', 'TIME'], y: ['tty', 'TTY'], z: ['vsz', 'VSZ'],
};
