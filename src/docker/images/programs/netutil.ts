import type { NetApi } from '../../../kernel/net/api.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/** `2026/11/29 09:13:05` (nginx's error log time) and `29/Nov/2026:09:13:05 +0000` (its access log). */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
export function logTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}
export function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** socket+bind+listen on every address in `binds`; returns the fds (none when the stack is missing). */
export async function listenTcp(sys: SysApi, binds: Array<{ family: 4 | 6; addr: string }>, port: number, backlog: number): Promise<number[]> {
  let net: NetApi;
  try { net = await sys.ext<NetApi>('net'); } catch { return []; }
  const fds: number[] = [];
  for (const b of binds) {
    const fd = net.socket(b.family === 4 ? 'inet' : 'inet6', 'stream');
    try {
      if (b.family === 6) net.setsockopt(fd, 'IPV6_V6ONLY', 1);
      net.setsockopt(fd, 'SO_REUSEADDR', 1);
      net.bind(fd, { family: b.family, addr: b.addr, port });
      net.listen(fd, backlog);
      fds.push(fd);
    } catch (e) {
      sys.close(fd);
      throw e;
    }
  }
  return fds;
}

/** Read from `fd` until `done(data)` says the request is complete or the peer closes. */
export async function readUntil(sys: SysApi, fd: number, done: (data: string) => boolean): Promise<string> {
  let data = '';
  for (;;) {
    const chunk = await sys.read(fd);
    if (!chunk) return data;
    data += chunk;
    if (done(data)) return data;
  }
}
