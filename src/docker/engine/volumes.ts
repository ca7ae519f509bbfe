import { DaemonError, type Json } from '../../userland/commands/docker/api.ts';
import { iso } from './time.ts';
import type { Engine } from './Engine.ts';
import { exists, mkdirs, removeAll } from './hostfs.ts';

export interface Volume {
  name: string;
  created: number;
  /** Anonymous volumes (no name given) go with their container on `docker rm -v`. */
  anonymous: boolean;
}

export const VOLUMES = '/var/lib/docker/volumes';

/** The `local` volume driver: a directory /var/lib/docker/volumes/NAME/_data per volume. */
export class VolumeStore {
  readonly volumes = new Map<string, Volume>();
  constructor(private readonly engine: Engine) {}

  path(name: string): string { return `${VOLUMES}/${name}/_data`; }

  create(name?: string, anonymous = false): Volume {
    const n = name ?? this.engine.kernel.random.hex(64);
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(n)) {
      throw new DaemonError(400, `create ${n}: "${n}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`);
    }
    const existing = this.volumes.get(n);
    if (existing) return existing;
    const sys = this.engine.sys;
    mkdirs(sys, VOLUMES, 0o701);
    mkdirs(sys, this.path(n), 0o755);
    const v = { name: n, created: this.engine.now(), anonymous: anonymous || !name };
    this.volumes.set(n, v);
    return v;
  }

  get(name: string): Volume {
    const v = this.volumes.get(name);
    if (!v) throw new DaemonError(404, `get ${name}: no such volume`);
    return v;
  }

  users(name: string): string[] {
    return [...this.engine.containers.values()].filter((c) => c.mounts.some((m) => m.Type === 'volume' && m.Name === name)).map((c) => c.id);
  }

  remove(name: string, force = false): void {
    const v = this.volumes.get(name);
    if (!v) {
      if (force) return;
      throw new DaemonError(404, `get ${name}: no such volume`);
    }
    const users = this.users(name);
    if (users.length) throw new DaemonError(409, `remove ${name}: volume is in use - [${users.join(', ')}]`);
    const sys = this.engine.sys;
    if (exists(sys, `${VOLUMES}/${name}`)) removeAll(sys, `${VOLUMES}/${name}`);
    this.volumes.delete(name);
  }

  inspect(v: Volume): { [k: string]: Json } {
    return {
      CreatedAt: iso(v.created, true), Driver: 'local', Labels: v.anonymous ? { 'com.docker.volume.anonymous': '' } : null,
      Mountpoint: this.path(v.name).replace(/\/_data$/, '/_data'), Name: v.name, Options: null, Scope: 'local',
    };
  }
}
