import { SIG } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { NetApi } from '../../../kernel/net/api.ts';
import type { ProgramImage, Proc } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { clfTime, listenTcp, logTime, readUntil } from './netutil.ts';

/**
 * nginx 1.27 with `daemon off;`: the master (`nginx: master process nginx -g daemon off;`) opens
 * :80 on IPv4 and IPv6, forks `worker_processes auto` (= 2 CPUs) workers running as user nginx, and
 * serves /usr/share/nginx/html. Logs go to /var/log/nginx/*.log, which the image links to
 * /dev/stdout and /dev/stderr (so `docker logs` shows them). SIGQUIT: graceful stop; SIGTERM: fast.
 */
const VERSION = 'nginx/1.27.3';

async function main(proc: Proc): Promise<number> {
  const { sys, argv } = proc;
  if (argv.includes('-v') || argv.includes('-V')) { await proc.err(`nginx version: ${VERSION}\n`); return 0; }
  if (argv.includes('-t')) {
    await proc.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    return 0;
  }
  const log = (level: string, msg: string, pid = sys.getpid()) => proc.err(`${logTime(sys.time())} [${level}] ${pid}#${pid}: ${msg}\n`);
  let fds: number[];
  try {
    fds = await listenTcp(sys, [{ family: 4, addr: '0.0.0.0' }, { family: 6, addr: '::' }], 80, 511);
  } catch (e) {
    if (!isKernelError(e)) throw e;
    await log('emerg', `bind() to 0.0.0.0:80 failed (${e.errno}: ${e.message})`);
    return 1;
  }
  for (const m of ['using the "epoll" event method', VERSION, 'built by gcc 12.2.0 (Debian 12.2.0-14) ', `OS: Linux ${sys.uname().release}`,
    'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes']) await log('notice', m);
  sys.setproctitle([`nginx: master process ${argv.join(' ')}`]);
  const workers: number[] = [];
  for (let i = 0; i < 2; i++) {
    const pid = sys.clone((w) => worker(w, fds), { comm: 'nginx' });
    workers.push(pid);
    await log('notice', `start worker process ${pid}`);
  }
  let stop: number | null = null;
  let wake: () => void = () => undefined;
  for (const s of [SIG.SIGQUIT, SIG.SIGTERM, SIG.SIGINT]) sys.signal(s, (sig) => { stop = sig; wake(); });
  sys.signal(SIG.SIGHUP, () => undefined);
  while (stop === null) {
    try { await sys.wait4(-1); } catch (e) {
      if (!isKernelError(e)) throw e; // killed: never retry
      if (e.code === 'ECHILD') await sys.nanosleep(1e12).catch(() => undefined);
    }
  }
  const sig = stop as number;
  const name = sig === SIG.SIGQUIT ? 'SIGQUIT' : sig === SIG.SIGTERM ? 'SIGTERM' : 'SIGINT';
  await log('notice', `signal ${sig} (${name}) received, ${sig === SIG.SIGQUIT ? 'shutting down' : 'exiting'}`);
  for (const pid of workers) {
    try { sys.kill(pid, sig === SIG.SIGQUIT ? SIG.SIGQUIT : SIG.SIGTERM); } catch { /* already gone */ }
  }
  for (const pid of workers) {
    try {
      const r = await sys.wait4(pid);
      if (r) await log('notice', `worker process ${pid} exited with code 0`);
    } catch { /* reaped */ }
  }
  await log('notice', 'exit');
  return 0;
}

async function worker(sys: SysApi, fds: number[]): Promise<number> {
  sys.setproctitle(['nginx: worker process']);
  try { sys.setuid(101, 101, [101]); } catch { /* not root: stay */ }
  for (const s of [SIG.SIGQUIT, SIG.SIGTERM]) sys.signal(s, 'default');
  if (!fds.length) { await sys.nanosleep(1e12); return 0; }
  const net = await sys.ext<NetApi>('net');
  await Promise.all(fds.map(async (fd) => {
    for (;;) {
      const { fd: c, peer } = await net.accept(fd);
      serve(sys, c, peer.family === 'unix' ? '' : peer.addr).catch(() => undefined);
    }
  }));
  return 0;
}

async function serve(sys: SysApi, fd: number, peer: string): Promise<void> {
  try {
    const req = await readUntil(sys, fd, (d) => d.includes('\r\n\r\n') || d.includes('\n\n'));
    const line = req.split(/\r?\n/)[0] ?? '';
    const [method, path = '/'] = line.split(' ');
    const ua = /^User-Agent:\s*(.*)$/im.exec(req)?.[1]?.trim() ?? '-';
    const file = path === '/' ? '/usr/share/nginx/html/index.html' : `/usr/share/nginx/html${path.split('?')[0]}`;
    let status = 200;
    let body: string;
    try { body = await sys.readFile(file); } catch { status = 404; body = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n'; }
    const now = sys.time();
    const head = [`HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Not Found'}`, 'Server: nginx/1.27.3', `Date: ${new Date(now).toUTCString()}`,
      'Content-Type: text/html', `Content-Length: ${body.length}`, 'Connection: keep-alive', ...(status === 200 ? ['Accept-Ranges: bytes'] : []), '', ''].join('\r\n');
    await sys.write(fd, method === 'HEAD' ? head : head + body);
    const entry = `${peer} - - [${clfTime(now)}] "${line}" ${status} ${body.length} "-" "${ua}" "-"\n`;
    // access.log is a symlink to /dev/stdout in the image; write to our stdout when it cannot be reopened.
    try { await sys.writeFile('/var/log/nginx/access.log', entry, true); } catch { await sys.write(1, entry).catch(() => undefined); }
  } finally {
    try { sys.close(fd); } catch { /* closed */ }
  }
}

export const nginx: ProgramImage = { vszKb: 11404, rssKb: 7436, main };
