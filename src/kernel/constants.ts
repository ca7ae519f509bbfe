/** clone(2)/unshare(2) flags, with Linux's values so `unshare` and traces read like the real thing. */
export const CLONE_NEWTIME = 0x00000080;
export const CLONE_NEWNS = 0x00020000;
export const CLONE_NEWCGROUP = 0x02000000;
export const CLONE_NEWUTS = 0x04000000;
export const CLONE_NEWIPC = 0x08000000;
export const CLONE_NEWUSER = 0x10000000;
export const CLONE_NEWPID = 0x20000000;
export const CLONE_NEWNET = 0x40000000;

/** Signal numbers (x86_64). */
export const SIG = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
} as const;
export type SignalName = keyof typeof SIG;
export const SIGNAL_NAMES: Record<number, SignalName> = Object.fromEntries(
  Object.entries(SIG).map(([n, v]) => [v, n as SignalName]),
);

/** signal(7) default dispositions. */
export type DefaultAction = 'term' | 'core' | 'ign' | 'stop' | 'cont';
export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case SIG.SIGCHLD: case SIG.SIGURG: case SIG.SIGWINCH: return 'ign';
    case SIG.SIGCONT: return 'cont';
    case SIG.SIGSTOP: case SIG.SIGTSTP: case SIG.SIGTTIN: case SIG.SIGTTOU: return 'stop';
    case SIG.SIGQUIT: case SIG.SIGILL: case SIG.SIGABRT: case SIG.SIGFPE: case SIG.SIGSEGV:
    case SIG.SIGBUS: case SIG.SIGSYS: case SIG.SIGTRAP: case SIG.SIGXCPU: case SIG.SIGXFSZ:
      return 'core';
    default: return 'term';
  }
}

/** strsignal(3) descriptions, as bash prints them for a job killed by a signal. */
export const SIGNAL_DESCRIPTIONS: Record<number, string> = {
  1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 4: 'Illegal instruction', 6: 'Aborted', 8: 'Floating point exception',
  9: 'Killed', 10: 'User defined signal 1', 11: 'Segmentation fault', 12: 'User defined signal 2',
  13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated', 17: 'Child exited', 18: 'Continued',
  19: 'Stopped (signal)', 20: 'Stopped', 21: 'Stopped (tty input)', 22: 'Stopped (tty output)',
  28: 'Window changed',
};

/** open(2) flags. */
export const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
export const O_CREAT = 0o100, O_EXCL = 0o200, O_TRUNC = 0o1000, O_APPEND = 0o2000;
export const O_DIRECTORY = 0o200000, O_NOFOLLOW = 0o400000, O_CLOEXEC = 0o2000000;

/** wait4(2) options. */
export const WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8;

/** mount(2) flags. */
export const MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32,
  MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19,
  MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24;
export const MNT_DETACH = 2;
