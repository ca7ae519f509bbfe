import { VirtualClock, WallClock } from '../kernel/clock.ts';
import { Kernel } from '../kernel/Kernel.ts';
import { MountNamespace } from '../kernel/vfs/MountNamespace.ts';
import { MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_STRICTATIME } from '../kernel/constants.ts';
import { userCreds } from '../kernel/task/Credentials.ts';
import { registerFilesystems, populateDev } from '../kernel/vfs/filesystems.ts';
import { Sys } from '../kernel/syscalls/Sys.ts';
import type { Task } from '../kernel/task/Task.ts';
import { TmpDevice, TmpDir, tmpfsSuper } from '../kernel/vfs/tmpfs.ts';
import { VT_COUNT } from '../kernel/tty/VirtualConsole.ts';
import { PROGRAMS, HOST_PROGRAMS } from '../userland/registry.ts';
import { defaultHostEnv } from './hostEnv.ts';
import type { HostProfile } from './profile.ts';
import { buildHostRootfs, installPrograms } from './rootfs.ts';
import { setupHostNetwork } from './hostNetwork.ts';
import { startDockerd } from '../docker/dockerd.ts';
import type { SandboxOptions } from './types.ts';

/** 2026-11-29 09:13 UTC: the virtual clock's default start (the article's `START 09:13`). */
export const DEFAULT_START = Date.UTC(2026, 10, 29, 9, 13, 0);

export interface BootedHost {
  kernel: Kernel;
  profile: HostProfile;
  /** Fixture tasks by role (sshd serves terminals; dockerd runs the engine). */
  roles: Map<string, Task>;
}

/**
 * Boot a kernel and reproduce a running host from its profile: mounts as systemd leaves them, then
 * every fixture process with its pid, parent, user and times.
 */
export function bootHost(profile: HostProfile, opts: SandboxOptions = {}): BootedHost {
  const now = opts.startTime ?? DEFAULT_START;
  const clock = opts.clock === 'wall' ? new WallClock() : new VirtualClock(now);
  const bootTime = clock.now() - profile.uptimeSeconds * 1000;
  const rootSb = { fstype: profile.rootfs.fstype, source: profile.rootfs.source, superOptions: '', dev: [8, 1] as [number, number] };
  const rootfs = buildHostRootfs(profile, rootSb, bootTime);
  const kernel = new Kernel({
    clock, seed: opts.seed ?? 1, host: defaultHostEnv(), hostname: profile.hostname, bootTime,
    rootfs: { inode: rootfs, sb: rootSb, flags: profile.rootfs.options.split(',') },
    release: profile.kernelRelease, version: profile.kernelVersion,
  });
  registerFilesystems(kernel);
  installPrograms(kernel, rootfs, '/usr/bin', PROGRAMS, HOST_PROGRAMS);
  const devSb = tmpfsSuper('dev', 'size=4010720k,nr_inodes=1002680,mode=755,inode64', 'devtmpfs');
  const devRoot = new TmpDir(devSb, 0o755);
  populateDev(devRoot);
  // The VM's virtual consoles (devtmpfs has tty0..tty63, root:tty 0620; tty0 is the current one).
  for (let n = 0; n < VT_COUNT; n++) devRoot.entries.set(`tty${n}`, new TmpDevice(devSb, [4, n], 0o620, 0, 5));
  kernel.devtmpfs = { root: devRoot, sb: devSb };

  const roles = new Map<string, Task>();
  const byPid = new Map<number, Task>();
  const uidOf = (name: string) => profile.users.find((u) => u.name === name)!;
  for (const p of profile.processes) {
    const u = uidOf(p.user);
    const parent = byPid.get(p.ppid) ?? null;
    const t = kernel.spawnInitial({
      pidNr: p.pid, parent, comm: p.comm, argv: p.kthread ? [] : p.args ?? [p.comm], cred: userCreds(u.uid, u.gid),
      kthread: p.kthread, startTime: bootTime + p.start * 1000,
      session: p.stat.includes('s') ? undefined : parent ?? undefined,
      pgrp: p.stat.includes('s') ? undefined : parent ?? undefined,
    });
    t.state = p.stat[0] as Task['state'];
    t.cpuMs = p.cpu * 1000;
    t.vszKb = p.vsz ?? 0;
    t.rssKb = p.rss ?? 0;
    t.nlwp = p.nlwp ?? (p.stat.includes('l') ? 2 : 1);
    t.nice = p.stat.includes('N') ? 5 : p.stat.includes('<') ? -20 : 0;
    t.exe = p.args?.[0]?.startsWith('/') ? p.args[0] : '';
    if (p.mntns === 'devtmpfs') {
      // The kernel's devtmpfsd runs in a private mount namespace with devtmpfs as its root.
      const ns = MountNamespace.create(4026531860, kernel.initUserNs, devRoot, devSb, ['rw', 'relatime']);
      t.nsproxy = { ...t.nsproxy, mnt: ns };
      t.fs = { ...t.fs, root: { mnt: ns.root, inode: devRoot }, cwd: { mnt: ns.root, inode: devRoot, path: '/' } };
    }
    const vt = /^tty(\d+)$/.exec(p.tty ?? '');
    if (vt) {
      // agetty's controlling terminal: it leads the console's session and is its foreground group.
      const tty = kernel.console(Number(vt[1]));
      t.ctty = tty;
      tty.session = t.session;
      tty.fgPgrp = t.pgrp;
    }
    byPid.set(p.pid, t);
    if (p.role) roles.set(p.role, t);
  }
  mountHostFilesystems(kernel, byPid.get(1)!);
  setupHostNetwork(kernel, profile, opts.deferLoadsUntil);
  startDockerd(kernel, roles, opts.deferLoadsUntil);
  return { kernel, profile, roles };
}

/** What systemd mounts early at boot (the API filesystems), done through mount(2) as pid 1. */
function mountHostFilesystems(kernel: Kernel, init: Task): void {
  const sys = new Sys(kernel, init);
  sys.mount('proc', '/proc', 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  sys.mount('sys', '/sys', 'sysfs', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  sys.mount('dev', '/dev', 'devtmpfs', MS_NOSUID);
  sys.mount('devpts', '/dev/pts', 'devpts', MS_NOSUID | MS_NOEXEC, 'gid=5,mode=620,ptmxmode=000');
  sys.mount('shm', '/dev/shm', 'tmpfs', MS_NOSUID | MS_NODEV | MS_STRICTATIME, 'inode64');
  sys.mount('run', '/run', 'tmpfs', MS_NOSUID | MS_NODEV | MS_STRICTATIME, 'size=1609848k,mode=755,inode64');
  sys.mkdir('/run/netns', 0o755);
  sys.mkdir('/run/docker', 0o700);
  sys.mkdir('/run/user', 0o755);
  sys.mount('cgroup2', '/sys/fs/cgroup', 'cgroup2', MS_NOSUID | MS_NODEV | MS_NOEXEC, 'nsdelegate,memory_recursiveprot');
  sys.mount('mqueue', '/dev/mqueue', 'mqueue', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  sys.mount('tmpfs', '/tmp', 'tmpfs', MS_NOSUID | MS_NODEV, 'size=4024620k,nr_inodes=1048576,inode64');
}
