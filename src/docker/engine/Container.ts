import type { Task } from '../../kernel/task/Task.ts';
import type { CreateRequest, HostConfigReq } from '../../userland/commands/docker/api.ts';
import type { LocalImage } from '../images/store.ts';
import { ContainerIO } from './streams.ts';

/** Config as the daemon stores it (the `Config` object of `docker inspect`). */
export interface ContainerConfig {
  Hostname: string;
  Domainname: string;
  User: string;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, Record<string, never>>;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  Env: string[];
  Cmd: string[] | null;
  Image: string;
  Volumes: Record<string, Record<string, never>> | null;
  WorkingDir: string;
  Entrypoint: string[] | null;
  Labels: Record<string, string>;
  StopSignal?: string;
}

export type HostConfig = Required<Pick<HostConfigReq, 'NetworkMode' | 'PidMode' | 'IpcMode' | 'UTSMode' | 'Privileged' | 'ReadonlyRootfs' | 'AutoRemove' | 'PublishAllPorts'>> & {
  Binds: string[] | null;
  Mounts: NonNullable<HostConfigReq['Mounts']>;
  Tmpfs: Record<string, string> | null;
  CapAdd: string[] | null;
  CapDrop: string[] | null;
  PortBindings: NonNullable<HostConfigReq['PortBindings']>;
  RestartPolicy: { Name: string; MaximumRetryCount: number };
};

export type Status = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface State {
  Status: Status;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: number;
  FinishedAt: number;
}

/** A mount as `docker inspect` reports it (`Mounts`). */
export interface MountPoint {
  Type: 'bind' | 'volume' | 'tmpfs';
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

/** One network attachment (`NetworkSettings.Networks[name]`). */
export interface Endpoint {
  network: string;
  endpointId: string;
  ip: string;
  prefixLen: number;
  gateway: string;
  mac: string;
  aliases: string[];
  /** Host-side veth name (`vethXXXXXXX`) and the container-side name. */
  hostVeth: string;
  ifname: string;
}

/** A container: what dockerd keeps in /var/lib/docker/containers/<id>/config.v2.json. */
export class Container {
  name: string;
  readonly state: State = { Status: 'created', Pid: 0, ExitCode: 0, Error: '', StartedAt: 0, FinishedAt: 0 };
  readonly io = new ContainerIO();
  readonly mounts: MountPoint[] = [];
  readonly endpoints = new Map<string, Endpoint>();
  /** The running shim task, while there is one (the init's host pid is State.Pid). */
  shim: Task | null = null;
  restartCount = 0;
  /** Set while `docker stop` is tearing it down. */
  stopping = false;
  /** Sleepers woken when the current run ends, and when the container is removed. */
  readonly exitWaiters = new Set<() => void>();
  readonly removeWaiters = new Set<() => void>();
  /** Published ports actually bound (host side). */
  readonly ports: Array<{ proto: string; ctrPort: number; hostIp: string; hostPort: number }> = [];

  constructor(
    readonly id: string,
    name: string,
    readonly created: number,
    readonly image: LocalImage,
    readonly imageRef: string,
    readonly config: ContainerConfig,
    readonly hostConfig: HostConfig,
    readonly request: CreateRequest,
  ) {
    this.name = name;
  }

  get shortId(): string { return this.id.slice(0, 12); }
  get running(): boolean { return this.state.Status === 'running' || this.state.Status === 'paused'; }

  /** Path and Args as Docker splits Entrypoint + Cmd. */
  get argv(): string[] { return [...(this.config.Entrypoint ?? []), ...(this.config.Cmd ?? [])]; }

  get dir(): string { return `/var/lib/docker/containers/${this.id}`; }
  get layerDir(): string { return `/var/lib/docker/overlay2/${this.layerId}`; }
  /** The container's own overlay2 layer id (Docker names it with a random 64-hex id). */
  layerId = '';
  layerShort = '';
  initShort = '';

  wakeExit(): void {
    const ws = [...this.exitWaiters];
    this.exitWaiters.clear();
    for (const w of ws) w();
  }
}
