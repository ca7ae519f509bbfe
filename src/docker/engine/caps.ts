import { ALL_CAPS } from '../../kernel/task/Credentials.ts';
import { DaemonError } from '../../userland/commands/docker/api.ts';

/**
 * Docker's default capability set (oci/caps/defaults.go): no CAP_SYS_ADMIN (so no mount, unshare,
 * sethostname) and no CAP_NET_ADMIN (so `ip link set lo up` gets EPERM) unless --cap-add or
 * --privileged.
 */
export const DEFAULT_CAPS = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

function normalize(c: string, what: string): string {
  const up = c.toUpperCase();
  if (up === 'ALL') return 'ALL';
  const name = up.startsWith('CAP_') ? up : `CAP_${up}`;
  if (!ALL_CAPS.includes(name)) throw new DaemonError(400, `invalid ${what}: unknown capability: "${name}"`);
  return name;
}

/** caps.TweakCapabilities: the default set, plus --cap-add, minus --cap-drop (ALL allowed in both). */
export function containerCaps(privileged: boolean, add: string[] | null, drop: string[] | null): string[] {
  if (privileged) return [...ALL_CAPS];
  const adds = (add ?? []).map((c) => normalize(c, 'CapAdd'));
  const drops = (drop ?? []).map((c) => normalize(c, 'CapDrop'));
  let caps = drops.includes('ALL') ? [] : DEFAULT_CAPS.filter((c) => !drops.includes(c));
  if (adds.includes('ALL')) caps = ALL_CAPS.filter((c) => !drops.includes(c) || adds.includes(c));
  for (const c of adds) if (c !== 'ALL' && !caps.includes(c)) caps.push(c);
  return caps;
}
