import { isKernelError } from '../../kernel/errno.ts';
import type { NetApi } from '../../kernel/net/api.ts';
import type { ProgramImage, Proc } from '../../kernel/program.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';

/**
 * docker-proxy (the userland proxy), one per published port and address family:
 *   docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80
 * It listens on the host and copies each connection to the container's address, which is how
 * `curl localhost:8080` on the host reaches nginx in the container.
 */
function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function pump(sys: SysApi, from: number, to: number, net: NetApi): Promise<void> {
  for (;;) {
    let data: string;
    try { data = await sys.read(from); } catch (e) { if (isKernelError(e, 'EINTR')) continue; break; }
    if (!data) break;
    try { await sys.write(to, data); } catch { break; }
  }
  try { net.shutdown(to, 'wr'); } catch { /* closed */ }
}

async function main(proc: Proc): Promise<number> {
  const { sys, argv } = proc;
  const hostIp = arg(argv, '-host-ip') ?? '0.0.0.0';
  const hostPort = Number(arg(argv, '-host-port'));
  const ctrIp = arg(argv, '-container-ip')!;
  const ctrPort = Number(arg(argv, '-container-port'));
  const net = await sys.ext<NetApi>('net');
  const v6 = hostIp.includes(':');
  const fd = net.socket(v6 ? 'inet6' : 'inet', 'stream');
  if (v6) net.setsockopt(fd, 'IPV6_V6ONLY', 1);
  net.setsockopt(fd, 'SO_REUSEADDR', 1);
  try {
    net.bind(fd, { family: v6 ? 6 : 4, addr: hostIp, port: hostPort });
  } catch (e) {
    await proc.err(`listen tcp4 ${hostIp}:${hostPort}: bind: ${isKernelError(e) ? e.message.toLowerCase() : String(e)}\n`);
    return 1;
  }
  net.listen(fd, 4096);
  for (;;) {
    let client: number;
    try { client = (await net.accept(fd)).fd; } catch (e) { if (isKernelError(e, 'EINTR')) continue; throw e; }
    void (async () => {
      const up = net.socket('inet', 'stream');
      try {
        await net.connect(up, { family: 4, addr: ctrIp, port: ctrPort });
      } catch {
        sys.close(client);
        sys.close(up);
        return;
      }
      await Promise.all([pump(sys, client, up, net), pump(sys, up, client, net)]);
      try { sys.close(client); sys.close(up); } catch { /* closed */ }
    })().catch(() => undefined);
  }
}

export const dockerProxy: ProgramImage = { vszKb: 1746392, rssKb: 3960, main };
