import { KernelError } from '../errno.ts';
import { allocIno, type DeviceInode, type DirInode, type Inode, type SuperBlock } from '../vfs/inode.ts';
import { anonDev } from '../vfs/tmpfs.ts';
import { Tty, type TtyHooks } from './Tty.ts';

let nextInstance = 0;

/**
 * A devpts instance (fs/devpts). Docker mounts a fresh instance in every container, so pty numbers
 * restart at 0 there: the container's bash is on its own pts/0.
 */
export class Devpts {
  readonly id = nextInstance++;
  readonly sb: SuperBlock;
  readonly root: DevptsDir;
  private readonly ptys = new Map<number, { tty: Tty; inode: PtsInode }>();

  constructor(private readonly hooks: TtyHooks, superOptions = 'mode=620,ptmxmode=000') {
    this.sb = { fstype: 'devpts', source: 'devpts', superOptions, dev: anonDev() };
    this.root = new DevptsDir(this);
  }

  allocate(cols = 80, rows = 24, uid = 0): Tty {
    let n = 0;
    while (this.ptys.has(n)) n++;
    const tty = new Tty(n, this.id, this.hooks, cols, rows);
    this.ptys.set(n, { tty, inode: new PtsInode(this.sb, tty, uid) });
    return tty;
  }

  /** A pty disappears once both sides are closed (devpts_pty_kill). */
  remove(tty: Tty): void { this.ptys.delete(tty.index); }

  list(): Tty[] { return [...this.ptys.values()].map((p) => p.tty); }
  names(): string[] { return [...this.ptys.keys()].sort((a, b) => a - b).map(String); }
  inode(n: number): PtsInode | undefined { return this.ptys.get(n)?.inode; }
}

export class PtsInode implements DeviceInode {
  readonly type = 'chr' as const;
  readonly ino = allocIno();
  readonly rdev: [number, number];
  mode = 0o620;
  gid = 5;
  mtime = 0;
  constructor(readonly sb: SuperBlock, readonly tty: Tty, public uid: number) { this.rdev = tty.rdev; }
}

class PtmxInode implements DeviceInode {
  readonly type = 'chr' as const;
  readonly ino = allocIno();
  readonly rdev: [number, number] = [5, 2];
  mode = 0o000;
  uid = 0;
  gid = 0;
  mtime = 0;
  constructor(readonly sb: SuperBlock, readonly devpts: Devpts) {}
}

class DevptsDir implements DirInode {
  readonly type = 'dir' as const;
  readonly ino = allocIno();
  mode = 0o755;
  uid = 0;
  gid = 0;
  mtime = 0;
  private readonly ptmx: PtmxInode;
  constructor(readonly devpts: Devpts) { this.ptmx = new PtmxInode(devpts.sb, devpts); }
  get sb(): SuperBlock { return this.devpts.sb; }
  lookup(name: string): Inode | undefined {
    if (name === 'ptmx') return this.ptmx;
    return /^\d+$/.test(name) ? this.devpts.inode(Number(name)) : undefined;
  }
  list(): string[] { return [...this.devpts.names(), 'ptmx']; }
  link(): void { throw new KernelError('EPERM'); }
  unlink(): void { throw new KernelError('EPERM'); }
  makeFile(): Inode { throw new KernelError('EPERM'); }
}

export function devptsOf(inode: Inode): Devpts | undefined {
  return inode instanceof DevptsDir ? inode.devpts : inode instanceof PtmxInode ? inode.devpts : undefined;
}
