import type { CreateRequest, MountSpec } from '../api.ts';
import { bool, FlagError, list, str, type FlagDef, type Parsed } from '../flags.ts';

/** The flags `docker run` and `docker create` share (cli/command/container/opts.go). */
export const RUN_FLAGS: FlagDef[] = [
  { long: 'attach', short: 'a', kind: 'list' }, { long: 'detach', short: 'd', kind: 'bool' },
  { long: 'env', short: 'e', kind: 'list' }, { long: 'env-file', kind: 'list', ignored: true },
  { long: 'entrypoint', kind: 'string' }, { long: 'hostname', short: 'h', kind: 'string' },
  { long: 'interactive', short: 'i', kind: 'bool' }, { long: 'tty', short: 't', kind: 'bool' },
  { long: 'name', kind: 'string' }, { long: 'network', kind: 'string' }, { long: 'net', kind: 'string' },
  { long: 'network-alias', kind: 'list' }, { long: 'net-alias', kind: 'list' },
  { long: 'pid', kind: 'string' }, { long: 'ipc', kind: 'string' }, { long: 'uts', kind: 'string' },
  { long: 'cgroupns', kind: 'string' }, { long: 'publish', short: 'p', kind: 'list' }, { long: 'publish-all', short: 'P', kind: 'bool' },
  { long: 'expose', kind: 'list' }, { long: 'privileged', kind: 'bool' }, { long: 'read-only', kind: 'bool' },
  { long: 'restart', kind: 'string' }, { long: 'rm', kind: 'bool' }, { long: 'user', short: 'u', kind: 'string' },
  { long: 'volume', short: 'v', kind: 'list' }, { long: 'mount', kind: 'list' }, { long: 'tmpfs', kind: 'list' },
  { long: 'workdir', short: 'w', kind: 'string' }, { long: 'cap-add', kind: 'list' }, { long: 'cap-drop', kind: 'list' },
  { long: 'label', short: 'l', kind: 'list' }, { long: 'pull', kind: 'string' }, { long: 'quiet', short: 'q', kind: 'bool' },
  { long: 'stop-signal', kind: 'string' }, { long: 'stop-timeout', kind: 'int' }, { long: 'sig-proxy', kind: 'bool' },
  { long: 'detach-keys', kind: 'string' }, { long: 'help', kind: 'bool' },
  // Accepted and ignored: resource limits, logging, DNS and security knobs nsbox does not model.
  ...['init', 'oom-kill-disable', 'no-healthcheck'].map((long) => ({ long, kind: 'bool' as const, ignored: true })),
  ...['platform', 'log-driver', 'memory', 'cpus', 'cpu-shares', 'memory-swap', 'shm-size', 'security-opt', 'ulimit', 'dns', 'dns-search',
    'add-host', 'log-opt', 'device', 'group-add', 'health-cmd', 'userns', 'runtime', 'isolation', 'cidfile', 'domainname', 'mac-address',
    'ip', 'ip6', 'link', 'volumes-from', 'sysctl', 'gpus'].map((long) => ({ long, kind: 'list' as const, ignored: true })),
  { long: 'memory', short: 'm', kind: 'list', ignored: true },
];

/** nat.ParsePortSpecs: `[ip:][hostPort:]containerPort[/proto]`, ranges not supported. */
export function parsePort(spec: string): { key: string; binding: { HostIp: string; HostPort: string } } {
  const m = /^(?:(?:\[?([0-9a-fA-F.:]+?)\]?):)?(?:(\d*):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(spec);
  if (!m) throw new FlagError(`invalid argument "${spec}" for "-p, --publish" flag: Invalid containerPort: ${spec.split(':').pop()}`);
  let [, ip = '', host = ''] = m;
  if (ip && !host && !ip.includes('.') && !ip.includes(':')) { host = ip; ip = ''; }
  return { key: `${m[3]}/${m[4] ?? 'tcp'}`, binding: { HostIp: ip, HostPort: host } };
}

/** `--mount type=bind,source=/a,target=/b,readonly` */
function parseMount(spec: string): MountSpec {
  const m: MountSpec = { Type: 'volume', Target: '' };
  for (const kv of spec.split(',')) {
    const [k, v] = kv.includes('=') ? [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] : [kv, 'true'];
    switch (k.toLowerCase()) {
      case 'type': m.Type = v as MountSpec['Type']; break;
      case 'source': case 'src': m.Source = v; break;
      case 'target': case 'destination': case 'dst': m.Target = v; break;
      case 'readonly': case 'ro': m.ReadOnly = v !== 'false' && v !== '0'; break;
      case 'tmpfs-size': m.TmpfsOptions = { ...m.TmpfsOptions, SizeBytes: Number(v) }; break;
      case 'volume-driver': case 'bind-propagation': case 'consistency': case 'volume-nocopy': break;
      default: throw new FlagError(`invalid argument "${spec}" for "--mount" flag: unexpected key '${k}' in '${kv}'`);
    }
  }
  if (!['bind', 'volume', 'tmpfs'].includes(m.Type)) throw new FlagError(`invalid argument "${spec}" for "--mount" flag: invalid type '${m.Type}'`);
  if (!m.Target) throw new FlagError(`invalid argument "${spec}" for "--mount" flag: target is required`);
  return m;
}

/** Build the create request from parsed flags, image and command (runconfig.Parse). */
export function toCreateRequest(p: Parsed, env: Map<string, string>, consoleSize?: [number, number]): CreateRequest {
  const [image, ...cmd] = p.args;
  const envs: string[] = [];
  for (const e of list(p, 'env')) {
    if (e.includes('=')) envs.push(e);
    else if (env.has(e)) envs.push(`${e}=${env.get(e)}`);
  }
  const ports: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  const exposed: Record<string, Record<string, never>> = {};
  for (const s of list(p, 'publish')) {
    const { key, binding } = parsePort(s);
    (ports[key] ??= []).push(binding);
    exposed[key] = {};
  }
  for (const e of list(p, 'expose')) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  const tmpfs: Record<string, string> = {};
  for (const t of list(p, 'tmpfs')) {
    const [dst, opts = ''] = t.split(':');
    tmpfs[dst] = opts;
  }
  const restart = str(p, 'restart');
  const entry = str(p, 'entrypoint');
  const labels: Record<string, string> = {};
  for (const l of list(p, 'label')) labels[l.split('=')[0]] = l.includes('=') ? l.slice(l.indexOf('=') + 1) : '';
  const cgroupns = str(p, 'cgroupns');
  if (cgroupns === 'private') labels['nsbox.cgroupns'] = 'private';
  const interactive = bool(p, 'interactive');
  const attach = list(p, 'attach');
  return {
    name: str(p, 'name'), Image: image, Cmd: cmd.length ? cmd : undefined,
    ...(entry !== undefined ? { Entrypoint: entry === '' ? [] : [entry] } : {}),
    Env: envs, WorkingDir: str(p, 'workdir'), User: str(p, 'user'), Hostname: str(p, 'hostname'),
    Tty: bool(p, 'tty'), OpenStdin: interactive, StdinOnce: interactive && !bool(p, 'detach'),
    AttachStdin: interactive && !bool(p, 'detach'), AttachStdout: !bool(p, 'detach') && (!attach.length || attach.includes('stdout')),
    AttachStderr: !bool(p, 'detach') && (!attach.length || attach.includes('stderr')),
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined, Labels: labels,
    HostConfig: {
      Binds: list(p, 'volume'), Mounts: list(p, 'mount').map(parseMount), Tmpfs: tmpfs,
      NetworkMode: str(p, 'network') ?? str(p, 'net') ?? 'default', PidMode: str(p, 'pid') ?? '', IpcMode: str(p, 'ipc') ?? '',
      UTSMode: str(p, 'uts') ?? '', Privileged: bool(p, 'privileged'), ReadonlyRootfs: bool(p, 'read-only'),
      CapAdd: list(p, 'cap-add'), CapDrop: list(p, 'cap-drop'), AutoRemove: bool(p, 'rm'), PortBindings: ports,
      PublishAllPorts: bool(p, 'publish-all'),
      RestartPolicy: { Name: restart?.split(':')[0] || 'no', MaximumRetryCount: Number(restart?.split(':')[1] ?? 0) },
      ...(consoleSize ? { ConsoleSize: consoleSize } : {}),
    },
  } as CreateRequest;
}
