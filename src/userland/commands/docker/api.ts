/**
 * The Docker Engine API as the `docker` program sees it, reached through `sys.ext<DockerApi>('docker')`
 * (nsbox's stand-in for HTTP over /var/run/docker.sock). Field names are the Engine API's, so
 * `docker inspect` prints what the daemon returns. The engine (src/docker) implements this interface.
 */

/** An error response from the daemon: the CLI prints `Error response from daemon: MESSAGE`. */
export class DaemonError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** The socket could not be reached: `EACCES` (not in group docker) or `ENOENT` (no daemon socket here). */
export class ConnectError extends Error {
  constructor(readonly code: 'EACCES' | 'ENOENT') { super(code); }
}

export interface MountSpec {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface HostConfigReq {
  Binds?: string[];
  Mounts?: MountSpec[];
  Tmpfs?: Record<string, string>;
  NetworkMode?: string;
  PidMode?: string;
  IpcMode?: string;
  UTSMode?: string;
  Privileged?: boolean;
  ReadonlyRootfs?: boolean;
  CapAdd?: string[];
  CapDrop?: string[];
  AutoRemove?: boolean;
  PortBindings?: Record<string, Array<{ HostIp: string; HostPort: string }>>;
  PublishAllPorts?: boolean;
  RestartPolicy?: { Name: string; MaximumRetryCount: number };
  /** [height, width] of the client's terminal, for the container's pty. */
  ConsoleSize?: [number, number];
}

export interface CreateRequest {
  name?: string;
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[] | null;
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, Record<string, never>>;
  Labels?: Record<string, string>;
  HostConfig: HostConfigReq;
}

export interface StreamChunk { stream: 'stdout' | 'stderr'; data: string; time: number }

/** A hijacked attach/exec connection. `read` blocks (interruptibly) until output or the end. */
export interface Attachment {
  read(): Promise<StreamChunk | null>;
  write(data: string): void;
  closeStdin(): void;
  resize(cols: number, rows: number): void;
}

export interface ContainerSummary {
  Id: string; Names: string[]; Image: string; ImageID: string; Command: string; Created: number;
  Ports: Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }>;
  State: string; Status: string;
}

export interface ImageSummary { Id: string; RepoTags: string[]; RepoDigests: string[]; Created: number; Size: number }

export interface PullEvent { id?: string; status: string }

export interface ExecRequest {
  Cmd: string[]; Env?: string[]; WorkingDir?: string; User?: string; Tty?: boolean;
  AttachStdin?: boolean; AttachStdout?: boolean; AttachStderr?: boolean; Privileged?: boolean; Detach?: boolean;
}

/** JSON-shaped values as the Engine API returns them (printed by `docker inspect`). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface DockerApi {
  version(): Record<string, Json>;
  info(): Record<string, Json>;

  containerCreate(req: CreateRequest): Promise<{ Id: string; Warnings: string[] }>;
  containerStart(id: string): Promise<void>;
  containerStop(id: string, timeout?: number, signal?: string): Promise<void>;
  containerRestart(id: string, timeout?: number): Promise<void>;
  containerKill(id: string, signal?: string): void;
  containerRemove(id: string, opts?: { force?: boolean; volumes?: boolean }): Promise<void>;
  containerWait(id: string, condition?: 'not-running' | 'next-exit' | 'removed'): Promise<{ StatusCode: number }>;
  containerList(opts?: { all?: boolean }): ContainerSummary[];
  containerInspect(id: string): { [k: string]: Json };
  containerTop(id: string, psArgs?: string): Promise<{ Titles: string[]; Processes: string[][] }>;
  containerLogs(id: string, opts: { follow?: boolean; stdout?: boolean; stderr?: boolean; tail?: number; timestamps?: boolean }): Attachment;
  containerAttach(id: string, opts: { stdin?: boolean; stdout?: boolean; stderr?: boolean; logs?: boolean }): Attachment;
  containerRename(id: string, name: string): void;
  containerPort(id: string): Array<{ port: string; host: Array<{ HostIp: string; HostPort: string }> }>;

  execCreate(id: string, req: ExecRequest): { Id: string };
  execStart(execId: string): Promise<Attachment>;
  execInspect(execId: string): { ExitCode: number | null; Running: boolean; Pid: number };

  imageList(opts?: { all?: boolean }): ImageSummary[];
  imagePull(ref: string): Promise<PullEvent[]>;
  imageInspect(ref: string): { [k: string]: Json };
  imageRemove(ref: string, opts?: { force?: boolean }): Array<{ Untagged?: string; Deleted?: string }>;

  networkList(): Array<{ [k: string]: Json }>;
  networkCreate(req: { Name: string; Driver?: string; Subnet?: string; Gateway?: string; Internal?: boolean }): { Id: string };
  networkRemove(id: string): void;
  networkInspect(id: string): { [k: string]: Json };
  networkConnect(net: string, container: string, aliases?: string[]): Promise<void>;
  networkDisconnect(net: string, container: string, force?: boolean): Promise<void>;

  volumeList(): Array<{ [k: string]: Json }>;
  volumeCreate(name?: string): { [k: string]: Json };
  volumeRemove(name: string, force?: boolean): void;
  volumeInspect(name: string): { [k: string]: Json };
}
