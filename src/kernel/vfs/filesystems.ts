import type { Kernel } from '../Kernel.ts';
import { createProcfs } from '../procfs/ProcFs.ts';
import { createSysfs } from '../procfs/sysfs.ts';
import { Devpts } from '../tty/Devpts.ts';
import { KernelError } from '../errno.ts';
import type { DirInode } from './inode.ts';
import { OverlayDir } from './overlay.ts';
import { TmpDir, TmpDevice, TmpSymlink, tmpfsSuper } from './tmpfs.ts';
import type { FsFactory } from './mountOps.ts';

/** Mount options that only steer the mount call and are not shown as superblock options. */
const NOT_SHOWN = new Set(['newinstance', 'relatime', 'strictatime', 'rw', 'ro']);
const shown = (data: string) => data.split(',').filter((o) => o && !NOT_SHOWN.has(o)).join(',');

/** Populate a /dev the way devtmpfs (or runc, on a container's tmpfs /dev) does. */
export function populateDev(dir: TmpDir): void {
  const dev = (name: string, rdev: [number, number], mode = 0o666) => dir.entries.set(name, new TmpDevice(dir.sb, rdev, mode));
  dev('null', [1, 3]); dev('zero', [1, 5]); dev('full', [1, 7]); dev('random', [1, 8]); dev('urandom', [1, 9]);
  dev('tty', [5, 0]); dev('console', [5, 1], 0o600);
  dir.entries.set('ptmx', new TmpSymlink(dir.sb, 'pts/ptmx'));
  dir.entries.set('fd', new TmpSymlink(dir.sb, '/proc/self/fd'));
  dir.entries.set('stdin', new TmpSymlink(dir.sb, '/proc/self/fd/0'));
  dir.entries.set('stdout', new TmpSymlink(dir.sb, '/proc/self/fd/1'));
  dir.entries.set('stderr', new TmpSymlink(dir.sb, '/proc/self/fd/2'));
  for (const d of ['pts', 'shm', 'mqueue']) dir.entries.set(d, new TmpDir(dir.sb, d === 'shm' ? 0o1777 : 0o755));
}

/** register_filesystem for every type nsbox can mount. */
export function registerFilesystems(kernel: Kernel): void {
  const fs = kernel.filesystems;
  const set = (name: string, f: FsFactory) => fs.set(name, f);
  set('proc', (k, task) => createProcfs(k, task.pidNs));
  set('sysfs', (k, task) => createSysfs(k, task.nsproxy.net));
  set('tmpfs', (_k, _t, source, data) => {
    const sb = tmpfsSuper(source || 'tmpfs', shown(data));
    const mode = /(?:^|,)mode=([0-7]+)/.exec(data);
    return { root: new TmpDir(sb, mode ? parseInt(mode[1], 8) : 0o1777), sb };
  });
  set('mqueue', (_k, _t, source) => {
    const sb = tmpfsSuper(source || 'mqueue', '', 'mqueue');
    return { root: new TmpDir(sb, 0o1777), sb };
  });
  set('cgroup2', (_k, _t, source) => {
    const sb = tmpfsSuper(source || 'cgroup2', '', 'cgroup2');
    return { root: new TmpDir(sb, 0o555), sb };
  });
  set('devpts', (k, _t, source, data) => {
    const d = new Devpts({ signalGroup: (p, s) => k.signalGroup(p, s) }, shown(data) || 'mode=600,ptmxmode=000');
    (d.sb as { source: string }).source = source || 'devpts';
    k.devpts.push(d);
    return { root: d.root, sb: d.sb };
  });
  set('devtmpfs', (k) => {
    if (!k.devtmpfs) throw new KernelError('ENODEV');
    return k.devtmpfs;
  });
  // overlay: lowerdir=a:b,upperdir=u,workdir=w, resolved by the caller into directories (see Kernel.overlayLayers).
  set('overlay', (k, task, source, data) => {
    const layers = k.resolveOverlayLayers(task, data);
    const sb = tmpfsSuper(source || 'overlay', data, 'overlay');
    return { root: new OverlayDir(sb, null, '', layers.upper, layers.lowers as DirInode[], layers.upper.sb), sb };
  });
}
