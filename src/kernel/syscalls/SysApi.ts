import type { Namespace, NsType } from '../ns/NsCommon.ts';
import type { FileType } from '../vfs/inode.ts';

/**
 * The system-call interface userland sees. Every failure throws KernelError (errno code + strerror
 * text). Numbers are always as seen from the calling task's namespaces. This is the seam tests and
 * traces use; userland never touches kernel objects directly.
 */
export interface Stat {
  ino: number;
  type: FileType;
  /** st_mode including the S_IFMT bits. */
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  /** Milliseconds since the epoch. */
  mtime: number;
  dev: [number, number];
  rdev?: [number, number];
}

export interface Termios {
  icanon: boolean;
  echo: boolean;
  isig: boolean;
  /** Output processing: \n → \r\n. */
  onlcr: boolean;
}

export interface Winsize { rows: number; cols: number }

export interface CloneOptions {
  /** CLONE_NEW* flags. */
  flags?: number;
  /** File descriptors of the parent to install in the child (child fd → parent fd); default: inherit all. */
  fds?: Record<number, number>;
  /** Process group to join (0 = the child's own new group); default: inherit. */
  pgid?: number;
  /** Process name until the child execs. */
  comm?: string;
}

export interface WaitResult {
  pid: number;
  /** Raw wait status as wait4(2) encodes it. */
  status: number;
}

export type SignalDisposition = 'default' | 'ignore' | ((sig: number) => void);

export interface UtsName { sysname: string; nodename: string; release: string; version: string; machine: string; domainname: string }

export interface SysApi {
  // — identity —
  getpid(): number;
  getppid(): number;
  getuid(): number;
  geteuid(): number;
  getgid(): number;
  getegid(): number;
  getgroups(): number[];
  /** Capability check, as capable(2) would answer it for the caller (CAP_SYS_ADMIN, CAP_NET_ADMIN, …). */
  capable(cap: string): boolean;
  /** capset(2) (with PR_CAPBSET_DROP): keep only `caps`; a capability can be dropped, never gained (EPERM). */
  capset(caps: string[]): void;
  /** seccomp(SECCOMP_SET_MODE_FILTER) with a named profile; inherited by children and kept across execve. */
  seccomp(profile: 'builtin'): void;
  setuid(uid: number, gid?: number, groups?: number[]): void;
  getpgrp(): number;
  getsid(pid?: number): number;
  setpgid(pid: number, pgid: number): void;
  setsid(): number;

  // — processes —
  /**
   * fork(2)/clone(2) with an entry point: the child starts running `entry` with its own SysApi
   * (usually ending in execve). Returns the child's pid as the caller sees it.
   */
  clone(entry: (sys: SysApi) => Promise<number>, opts?: CloneOptions): number;
  /** execve(2): replaces the program; on success it never returns (the process exits with the new program's status). */
  execve(path: string, argv: string[], env: Map<string, string>): Promise<never>;
  exit(status: number): never;
  /** wait4(2); -1 for any child; returns null with WNOHANG when nothing changed. */
  wait4(pid: number, options?: number): Promise<WaitResult | null>;
  kill(pid: number, sig: number): void;
  signal(sig: number, disposition: SignalDisposition): SignalDisposition;
  nanosleep(ms: number): Promise<void>;
  sched_yield(): Promise<void>;
  /** Let CPU time be accounted to this task (a busy program calls it as it works). */
  times(): { utime: number; stime: number };

  // — files —
  open(path: string, flags: number, mode?: number): number;
  close(fd: number): void;
  /**
   * Reads up to the available data (at most `count` characters when given); '' means end of file.
   * Blocks on ttys, pipes and sockets.
   */
  read(fd: number, count?: number): Promise<string>;
  /**
   * read(2) that returns the data itself when the call did not have to wait (regular files, procfs,
   * between preemption points), the promise of it otherwise: for readers of many small files (ps
   * reads three per process), which would otherwise pay a promise turn per call.
   */
  readNow(fd: number, count?: number): string | Promise<string>;
  /** lseek(2): the new offset; ESPIPE on pipes, ttys and sockets. */
  lseek(fd: number, offset: number, whence: 0 | 1 | 2): number;
  write(fd: number, data: string): Promise<void>;
  dup(fd: number): number;
  dup2(oldfd: number, newfd: number): number;
  pipe(): [number, number];
  /** Marks fd close-on-exec. */
  cloexec(fd: number, on: boolean): void;
  fds(): number[];
  stat(path: string): Stat;
  lstat(path: string): Stat;
  fstat(fd: number): Stat;
  readdir(path: string): string[];
  readlink(path: string): string;
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  /** link(2): a hard link (EPERM for directories, EXDEV across filesystems). */
  link(oldpath: string, newpath: string): void;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number): void;
  utime(path: string, mtime: number): void;
  access(path: string, mode: 'r' | 'w' | 'x' | 'f'): boolean;
  chdir(path: string): void;
  getcwd(): string;
  chroot(path: string): void;
  umask(mask?: number): number;
  /** Convenience: open + read until EOF + close. */
  readFile(path: string): Promise<string>;
  /** Convenience: open(O_WRONLY|O_CREAT|O_TRUNC or O_APPEND) + write + close. */
  writeFile(path: string, data: string, append?: boolean): Promise<void>;

  // — terminals —
  isatty(fd: number): boolean;
  ttyname(fd: number): string | null;
  tcgetattr(fd: number): Termios;
  tcsetattr(fd: number, t: Termios): void;
  tcgetpgrp(fd: number): number;
  tcsetpgrp(fd: number, pgid: number): void;
  getWinsize(fd: number): Winsize;
  setWinsize(fd: number, ws: Winsize): void;
  /** Open a new pseudo-terminal pair from the devpts mounted at /dev/pts: returns [masterFd, slavePath]. */
  openpty(): [number, string];
  /**
   * nsbox-specific ioctl: an interactive shell reports `$?` after each command to its terminal, so the
   * transcript CLI can record it (terminal emulators learn the same through shell-integration hooks).
   */
  ttyReportStatus(fd: number, status: number): void;
  /** Make `fd` (a tty) the controlling terminal of the caller's session (TIOCSCTTY). */
  setctty(fd: number): void;

  // — namespaces and mounts —
  unshare(flags: number): void;
  /** setns(2) on an fd opened from /proc/PID/ns/* (or a bind mount of one); nstype 0 = any. */
  setns(fd: number, nstype?: NsType): void;
  /** The namespace an nsfs fd refers to (ioctl NS_GET_* in spirit): type and inode. */
  nsInfo(fd: number): { type: NsType; inum: number };
  mount(source: string, target: string, fstype: string, flags: number, data?: string): void;
  umount(target: string, flags?: number): void;
  pivot_root(newRoot: string, putOld: string): void;
  sethostname(name: string): void;
  setdomainname(name: string): void;
  uname(): UtsName;

  /** Rewrite the process title (argv), as sshd and nginx do; `comm` is set with prctl(PR_SET_NAME). */
  setproctitle(argv: string[], comm?: string): void;

  // — kernel facilities for tools —
  /** Milliseconds since the epoch (clock_gettime(CLOCK_REALTIME)). */
  time(): number;
  /** Seeded random bytes (getrandom(2)). */
  random(): number;
  /**
   * Kernel-side extension points (network stack, System V IPC, dockerd) register their own call
   * tables here. One whose code is still being read in is waited for (see extReady); a name nobody
   * registers fails with ENOSYS.
   */
  ext<T>(name: string): Promise<T>;
  /**
   * `ext` for code that runs only once the extension is in (dockerd's engine starts after the
   * network stack's table; `docker` has waited in extReady): ENOSYS when it is not registered (yet).
   */
  extNow<T>(name: string): T;
  /**
   * Sleep while the subsystem behind `ext(name)` is still being read in (a daemon whose code loads
   * after boot, as a socket-activated service: connect succeeds, the answer waits for the daemon).
   * Returns at once when nothing is loading; `ext` then answers, or fails if there is no such thing.
   */
  extReady(name: string): Promise<void>;
}

export type { Namespace };
