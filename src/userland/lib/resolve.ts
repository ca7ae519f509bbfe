import { parseIp, type IpAddr } from '../../kernel/net/inet.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/**
 * getaddrinfo(3) as far as the sandbox needs it: numeric addresses, then /etc/hosts (the "files"
 * source of nsswitch; there is no DNS server to ask). Results follow RFC 6724's precedence for the
 * loopback names: ::1 before 127.0.0.1, as glibc sorts them.
 */
export async function resolveHost(sys: SysApi, name: string, family?: 4 | 6): Promise<IpAddr[]> {
  const numeric = parseIp(name.replace(/^\[|\]$/g, ''));
  if (numeric) return !family || numeric.family === family ? [numeric] : [];
  let hosts = '';
  try { hosts = await sys.readFile('/etc/hosts'); } catch { /* no hosts file */ }
  const found: IpAddr[] = [];
  for (const line of hosts.split('\n')) {
    const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (!addr || !names.includes(name)) continue;
    const a = parseIp(addr);
    if (a && (!family || a.family === family) && !found.some((f) => f.family === a.family && f.value === a.value)) found.push(a);
  }
  return found.sort((a, b) => rank(b) - rank(a));
}

/** RFC 6724 precedence: ::1 50, IPv6 40, IPv4 (as ::ffff:0:0/96) 35. */
function rank(a: IpAddr): number { return a.family === 6 ? (a.value === 1n ? 50 : 40) : 35; }
