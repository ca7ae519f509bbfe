import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/** File helpers dockerd uses on its own files under /var/lib/docker (all through system calls). */

export function mkdirs(sys: SysApi, path: string, mode = 0o755): void {
  let cur = '';
  for (const part of path.split('/').filter(Boolean)) {
    cur += `/${part}`;
    try { sys.lstat(cur); } catch { sys.mkdir(cur, mode); }
  }
}

export function exists(sys: SysApi, path: string): boolean {
  try { sys.lstat(path); return true; } catch { return false; }
}

/** `rm -rf PATH` (os.RemoveAll). */
export function removeAll(sys: SysApi, path: string): void {
  let st;
  try { st = sys.lstat(path); } catch { return; }
  if (st.type === 'dir') {
    for (const name of sys.readdir(path)) if (name !== '.' && name !== '..') removeAll(sys, `${path}/${name}`);
    sys.rmdir(path);
  } else sys.unlink(path);
}

export async function writeFileMode(sys: SysApi, path: string, data: string, mode = 0o644): Promise<void> {
  await sys.writeFile(path, data);
  sys.chmod(path, mode);
}
