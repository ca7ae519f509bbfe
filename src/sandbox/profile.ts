import archlinux from '../../fixtures/hosts/archlinux.json' with { type: 'json' };

/** A host profile (fixtures/hosts/*.json): the machine the sandbox boots. */
export interface HostProcess {
  pid: number;
  ppid: number;
  user: string;
  comm: string;
  args?: string[];
  kthread?: boolean;
  /** STAT as ps shows it: state letter plus flags (s session leader, l threads, N/< nice, + foreground). */
  stat: string;
  vsz?: number;
  rss?: number;
  /** CPU seconds used so far, and start time in seconds after boot. */
  cpu: number;
  start: number;
  nlwp?: number;
  tty?: string;
  /** `devtmpfs`: the kernel's devtmpfs thread has a mount namespace of its own. */
  mntns?: string;
  role?: 'sshd' | 'dockerd';
}

/** A socket a fixture daemon holds, attached to its fd table at boot (setupHostNetwork). */
export type HostSocket =
  | { kind: 'tcp-listen'; inode: number; address: string; port: number; backlog: number; v6only?: boolean; owners: Array<{ pid: number; fd: number }> }
  | { kind: 'unix-listen'; inode: number; path: string; backlog: number; type?: 'stream' | 'dgram'; owners: Array<{ pid: number; fd: number }> }
  /** A connected unix stream socket; `path` is the listener's name an accepted socket carries; `peer` 0 = peer gone. */
  | { kind: 'unix-stream'; inode: number; peer: number; path?: string; owners: Array<{ pid: number; fd: number }> };

/** The host's network (`network` in fixtures/hosts/*.json), built by src/sandbox/hostNetwork.ts. */
export interface HostNetwork {
  /** Next ifindex the kernel hands out. */
  ifindexNext?: number;
  /** Next socket inode number (sockfs get_next_ino after the daemons' sockets). */
  socketInodeNext?: number;
  loopback: { stats?: HostDevStats };
  devices: Array<{
    name: string;
    kind: 'ether' | 'bridge';
    mac: string;
    mtu?: number;
    qdisc?: string;
    txqlen?: number;
    up: boolean;
    addresses?: Array<{ address: string; broadcast?: string; dhcp?: { lease: number; remaining: number } }>;
    /** The wire behind a NIC: who answers on the LAN, and whether the internet does. */
    uplink?: { gateway: string; hosts?: string[]; lanTtl: number; internet?: { ttl: number; rttMs: number } };
    stats?: HostDevStats;
  }>;
  routes: Array<{ dst: string; gateway?: string; dev: string; proto?: 'kernel' | 'boot' | 'static' | 'dhcp'; scope?: 'link' | 'host'; src?: string; metric?: number }>;
  sockets: HostSocket[];
}

export interface HostDevStats { rxBytes: number; rxPackets: number; txBytes: number; txPackets: number }

export interface HostProfile {
  name: string;
  description: string;
  hostname: string;
  kernelRelease: string;
  kernelVersion: string;
  uptimeSeconds: number;
  rootfs: { source: string; fstype: string; options: string };
  users: Array<{ name: string; uid: number; gid: number; home: string; shell: string; gecos: string }>;
  groups: Array<{ name: string; gid: number; members: string[] }>;
  sudoers: string[];
  login: { user: string; via: string };
  files: Record<string, string>;
  processes: HostProcess[];
  network?: HostNetwork;
}

const PROFILES: Record<string, unknown> = { archlinux };

export function hostProfileNames(): string[] { return Object.keys(PROFILES); }

/** Look up and validate a profile; a malformed fixture fails loudly at boot, never half-way. */
export function loadHostProfile(name: string): HostProfile {
  const raw = PROFILES[name];
  if (!raw) throw new Error(`unknown host profile '${name}' (available: ${hostProfileNames().join(', ')})`);
  return validateHostProfile(raw);
}

export function validateHostProfile(raw: unknown): HostProfile {
  const p = raw as HostProfile;
  const fail = (what: string) => { throw new Error(`invalid host profile: ${what}`); };
  if (typeof p !== 'object' || p === null) fail('not an object');
  for (const k of ['name', 'hostname', 'kernelRelease', 'kernelVersion'] as const) if (typeof p[k] !== 'string') fail(`${k} must be a string`);
  if (!/^[a-zA-Z0-9.-]{1,64}$/.test(p.hostname)) fail('hostname');
  if (typeof p.uptimeSeconds !== 'number' || p.uptimeSeconds < 0) fail('uptimeSeconds');
  if (!Array.isArray(p.users) || !p.users.some((u) => u.uid === 0)) fail('users must include root');
  if (!p.users.some((u) => u.name === p.login?.user)) fail('login.user must be a user');
  const pids = new Set<number>();
  for (const proc of p.processes ?? fail('processes') as never) {
    if (!Number.isInteger(proc.pid) || proc.pid < 1 || pids.has(proc.pid)) fail(`process pid ${proc.pid}`);
    if (proc.ppid !== 0 && !pids.has(proc.ppid)) fail(`process ${proc.pid}: parent ${proc.ppid} must come first`);
    if (!p.users.some((u) => u.name === proc.user)) fail(`process ${proc.pid}: unknown user ${proc.user}`);
    if (!/^[RSDTZI]/.test(proc.stat)) fail(`process ${proc.pid}: stat`);
    pids.add(proc.pid);
  }
  if (!pids.has(1)) fail('no pid 1');
  if (p.network) validateNetwork(p.network, pids, fail);
  return p;
}

function validateNetwork(n: HostNetwork, pids: Set<number>, fail: (what: string) => never): void {
  const ip = /^[0-9a-fA-F.:]+(\/\d+)?$/;
  const names = new Set(['lo']);
  for (const d of n.devices ?? fail('network.devices')) {
    if (!/^[a-zA-Z0-9_.-]{1,15}$/.test(d.name) || names.has(d.name)) fail(`network device ${d.name}`);
    if (d.kind !== 'ether' && d.kind !== 'bridge') fail(`network device ${d.name}: kind`);
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(d.mac)) fail(`network device ${d.name}: mac`);
    for (const a of d.addresses ?? []) if (!ip.test(a.address) || !a.address.includes('/')) fail(`network device ${d.name}: address ${a.address}`);
    names.add(d.name);
  }
  for (const r of n.routes ?? fail('network.routes')) {
    if (!names.has(r.dev)) fail(`network route ${r.dst}: unknown device ${r.dev}`);
    if (r.dst !== 'default' && !ip.test(r.dst)) fail(`network route ${r.dst}`);
  }
  const inodes = new Set<number>();
  for (const s of n.sockets ?? fail('network.sockets')) {
    if (!Number.isInteger(s.inode) || inodes.has(s.inode)) fail(`network socket inode ${s.inode}`);
    inodes.add(s.inode);
    for (const o of s.owners) if (!pids.has(o.pid)) fail(`network socket ${s.inode}: no process ${o.pid}`);
  }
  for (const s of n.sockets) if (s.kind === 'unix-stream' && s.peer && !inodes.has(s.peer)) fail(`network socket ${s.inode}: peer ${s.peer}`);
}
