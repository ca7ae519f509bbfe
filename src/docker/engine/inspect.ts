import type { ContainerSummary, Json } from '../../userland/commands/docker/api.ts';
import { humanDuration } from '../../userland/commands/docker/units.ts';
import type { LocalImage } from '../images/store.ts';
import type { Container } from './Container.ts';
import type { Engine } from './Engine.ts';
import { MASKED_PATHS, READONLY_PATHS } from './spec.ts';
import { iso } from './time.ts';

/** container.State.String(): what `docker ps` shows under STATUS. */
export function statusText(engine: Engine, c: Container): string {
  const s = c.state;
  const ago = (t: number) => humanDuration(engine.now() - t);
  switch (s.Status) {
    case 'running': return `Up ${ago(s.StartedAt)}`;
    case 'paused': return `Up ${ago(s.StartedAt)} (Paused)`;
    case 'removing': return 'Removal In Progress';
    case 'dead': return 'Dead';
    case 'created': return 'Created';
    default: return s.FinishedAt ? `Exited (${s.ExitCode}) ${ago(s.FinishedAt)} ago` : 'Created';
  }
}

function ports(c: Container): ContainerSummary['Ports'] {
  const out: ContainerSummary['Ports'] = [];
  for (const p of c.ports) out.push({ IP: p.hostIp, PrivatePort: p.ctrPort, PublicPort: p.hostPort, Type: p.proto });
  for (const key of Object.keys(c.config.ExposedPorts ?? {})) {
    const [port, proto] = key.split('/');
    if (!c.ports.some((p) => p.ctrPort === Number(port) && p.proto === proto)) out.push({ PrivatePort: Number(port), Type: proto });
  }
  return out;
}

export function summary(engine: Engine, c: Container): ContainerSummary {
  return {
    Id: c.id, Names: [`/${c.name}`], Image: c.imageRef, ImageID: c.image.spec.id, Command: c.argv.join(' '),
    Created: Math.floor(c.created / 1000), Ports: c.running ? ports(c) : [], State: c.state.Status, Status: statusText(engine, c),
  };
}

function networkSettings(engine: Engine, c: Container): { [k: string]: Json } {
  const networks: { [k: string]: Json } = {};
  for (const n of engine.networks.of(c)) {
    const ep = c.endpoints.get(n.name);
    networks[n.name] = {
      IPAMConfig: null, Links: null, Aliases: n.userDefined ? [...(n.members.get(c.id)?.aliases ?? [])] : null, MacAddress: ep?.mac ?? '',
      DriverOpts: null, GwPriority: 0, NetworkID: n.id, EndpointID: ep?.endpointId ?? '', Gateway: ep?.gateway ?? '',
      IPAddress: ep?.ip ?? '', IPPrefixLen: ep?.prefixLen ?? 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
      DNSNames: n.userDefined && ep ? [c.name, c.shortId] : null,
    };
  }
  const def = c.endpoints.get('bridge');
  const portMap: { [k: string]: Json } = {};
  if (c.running) {
    for (const key of Object.keys(c.config.ExposedPorts ?? {})) portMap[key] = null;
    for (const p of c.ports) {
      const k = `${p.ctrPort}/${p.proto}`;
      const list = (Array.isArray(portMap[k]) ? portMap[k] : []) as Json[];
      list.push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
      portMap[k] = list;
    }
  }
  return {
    Bridge: '', SandboxID: c.running ? c.id.split('').reverse().join('') : '', SandboxKey: c.running ? `/var/run/docker/netns/${c.id.slice(-12)}` : '',
    Ports: portMap, HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0, SecondaryIPAddresses: null, SecondaryIPv6Addresses: null,
    EndpointID: def?.endpointId ?? '', Gateway: def?.gateway ?? '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
    IPAddress: def?.ip ?? '', IPPrefixLen: def?.prefixLen ?? 0, IPv6Gateway: '', MacAddress: def?.mac ?? '', Networks: networks,
  };
}

/** ContainerInspect: the JSON `docker inspect` prints, in the Engine API's field order. */
export function inspectContainer(engine: Engine, c: Container): { [k: string]: Json } {
  const s = c.state;
  const hc = c.hostConfig;
  const argv = c.argv;
  const running = c.running;
  const gd = `/var/lib/docker/overlay2/${c.layerId}`;
  const lower = [`${gd}-init/diff`, ...engine.store.lowerDirs(c.image.spec)].join(':');
  return {
    Id: c.id, Created: iso(c.created), Path: argv[0], Args: argv.slice(1),
    State: {
      Status: s.Status, Running: running, Paused: s.Status === 'paused', Restarting: false, OOMKilled: false, Dead: s.Status === 'dead',
      Pid: running ? s.Pid : 0, ExitCode: s.ExitCode, Error: s.Error, StartedAt: iso(s.StartedAt), FinishedAt: iso(s.FinishedAt),
    },
    Image: c.image.spec.id,
    ResolvConfPath: `${c.dir}/resolv.conf`, HostnamePath: `${c.dir}/hostname`, HostsPath: `${c.dir}/hosts`, LogPath: `${c.dir}/${c.id}-json.log`,
    Name: `/${c.name}`, RestartCount: c.restartCount, Driver: 'overlay2', Platform: 'linux', MountLabel: '', ProcessLabel: '', AppArmorProfile: '',
    ExecIDs: (() => { const ids = [...engine.execs.values()].filter((e) => e.container === c && e.running).map((e) => e.id); return ids.length ? ids : null; })(),
    HostConfig: {
      Binds: hc.Binds, ContainerIDFile: '', LogConfig: { Type: 'json-file', Config: {} }, NetworkMode: hc.NetworkMode,
      PortBindings: hc.PortBindings as unknown as Json, RestartPolicy: hc.RestartPolicy, AutoRemove: hc.AutoRemove, VolumeDriver: '', VolumesFrom: null,
      ConsoleSize: [0, 0], CapAdd: hc.CapAdd, CapDrop: hc.CapDrop, CgroupnsMode: 'host', Dns: [], DnsOptions: [], DnsSearch: [], ExtraHosts: null,
      GroupAdd: null, IpcMode: hc.IpcMode, Cgroup: '', Links: null, OomScoreAdj: 0, PidMode: hc.PidMode, Privileged: hc.Privileged,
      PublishAllPorts: hc.PublishAllPorts, ReadonlyRootfs: hc.ReadonlyRootfs, SecurityOpt: null, ...(hc.Tmpfs ? { Tmpfs: hc.Tmpfs } : {}),
      UTSMode: hc.UTSMode, UsernsMode: '', ShmSize: 67108864, Runtime: 'runc', Isolation: '', CpuShares: 0, Memory: 0, NanoCpus: 0,
      CgroupParent: '', BlkioWeight: 0, Devices: [], PidsLimit: null, Ulimits: [],
      ...(hc.Mounts.length ? { Mounts: hc.Mounts as unknown as Json } : {}),
      MaskedPaths: hc.Privileged ? null : MASKED_PATHS, ReadonlyPaths: hc.Privileged ? null : READONLY_PATHS,
    },
    GraphDriver: {
      Data: { ID: c.id, LowerDir: lower, MergedDir: `${gd}/merged`, UpperDir: `${gd}/diff`, WorkDir: `${gd}/work` },
      Name: 'overlay2',
    },
    Mounts: c.mounts.map((m) => ({ ...m } as unknown as Json)),
    Config: { ...c.config, Cmd: c.config.Cmd, Entrypoint: c.config.Entrypoint, OnBuild: null } as unknown as Json,
    NetworkSettings: networkSettings(engine, c),
  };
}

export function imageSummary(img: LocalImage): { Id: string; RepoTags: string[]; RepoDigests: string[]; Created: number; Size: number } {
  return {
    Id: img.spec.id, RepoTags: [...img.tags], RepoDigests: [`${img.spec.repository}@${img.spec.digest}`],
    Created: Math.floor(Date.parse(img.spec.created) / 1000), Size: img.spec.size,
  };
}

export function inspectImage(engine: Engine, img: LocalImage): { [k: string]: Json } {
  const spec = img.spec;
  const layers = engine.store.lowerDirs(spec);
  return {
    Id: spec.id, RepoTags: [...img.tags], RepoDigests: [`${spec.repository}@${spec.digest}`], Parent: '', Comment: spec.comment ?? 'buildkit.dockerfile.v0',
    Created: spec.created, DockerVersion: '', Author: '',
    Config: {
      Hostname: '', Domainname: '', User: spec.config.User ?? '', AttachStdin: false, AttachStdout: false, AttachStderr: false,
      ...(spec.config.ExposedPorts ? { ExposedPorts: spec.config.ExposedPorts as unknown as Json } : {}),
      Tty: false, OpenStdin: false, StdinOnce: false, Env: spec.config.Env, Cmd: spec.config.Cmd, Image: '', Volumes: null,
      WorkingDir: spec.config.WorkingDir, Entrypoint: spec.config.Entrypoint, OnBuild: null, Labels: spec.config.Labels ?? null,
      ...(spec.config.StopSignal ? { StopSignal: spec.config.StopSignal } : {}),
    },
    Architecture: 'amd64', Os: 'linux', Size: spec.size,
    GraphDriver: {
      Data: { LowerDir: layers.slice(1).join(':') || undefined, MergedDir: `${layers[0]}/../merged`, UpperDir: `${layers[0]}`, WorkDir: `${layers[0]}/../work` } as unknown as Json,
      Name: 'overlay2',
    },
    RootFS: { Type: 'layers', Layers: engine.store.layerIds(spec) },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
}
