/**
 * A task's credentials (struct cred), reduced to what the tools print and the permission checks use.
 * Never changed in place: a change installs a new object (commit_creds), so forks share their
 * parent's until one of them changes its own, as copy_creds does.
 */
export interface Credentials {
  readonly uid: number;
  readonly gid: number;
  readonly euid: number;
  readonly egid: number;
  readonly groups: readonly number[];
  /**
   * Effective capabilities by name (CAP_SYS_ADMIN, CAP_NET_ADMIN, …); root in the initial user
   * namespace has all. Never changed in place either, so /proc can remember a set's mask.
   */
  readonly caps: ReadonlySet<string>;
}

export const ALL_CAPS = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL',
  'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_MKNOD', 'CAP_AUDIT_WRITE',
  'CAP_SETFCAP',
];

export function rootCreds(): Credentials {
  return { uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], caps: new Set(ALL_CAPS) };
}

/** Non-root users have no effective capabilities (no file capabilities are modelled). */
export function userCreds(uid: number, gid: number, groups: number[] = [gid]): Credentials {
  if (uid === 0) return rootCreds();
  return { uid, gid, euid: uid, egid: gid, groups, caps: new Set() };
}
