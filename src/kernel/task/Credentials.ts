/** A task's credentials (struct cred), reduced to what the tools print and the permission checks use. */
export interface Credentials {
  uid: number;
  gid: number;
  euid: number;
  egid: number;
  groups: number[];
  /**
   * Effective capabilities by name (CAP_SYS_ADMIN, CAP_NET_ADMIN, …); root in the initial user
   * namespace has all. Never changed in place: a change installs a new set (as commit_creds installs
   * new creds), so forks share their parent's and /proc can remember a set's mask.
   */
  caps: ReadonlySet<string>;
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

export function cloneCreds(c: Credentials): Credentials {
  return { ...c, groups: [...c.groups] };
}
