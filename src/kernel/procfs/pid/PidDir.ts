import { KernelError } from '../../errno.ts';
import type { Kernel } from '../../Kernel.ts';
import { NS_FILES, type Namespace, type NsFile } from '../../ns/NsCommon.ts';
import type { PidNamespace } from '../../ns/PidNamespace.ts';
import type { Task } from '../../task/Task.ts';
import type { AccessContext, Inode, SuperBlock } from '../../vfs/inode.ts';
import { GenDir, GenFile, GenLink } from '../nodes.ts';
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

/** /proc/PID: one directory per task visible in the procfs's pid namespace. */
export function pidDir(kernel: Kernel, sb: SuperBlock, ns: PidNamespace, t: Task): Inode {
  const owner = { uid: t.cred.euid, gid: t.cred.egid };
  const file = (gen: (ctx: AccessContext) => string, mode = 0o444) => () => new GenFile(sb, gen, mode, owner);
  const alive = () => { if (t.state === 'X') throw new KernelError('ESRCH'); };
  // The entry table is fixed for the task's life: build it once, not on every lookup (ps walks
  // /proc/PID/{stat,status,cmdline} for every process).
  let entries: Map<string, () => Inode> | undefined;
  return new GenDir(sb, () => entries ??= new Map(Object.entries({
    stat: file(() => { alive(); return procStat(kernel, ns, t); }),
    status: file((ctx) => { alive(); return procStatus(ns, t, ctx.task.userNs); }),
    cmdline: file(() => (t.kthread || t.state === 'Z' ? '' : nulTerminated(t.argv))),
    comm: file(() => `${t.comm}\n`, 0o644),
    environ: file((ctx) => guarded(ctx, t, () => [...t.env].map(([k, v]) => `${k}=${v}\0`).join('')), 0o400),
    cgroup: file(() => '0::/\n'),
    mounts: file(() => procMounts(t)),
    mountinfo: file(() => procMountinfo(t)),
    loginuid: file(() => `${t.cred.uid === 0 ? 4294967295 : t.cred.uid}`),
    oom_score_adj: file(() => '0\n', 0o644),
    // user_namespaces(7): the task's user namespace's id maps, written once by unshare/newuidmap.
    uid_map: () => new GenFile(sb, () => formatIdMap(t.userNs, 'uid'), 0o644, owner, (data, ctx) => writeIdMap(ctx.task, t.userNs, 'uid', data)),
    gid_map: () => new GenFile(sb, () => formatIdMap(t.userNs, 'gid'), 0o644, owner, (data, ctx) => writeIdMap(ctx.task, t.userNs, 'gid', data)),
    setgroups: () => new GenFile(sb, () => `${t.userNs.setgroupsAllowed ? 'allow' : 'deny'}\n`, 0o644, owner, (data, ctx) => writeSetgroups(ctx.task, t.userNs, data)),
    cwd: () => new GenLink(sb, (ctx) => guarded(ctx, t, () => t.fs.cwd.path), (ctx) => guarded(ctx, t, () => t.fs.cwd), owner),
    root: () => new GenLink(sb, (ctx) => guarded(ctx, t, () => '/'), (ctx) => guarded(ctx, t, () => t.fs.root), owner),
    exe: () => new GenLink(sb, (ctx) => guarded(ctx, t, () => { if (!t.exe) throw new KernelError('ENOENT'); return t.exe; }), undefined, owner),
    fd: () => fdDir(sb, t, owner),
    ns: () => new GenDir(sb, () => Object.fromEntries(NS_FILES.map((name) => [name, () => new GenLink(sb,
      (ctx) => guarded(ctx, t, () => { const n = nsOfTask(t, name); return `${n.type}:[${n.inum}]`; }),
      (ctx) => guarded(ctx, t, () => ({ mnt: kernel.nsfs.mount, inode: kernel.nsfs.inode(nsOfTask(t, name)) })), owner)])), 0o511, owner),
    ...kernel.procPidExtras(sb, t),
  })), 0o555, owner);
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
