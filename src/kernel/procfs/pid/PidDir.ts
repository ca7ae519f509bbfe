import { KernelError } from '../../errno.ts';
import type { Kernel } from '../../Kernel.ts';
import { NS_FILES, type Namespace, type NsFile } from '../../ns/NsCommon.ts';
import type { PidNamespace } from '../../ns/PidNamespace.ts';
import type { Task } from '../../task/Task.ts';
import type { AccessContext, DirInode, FileInode, Inode, SuperBlock } from '../../vfs/inode.ts';
import { GenBase, GenDir, GenFile, GenLink, type Owner } from '../nodes.ts';
import { formatIdMap, nsCapable, writeIdMap, writeSetgroups } from '../../ns/userns.ts';
import { procMountinfo, procMounts } from './mounts.ts';
import { procStat } from './stat.ts';
import { procStatus } from './status.ts';

/** ptrace_may_access in spirit: root, or the same user, may look at a process's fds, env and namespaces. */
function mayAccess(ctx: AccessContext, t: Task): boolean {
  const c = ctx.task.cred;
  return nsCapable(ctx.task, t.userNs, 'CAP_SYS_PTRACE') || c.euid === t.cred.uid;
}

function guarded<T>(ctx: AccessContext, t: Task, f: () => T): T {
  if (!mayAccess(ctx, t)) throw new KernelError('EACCES');
  return f();
}

export function nsOfTask(t: Task, name: NsFile): Namespace {
  const p = t.nsproxy;
  switch (name) {
    case 'pid': return t.pidNs;
    case 'pid_for_children': return p.pidForChildren;
    case 'time': case 'time_for_children': return p.timeForChildren;
    case 'user': return t.userNs;
    case 'cgroup': return p.cgroup;
    case 'ipc': return p.ipc;
    case 'mnt': return p.mnt;
    case 'net': return p.net;
    case 'uts': return p.uts;
  }
}

/** The directory an entry belongs to: what its inode is made from. */
type Make = (d: PidDir) => Inode;

/** A read-only file whose text is `gen` of the task's directory (one function for every task). */
const file = (gen: (d: PidDir, ctx: AccessContext) => string, mode = 0o444): Make => (d) => new PidFile(d, gen, mode);

/**
 * The entries every /proc/PID has, in the order readdir lists them: one table for all tasks, as
 * Linux's tgid_base_stuff[] (fs/proc/base.c) is one static array of pid_entry.
 */
const ENTRIES: ReadonlyArray<readonly [string, Make]> = [
  ['stat', file((d) => { d.alive(); return procStat(d.kernel, d.ns, d.task); })],
  ['status', file((d, ctx) => { d.alive(); return procStatus(d.ns, d.task, ctx.task.userNs); })],
  ['cmdline', file(({ task: t }) => (t.kthread || t.state === 'Z' ? '' : nulTerminated(t.argv)))],
  ['comm', file(({ task: t }) => `${t.comm}\n`, 0o644)],
  ['environ', file(({ task: t }, ctx) => guarded(ctx, t, () => t.environ), 0o400)],
  ['cgroup', file(() => '0::/\n')],
  ['mounts', file(({ task: t }) => procMounts(t))],
  ['mountinfo', file(({ task: t }) => procMountinfo(t))],
  ['loginuid', file(({ task: t }) => `${t.cred.uid === 0 ? 4294967295 : t.cred.uid}`)],
  ['oom_score_adj', file(() => '0\n', 0o644)],
  // user_namespaces(7): the task's user namespace's id maps, written once by unshare/newuidmap.
  ['uid_map', ({ sb, task: t, owner }) => new GenFile(sb, () => formatIdMap(t.userNs, 'uid'), 0o644, owner, (data, ctx) => writeIdMap(ctx.task, t.userNs, 'uid', data))],
  ['gid_map', ({ sb, task: t, owner }) => new GenFile(sb, () => formatIdMap(t.userNs, 'gid'), 0o644, owner, (data, ctx) => writeIdMap(ctx.task, t.userNs, 'gid', data))],
  ['setgroups', ({ sb, task: t, owner }) => new GenFile(sb, () => `${t.userNs.setgroupsAllowed ? 'allow' : 'deny'}\n`, 0o644, owner, (data, ctx) => writeSetgroups(ctx.task, t.userNs, data))],
  ['cwd', ({ sb, task: t, owner }) => new GenLink(sb, (ctx) => guarded(ctx, t, () => t.fs.cwd.path), (ctx) => guarded(ctx, t, () => t.fs.cwd), owner)],
  ['root', ({ sb, task: t, owner }) => new GenLink(sb, (ctx) => guarded(ctx, t, () => '/'), (ctx) => guarded(ctx, t, () => t.fs.root), owner)],
  ['exe', ({ sb, task: t, owner }) => new GenLink(sb, (ctx) => guarded(ctx, t, () => { if (!t.exe) throw new KernelError('ENOENT'); return t.exe; }), undefined, owner)],
  ['fd', ({ sb, task, owner }) => fdDir(sb, task, owner)],
  ['ns', ({ kernel, sb, task: t, owner }) => new GenDir(sb, () => Object.fromEntries(NS_FILES.map((name) => [name, () => new GenLink(sb,
    (ctx) => guarded(ctx, t, () => { const n = nsOfTask(t, name); return `${n.type}:[${n.inum}]`; }),
    (ctx) => guarded(ctx, t, () => ({ mnt: kernel.nsfs.mount, inode: kernel.nsfs.inode(nsOfTask(t, name)) })), owner)])), 0o511, owner)],
];
const INDEX = new Map(ENTRIES.map(([name], i) => [name, i]));

/**
 * /proc/PID: one directory per task visible in the procfs's pid namespace. Its children are made on
 * first lookup and kept (stable inode numbers); entries that extensions add (`net`) follow the table.
 */
export class PidDir extends GenBase implements DirInode {
  readonly type = 'dir' as const;
  readonly owner: Owner;
  /** Children made so far, by their index in ENTRIES. */
  private made: Array<Inode | undefined> | undefined;
  /** Extensions' entries (kernel.procPidHooks), built at the first name the table lacks. */
  private extras: Map<string, Inode | (() => Inode)> | undefined;

  constructor(readonly kernel: Kernel, sb: SuperBlock, readonly ns: PidNamespace, readonly task: Task) {
    const owner = { uid: task.cred.euid, gid: task.cred.egid };
    super(sb, 0o555, owner);
    this.owner = owner;
  }

  /** Reading a dead task's files fails (proc_pid_*'s get_pid_task returning NULL). */
  alive(): void { if (this.task.state === 'X') throw new KernelError('ESRCH'); }

  lookup(name: string): Inode | undefined {
    const i = INDEX.get(name);
    if (i !== undefined) {
      const made = this.made ??= new Array<Inode | undefined>(ENTRIES.length);
      return made[i] ??= ENTRIES[i][1](this);
    }
    const extras = this.extraEntries();
    const e = extras.get(name);
    if (typeof e !== 'function') return e;
    const inode = e();
    extras.set(name, inode);
    return inode;
  }

  list(): string[] { return [...INDEX.keys(), ...this.extraEntries().keys()]; }

  private extraEntries(): Map<string, Inode | (() => Inode)> {
    return this.extras ??= new Map(Object.entries(this.kernel.procPidExtras(this.sb, this.task)));
  }

  link(): void { throw new KernelError('EACCES'); }
  unlink(): void { throw new KernelError('EACCES'); }
  makeFile(): Inode { throw new KernelError('EACCES'); }
}

/**
 * A read-only /proc/PID file. Its text comes from a function shared by every task's file, given the
 * directory: no closure per file (ps reads three files of every process, and each closure was one
 * more object to fetch from memory).
 */
class PidFile extends GenBase implements FileInode {
  readonly type = 'file' as const;
  readonly generated = true;
  constructor(private readonly dir: PidDir, private readonly gen: (d: PidDir, ctx: AccessContext) => string, mode: number) {
    super(dir.sb, mode, dir.owner);
  }
  read(ctx: AccessContext): string { return this.gen(this.dir, ctx); }
  write(): void { throw new KernelError('EACCES'); }
  /** procfs files report size 0, as on Linux. */
  size(): number { return 0; }
}

/** argv as the process's memory holds it: each argument followed by a NUL. */
function nulTerminated(argv: readonly string[]): string {
  let out = '';
  for (let i = 0; i < argv.length; i++) out += argv[i] + '\0';
  return out;
}

function fdDir(sb: SuperBlock, t: Task, owner: { uid: number; gid: number }): Inode {
  return new GenDir(sb, () => ({}), 0o500, owner, {
    list: (ctx) => guarded(ctx, t, () => (t.fdTable ? t.fdTable.list().map(String) : [])),
    lookup: (name, ctx) => guarded(ctx, t, () => {
      if (!/^\d+$/.test(name) || !t.fdTable?.has(Number(name))) return undefined;
      const f = t.fdTable.get(Number(name));
      return new GenLink(sb, () => f.name, () => f.ref, owner);
    }),
  });
}
