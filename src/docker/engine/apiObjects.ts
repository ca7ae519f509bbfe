import type { Task } from '../../kernel/task/Task.ts';
import { DaemonError, type ImageSummary, type Json, type PullEvent } from '../../userland/commands/docker/api.ts';
import { parseRef } from '../images/store.ts';
import { unplumb } from '../network/veth.ts';
import type { Engine } from './Engine.ts';
import { imageSummary, inspectImage } from './inspect.ts';
import { refreshPeers, writeNetworkFiles } from './lifecycle.ts';
import { iso } from './time.ts';

export const VERSION = {
  client: '28.2.2', clientCommit: 'e6534b4', api: '1.50', minApi: '1.24', go: 'go1.24.3', server: '28.2.2', serverCommit: '45873be',
  containerd: '2.1.1', containerdCommit: 'cb1076646aa3740577fafbf3d914198b7fe8e3f7', runc: '1.2.6', runcCommit: 'v1.2.6-0-ge89a299', initVersion: '0.19.0',
};

/** Images, networks, volumes and the system endpoints of the Engine API. */
export class ObjectsApi {
  constructor(readonly engine: Engine, readonly who: Task) {}

  version(): Record<string, Json> {
    const k = this.engine.kernel;
    return {
      Platform: { Name: 'Docker Engine - Community' },
      Components: [
        { Name: 'Engine', Version: VERSION.server, Details: { ApiVersion: VERSION.api, Arch: 'amd64', BuildTime: '2025-05-30T12:07:26.000000000+00:00', Experimental: 'false', GitCommit: VERSION.serverCommit, GoVersion: VERSION.go, KernelVersion: k.release, MinAPIVersion: VERSION.minApi, Os: 'linux' } },
        { Name: 'containerd', Version: VERSION.containerd, Details: { GitCommit: VERSION.containerdCommit } },
        { Name: 'runc', Version: VERSION.runc, Details: { GitCommit: VERSION.runcCommit } },
        { Name: 'docker-init', Version: VERSION.initVersion, Details: { GitCommit: 'de40ad0' } },
      ],
      Version: VERSION.server, ApiVersion: VERSION.api, MinAPIVersion: VERSION.minApi, GitCommit: VERSION.serverCommit, GoVersion: VERSION.go,
      Os: 'linux', Arch: 'amd64', KernelVersion: k.release, BuildTime: '2025-05-30T12:07:26.000000000+00:00',
    };
  }

  info(): Record<string, Json> {
    const cs = [...this.engine.containers.values()];
    const sys = this.engine.sys;
    const u = sys.uname();
    return {
      ID: 'a6f1c8e2-3b7d-4c55-9e2a-0d4b7f1e6c39', Containers: cs.length, ContainersRunning: cs.filter((c) => c.running).length,
      ContainersPaused: cs.filter((c) => c.state.Status === 'paused').length, ContainersStopped: cs.filter((c) => !c.running).length,
      Images: this.engine.store.images.size, Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'], Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'] },
      MemoryLimit: true, SwapLimit: true, CpuCfsPeriod: true, CpuCfsQuota: true, IPv4Forwarding: true, Debug: false, NFd: 24, NGoroutines: 42,
      SystemTime: iso(this.engine.now()), LoggingDriver: 'json-file', CgroupDriver: 'systemd', CgroupVersion: '1', NEventsListener: 0,
      KernelVersion: u.release, OperatingSystem: 'Arch Linux', OSVersion: '', OSType: 'linux', Architecture: 'x86_64', NCPU: 2,
      MemTotal: 8232177664, DockerRootDir: '/var/lib/docker', Name: u.nodename, ServerVersion: VERSION.server,
      Runtimes: { runc: { path: 'runc' } }, DefaultRuntime: 'runc', Swarm: { LocalNodeState: 'inactive' }, LiveRestoreEnabled: false,
      Isolation: '', InitBinary: 'docker-init', SecurityOptions: ['name=seccomp,profile=builtin'],
      ContainerdCommit: { ID: VERSION.containerdCommit }, RuncCommit: { ID: VERSION.runcCommit }, InitCommit: { ID: 'de40ad0' },
    };
  }

  imageList(): ImageSummary[] {
    return [...this.engine.store.images.values()].map(imageSummary).sort((a, b) => b.Created - a.Created);
  }

  /** ImagePull: "Docker Hub" is the fixture catalog; downloading is instant. */
  async imagePull(ref: string): Promise<PullEvent[]> {
    const { repo, tag } = parseRef(ref);
    const store = this.engine.store;
    const spec = store.remote(ref);
    if (!spec) {
      if (store.catalog.images.some((i) => i.repository === repo)) throw new DaemonError(404, `manifest for ${repo}:${tag} not found: manifest unknown: manifest unknown`);
      throw new DaemonError(404, `pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
    }
    const events: PullEvent[] = [{ id: tag, status: `Pulling from library/${repo}` }];
    const have = new Set([...store.images.values()].flatMap((i) => i.spec.layers));
    const fresh = spec.layers.filter((l) => !have.has(l));
    for (const l of spec.layers) if (have.has(l)) events.push({ id: store.catalog.layers[l].id.slice(7, 19), status: 'Already exists' });
    for (const l of fresh) events.push({ id: store.catalog.layers[l].id.slice(7, 19), status: 'Pulling fs layer' });
    for (const l of fresh) {
      const id = store.catalog.layers[l].id.slice(7, 19);
      events.push({ id, status: 'Verifying Checksum' }, { id, status: 'Download complete' });
    }
    for (const l of fresh) events.push({ id: store.catalog.layers[l].id.slice(7, 19), status: 'Pull complete' });
    const changed = store.add(spec, `${repo}:${tag}`);
    if (!changed && !fresh.length) return [{ id: tag, status: `Pulling from library/${repo}` }, { status: `Digest: ${spec.digest}` }, { status: `Status: Image is up to date for ${repo}:${tag}` }];
    events.push({ status: `Digest: ${spec.digest}` }, { status: `Status: Downloaded newer image for ${repo}:${tag}` });
    return events;
  }

  imageInspect(ref: string): { [k: string]: Json } {
    const img = this.engine.store.resolve(ref);
    if (!img) throw new DaemonError(404, `No such image: ${ref}`);
    return inspectImage(this.engine, img);
  }

  imageRemove(ref: string, opts: { force?: boolean } = {}): Array<{ Untagged?: string; Deleted?: string }> {
    const store = this.engine.store;
    const img = store.resolve(ref);
    if (!img) throw new DaemonError(404, `No such image: ${ref}`);
    const user = [...this.engine.containers.values()].find((c) => c.image === img);
    if (user && !opts.force) {
      throw new DaemonError(409, `conflict: unable to remove repository reference "${ref}" (must force) - container ${user.shortId} is using its referenced image ${img.spec.id.slice(7, 19)}`);
    }
    const { repo, tag } = parseRef(ref);
    const byTag = img.tags.includes(`${repo}:${tag}`) ? `${repo}:${tag}` : undefined;
    const out: Array<{ Untagged?: string; Deleted?: string }> = [];
    const tags = byTag ? [byTag] : [...img.tags];
    for (const t of tags) out.push({ Untagged: t });
    let gone = false;
    for (const t of tags) gone = store.untag(img, t) || gone;
    if (gone) out.push({ Untagged: `${img.spec.repository}@${img.spec.digest}` }, { Deleted: img.spec.id });
    return out;
  }

  networkList(): Array<{ [k: string]: Json }> {
    return this.engine.networks.networks.map((n) => this.engine.networks.inspect(n));
  }

  networkCreate(req: { Name: string; Driver?: string; Subnet?: string; Gateway?: string; Internal?: boolean }): { Id: string } {
    return { Id: this.engine.networks.create(req.Name, { driver: req.Driver, subnet: req.Subnet, gateway: req.Gateway, internal: req.Internal }).id };
  }

  networkRemove(id: string): void { this.engine.networks.remove(id); }

  networkInspect(id: string): { [k: string]: Json } { return this.engine.networks.inspect(this.engine.networks.find(id)); }

  async networkConnect(net: string, container: string, aliases: string[] = []): Promise<void> {
    const n = this.engine.networks.find(net);
    const c = this.engine.find(container);
    if (n.driver !== 'bridge') throw new DaemonError(403, `container cannot be disconnected from host network or connected to host network`);
    if (['host', 'none'].includes(c.hostConfig.NetworkMode) || c.hostConfig.NetworkMode.startsWith('container:')) {
      throw new DaemonError(400, `container sharing network namespace with another container or host cannot be connected to any other network`);
    }
    this.engine.networks.join(c, n, aliases);
    if (!c.running) return;
    try {
      this.engine.networks.allocate(c);
      await this.engine.networks.plumb(c, c.state.Pid);
    } catch (e) {
      this.engine.networks.leave(c, n);
      throw new DaemonError(500, `failed to add interface to sandbox: ${e instanceof Error ? e.message : String(e)}`);
    }
    await writeNetworkFiles(this.engine, c);
    await refreshPeers(this.engine, c);
  }

  async networkDisconnect(net: string, container: string): Promise<void> {
    const n = this.engine.networks.find(net);
    const c = this.engine.find(container);
    if (!n.members.has(c.id)) throw new DaemonError(403, `container ${c.id} is not connected to network ${n.name}`);
    const ep = c.endpoints.get(n.name);
    if (ep) {
      n.release(ep.ip);
      c.endpoints.delete(n.name);
      unplumb(this.engine, ep.hostVeth);
    }
    // Peers forget it (their /etc/hosts) before it leaves; then it forgets them.
    await refreshPeers(this.engine, c);
    this.engine.networks.leave(c, n);
    if (c.running) await writeNetworkFiles(this.engine, c);
  }

  volumeList(): Array<{ [k: string]: Json }> {
    return [...this.engine.volumes.volumes.values()].map((v) => this.engine.volumes.inspect(v));
  }

  volumeCreate(name?: string): { [k: string]: Json } { return this.engine.volumes.inspect(this.engine.volumes.create(name, false)); }

  volumeRemove(name: string, force?: boolean): void { this.engine.volumes.remove(name, force); }

  volumeInspect(name: string): { [k: string]: Json } { return this.engine.volumes.inspect(this.engine.volumes.get(name)); }
}
