import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import type { MountEntry } from '../../lib/mountinfo.ts';

/**
 * Block counts for df. The kernel model has no statfs(2), so the sizes are synthesized the way each
 * filesystem type would report them, from what the caller can see: tmpfs/devtmpfs from their size=
 * option (default: half of MemTotal), used space from the files actually stored on the mount (4 KiB
 * pages), and the root disk as a 20 GB ext4 volume whose usage grows with what is written to it.
 */
export interface Usage { blocks: number; used: number; avail: number }

/** 20 GiB Vagrant box disk, as a freshly installed Arch (base + docker) fills it. */
const DISK_BLOCKS = 20466256, DISK_BASE_USED = 2878144;
/** ext4 reserves 5 % of the blocks for root (reserved_blocks: f_bfree − f_bavail). */
const EXT4_RESERVED = Math.floor(DISK_BLOCKS * 0.05);
const DISK_TYPES = new Set(['ext4', 'ext3', 'ext2', 'xfs', 'btrfs', 'overlay']);

export async function usageOf(sys: SysApi, m: MountEntry): Promise<Usage | null> {
  if (m.fstype === 'tmpfs' || m.fstype === 'devtmpfs') {
    const size = /(?:^|,)size=(\d+)k(?:,|$)/.exec(m.fsOptions);
    const blocks = size ? Number(size[1]) : await halfOfRam(sys);
    const used = m.fstype === 'devtmpfs' ? 0 : Math.min(blocks, storedKb(sys, m.target));
    return { blocks, used, avail: blocks - used };
  }
  if (DISK_TYPES.has(m.fstype)) {
    const used = DISK_BASE_USED + storedKb(sys, m.target, 4000);
    return { blocks: DISK_BLOCKS, used, avail: Math.max(0, DISK_BLOCKS - used - EXT4_RESERVED) };
  }
  // proc, sysfs, cgroup2, devpts, mqueue, nsfs …: statfs reports zero blocks.
  return { blocks: 0, used: 0, avail: 0 };
}

async function halfOfRam(sys: SysApi): Promise<number> {
  try {
    const m = /MemTotal:\s+(\d+)/.exec(await sys.readFile('/proc/meminfo'));
    if (m) return Math.floor(Number(m[1]) / 2 / 4) * 4;
  } catch { /* no /proc */ }
  return 0;
}

/** KiB taken by regular files below `dir` on the same filesystem (st_dev), in whole 4 KiB pages. */
function storedKb(sys: SysApi, dir: string, limit = 2000): number {
  let dev: string;
  try { dev = sys.stat(dir).dev.join(':'); } catch { return 0; }
  let kb = 0, seen = 0;
  const walk = (d: string) => {
    let names: string[];
    try { names = sys.readdir(d); } catch { return; }
    for (const n of names) {
      if (n === '.' || n === '..' || ++seen > limit) continue;
      const p = d === '/' ? `/${n}` : `${d}/${n}`;
      let st;
      try { st = sys.lstat(p); } catch { continue; }
      if (st.dev.join(':') !== dev) continue;
      if (st.type === 'file') kb += Math.ceil(st.size / 4096) * 4;
      else if (st.type === 'dir') walk(p);
    }
  };
  walk(dir);
  return kb;
}
