import type { Namespace } from '../ns/NsCommon.ts';
import type { Inode } from './inode.ts';
import { Mount } from './Mount.ts';

/**
 * A mount namespace: a tree of mounts. Copying it (CLONE_NEWNS) duplicates every mount so later
 * mounts on either side stay private, which is Linux's default for a namespace made by unshare(1)
 * (util-linux remounts / private recursively) and what runc does for containers.
 */
export class MountNamespace implements Namespace {
  readonly type = 'mnt' as const;
  root!: Mount;
  constructor(readonly inum: number, readonly owner: Namespace | null) {}

  /** Every mount in mount order (depth-first by creation), as /proc/mounts lists them. */
  mounts(): Mount[] {
    const out: Mount[] = [];
    const walk = (m: Mount) => {
      out.push(m);
      for (const c of m.children) walk(c);
    };
    walk(this.root);
    return out.sort((a, b) => a.id - b.id);
  }

  /** copy_mnt_ns: a new namespace with a copy of every mount; returns it and the old→new map. */
  copy(inum: number, owner: Namespace | null = this.owner): { ns: MountNamespace; map: Map<Mount, Mount> } {
    const ns = new MountNamespace(inum, owner);
    const map = new Map<Mount, Mount>();
    const clone = (m: Mount, parent: Mount | null): Mount => {
      const c = new Mount(ns, parent, m.mountpoint, m.relPath, m.root, m.sb, [...m.flags], m.rootPath, 'private');
      map.set(m, c);
      for (const child of [...m.children].sort((a, b) => a.id - b.id)) c.children.push(clone(child, c));
      return c;
    };
    ns.root = clone(this.root, null);
    return { ns, map };
  }

  static create(inum: number, owner: Namespace | null, root: Inode, sb: Mount['sb'], flags: string[]): MountNamespace {
    const ns = new MountNamespace(inum, owner);
    ns.root = new Mount(ns, null, root, '', root, sb, flags);
    return ns;
  }
}
