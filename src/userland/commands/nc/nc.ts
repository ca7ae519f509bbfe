import { isKernelError } from '../../../kernel/errno.ts';
import type { NetApi, SockAddr } from '../../../kernel/net/api.ts';
import { formatIp, type IpAddr } from '../../../kernel/net/inet.ts';
import type { ProgramImage, Proc } from '../../../kernel/program.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { resolveHost } from '../../lib/resolve.ts';
import { serviceName } from '../../lib/services.ts';

const USAGE = 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n';

interface Opts { listen: boolean; udp: boolean; zero: boolean; verbose: boolean; numeric: boolean; keep: boolean; shutdownOnEof: boolean; family?: 4 | 6; port?: number; quitAfter?: number }

/** OpenBSD netcat (Debian's netcat-openbsd, which also takes `-l -p PORT`). */
export const nc: ProgramImage = {
  vszKb: 5828, rssKb: 1892,
  main: async (proc) => {
    const { argv, err } = proc;
    const o: Opts = { listen: false, udp: false, zero: false, verbose: false, numeric: false, keep: false, shutdownOnEof: false };
    let operands: string[];
    try {
      const r = getopt('nc', argv.slice(1), '46CDdFhklNnrStUuvZzI:i:M:m:O:P:p:q:s:T:V:W:w:X:x:', []);
      for (const x of r.options) {
        if (x.key === 'l') o.listen = true;
        else if (x.key === 'u') o.udp = true;
        else if (x.key === 'z') o.zero = true;
        else if (x.key === 'v') o.verbose = true;
        else if (x.key === 'n') o.numeric = true;
        else if (x.key === 'k') o.keep = true;
        else if (x.key === 'N') o.shutdownOnEof = true;
        else if (x.key === '4') o.family = 4;
        else if (x.key === '6') o.family = 6;
        else if (x.key === 'p') o.port = Number(x.value);
        else if (x.key === 'q') o.quitAfter = Number(x.value);
        else if (x.key === 'h') { await err(USAGE); return 1; }
      }
      operands = r.operands;
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\n${USAGE}`);
      return 1;
    }
    const net = await proc.sys.ext<NetApi>('net');
    try {
      if (o.listen) return await listen(proc, net, o, operands);
      return await connect(proc, net, o, operands);
    } catch (e) {
      if (!isKernelError(e)) throw e;
      await err(`nc: ${e.message}\n`);
      return 1;
    }
  },
};

const proto = (o: Opts) => (o.udp ? 'udp' : 'tcp');

async function connect(proc: Proc, net: NetApi, o: Opts, operands: string[]): Promise<number> {
  const [host, portSpec] = operands;
  if (!host || !portSpec) { await proc.err(USAGE); return 1; }
  const addrs = await resolveHost(proc.sys, host, o.family);
  if (!addrs.length) { await proc.err(`nc: getaddrinfo for host "${host}" port ${portSpec}: Name or service not known\n`); return 1; }
  const [lo, hi] = portSpec.includes('-') ? portSpec.split('-').map(Number) : [Number(portSpec), Number(portSpec)];
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi > 65535) { await proc.err(`nc: port number invalid: ${portSpec}\n`); return 1; }
  let status = 1;
  for (let port = lo; port <= hi; port++) {
    for (const a of addrs) {
      const fd = await tryConnect(proc, net, o, host, a, port);
      if (fd < 0) continue;
      status = 0;
      if (o.verbose || (o.zero && o.verbose)) {
        const svc = await serviceName(proc.sys, port, proto(o));
        await proc.err(`Connection to ${host} ${port} port [${proto(o)}/${svc ?? '*'}] succeeded!\n`);
      }
      if (o.zero) { proc.sys.close(fd); break; }
      await relay(proc, net, fd, o);
      return 0;
    }
  }
  return status;
}

async function tryConnect(proc: Proc, net: NetApi, o: Opts, host: string, a: IpAddr, port: number): Promise<number> {
  const fd = net.socket(a.family === 4 ? 'inet' : 'inet6', o.udp ? 'dgram' : 'stream');
  try {
    if (o.port) net.bind(fd, { family: a.family, addr: a.family === 4 ? '0.0.0.0' : '::', port: o.port });
    await net.connect(fd, { family: a.family, addr: formatIp(a), port });
    return fd;
  } catch (e) {
    proc.sys.close(fd);
    if (!isKernelError(e)) throw e;
    if (!o.zero || o.verbose) {
      const shown = formatIp(a) === host ? host : `${host} (${formatIp(a)})`;
      await proc.err(`nc: connect to ${shown} port ${port} (${proto(o)}) failed: ${e.message}\n`);
    }
    return -1;
  }
}

async function listen(proc: Proc, net: NetApi, o: Opts, operands: string[]): Promise<number> {
  // `nc -l PORT`, `nc -l -p PORT`, `nc -l ADDR PORT`.
  const port = o.port ?? Number(operands[operands.length - 1]);
  const bindHost = operands.length >= (o.port ? 1 : 2) ? operands[0] : undefined;
  if (!Number.isInteger(port) || port < 1 || port > 65535) { await proc.err(`nc: port number invalid: ${operands[0] ?? ''}\n`); return 1; }
  const addr = bindHost ? (await resolveHost(proc.sys, bindHost, o.family))[0] : { family: o.family ?? 4, value: 0n } as IpAddr;
  if (!addr) { await proc.err(`nc: getaddrinfo: Name or service not known\n`); return 1; }
  const fd = net.socket(addr.family === 4 ? 'inet' : 'inet6', o.udp ? 'dgram' : 'stream');
  net.setsockopt(fd, 'SO_REUSEADDR', 1);
  net.bind(fd, { family: addr.family, addr: formatIp(addr), port });
  if (o.verbose) await proc.err(`Listening on ${formatIp(addr)} ${port}\n`);
  if (o.udp) {
    const first = await net.recvfrom(fd);
    await proc.out(first.data);
    if (first.from && first.from.family !== 'unix') await net.connect(fd, first.from);
    await relay(proc, net, fd, o);
    return 0;
  }
  net.listen(fd, 1);
  do {
    const c = await net.accept(fd);
    if (o.verbose) {
      const p = c.peer as Extract<SockAddr, { port: number }>;
      const shown = o.numeric ? p.addr : p.addr === '127.0.0.1' || p.addr === '::1' ? 'localhost' : p.addr;
      await proc.err(`Connection received on ${shown} ${p.port}\n`);
    }
    if (!o.keep) proc.sys.close(fd);
    await relay(proc, net, c.fd, o);
  } while (o.keep);
  return 0;
}

/** readwrite(): stdin to the socket and the socket to stdout until the network side ends. */
async function relay(proc: Proc, net: NetApi, fd: number, o: Opts): Promise<void> {
  const sys = proc.sys;
  let netDone = false;
  const toNet = (async () => {
    for (;;) {
      let data: string;
      try { data = await sys.read(0); } catch { return; }
      if (netDone) return;
      if (data === '') {
        if (o.shutdownOnEof && !o.udp) { try { net.shutdown(fd, 'wr'); } catch { /* gone */ } }
        if (o.quitAfter !== undefined && o.quitAfter >= 0) { await sys.nanosleep(o.quitAfter * 1000); netDone = true; }
        return;
      }
      try { await net.sendto(fd, data); } catch { return; }
    }
  })();
  const fromNet = (async () => {
    for (;;) {
      let data: string;
      try { data = o.udp ? (await net.recvfrom(fd)).data : await sys.read(fd); } catch { return; }
      if (data === '' && !o.udp) return;
      await proc.out(data);
    }
  })();
  await Promise.race([fromNet, toNet.then(() => (o.quitAfter !== undefined ? undefined : fromNet))]);
  netDone = true;
  sys.close(fd);
}
