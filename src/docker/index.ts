import type { Kernel } from '../kernel/Kernel.ts';
import type { NetApi } from '../kernel/net/api.ts';
import { Sys } from '../kernel/syscalls/Sys.ts';
import type { Task } from '../kernel/task/Task.ts';
import { checkAccess, type Inode } from '../kernel/vfs/inode.ts';
import { PathWalker } from '../kernel/vfs/path.ts';
import { TmpDir, TmpFile, mkdirp } from '../kernel/vfs/tmpfs.ts';
import { ConnectError } from '../userland/commands/docker/api.ts';
import { loadCatalog } from './images/catalog.ts';
import { ImageStore, parseRef } from './images/store.ts';
import { ClientApi } from './engine/api.ts';
import { registerShimCtl } from './engine/ctl.ts';
import { Engine } from './engine/Engine.ts';
import { exists, mkdirs } from './engine/hostfs.ts';
import { containerdShim, BUNDLE_ROOT } from './engine/shim.ts';
import { VolumeStore } from './engine/volumes.ts';
import { NetworkManager } from './network/NetworkManager.ts';
import { installNat } from './network/nat.ts';
import { dockerProxy } from './network/proxy.ts';
import { iso } from './engine/time.ts';

export interface DockerOptions {
  /** Images already pulled when the machine boots (the article's VM had rust:latest). */
  preload?: string[];
}

const engines = new WeakMap<Kernel, Engine>();

/** The engine running on `kernel` (tests and the UI's map look at its state). */
export function engineOf(kernel: Kernel): Engine | undefined { return engines.get(kernel); }

/**
 * Start dockerd on a booted host: the fixture tasks `dockerd` and `containerd` become the daemon,
 * its state directories and /run/docker.sock (root:docker 0660, so only root and the docker group
 * may talk to it) are created, and `sys.ext('docker')` / `sys.ext('containerd')` start answering.
 */
export function startDockerEngine(kernel: Kernel, roles: Map<string, Task>, opts: DockerOptions = {}): Engine | null {
  const dockerd = roles.get('dockerd');
  const containerd = [...kernel.tasks].find((t) => t.comm === 'containerd' && t.pidNs === kernel.initPidNs);
  if (!dockerd || !containerd) return null;
  const hostRoot = kernel.initNsProxy.mnt.root.root;
  if (!(hostRoot instanceof TmpDir)) return null;
  installShim(kernel, hostRoot);
  const store = new ImageStore(kernel, loadCatalog(), hostRoot);
  const engine = new Engine(kernel, dockerd, containerd, store);
  engine.networks = new NetworkManager(engine);
  engine.volumes = new VolumeStore(engine);
  const sys = new Sys(kernel, dockerd);
  for (const [d, mode] of [['/var/lib/docker', 0o710], ['/var/lib/docker/containers', 0o710], ['/var/lib/docker/overlay2', 0o710],
    ['/var/lib/docker/overlay2/l', 0o700], ['/var/lib/docker/image/overlay2', 0o700], ['/var/lib/docker/volumes', 0o701],
    ['/var/lib/docker/network/files', 0o750], ['/var/lib/docker/tmp', 0o700], ['/run/docker/netns', 0o755], [BUNDLE_ROOT, 0o711]] as Array<[string, number]>) {
    mkdirs(sys, d, mode);
    sys.chmod(d, mode);
  }
  if (!exists(sys, '/var/run')) sys.symlink('../run', '/var/run');
  const sock = createSocket(kernel, sys);
  // dockerd turns on forwarding and writes its nat rules when it starts.
  sys.writeFile('/proc/sys/net/ipv4/ip_forward', '1').catch(() => undefined);
  installNat(kernel, engine);
  for (const ref of opts.preload ?? ['rust:latest']) {
    const spec = store.remote(ref);
    if (spec) { const { repo, tag } = parseRef(ref); store.add(spec, `${repo}:${tag}`); }
  }
  registerShimCtl(kernel, {
    created: async (key, pid, shim) => engine.pending.get(key)?.resolve(pid, shim) ?? false,
    failed: (key, msg) => engine.pending.get(key)?.fail(msg),
    stdin: (key, target) => engine.ios.get(key)?.setStdin(target),
    output: async (key, stream, data, shim) => {
      const io = engine.ios.get(key);
      io?.push(stream, data, engine.now());
      // json-file log driver: one JSON object per chunk in <id>-json.log.
      const c = engine.containers.get(key);
      if (c) sys.writeFile(`${c.dir}/${c.id}-json.log`, `${JSON.stringify({ log: data, stream, time: iso(engine.now()) })}\n`, true).catch(() => undefined);
      await io?.throttle(kernel, shim);
    },
    exited: (key, status) => engine.onExit.get(key)?.(status),
  });
  kernel.extensions.set('docker', (s) => connect(engine, sock, (s as Sys).task));
  kernel.ttyIdleChecks.push((tty) => engine.relaysIdle(tty));
  engines.set(kernel, engine);
  return engine;
}

/** The daemon's helper binaries in /usr/bin (the docker and containerd packages ship them). */
function installShim(kernel: Kernel, root: TmpDir): void {
  for (const [name, image] of [['containerd-shim-runc-v2', containerdShim], ['docker-proxy', dockerProxy]] as const) {
    kernel.programs.set(name, image);
    const f = new TmpFile(root.sb, '\x7fELF\x02\x01\x01\0', 0o755);
    f.program = name;
    mkdirp(root, 'usr/bin').entries.set(name, f);
  }
}

/** dockerd's API socket: a listening unix socket at /run/docker.sock, group docker, mode 0660. */
function createSocket(kernel: Kernel, sys: Sys): Inode {
  const path = '/run/docker.sock';
  try {
    const net = sys.extNow<NetApi>('net');
    const fd = net.socket('unix', 'stream');
    net.bind(fd, { family: 'unix', path });
    net.listen(fd, 4096);
  } catch {
    // No network stack: a placeholder file carries the same permissions.
    const run = new PathWalker(sys.task.fs.root, sys.task.fs.cwd, { task: sys.task }).resolve('/run').inode as TmpDir;
    if (!run.lookup(path.slice(5))) run.entries.set('docker.sock', new TmpFile(run.sb, '', 0o660));
  }
  let gid = 970;
  try {
    const groups = new PathWalker(sys.task.fs.root, sys.task.fs.cwd, { task: sys.task }).resolve('/etc/group').inode;
    const line = groups.type === 'file' ? groups.read({ task: sys.task }).split('\n').find((l) => l.startsWith('docker:')) : undefined;
    if (line) gid = Number(line.split(':')[2]);
  } catch { /* default gid */ }
  sys.chown(path, 0, gid);
  sys.chmod(path, 0o660);
  return new PathWalker(sys.task.fs.root, sys.task.fs.cwd, { task: sys.task }).resolve(path).inode;
}

/** connect(2) to /var/run/docker.sock in the caller's view: the socket's permissions decide. */
function connect(engine: Engine, sock: Inode, task: Task): ClientApi {
  let inode: Inode;
  try {
    inode = new PathWalker(task.fs.root, task.fs.cwd, { task }).resolve('/var/run/docker.sock').inode;
  } catch (e) {
    throw new ConnectError(e instanceof Error && e.message === 'Permission denied' ? 'EACCES' : 'ENOENT');
  }
  if (inode !== sock) throw new ConnectError('ENOENT');
  try { checkAccess(inode, { task }, 'w'); } catch { throw new ConnectError('EACCES'); }
  return new ClientApi(engine, task);
}
