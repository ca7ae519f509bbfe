import { DaemonError, type HostConfigReq } from '../../userland/commands/docker/api.ts';
import type { MountPoint } from './Container.ts';
import type { Engine } from './Engine.ts';
import { exists, mkdirs } from './hostfs.ts';

/**
 * Volume and bind specifications (volume/mounts/parser_linux.go): `-v SRC:DST[:OPTS]` where SRC is
 * an absolute host path (bind, created if missing) or a volume name (created on first use),
 * `-v DST` (anonymous volume), `--mount type=bind|volume|tmpfs,...`.
 */
const MODES = new Set(['ro', 'rw', 'z', 'Z', 'shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate', 'nocopy', 'delegated', 'cached', 'consistent']);

export function parseMounts(engine: Engine, hc: HostConfigReq): MountPoint[] {
  const out: MountPoint[] = [];
  const sys = engine.sys;
  for (const spec of hc.Binds ?? []) {
    const parts = spec.split(':');
    if (parts.length > 3 || parts.some((p) => p === '')) throw new DaemonError(400, `invalid volume specification: '${spec}'`);
    const [src, dest, mode = ''] = parts.length === 1 ? ['', parts[0], ''] : parts;
    if (!dest.startsWith('/')) throw new DaemonError(400, `invalid volume specification: '${spec}': invalid mount config for type "${src.startsWith('/') ? 'bind' : 'volume'}": invalid mount path: '${dest}' mount path must be absolute`);
    for (const m of mode.split(',').filter(Boolean)) if (!MODES.has(m)) throw new DaemonError(400, `invalid mode: ${mode}`);
    const rw = !mode.split(',').includes('ro');
    const propagation = mode.split(',').find((m) => /^r?(shared|slave|private)$/.test(m)) ?? 'rprivate';
    if (parts.length === 1 || !src.startsWith('/')) {
      const v = engine.volumes.create(parts.length === 1 ? undefined : src, parts.length === 1);
      out.push({ Type: 'volume', Name: v.name, Source: engine.volumes.path(v.name), Destination: dest, Driver: 'local', Mode: mode || 'z', RW: rw, Propagation: '' });
    } else {
      // The legacy -v behaviour: a missing host directory is created.
      if (!exists(sys, src)) mkdirs(sys, src);
      out.push({ Type: 'bind', Source: src, Destination: dest, Mode: mode, RW: rw, Propagation: propagation });
    }
  }
  for (const m of hc.Mounts ?? []) {
    if (!m.Target?.startsWith('/')) throw new DaemonError(400, `invalid mount config for type "${m.Type}": invalid mount path: '${m.Target ?? ''}' mount path must be absolute`);
    if (m.Type === 'bind') {
      if (!m.Source) throw new DaemonError(400, 'invalid mount config for type "bind": field Source must not be empty');
      if (!exists(sys, m.Source)) throw new DaemonError(400, `invalid mount config for type "bind": bind source path does not exist: ${m.Source}`);
      out.push({ Type: 'bind', Source: m.Source, Destination: m.Target, Mode: '', RW: !m.ReadOnly, Propagation: 'rprivate' });
    } else if (m.Type === 'volume') {
      const v = engine.volumes.create(m.Source || undefined, !m.Source);
      out.push({ Type: 'volume', Name: v.name, Source: engine.volumes.path(v.name), Destination: m.Target, Driver: 'local', Mode: '', RW: !m.ReadOnly, Propagation: '' });
    } else if (m.Type === 'tmpfs') {
      out.push({ Type: 'tmpfs', Source: '', Destination: m.Target, Mode: '', RW: !m.ReadOnly, Propagation: '' });
    } else {
      throw new DaemonError(400, `mount type unknown: "${m.Type as string}"`);
    }
  }
  const seen = new Set<string>();
  for (const m of out) {
    if (seen.has(m.Destination)) throw new DaemonError(400, `Duplicate mount point: ${m.Destination}`);
    seen.add(m.Destination);
  }
  return out;
}
