import type { Kernel } from '../Kernel.ts';
import type { NetNamespace } from '../net/NetNamespace.ts';
import type { Inode, SuperBlock } from '../vfs/inode.ts';
import { anonDev } from '../vfs/tmpfs.ts';
import { GenDir, GenFile } from './nodes.ts';

/**
 * A minimal sysfs. Like Linux, /sys/class/net shows the devices of the network namespace that was
 * current when sysfs was mounted (subsystems add entries through Kernel.sysfsNetHooks).
 */
export function createSysfs(kernel: Kernel, net: NetNamespace): { root: Inode; sb: SuperBlock } {
  const sb: SuperBlock = { fstype: 'sysfs', source: 'sysfs', superOptions: '', dev: anonDev() };
  const empty = () => new GenDir(sb, () => ({}));
  const root = new GenDir(sb, () => ({
    block: empty, bus: empty, dev: empty, devices: empty, firmware: empty, module: empty, power: empty,
    class: () => new GenDir(sb, () => ({
      net: () => new GenDir(sb, () => ({}), 0o755, undefined, {
        list: () => kernel.sysfsNetNames(net),
        lookup: (name) => (kernel.sysfsNetNames(net).includes(name) ? empty() : undefined),
      }),
      tty: empty,
    })),
    fs: () => new GenDir(sb, () => ({ cgroup: empty })),
    kernel: () => new GenDir(sb, () => ({
      hostname: () => new GenFile(sb, (ctx) => `${ctx.task.nsproxy.uts.hostname}\n`),
    })),
  }), 0o555);
  return { root, sb };
}
