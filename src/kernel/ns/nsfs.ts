import { KernelError } from '../errno.ts';
import { allocIno, type NsFileInode, type SuperBlock } from '../vfs/inode.ts';
import { Mount } from '../vfs/Mount.ts';
import { MountNamespace } from '../vfs/MountNamespace.ts';
import type { Namespace } from './NsCommon.ts';

/**
 * nsfs (fs/nsfs.c): the pseudo filesystem behind /proc/PID/ns/*. One inode per namespace, whose
 * number is the namespace's inum; bind-mounting it (ip netns add) keeps the namespace reachable.
 */
export class Nsfs {
  readonly sb: SuperBlock = { fstype: 'nsfs', source: 'nsfs', superOptions: '', dev: [0, 4] };
  private readonly inodes = new WeakMap<Namespace, NsInode>();
  /** An internal mount, in no namespace, that ns links resolve through. */
  readonly mount: Mount;

  constructor() {
    const root = new NsInode(this.sb, null);
    const holder = new MountNamespace(0, null);
    this.mount = new Mount(holder, null, root, '', root, this.sb, ['rw']);
    holder.root = this.mount;
  }

  inode(ns: Namespace): NsInode {
    let i = this.inodes.get(ns);
    if (!i) { i = new NsInode(this.sb, ns); this.inodes.set(ns, i); }
    return i;
  }
}

class NsInode implements NsFileInode {
  readonly type = 'file' as const;
  readonly ino: number;
  mode = 0o444;
  uid = 0;
  gid = 0;
  mtime = 0;
  constructor(readonly sb: SuperBlock, private readonly nsOrNull: Namespace | null) {
    this.ino = nsOrNull?.inum ?? allocIno();
  }
  get ns(): Namespace {
    if (!this.nsOrNull) throw new KernelError('EINVAL');
    return this.nsOrNull;
  }
  read(): string { throw new KernelError('EINVAL'); }
  write(): void { throw new KernelError('EINVAL'); }
  size(): number { return 0; }
}
