import { DaemonError, type CreateRequest } from '../../userland/commands/docker/api.ts';
import { parseRef } from '../images/store.ts';
import { containerCaps } from './caps.ts';
import { Container, type ContainerConfig, type HostConfig } from './Container.ts';
import type { Engine } from './Engine.ts';
import { mkdirs } from './hostfs.ts';
import { parseMounts } from './mounts.ts';
import { randomName } from './names.ts';

/** Merge KEY=VALUE lists: later entries replace earlier ones with the same key (ReplaceOrAppendEnvValues). */
export function mergeEnv(base: string[], over: string[]): string[] {
  const out = [...base];
  for (const e of over) {
    const key = e.includes('=') ? e.slice(0, e.indexOf('=')) : e;
    const i = out.findIndex((x) => (x.includes('=') ? x.slice(0, x.indexOf('=')) : x) === key);
    if (i >= 0) out[i] = e; else out.push(e);
  }
  return out;
}

const NAME_RE = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

function checkMode(kind: string, v: string, allowed: string[]): void {
  if (v === '' || allowed.includes(v) || v.startsWith('container:')) return;
  throw new DaemonError(400, `invalid ${kind} mode: ${v}`);
}

/**
 * ContainerCreate (daemon/create.go): resolve the image, merge its config with the request, pick
 * an id and a name, and lay out the container's files: /var/lib/docker/containers/<id>/ and its
 * overlay2 layer (plus the `-init` layer Docker puts under it, holding /.dockerenv and the
 * mountpoints for /etc/hosts and friends).
 */
export async function createContainer(engine: Engine, req: CreateRequest): Promise<Container> {
  const ref = req.Image;
  const img = engine.store.resolve(ref);
  if (!img) {
    const { repo, tag } = parseRef(ref);
    throw new DaemonError(404, `No such image: ${/^[0-9a-f]{12,64}$/.test(ref) ? ref : `${repo}:${tag}`}`);
  }
  let name = req.name?.replace(/^\//, '');
  if (name !== undefined && name !== '') {
    if (!NAME_RE.test(name)) throw new DaemonError(400, `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    const other = engine.lookup(name);
    if (other && other.name === name) {
      throw new DaemonError(409, `Conflict. The container name "/${name}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    }
  } else {
    name = randomName(engine.kernel.random, (n) => engine.nameTaken(n));
  }
  const h = req.HostConfig ?? {};
  let networkMode = h.NetworkMode || 'bridge';
  if (networkMode === 'default') networkMode = 'bridge';
  checkMode('PID', h.PidMode ?? '', ['host']);
  checkMode('IPC', h.IpcMode ?? '', ['host', 'private', 'shareable', 'none']);
  checkMode('UTS', h.UTSMode ?? '', ['host']);
  if (networkMode.startsWith('container:') && req.Hostname) throw new DaemonError(400, 'conflicting options: hostname and the network mode');
  const network = ['host', 'none'].includes(networkMode) || networkMode.startsWith('container:') ? null : engine.networks.find(networkMode);
  // Validate capabilities now, as the daemon does (an unknown name is a create error).
  containerCaps(!!h.Privileged, h.CapAdd ?? null, h.CapDrop ?? null);
  const ic = img.spec.config;
  const id = engine.newId();
  const entrypoint = req.Entrypoint !== undefined ? (req.Entrypoint && req.Entrypoint.length ? req.Entrypoint : null) : ic.Entrypoint;
  // An --entrypoint given without a command drops the image's CMD.
  const cmd = req.Cmd && req.Cmd.length ? req.Cmd : req.Entrypoint !== undefined ? null : ic.Cmd;
  if (!entrypoint?.length && !cmd?.length) throw new DaemonError(400, 'no command specified');
  let hostname = req.Hostname ?? '';
  if (!hostname && networkMode === 'host' && h.UTSMode !== 'host') hostname = engine.sys.uname().nodename;
  if (!hostname) hostname = id.slice(0, 12);
  const config: ContainerConfig = {
    Hostname: hostname, Domainname: '', User: req.User ?? ic.User ?? '',
    AttachStdin: !!req.AttachStdin, AttachStdout: req.AttachStdout ?? true, AttachStderr: req.AttachStderr ?? true,
    ExposedPorts: { ...(ic.ExposedPorts ?? {}), ...(req.ExposedPorts ?? {}) },
    Tty: !!req.Tty, OpenStdin: !!req.OpenStdin, StdinOnce: !!req.StdinOnce,
    Env: mergeEnv(ic.Env, req.Env ?? []), Cmd: cmd, Image: ref, Volumes: null,
    WorkingDir: req.WorkingDir || ic.WorkingDir || '', Entrypoint: entrypoint, Labels: { ...(ic.Labels ?? {}), ...(req.Labels ?? {}) },
    ...(ic.StopSignal ? { StopSignal: ic.StopSignal } : {}),
  };
  if (config.ExposedPorts && Object.keys(config.ExposedPorts).length === 0) delete config.ExposedPorts;
  const hostConfig: HostConfig = {
    Binds: h.Binds?.length ? h.Binds : null, Mounts: h.Mounts ?? [], Tmpfs: h.Tmpfs && Object.keys(h.Tmpfs).length ? h.Tmpfs : null,
    NetworkMode: networkMode, PidMode: h.PidMode ?? '', IpcMode: h.IpcMode || 'private', UTSMode: h.UTSMode ?? '',
    Privileged: !!h.Privileged, ReadonlyRootfs: !!h.ReadonlyRootfs, AutoRemove: !!h.AutoRemove, PublishAllPorts: !!h.PublishAllPorts,
    CapAdd: h.CapAdd?.length ? h.CapAdd : null, CapDrop: h.CapDrop?.length ? h.CapDrop : null,
    PortBindings: h.PortBindings ?? {}, RestartPolicy: h.RestartPolicy ?? { Name: 'no', MaximumRetryCount: 0 },
  };
  const mounts = parseMounts(engine, h);
  const c = new Container(id, name, engine.now(), img, ref, config, hostConfig, req);
  c.mounts.push(...mounts);
  await layoutFiles(engine, c);
  engine.containers.set(id, c);
  if (network) engine.networks.join(c, network);
  else if (networkMode === 'host' || networkMode === 'none') engine.networks.join(c, engine.networks.find(networkMode));
  return c;
}

/** Docker's overlay2 short link names: 26 upper-case letters and digits. */
function shortLink(engine: Engine): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let s = '';
  for (let i = 0; i < 26; i++) s += A[engine.kernel.random.int(32)];
  return s;
}

async function layoutFiles(engine: Engine, c: Container): Promise<void> {
  const sys = engine.sys;
  c.layerId = engine.kernel.random.hex(64);
  c.layerShort = shortLink(engine);
  c.initShort = shortLink(engine);
  const ov = '/var/lib/docker/overlay2';
  const init = `${ov}/${c.layerId}-init`;
  const lowers = engine.store.lowerDirs(c.image.spec).map((p) => p.replace(`${ov}/`, ''));
  for (const [dir, short, lower] of [[init, c.initShort, lowers.join(':')], [`${ov}/${c.layerId}`, c.layerShort, [`l/${c.initShort}`, ...lowers].join(':')]]) {
    mkdirs(sys, `${dir}/diff`);
    mkdirs(sys, `${dir}/work`, 0o700);
    await sys.writeFile(`${dir}/link`, short);
    await sys.writeFile(`${dir}/lower`, lower);
    sys.symlink(`../${dir.slice(ov.length + 1)}/diff`, `${ov}/l/${short}`);
  }
  // The -init layer: what every container gets on top of its image.
  for (const d of ['dev/pts', 'dev/shm', 'etc', 'proc', 'sys']) mkdirs(sys, `${init}/diff/${d}`);
  for (const f of ['.dockerenv', 'dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf']) await sys.writeFile(`${init}/diff/${f}`, '');
  sys.symlink('/proc/mounts', `${init}/diff/etc/mtab`);
  mkdirs(sys, c.dir, 0o710);
  mkdirs(sys, `${c.dir}/checkpoints`, 0o700);
  mkdirs(sys, `${c.dir}/mounts`, 0o710);
  await sys.writeFile(`${c.dir}/hostname`, `${c.config.Hostname}\n`);
  await sys.writeFile(`${c.dir}/${c.id}-json.log`, '');
}
