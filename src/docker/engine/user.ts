import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { DaemonError } from '../../userland/commands/docker/api.ts';

export interface ExecUser { uid: number; gid: number; groups: number[]; home: string }

/**
 * user.GetExecUser over the container's own /etc/passwd and /etc/group (read through the mounted
 * rootfs): `name`, `uid`, `name:group`, `uid:gid`; '' is root. HOME comes from the passwd entry.
 */
export async function resolveUser(sys: SysApi, rootfs: string, spec: string): Promise<ExecUser> {
  const read = async (p: string) => { try { return await sys.readFile(`${rootfs}${p}`); } catch { return ''; } };
  const passwd = (await read('/etc/passwd')).split('\n').filter(Boolean).map((l) => l.split(':'));
  const group = (await read('/etc/group')).split('\n').filter(Boolean).map((l) => l.split(':'));
  const [u = '', g] = spec.split(':');
  let uid = 0;
  let gid = 0;
  let home = '/';
  let name = '';
  const entry = u === '' ? passwd.find((p) => p[2] === '0') : passwd.find((p) => p[0] === u || (/^\d+$/.test(u) && p[2] === u));
  if (entry) {
    [name] = entry;
    uid = Number(entry[2]);
    gid = Number(entry[3]);
    home = entry[5] || '/';
  } else if (/^\d+$/.test(u)) {
    uid = Number(u);
    gid = Number(u) === 0 ? 0 : Number(u);
  } else if (u === '') {
    home = '/root';
  } else {
    throw new DaemonError(500, `unable to find user ${u}: no matching entries in passwd file`);
  }
  if (g !== undefined) {
    const ge = group.find((x) => x[0] === g || (/^\d+$/.test(g) && x[2] === g));
    if (ge) gid = Number(ge[2]);
    else if (/^\d+$/.test(g)) gid = Number(g);
    else throw new DaemonError(500, `unable to find group ${g}: no matching entries in group file`);
  }
  const groups = name ? group.filter((x) => (x[3] ?? '').split(',').includes(name)).map((x) => Number(x[2])) : [];
  if (uid === 0 && !entry && u === '') home = '/root';
  return { uid, gid, groups: [...new Set(groups)], home };
}
