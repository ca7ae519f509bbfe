import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/** /etc/services as getservbyport(3) reads it: the first name for each "port/proto". */
export async function loadServices(sys: SysApi): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  try {
    for (const line of (await sys.readFile('/etc/services')).split('\n')) {
      const m = /^([^#\s]+)\s+(\d+)\/(\w+)/.exec(line);
      if (m && !map.has(`${m[2]}/${m[3]}`)) map.set(`${m[2]}/${m[3]}`, m[1]);
    }
  } catch { /* no services file: numbers only */ }
  return map;
}

export async function serviceName(sys: SysApi, port: number, proto: string): Promise<string | undefined> {
  return (await loadServices(sys)).get(`${port}/${proto}`);
}
