import { KernelError } from '../errno.ts';
import type { Kernel } from '../Kernel.ts';
import type { PidNamespace } from '../ns/PidNamespace.ts';
import type { AccessContext, Inode, SuperBlock } from '../vfs/inode.ts';
import { anonDev } from '../vfs/tmpfs.ts';
import { GenDir, GenFile, GenLink } from './nodes.ts';
import { procSysvipc } from '../ipc/procSysvipc.ts';
import { PidDir } from './pid/PidDir.ts';
import { sysDir } from './sys.ts';
import { PROC_FILESYSTEMS, procCpuinfo, procLoadavg, procMeminfo, procStatFile, procUptime, procVersion } from './system.ts';

/**
 * procfs (fs/proc): a view generated on every lookup and read for the pid namespace it was mounted
 * for. A task outside that namespace (or its descendants) has no directory here; that is the whole of
 * `ps` isolation.
 */
export function createProcfs(kernel: Kernel, ns: PidNamespace): { root: Inode; sb: SuperBlock } {
  const sb: SuperBlock = { fstype: 'proc', source: 'proc', superOptions: '', dev: anonDev() };
  const pidLookup = (name: string) => {
    const nr = pidNumber(name);
    if (nr < 0) return undefined;
    const t = ns.tasks.get(nr);
    if (t === undefined || t.state === 'X') return undefined;
    return t.pid.procDirOf(sb) ?? t.pid.addProcDir(new PidDir(kernel, sb, ns, t));
  };
  const selfPid = (ctx: AccessContext) => {
    const nr = ctx.task.pid.nrIn(ns);
    if (!nr) throw new KernelError('ENOENT');
    return String(nr);
  };
  const file = (gen: (ctx: AccessContext) => string) => () => new GenFile(sb, gen);
  // Fixed entries, built once: GenDir consults them for every name that is not a pid.
  let entries: Map<string, () => Inode> | undefined;
  const root = new ProcRoot(pidLookup, sb, () => entries ??= new Map(Object.entries({
    self: () => new GenLink(sb, selfPid),
    'thread-self': () => new GenLink(sb, (ctx) => `${selfPid(ctx)}/task/${selfPid(ctx)}`),
    mounts: () => new GenLink(sb, () => 'self/mounts'),
    net: () => new GenLink(sb, () => 'self/net'),
    uptime: file(() => procUptime(kernel)),
    loadavg: file(() => procLoadavg(kernel, ns)),
    meminfo: file(() => procMeminfo(kernel)),
    stat: file(() => procStatFile(kernel)),
    cpuinfo: file(() => procCpuinfo()),
    version: file(() => procVersion(kernel)),
    filesystems: file(() => PROC_FILESYSTEMS),
    cmdline: file(() => 'BOOT_IMAGE=/boot/vmlinuz-linux root=UUID=7c1b5e2a rw net.ifnames=0\n'),
    sys: () => sysDir(kernel, sb),
    sysvipc: () => new GenDir(sb, () => ({
      msg: file((ctx) => procSysvipc('msg', ctx.task)), shm: file((ctx) => procSysvipc('shm', ctx.task)), sem: file((ctx) => procSysvipc('sem', ctx.task)),
    })),
    // Entries Docker masks or makes read-only in containers (runc's maskedPaths/readonlyPaths skip absent ones).
    acpi: () => new GenDir(sb, () => ({ wakeup: file(() => 'Device\tS-state\t  Status   Sysfs node\n') })),
    bus: () => new GenDir(sb, () => ({ input: () => new GenDir(sb, () => ({})), pci: () => new GenDir(sb, () => ({})) })),
    fs: () => new GenDir(sb, () => ({ ext4: () => new GenDir(sb, () => ({})) })),
    irq: () => new GenDir(sb, () => ({ default_smp_affinity: file(() => '3\n') })),
    interrupts: file(() => '           CPU0       CPU1       \n  0:         36          0   IO-APIC   2-edge      timer\n  1:          9          0   IO-APIC   1-edge      i8042\n'),
    keys: file(() => ''),
    timer_list: file(() => 'Timer List Version: v0.9\nHRTIMER_MAX_CLOCK_BASES: 8\n'),
  })), 0o555, undefined, {
    list: () => {
      // One pass over the namespace's pids, no pair per task (ps lists /proc once per run).
      const nrs: number[] = [];
      for (const [nr, t] of ns.tasks) if (t.state !== 'X') nrs.push(nr);
      return nrs.sort((a, b) => a - b).map(String);
    },
    lookup: () => undefined,
  });
  return { root, sb };
}

/**
 * The procfs root: a name is tried as a pid before the fixed entries, as proc_root_lookup does
 * (fs/proc/root.c), so `/proc/PID/...` costs one lookup in the pid namespace and no table misses.
 */
export class ProcRoot extends GenDir {
  constructor(private readonly pids: (name: string) => Inode | undefined, ...rest: ConstructorParameters<typeof GenDir>) { super(...rest); }
  override lookup(name: string, ctx: AccessContext): Inode | undefined {
    return this.pids(name) ?? super.lookup(name, ctx);
  }
}

/** name_to_int (fs/proc/base.c): a pid in decimal without leading zeros (`/proc/01` is no entry), else -1. */
function pidNumber(name: string): number {
  const n = name.length;
  if (n === 0 || n > 9 || (name.charCodeAt(0) === 48 && n > 1)) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = name.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
