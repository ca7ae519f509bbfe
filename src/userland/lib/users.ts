import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

export interface PasswdEntry { name: string; uid: number; gid: number; gecos: string; home: string; shell: string }
export interface GroupEntry { name: string; gid: number; members: string[] }

/** getpwent(3) over the caller's /etc/passwd (so a container sees its image's users). */
export async function passwd(sys: SysApi): Promise<PasswdEntry[]> {
  try {
    const text = await sys.readFile('/etc/passwd');
    return text.split('\n').filter(Boolean).map((l) => {
      const [name, , uid, gid, gecos, home, shell] = l.split(':');
      return { name, uid: Number(uid), gid: Number(gid), gecos: gecos ?? '', home: home ?? '/', shell: shell ?? '/bin/sh' };
    });
  } catch {
    return [];
  }
}

export async function groups(sys: SysApi): Promise<GroupEntry[]> {
  try {
    const text = await sys.readFile('/etc/group');
    return text.split('\n').filter(Boolean).map((l) => {
      const [name, , gid, members] = l.split(':');
      return { name, gid: Number(gid), members: members ? members.split(',') : [] };
    });
  } catch {
    return [];
  }
}

export async function userName(sys: SysApi, uid: number): Promise<string | undefined> {
  return (await passwd(sys)).find((u) => u.uid === uid)?.name;
}
