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
  return p;
}
