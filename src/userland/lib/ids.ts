import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { groups, passwd, type GroupEntry, type PasswdEntry } from './users.ts';

/** Identity of the caller or of a named user, as id(1) and groups(1) report it. */
export interface Identity { uid: number; gid: number; euid: number; egid: number; groups: number[] }

export interface IdDb { users: PasswdEntry[]; groups: GroupEntry[] }

export async function idDb(sys: SysApi): Promise<IdDb> {
  return { users: await passwd(sys), groups: await groups(sys) };
}

export function userName(db: IdDb, uid: number): string | undefined {
  return db.users.find((u) => u.uid === uid)?.name;
}

export function groupName(db: IdDb, gid: number): string | undefined {
  return db.groups.find((g) => g.gid === gid)?.name;
}

export function selfIdentity(sys: SysApi): Identity {
  return { uid: sys.getuid(), gid: sys.getgid(), euid: sys.geteuid(), egid: sys.getegid(), groups: sys.getgroups() };
}

/** getpwnam (or a numeric uid) plus getgrouplist: the primary group first, then /etc/group order. */
export function userIdentity(db: IdDb, spec: string): Identity | null {
  const u = db.users.find((x) => x.name === spec) ?? (/^\+?\d+$/.test(spec) ? db.users.find((x) => x.uid === Number(spec)) : undefined);
  if (!u) return null;
  const gids = [u.gid, ...db.groups.filter((g) => g.members.includes(u.name)).map((g) => g.gid)];
  return { uid: u.uid, gid: u.gid, euid: u.uid, egid: u.gid, groups: [...new Set(gids)] };
}

/** print_group_list's order: real gid, effective gid if different, then the rest without repeats. */
export function groupList(id: Identity): number[] {
  const list = [id.gid];
  if (id.egid !== id.gid) list.push(id.egid);
  for (const g of id.groups) if (g !== id.gid && g !== id.egid && !list.includes(g)) list.push(g);
  return list;
}
