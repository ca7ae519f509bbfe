import { KernelError } from '../errno.ts';
import type { Kernel } from '../Kernel.ts';
import type { Namespace } from '../ns/NsCommon.ts';
import { ownerCapable } from '../ns/userns.ts';
import type { AccessContext, Inode, SuperBlock } from '../vfs/inode.ts';
import { GenDir, GenFile } from './nodes.ts';

/**
 * A sysctl that root may write (proc_dostring / proc_dointvec), checked against CAP_SYS_ADMIN over the
 * namespace it belongs to (the reader's UTS namespace unless said otherwise).
 */
function sysctl(sb: SuperBlock, read: (ctx: AccessContext) => string, write?: (v: string, ctx: AccessContext) => void,
  ns: (ctx: AccessContext) => Namespace = (ctx) => ctx.task.nsproxy.uts): () => Inode {
  return () => new GenFile(sb, (ctx) => `${read(ctx)}\n`, write ? 0o644 : 0o444, undefined, write && ((data, ctx) => {
    if (!ownerCapable(ctx.task, ns(ctx), 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
    write(data.replace(/\n$/, ''), ctx);
  }));
}

/** /proc/sys: the sysctls tools read, each answering for the reader's namespaces. */
export function sysDir(kernel: Kernel, sb: SuperBlock): Inode {
  const kernelDir = () => new GenDir(sb, () => ({
    hostname: sysctl(sb, (ctx) => ctx.task.nsproxy.uts.hostname, (v, ctx) => {
      if (v.length > 64) throw new KernelError('EINVAL');
      (ctx.task.nsproxy.uts as { hostname: string }).hostname = v;
    }),
    domainname: sysctl(sb, (ctx) => ctx.task.nsproxy.uts.domainname, (v, ctx) => {
      (ctx.task.nsproxy.uts as { domainname: string }).domainname = v;
    }),
    ostype: sysctl(sb, () => 'Linux'),
    osrelease: sysctl(sb, () => kernel.release),
    version: sysctl(sb, () => kernel.version),
    // Linux ≥ 6.14: pid_max is per pid namespace (the reader's).
    pid_max: sysctl(sb, (ctx) => String(ctx.task.pidNs.pidMax), (v, ctx) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 301 || n > 4194304) throw new KernelError('EINVAL');
      ctx.task.pidNs.pidMax = n;
    }, (ctx) => ctx.task.pidNs),
    'threads-max': sysctl(sb, () => String(kernel.maxTasks)),
  }));
  return new GenDir(sb, () => ({
    kernel: kernelDir,
    net: () => new GenDir(sb, () => kernel.procSysNetEntries(sb)),
  }));
}
