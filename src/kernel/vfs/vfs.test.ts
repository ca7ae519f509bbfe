import { describe, expect, test } from 'vitest';
import { CLONE_NEWNS, MS_BIND, MS_REC, MS_PRIVATE, MNT_DETACH, O_CREAT, O_RDWR } from '../constants.ts';
import { bootSandbox } from '../../sandbox/index.ts';
import { Sys } from '../syscalls/Sys.ts';
import type { SysApi } from '../syscalls/SysApi.ts';

function asRoot<T>(body: (sys: SysApi) => Promise<T>): Promise<T> {
  const { kernel } = bootSandbox().host;
  return new Promise<T>((resolve, reject) => {
    new Sys(kernel, kernel.initPidNs.tasks.get(1)!).clone(async (sys) => {
      try { resolve(await body(sys)); } catch (e) { reject(e); }
      return 0;
    });
  });
}

describe('VFS and mount namespaces', () => {
  test('files are created, written, read, listed and removed; errors carry errno', async () => {
    const r = await asRoot(async (sys) => {
      await sys.writeFile('/tmp/a', 'hello\n');
      await sys.writeFile('/tmp/a', 'more\n', true);
      const text = await sys.readFile('/tmp/a');
      const listed = sys.readdir('/tmp');
      sys.unlink('/tmp/a');
      let err = '';
      try { sys.open('/tmp/a', O_RDWR); } catch (e) { err = (e as Error).message; }
      return { text, listed, err };
    });
    expect(r).toEqual({ text: 'hello\nmore\n', listed: ['a'], err: 'No such file or directory' });
  });

  test('a mount made in a new mount namespace is invisible to the old one', async () => {
    const r = await asRoot(async (sys) => {
      const [rd, wr] = sys.pipe();
      const child = sys.clone(async (c) => {
        c.unshare(CLONE_NEWNS);
        c.mount('none', '/', '', MS_REC | MS_PRIVATE);
        c.mount('tmpfs', '/mnt', 'tmpfs', 0, 'size=1m');
        await c.writeFile('/mnt/inside', 'x');
        await c.write(wr, (await c.readFile('/proc/self/mounts')).includes(' /mnt tmpfs') ? 'seen' : 'missing');
        return 0;
      });
      const inside = await sys.read(rd);
      await sys.wait4(child);
      return { inside, host: (await sys.readFile('/proc/self/mounts')).includes(' /mnt '), hostFiles: sys.readdir('/mnt') };
    });
    expect(r).toEqual({ inside: 'seen', host: false, hostFiles: [] });
  });

  test('bind mounts show the same files; the source device, not the directory, in /proc/mounts', async () => {
    const r = await asRoot(async (sys) => {
      sys.mkdir('/srv/data');
      await sys.writeFile('/srv/data/f', 'shared');
      sys.mount('/srv/data', '/mnt', '', MS_BIND);
      await sys.writeFile('/mnt/g', 'through bind');
      const mounts = (await sys.readFile('/proc/self/mounts')).split('\n').find((l) => l.includes(' /mnt '));
      const info = (await sys.readFile('/proc/self/mountinfo')).split('\n').find((l) => l.includes(' /mnt '));
      sys.umount('/mnt', MNT_DETACH);
      return { f: await sys.readFile('/srv/data/g'), mounts, root: info?.split(' ')[3] };
    });
    expect(r).toEqual({ f: 'through bind', mounts: '/dev/sda1 /mnt ext4 rw,relatime 0 0', root: '/srv/data' });
  });

  test('overlay: reads fall through, the first write copies up, deletions leave the lower layer intact', async () => {
    const r = await asRoot(async (sys) => {
      for (const d of ['/srv/lower', '/srv/upper', '/srv/work', '/srv/merged']) sys.mkdir(d);
      await sys.writeFile('/srv/lower/etc-file', 'from image\n');
      sys.mount('overlay', '/srv/merged', 'overlay', 0, 'lowerdir=/srv/lower,upperdir=/srv/upper,workdir=/srv/work');
      const before = await sys.readFile('/srv/merged/etc-file');
      await sys.writeFile('/srv/merged/etc-file', 'changed\n');
      const fd = sys.open('/srv/merged/new', O_CREAT | O_RDWR);
      sys.close(fd);
      sys.unlink('/srv/merged/etc-file');
      return {
        before, lower: await sys.readFile('/srv/lower/etc-file'), upper: sys.readdir('/srv/upper').sort(),
        merged: sys.readdir('/srv/merged').sort(),
      };
    });
    expect(r).toEqual({ before: 'from image\n', lower: 'from image\n', upper: ['new'], merged: ['new'] });
  });

  test('pivot_root makes a mount the new root and parks the old one', async () => {
    const r = await asRoot(async (sys) => {
      const [rd, wr] = sys.pipe();
      const child = sys.clone(async (c) => {
        c.unshare(CLONE_NEWNS);
        c.mount('none', '/', '', MS_REC | MS_PRIVATE);
        c.mount('tmpfs', '/mnt', 'tmpfs', 0);
        c.mkdir('/mnt/old');
        await c.writeFile('/mnt/marker', 'new root');
        c.pivot_root('/mnt', '/mnt/old');
        c.chdir('/');
        const marker = await c.readFile('/marker');
        const hostname = await c.readFile('/old/etc/hostname');
        c.umount('/old', MNT_DETACH);
        await c.write(wr, JSON.stringify({ marker, hostname, after: c.readdir('/old') }));
        return 0;
      });
      const out = JSON.parse(await sys.read(rd));
      await sys.wait4(child);
      return out;
    });
    expect(r).toEqual({ marker: 'new root', hostname: 'archlinux\n', after: [] });
  });
});
