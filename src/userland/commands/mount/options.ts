import {
  MS_BIND, MS_MOVE, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_RDONLY, MS_REC, MS_RELATIME, MS_REMOUNT, MS_SHARED, MS_SLAVE,
  MS_STRICTATIME,
} from '../../../kernel/constants.ts';
import type { KernelError } from '../../../kernel/errno.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/**
 * libmount's option maps (MNT_LINUX_MAP and MNT_USERSPACE_MAP): `-o` strings become mount(2) flags,
 * userspace-only options are dropped, and the rest is the filesystem's data string.
 */
export const MS_UNBINDABLE = 1 << 17;
export const MS_PROPAGATION = MS_SHARED | MS_SLAVE | MS_PRIVATE | MS_UNBINDABLE;

const FLAG_OPTS: Record<string, [number, boolean]> = {
  ro: [MS_RDONLY, true], rw: [MS_RDONLY, false], nosuid: [MS_NOSUID, true], suid: [MS_NOSUID, false],
  nodev: [MS_NODEV, true], dev: [MS_NODEV, false], noexec: [MS_NOEXEC, true], exec: [MS_NOEXEC, false],
  remount: [MS_REMOUNT, true], bind: [MS_BIND, true], rbind: [MS_BIND | MS_REC, true], move: [MS_MOVE, true],
  relatime: [MS_RELATIME, true], norelatime: [MS_RELATIME, false], strictatime: [MS_STRICTATIME, true],
  private: [MS_PRIVATE, true], rprivate: [MS_PRIVATE | MS_REC, true], shared: [MS_SHARED, true], rshared: [MS_SHARED | MS_REC, true],
  slave: [MS_SLAVE, true], rslave: [MS_SLAVE | MS_REC, true], unbindable: [MS_UNBINDABLE, true], runbindable: [MS_UNBINDABLE | MS_REC, true],
};

/** Accepted by the kernel map but without an effect this kernel models (atime flavours, sync …). */
const IGNORED_FLAGS = new Set(['defaults', 'async', 'sync', 'dirsync', 'atime', 'noatime', 'diratime', 'nodiratime', 'mand', 'nomand',
  'lazytime', 'nolazytime', 'iversion', 'noiversion', 'silent', 'loud', 'nosymfollow', 'symfollow', 'nostrictatime']);

/** MNT_USERSPACE_MAP: for fstab and helpers, never passed to the kernel. */
function userspaceOnly(o: string): boolean {
  return ['auto', 'noauto', 'user', 'nouser', 'users', 'owner', 'noowner', 'group', 'nogroup', 'nofail', '_netdev', 'loop']
    .includes(o) || /^(x-|X-|comment=|loop=|offset=|sizelimit=|encryption=|uhelper=|helper=)/.test(o);
}

/** The mount flags, the propagation change (its own MS_REC: rbind and rprivate are independent) and data. */
export interface ParsedOptions { flags: number; propagation: number; data: string[] }

export function parseOptions(list: string[]): ParsedOptions {
  let flags = 0, propagation = 0;
  const data: string[] = [];
  for (const opt of list.flatMap((l) => l.split(',')).filter(Boolean)) {
    const f = FLAG_OPTS[opt];
    if (f && f[0] & MS_PROPAGATION) { propagation = f[0]; continue; }
    if (f) { flags = f[1] ? flags | f[0] : flags & ~f[0]; continue; }
    if (IGNORED_FLAGS.has(opt) || userspaceOnly(opt)) continue;
    data.push(opt);
  }
  return { flags, propagation, data };
}

/** mnt_match_fstype(): a comma list; a leading "no" negates the whole pattern. */
export function matchFstype(type: string, pattern: string): boolean {
  const neg = pattern.startsWith('no');
  const items = pattern.split(',').map((p) => (neg && p.startsWith('no') ? p.slice(2) : p));
  return items.includes(type) !== neg;
}

export interface FailedMount {
  flags: number;
  source?: string;
  target: string;
  fstype?: string;
}

/**
 * mnt_context_get_mount_excode() for a failed mount(2): the text after "mount: TARGET: " (2.38
 * adds the dmesg hint line, which the caller prints).
 */
export function mountErrorText(sys: SysApi, e: KernelError, m: FailedMount): string {
  const exists = (p?: string) => { if (!p) return false; try { sys.stat(p); return true; } catch { return false; } };
  const isDir = (p: string) => { try { return sys.stat(p).type === 'dir'; } catch { return false; } };
  switch (e.code) {
    case 'EPERM':
      if (sys.geteuid() !== 0) return 'must be superuser to use mount';
      return isDir(m.target) ? 'permission denied' : 'mount point is not a directory';
    case 'ENOENT':
      if (!exists(m.target)) return 'mount point does not exist';
      if (m.source && !exists(m.source)) return `special device ${m.source} does not exist`;
      break;
    case 'ENOTDIR':
      if (!isDir(m.target)) return 'mount point is not a directory';
      return `special device ${m.source} does not exist (a path prefix is not a directory)`;
    case 'ENODEV': return `unknown filesystem type '${m.fstype}'`;
    case 'EBUSY':
      if (m.flags & MS_REMOUNT) return 'mount point is busy';
      return `${m.source} already mounted or mount point busy`;
    case 'EINVAL':
      if (m.flags & MS_REMOUNT) return 'mount point not mounted or bad option';
      if (m.flags & MS_PROPAGATION) return 'not mount point or bad option';
      return `wrong fs type, bad option, bad superblock on ${m.source}, missing codepage or helper program, or other error`;
    case 'EACCES':
    case 'EROFS':
      if (m.flags & MS_RDONLY) return `cannot mount ${m.source} read-only`;
      if (m.flags & MS_BIND) return `bind ${m.source} failed`;
      return `${m.source} is write-protected, mounted read-only`;
  }
  return `mount(2) system call failed: ${e.message}`;
}
