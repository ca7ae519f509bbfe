import type { Container, MountPoint } from './Container.ts';

/**
 * The OCI runtime spec dockerd hands containerd (bundle/config.json), trimmed to what runc uses
 * here. Built the way moby's daemon/oci_linux.go does: the default mounts of oci/defaults.go, then
 * the container's own mounts sorted by path depth, Docker's masked and read-only paths, the
 * namespaces each --pid/--network/--ipc/--uts mode asks for.
 */
export type NsKind = 'pid' | 'network' | 'ipc' | 'uts' | 'mount' | 'cgroup';

export interface OciMount { destination: string; type: string; source: string; options: string[] }

export interface OciSpec {
  ociVersion: string;
  process: {
    terminal: boolean;
    consoleSize?: { height: number; width: number };
    user: { uid: number; gid: number; additionalGids: number[] };
    args: string[];
    env: string[];
    cwd: string;
    capabilities: { bounding: string[]; effective: string[]; permitted: string[] };
  };
  root: { path: string; readonly: boolean };
  hostname: string;
  mounts: OciMount[];
  linux: {
    namespaces: Array<{ type: NsKind; path?: string }>;
    maskedPaths: string[];
    readonlyPaths: string[];
    rootfsPropagation: string;
    /** Docker's builtin seccomp profile (absent with --privileged). */
    seccomp?: 'builtin';
  };
  annotations: Record<string, string>;
}

export const MASKED_PATHS = [
  '/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
  '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap',
];
export const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

function defaultMounts(privileged: boolean): OciMount[] {
  const ro = privileged ? [] : ['ro'];
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', ...ro] },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: [...ro, 'nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
  ];
}

/** Mounts sort by the number of path components (daemon/volumes.go `mounts` Less), stably. */
const depth = (p: string) => p.split('/').filter(Boolean).length;

export interface SpecInput {
  rootfs: string;
  args: string[];
  env: string[];
  cwd: string;
  user: { uid: number; gid: number; additionalGids: number[] };
  caps: string[];
  hostname: string;
  namespaces: OciSpec['linux']['namespaces'];
  /** Bind mounts of the container's resolv.conf/hostname/hosts. */
  networkFiles: boolean;
  /** /dev/shm: a private tmpfs, or a bind of the host's (--ipc=host). */
  shm: 'tmpfs' | 'host' | 'none';
  mounts: MountPoint[];
  tmpfs: Record<string, string>;
  stdin: boolean;
}

export function buildSpec(c: Container, s: SpecInput): OciSpec {
  const hc = c.hostConfig;
  const own: OciMount[] = [];
  if (s.shm === 'tmpfs') own.push({ destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] });
  if (s.shm === 'host') own.push({ destination: '/dev/shm', type: 'bind', source: '/dev/shm', options: ['rbind', 'rprivate'] });
  if (s.networkFiles) {
    for (const f of ['resolv.conf', 'hostname', 'hosts']) own.push({ destination: `/etc/${f}`, type: 'bind', source: `${c.dir}/${f}`, options: ['rbind', 'rprivate'] });
  }
  for (const m of s.mounts) {
    if (m.Type === 'tmpfs') own.push({ destination: m.Destination, type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'noexec', ...(m.RW ? [] : ['ro'])] });
    else own.push({ destination: m.Destination, type: 'bind', source: m.Source, options: ['rbind', m.Propagation || 'rprivate', ...(m.RW ? [] : ['ro'])] });
  }
  for (const [dst, opts] of Object.entries(s.tmpfs)) {
    own.push({ destination: dst, type: 'tmpfs', source: 'tmpfs', options: ['noexec', 'nosuid', 'nodev', ...opts.split(',').filter(Boolean)] });
  }
  // Later mounts on the same destination win (a -v on /etc/hosts replaces Docker's own).
  const byDest = new Map<string, OciMount>();
  for (const m of own) { byDest.delete(m.destination); byDest.set(m.destination, m); }
  const sorted = [...byDest.values()].map((m, i) => ({ m, i })).sort((a, b) => depth(a.m.destination) - depth(b.m.destination) || a.i - b.i).map((x) => x.m);
  return {
    ociVersion: '1.2.0',
    process: {
      terminal: c.config.Tty,
      ...(c.request.HostConfig?.ConsoleSize ? { consoleSize: { height: c.request.HostConfig.ConsoleSize[0], width: c.request.HostConfig.ConsoleSize[1] } } : {}),
      user: s.user,
      args: s.args,
      env: s.env,
      cwd: s.cwd,
      capabilities: { bounding: s.caps, effective: s.caps, permitted: s.caps },
    },
    root: { path: s.rootfs, readonly: hc.ReadonlyRootfs },
    hostname: s.hostname,
    mounts: [...defaultMounts(hc.Privileged), ...sorted],
    linux: {
      namespaces: s.namespaces,
      maskedPaths: hc.Privileged ? [] : MASKED_PATHS,
      readonlyPaths: hc.Privileged ? [] : READONLY_PATHS,
      rootfsPropagation: 'rprivate',
      ...(hc.Privileged ? {} : { seccomp: 'builtin' as const }),
    },
    annotations: { 'nsbox.stdin': s.stdin ? 'true' : 'false', 'org.opencontainers.image.ref.name': c.imageRef },
  };
}
