import type { Kernel } from '../kernel/Kernel.ts';
import type { ProgramFile } from '../kernel/program.ts';
import type { SuperBlock } from '../kernel/vfs/inode.ts';
import { TmpDir, TmpFile, TmpSymlink, mkdirp } from '../kernel/vfs/tmpfs.ts';
import type { HostProfile } from './profile.ts';

/** Write `content` at `path` under `root`, creating parent directories. */
export function putFile(root: TmpDir, path: string, content: string, mode = 0o644, uid = 0, gid = 0): TmpFile {
  const parts = path.split('/').filter(Boolean);
  const name = parts.pop()!;
  const dir = mkdirp(root, parts.join('/'));
  const f = new TmpFile(root.sb, content, mode, uid, gid);
  dir.entries.set(name, f);
  return f;
}

/** Install executables: each is a file whose "ELF entry point" is a registered program. */
export function installPrograms(kernel: Kernel, root: TmpDir, dir: string, programs: Record<string, ProgramFile>, names: string[]): void {
  for (const name of names) {
    const image = programs[name];
    if (!image) throw new Error(`no program '${name}' to install`);
    kernel.programs.set(name, image);
    const f = putFile(root, `${dir}/${name}`, '\x7fELF\x02\x01\x01\0', name === 'sudo' ? 0o4755 : 0o755);
    f.program = name;
  }
}

/** The host's root filesystem: Arch's merged /usr layout, /etc from the profile, homes. */
export function buildHostRootfs(profile: HostProfile, sb: SuperBlock, mtime: number): TmpDir {
  const root = new TmpDir(sb, 0o755, 0, 0, mtime);
  for (const d of ['boot', 'dev', 'etc', 'home', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr/bin', 'usr/lib', 'usr/share', 'var/lib/docker', 'var/log', 'var/tmp', 'run/netns']) {
    mkdirp(root, d);
  }
  (root.entries.get('tmp') as TmpDir).mode = 0o1777;
  (root.entries.get('root') as TmpDir).mode = 0o700;
  for (const [link, target] of [['bin', 'usr/bin'], ['sbin', 'usr/bin'], ['lib', 'usr/lib'], ['lib64', 'usr/lib']]) {
    root.entries.set(link, new TmpSymlink(sb, target));
  }
  (root.entries.get('usr') as TmpDir).entries.set('sbin', new TmpSymlink(sb, 'bin'));
  const passwd = profile.users.map((u) => `${u.name}:x:${u.uid}:${u.gid}:${u.gecos}:${u.home}:${u.shell}`).join('\n') + '\n';
  const group = profile.groups.map((g) => `${g.name}:x:${g.gid}:${g.members.join(',')}`).join('\n') + '\n';
  putFile(root, '/etc/passwd', passwd);
  putFile(root, '/etc/group', group);
  putFile(root, '/etc/shadow', profile.users.map((u) => `${u.name}:!*:19000::::::`).join('\n') + '\n', 0o600);
  for (const u of profile.users) {
    if (u.home === '/' || u.uid === 0) continue;
    const home = mkdirp(root, u.home);
    home.uid = u.uid;
    home.gid = u.gid;
    home.mode = 0o700;
  }
  for (const [path, content] of Object.entries(profile.files)) {
    const user = profile.users.find((u) => u.uid !== 0 && u.home !== '/' && path.startsWith(u.home + '/'));
    putFile(root, path, content, path === '/etc/sudoers' ? 0o440 : 0o644, user?.uid ?? 0, user?.gid ?? 0);
  }
  return root;
}
