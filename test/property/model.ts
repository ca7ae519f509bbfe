/**
 * An abstract model of what the namespace operations should do, written from the man pages
 * (clone(2), unshare(2), setns(2), pid_namespaces(7), mount_namespaces(7), network_namespaces(7))
 * rather than from the simulator's code. The property test runs every op on both and compares.
 * Each model namespace is bound to the kernel object it was created as; later checks ask whether the
 * kernel's sharing agrees with the model's.
 */
import type { Namespace } from '../../src/kernel/ns/NsCommon.ts';
import type { Puppet } from './world.ts';

let nextNsId = 0;

export interface MPidNs { id: number; level: number; parent: MPidNs | null; init: MPuppet | null; dead: boolean; k?: Namespace }
export interface MMntNs { id: number; proc: MPidNs; mounts: Set<number>; k?: Namespace }
export interface MNetNs { id: number; k?: Namespace }
export interface MUtsNs { id: number; hostname: string; k?: Namespace }
export interface MSimpleNs { id: number; k?: Namespace }
export interface MDev { name: string; kind: 'veth' | 'bridge'; net: MNetNs; peer?: MDev; master?: MDev }
export interface MListen { net: MNetNs; port: number; owner: MPuppet }

export interface MPuppet {
  readonly p: Puppet | null;
  alive: boolean;
  pid: MPidNs;
  pidFor: MPidNs;
  mnt: MMntNs;
  uts: MUtsNs;
  ipc: MSimpleNs;
  net: MNetNs;
  cgroup: MSimpleNs;
}

export type NsKey = 'pidFor' | 'mnt' | 'uts' | 'ipc' | 'net' | 'cgroup';

export class Model {
  readonly host: MPuppet;
  readonly puppets: MPuppet[] = [];
  readonly devs: MDev[] = [];
  readonly listens: MListen[] = [];
  /** Open nsfs descriptors of net namespaces (owner holds the fd). */
  readonly holds: Array<{ net: MNetNs; owner: MPuppet }> = [];
  /** Mount k → still mounted somewhere (its marker file's text is `mK`). */
  mountCount = 0;
  devCount = 0;
  hostCount = 0;

  constructor(hostname: string) {
    const pid: MPidNs = { id: nextNsId++, level: 0, parent: null, init: null, dead: false };
    this.host = {
      p: null, alive: true, pid, pidFor: pid, mnt: { id: nextNsId++, proc: pid, mounts: new Set() },
      uts: { id: nextNsId++, hostname }, ipc: { id: nextNsId++ }, net: { id: nextNsId++ }, cgroup: { id: nextNsId++ },
    };
    // The host's systemd is the initial namespace's init, not any puppet.
    pid.init = this.host;
  }

  alive(): MPuppet[] { return this.puppets.filter((m) => m.alive); }

  /** Whether `ns` is `anc` or nested below it. */
  static within(ns: MPidNs, anc: MPidNs): boolean {
    for (let n: MPidNs | null = ns; n; n = n.parent) if (n === anc) return true;
    return false;
  }

  static newPidNs(parent: MPidNs): MPidNs { return { id: nextNsId++, level: parent.level + 1, parent, init: null, dead: false }; }
  static newId(): number { return nextNsId++; }

  /** New namespaces for CLONE_NEW* `flags` (pid handled by the caller), copied from `from`. */
  static copyNs(from: MPuppet, flags: { ns: boolean; uts: boolean; ipc: boolean; net: boolean; cgroup: boolean }): Pick<MPuppet, 'mnt' | 'uts' | 'ipc' | 'net' | 'cgroup'> {
    return {
      mnt: flags.ns ? { id: nextNsId++, proc: from.mnt.proc, mounts: new Set(from.mnt.mounts) } : from.mnt,
      uts: flags.uts ? { id: nextNsId++, hostname: from.uts.hostname } : from.uts,
      ipc: flags.ipc ? { id: nextNsId++ } : from.ipc,
      net: flags.net ? { id: nextNsId++ } : from.net,
      cgroup: flags.cgroup ? { id: nextNsId++ } : from.cgroup,
    };
  }

  /**
   * A puppet dies. When it was the init of its pid namespace, every process in that namespace (and
   * in namespaces nested below it) is killed too (pid_namespaces(7)).
   */
  die(m: MPuppet): void {
    if (!m.alive) return;
    m.alive = false;
    if (m.pid.init === m) {
      m.pid.dead = true;
      for (const o of this.puppets) if (o.alive && Model.within(o.pid, m.pid)) this.die(o);
    }
  }

  /** Network namespaces still referenced: by a member process, an open nsfs file or an open socket created in them. */
  liveNets(): Set<MNetNs> {
    const live = new Set<MNetNs>([this.host.net]);
    for (const m of this.alive()) live.add(m.net);
    for (const l of this.listens) if (l.owner.alive) live.add(l.net);
    for (const h of this.holds) if (h.owner.alive) live.add(h.net);
    return live;
  }

  /**
   * cleanup_net for every namespace nothing holds: its virtual devices are unregistered and a veth
   * takes its peer (in whatever namespace) with it; a bridge's ports are released.
   */
  collect(): void {
    for (let i = this.listens.length - 1; i >= 0; i--) if (!this.listens[i].owner.alive) this.listens.splice(i, 1);
    for (let i = this.holds.length - 1; i >= 0; i--) if (!this.holds[i].owner.alive) this.holds.splice(i, 1);
    const live = this.liveNets();
    for (const d of [...this.devs]) if (!live.has(d.net)) this.removeDev(d);
  }

  removeDev(d: MDev): void {
    const i = this.devs.indexOf(d);
    if (i < 0) return;
    this.devs.splice(i, 1);
    for (const o of this.devs) if (o.master === d) o.master = undefined;
    if (d.peer) { const peer = d.peer; d.peer = undefined; peer.peer = undefined; this.removeDev(peer); }
  }

  devsIn(net: MNetNs): MDev[] { return this.devs.filter((d) => d.net === net); }
}

/** The kernel object behind each model namespace, as a task's nsproxy holds it. */
export function kernelNs(m: MPuppet, key: NsKey): Namespace {
  const t = m.p!.task;
  switch (key) {
    case 'pidFor': return t.nsproxy.pidForChildren;
    case 'mnt': return t.nsproxy.mnt;
    case 'uts': return t.nsproxy.uts;
    case 'ipc': return t.nsproxy.ipc;
    case 'net': return t.nsproxy.net;
    case 'cgroup': return t.nsproxy.cgroup;
  }
}

export const NS_KEYS: NsKey[] = ['pidFor', 'mnt', 'uts', 'ipc', 'net', 'cgroup'];
