import type { Inode, SuperBlock } from './inode.ts';
import type { MountNamespace } from './MountNamespace.ts';

export type Propagation = 'private' | 'shared' | 'slave';

let nextMountId = 21;

/**
 * Every inode a mount has ever covered. Most path components are not mountpoints, and mountedAt can
 * then answer without scanning the mount's children (a host with N containers has O(N) of them).
 */
const everMountpoint = new WeakSet<Inode>();

/**
 * A mount (struct mount): a filesystem's subtree (`root`) attached at `mountpoint` inside `parent`.
 * Bind mounts share the superblock and have a root below the filesystem's root.
 */
export class Mount {
  readonly id = nextMountId++;
  readonly children: Mount[] = [];
  /** Propagation peer group id when shared (mountinfo's `shared:N`). */
  peerGroup = 0;

  constructor(
    public ns: MountNamespace,
    public parent: Mount | null,
    /** Inode in the parent mount this mount covers (its own root for a namespace root). */
    mountpoint: Inode,
    /** Path of the mountpoint inside the parent mount ('' for a namespace root). */
    public relPath: string,
    readonly root: Inode,
    readonly sb: SuperBlock,
    /** Per-mount flags as /proc/mounts prints them before the superblock options (rw,nosuid,...). */
    public flags: string[],
    /** The path of `root` inside its filesystem (mountinfo's ROOT column; `/` unless a bind mount). */
    readonly rootPath = '/',
    public propagation: Propagation = 'private',
  ) {
    this.#mountpoint = mountpoint;
    everMountpoint.add(mountpoint);
  }

  #mountpoint: Inode;
  /** Inode in the parent mount this mount covers (its own root for a namespace root). */
  get mountpoint(): Inode { return this.#mountpoint; }
  set mountpoint(inode: Inode) {
    this.#mountpoint = inode;
    everMountpoint.add(inode);
  }

  /** Absolute path from the namespace root, as /proc/mounts prints it. */
  get path(): string {
    if (!this.parent) return '/';
    const base = this.parent.path;
    if (!this.relPath) return base;
    return base === '/' ? `/${this.relPath}` : `${base}/${this.relPath}`;
  }

  get readOnly(): boolean { return this.flags[0] === 'ro' || !!this.sb.readOnly; }

  /** The mount stacked on `inode` in this mount, topmost first. */
  mountedAt(inode: Inode): Mount | undefined {
    // A mount with nothing on it (a procfs, where ps walks three paths per process) needs no lookup.
    if (this.children.length === 0 || !everMountpoint.has(inode)) return undefined;
    for (let i = this.children.length - 1; i >= 0; i--) if (this.children[i].mountpoint === inode) return this.children[i];
    return undefined;
  }

  /** Options column of /proc/mounts. */
  optionString(): string {
    return this.sb.superOptions ? `${this.flags.join(',')},${this.sb.superOptions}` : this.flags.join(',');
  }
}
