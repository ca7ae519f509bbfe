import { O_RDWR } from '../../kernel/constants.ts';
import { DaemonError } from '../../userland/commands/docker/api.ts';
import type { Container } from '../engine/Container.ts';
import type { Engine } from '../engine/Engine.ts';

const PROXY = '/usr/bin/docker-proxy';
/** Proxies by container id (their pids in the host namespace, children of dockerd). */
const proxies = new WeakMap<Container, number[]>();

/** portallocator: the first free port of the ephemeral range (32768–60999). */
function freePort(engine: Engine, proto: string): number {
  const used = new Set([...engine.containers.values()].flatMap((c) => c.ports.filter((p) => p.proto === proto).map((p) => p.hostPort)));
  for (let p = 32768; p <= 60999; p++) if (!used.has(p)) return p;
  throw new DaemonError(500, 'no free ports');
}

/**
 * Publish the container's ports (-p, -P) once its endpoint exists: remember the bindings (the nat
 * hook DNATs to them) and start one docker-proxy per binding for connections from the host itself.
 */
export function publish(engine: Engine, c: Container): void {
  const ep = c.endpoints.get('bridge') ?? [...c.endpoints.values()][0];
  if (!ep) return;
  const want: Array<{ key: string; HostIp: string; HostPort: string }> = [];
  for (const [key, list] of Object.entries(c.hostConfig.PortBindings)) for (const b of list) want.push({ key, ...b });
  if (c.hostConfig.PublishAllPorts) {
    for (const key of Object.keys(c.config.ExposedPorts ?? {})) if (!want.some((w) => w.key === key)) want.push({ key, HostIp: '', HostPort: '' });
  }
  const pids: number[] = [];
  for (const w of want) {
    const [port, proto = 'tcp'] = w.key.split('/');
    const hostPort = w.HostPort ? Number(w.HostPort) : freePort(engine, proto);
    for (const other of engine.containers.values()) {
      if (other !== c && other.ports.some((p) => p.hostPort === hostPort && p.proto === proto)) {
        throw new DaemonError(500, `driver failed programming external connectivity on endpoint ${c.name} (${ep.endpointId}): Bind for ${w.HostIp || '0.0.0.0'}:${hostPort} failed: port is already allocated`);
      }
    }
    const ips = w.HostIp ? [w.HostIp] : ['0.0.0.0', '::'];
    for (const hostIp of ips) {
      c.ports.push({ proto, ctrPort: Number(port), hostIp, hostPort });
      if (proto !== 'tcp') continue;
      const argv = [PROXY, '-proto', proto, '-host-ip', hostIp, '-host-port', String(hostPort), '-container-ip', ep.ip, '-container-port', port];
      pids.push(engine.sys.clone((s) => {
        // exec.Cmd gives the child /dev/null for stdin, stdout and stderr.
        for (let i = 0; i < 3; i++) s.open('/dev/null', O_RDWR);
        return s.execve(PROXY, argv, new Map([['PATH', '/usr/bin']]));
      }, { comm: 'dockerd' }));
    }
  }
  proxies.set(c, pids);
}

export function unpublish(engine: Engine, c: Container): void {
  for (const pid of proxies.get(c) ?? []) {
    try { engine.sys.kill(pid, 15); } catch { /* gone */ }
  }
  proxies.delete(c);
  c.ports.length = 0;
}
