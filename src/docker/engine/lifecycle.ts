import { MNT_DETACH, O_RDWR } from '../../kernel/constants.ts';
import { Sys } from '../../kernel/syscalls/Sys.ts';
import { DaemonError } from '../../userland/commands/docker/api.ts';
import { hostsFile, resolvConf } from '../network/files.ts';
import { publish, unpublish } from '../network/ports.ts';
import { containerCaps } from './caps.ts';
import type { Container } from './Container.ts';
import type { Engine } from './Engine.ts';
import { exists, mkdirs, removeAll } from './hostfs.ts';
import { BUNDLE_ROOT } from './shim.ts';
import { buildSpec, type OciSpec } from './spec.ts';
import { resolveUser } from './user.ts';

const SHIM = '/usr/bin/containerd-shim-runc-v2';

/** runc's error for a failed create, wrapped the way containerd and dockerd wrap it. */
export function createError(msg: string): DaemonError {
  return new DaemonError(500, `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${msg}: unknown`);
}

function other(engine: Engine, mode: string, what: string): Container {
  const ref = mode.slice('container:'.length);
  const o = engine.lookup(ref);
  if (!o) throw new DaemonError(404, `No such container: ${ref}`);
  if (!o.running) throw new DaemonError(409, `cannot join ${what} of a non running container: ${ref}`);
  return o;
}

/** The namespaces of the spec (daemon/oci_linux.go WithNamespaces). */
function namespaces(engine: Engine, c: Container): OciSpec['linux']['namespaces'] {
  const hc = c.hostConfig;
  const ns: OciSpec['linux']['namespaces'] = [{ type: 'mount' }];
  const join = (type: 'pid' | 'network' | 'ipc', mode: string, what: string) => {
    const o = other(engine, mode, what);
    ns.push({ type, path: `/proc/${o.state.Pid}/ns/${type === 'network' ? 'net' : type}` });
  };
  if (hc.NetworkMode.startsWith('container:')) join('network', hc.NetworkMode, 'network');
  else if (hc.NetworkMode !== 'host') ns.push({ type: 'network' });
  if (hc.UTSMode !== 'host') ns.push({ type: 'uts' });
  if (hc.IpcMode.startsWith('container:')) join('ipc', hc.IpcMode, 'IPC namespace');
  else if (hc.IpcMode !== 'host') ns.push({ type: 'ipc' });
  if (hc.PidMode.startsWith('container:')) join('pid', hc.PidMode, 'PID namespace');
  else if (hc.PidMode !== 'host') ns.push({ type: 'pid' });
  // cgroupns=host: the default for this (cgroup v1 era) daemon, as in the article and the captures.
  if (c.request.Labels?.['nsbox.cgroupns'] === 'private') ns.push({ type: 'cgroup' });
  return ns;
}

/** ContainerStart: rootfs, network files, OCI bundle, then containerd → shim → runc. */
export async function startContainer(engine: Engine, c: Container): Promise<void> {
  if (c.running) return;
  if (c.state.Status === 'removing' || !engine.containers.has(c.id)) throw new DaemonError(409, `container is marked for removal and cannot be started`);
  const sys = engine.sys;
  const hc = c.hostConfig;
  const ns = namespaces(engine, c);
  const merged = `${c.layerDir}/merged`;
  mkdirs(sys, merged, 0o755);
  const lower = (await sys.readFile(`${c.layerDir}/lower`)).split(':').map((l) => `/var/lib/docker/overlay2/${l}`).join(':');
  sys.mount('overlay', merged, 'overlay', 0, `lowerdir=${lower},upperdir=${c.layerDir}/diff,workdir=${c.layerDir}/work`);
  const netFrom = hc.NetworkMode.startsWith('container:') ? other(engine, hc.NetworkMode, 'network') : c;
  if (netFrom !== c) c.config.Hostname = netFrom.config.Hostname;
  try {
    engine.networks.allocate(c);
    await writeNetworkFiles(engine, c);
    const user = await resolveUser(sys, merged, c.config.User);
    const env = [`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, `HOSTNAME=${c.config.Hostname}`];
    if (c.config.Tty) env.push('TERM=xterm');
    let full = mergeKeep(env, c.config.Env);
    if (!full.some((e) => e.startsWith('HOME='))) full = [...full, `HOME=${user.home}`];
    const spec = buildSpec(c, {
      rootfs: merged, args: c.argv, env: full, cwd: c.config.WorkingDir || '/', user: { uid: user.uid, gid: user.gid, additionalGids: user.groups },
      caps: containerCaps(hc.Privileged, hc.CapAdd, hc.CapDrop),
      hostname: hc.UTSMode === 'host' ? '' : c.config.Hostname, namespaces: ns,
      networkFiles: true, shm: hc.IpcMode === 'host' ? 'host' : hc.IpcMode === 'none' ? 'none' : 'tmpfs',
      mounts: c.mounts, tmpfs: hc.Tmpfs ?? {}, stdin: c.config.OpenStdin,
    });
    if (netFrom !== c) for (const m of spec.mounts) if (m.source.startsWith(`${c.dir}/`)) m.source = m.source.replace(c.dir, netFrom.dir);
    const bundle = `${BUNDLE_ROOT}/${c.id}`;
    mkdirs(sys, bundle, 0o711);
    await sys.writeFile(`${bundle}/config.json`, JSON.stringify(spec));
  } catch (e) {
    cleanupRun(engine, c);
    throw e;
  }
  c.io.beginRun();
  engine.ios.set(c.id, c.io);
  const started = new Promise<void>((resolve, reject) => {
    engine.pending.set(c.id, {
      resolve: async (pid, shim) => {
        engine.pending.delete(c.id);
        c.shim = shim;
        Object.assign(c.state, { Status: 'running', Pid: pid, StartedAt: engine.now(), ExitCode: 0, Error: '' });
        // The shim's ResizePty: TIOCSWINSZ on the console master.
        if (c.config.Tty) c.io.resize = (cols, rows) => engine.consoleOf(pid)?.resize(cols, rows);
        try {
          await engine.networks.plumb(c, pid);
          publish(engine, c);
        } catch (e) {
          const err = e instanceof DaemonError ? e : new DaemonError(500, `failed to set up container networking: ${e instanceof Error ? e.message : String(e)}`);
          // The task is deleted (the shim kills it); the container stays created, with the error.
          Object.assign(c.state, { Status: 'created', Pid: 0, ExitCode: 128, Error: err.message });
          c.shim = null;
          c.io.endRun();
          cleanupRun(engine, c);
          reject(err);
          return false;
        }
        await refreshPeers(engine, c);
        resolve();
        return true;
      },
      fail: (msg) => {
        engine.pending.delete(c.id);
        c.state.ExitCode = /executable file not found|no such file or directory/.test(msg) ? 127 : /permission denied/.test(msg) ? 126 : 128;
        c.state.Error = createError(msg).message;
        c.io.endRun();
        cleanupRun(engine, c);
        reject(createError(msg));
        if (c.hostConfig.AutoRemove) void removeContainer(engine, c, { force: true, volumes: true });
      },
    });
  });
  engine.onExit.set(c.id, (status) => containerExited(engine, c, status));
  spawnShim(engine, c.id);
  await started;
}

/** containerd starts the shim and lets it go: the shim is reparented to PID 1. */
function spawnShim(engine: Engine, id: string): void {
  const argv = [SHIM, '-namespace', 'moby', '-id', id, '-address', '/run/containerd/containerd.sock'];
  const env = new Map([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/bin'], ['TMPDIR', `${BUNDLE_ROOT}/${id}`]]);
  new Sys(engine.kernel, engine.containerd).clone(async (mid) => {
    mid.clone((s) => {
      for (let i = 0; i < 3; i++) s.open('/dev/null', O_RDWR);
      return s.execve(SHIM, argv, env);
    }, { comm: 'containerd' });
    return 0;
  }, { comm: 'containerd' });
}

/** Keep base entries' positions, replacing values from `over`, then append the rest. */
function mergeKeep(base: string[], over: string[]): string[] {
  const key = (e: string) => e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('='));
  const out = base.map((b) => over.find((o) => key(o) === key(b)) ?? b);
  for (const o of over) if (!out.includes(o) && !base.some((b) => key(b) === key(o))) out.push(o);
  return out;
}

export async function writeNetworkFiles(engine: Engine, c: Container): Promise<void> {
  const sys = engine.sys;
  let hostResolv = '';
  try { hostResolv = await sys.readFile('/etc/resolv.conf'); } catch { /* none */ }
  const userNet = engine.networks.of(c).some((n) => n.userDefined);
  await sys.writeFile(`${c.dir}/resolv.conf`, resolvConf(hostResolv, userNet));
  await sys.writeFile(`${c.dir}/hostname`, `${c.config.Hostname}\n`);
  let hosts: string;
  if (c.hostConfig.NetworkMode === 'host') {
    try { hosts = await sys.readFile('/etc/hosts'); } catch { hosts = hostsFile(c, []); }
  } else hosts = hostsFile(c, engine.networks.peers(c));
  await sys.writeFile(`${c.dir}/hosts`, hosts);
}

/** Undo a run's host-side state: endpoints, the rootfs mount, the bundle. */
function cleanupRun(engine: Engine, c: Container): void {
  const sys = engine.sys;
  unpublish(engine, c);
  engine.networks.detach(c);
  try { sys.umount(`${c.layerDir}/merged`, MNT_DETACH); } catch { /* not mounted */ }
  removeAll(sys, `${BUNDLE_ROOT}/${c.id}`);
  engine.onExit.delete(c.id);
  engine.ios.delete(c.id);
}

/** The shim reported the init's exit (containerd TaskExit → daemon/monitor.go). */
export function containerExited(engine: Engine, c: Container, status: number): void {
  Object.assign(c.state, { Status: 'exited', ExitCode: status, FinishedAt: engine.now(), Pid: 0 });
  c.shim = null;
  c.stopping = false;
  c.io.endRun();
  for (const e of engine.execs.values()) if (e.container === c && e.running) { e.running = false; e.io.endRun(); }
  cleanupRun(engine, c);
  void refreshPeers(engine, c);
  c.wakeExit();
  if (c.hostConfig.AutoRemove) void removeContainer(engine, c, { force: true, volumes: true });
}

/** Other members of c's user networks see it come and go in their /etc/hosts. */
export async function refreshPeers(engine: Engine, c: Container): Promise<void> {
  for (const n of engine.networks.of(c).filter((x) => x.userDefined)) {
    for (const id of n.members.keys()) {
      const o = engine.containers.get(id);
      if (o && o !== c && o.running) await writeNetworkFiles(engine, o).catch(() => undefined);
    }
  }
}

/** ContainerRm: refuses a running container unless forced; files, layer and anonymous volumes go. */
export async function removeContainer(engine: Engine, c: Container, opts: { force?: boolean; volumes?: boolean }): Promise<void> {
  if (!engine.containers.has(c.id) || c.state.Status === 'removing') return;
  if (c.running) {
    if (!opts.force) throw new DaemonError(409, `cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
    killContainer(engine, c, 9);
    await new Promise<void>((r) => { if (!c.running) r(); else c.exitWaiters.add(r); });
    if (!engine.containers.has(c.id)) return;
  }
  c.state.Status = 'removing';
  const sys = engine.sys;
  for (const n of engine.networks.networks) engine.networks.leave(c, n);
  for (const dir of [c.dir, c.layerDir, `${c.layerDir}-init`]) removeAll(sys, dir);
  for (const s of [c.layerShort, c.initShort]) if (exists(sys, `/var/lib/docker/overlay2/l/${s}`)) sys.unlink(`/var/lib/docker/overlay2/l/${s}`);
  engine.containers.delete(c.id);
  if (opts.volumes) {
    for (const m of c.mounts) if (m.Type === 'volume' && m.Name && engine.volumes.volumes.get(m.Name)?.anonymous) engine.volumes.remove(m.Name, true);
  }
  const ws = [...c.removeWaiters];
  c.removeWaiters.clear();
  for (const w of ws) w();
}

/** ContainerKill: a signal to the init, through its shim. */
export function killContainer(engine: Engine, c: Container, sig: number): void {
  if (!c.running || !c.shim) throw new DaemonError(409, `Cannot kill container: ${c.name}: container ${c.id} is not running`);
  new Sys(engine.kernel, c.shim).kill(c.state.Pid, sig);
}
