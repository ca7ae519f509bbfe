import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/**
 * libmount's view of the kernel mount table: /proc/self/mountinfo parsed into entries (mount, umount,
 * findmnt, df and lsns all read it), with the octal escapes (`\040` for a space) undone.
 */
export interface MountEntry {
  id: number;
  parent: number;
  majmin: string;
  /** Root of the mount inside its filesystem (`/` unless a bind mount of a subdirectory). */
  root: string;
  target: string;
  /** Per-mount (VFS) options: rw,nosuid,relatime… */
  vfsOptions: string;
  /** Optional fields: shared:N, master:N, propagate_from:N, unbindable. */
  optional: string[];
  fstype: string;
  source: string;
  /** Superblock options as mountinfo prints them (rw,size=…). */
  fsOptions: string;
}

export function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export function parseMountinfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const f = line.split(' ');
    const dash = f.indexOf('-', 6);
    if (f.length < 10 || dash < 0) continue;
    out.push({
      id: Number(f[0]), parent: Number(f[1]), majmin: f[2], root: unescapeMount(f[3]), target: unescapeMount(f[4]),
      vfsOptions: f[5], optional: f.slice(6, dash), fstype: f[dash + 1], source: unescapeMount(f[dash + 2]),
      fsOptions: f[dash + 3] ?? '',
    });
  }
  return out;
}

/**
 * mnt_fs_get_options(): the VFS options followed by the filesystem's own, without the superblock's
 * rw/ro (the per-mount flag already says it) — the same string /proc/mounts shows.
 */
export function mountOptions(e: MountEntry): string {
  const fs = e.fsOptions.split(',').filter((o) => o && o !== 'rw' && o !== 'ro');
  return [e.vfsOptions, ...fs].join(',');
}

export async function readMountinfo(sys: SysApi): Promise<MountEntry[]> {
  return parseMountinfo(await sys.readFile('/proc/self/mountinfo'));
}
