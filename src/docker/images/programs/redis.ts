import { SIG } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { NetApi } from '../../../kernel/net/api.ts';
import type { ProgramImage, Proc } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { listenTcp, redisTime } from './netutil.ts';

/** redis-server 7.4 (standalone, port 6379, a handful of commands over RESP) and redis-cli. */
async function server(proc: Proc): Promise<number> {
  const { sys } = proc;
  if (proc.argv.includes('--version') || proc.argv.includes('-v')) {
    await proc.out('Redis server v=7.4.1 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=8f5d3e7b8a2e0c1d\n');
    return 0;
  }
  const pid = sys.getpid();
  const log = (role: string, mark: string, msg: string) => proc.out(`${pid}:${role} ${redisTime(sys.time())} ${mark} ${msg}\n`);
  await log('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
  await log('C', '*', `Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=${pid}, just started`);
  await log('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
  await log('M', '*', 'monotonic clock: POSIX clock_gettime');
  let fds: number[];
  try {
    fds = await listenTcp(sys, [{ family: 4, addr: '0.0.0.0' }, { family: 6, addr: '::' }], 6379, 511);
  } catch (e) {
    if (!isKernelError(e)) throw e;
    await log('M', '#', `Warning: Could not create server TCP listening socket *:6379: bind: ${e.message}`);
    return 1;
  }
  sys.setproctitle(['redis-server *:6379']);
  await log('M', '*', 'Running mode=standalone, port=6379.');
  await log('M', '*', 'Server initialized');
  await log('M', '*', 'Ready to accept connections tcp');
  const db = new Map<string, string>();
  let stopping = false;
  const stop = async (sig: number) => {
    if (stopping) return;
    stopping = true;
    await log('M', '#', `Received ${sig === SIG.SIGINT ? 'SIGINT' : 'SIGTERM'} scheduling shutdown...`);
    await log('M', '#', 'User requested shutdown...');
    await log('M', '#', 'Redis is now ready to exit, bye bye...');
    sys.exit(0);
  };
  // The handler runs detached from main(): its exit() unwinds it with TaskExit, which nobody awaits.
  sys.signal(SIG.SIGTERM, (s) => { stop(s).catch(() => undefined); });
  sys.signal(SIG.SIGINT, (s) => { stop(s).catch(() => undefined); });
  if (!fds.length) { for (;;) await sys.nanosleep(1e12).catch(() => undefined); }
  const net = await sys.ext<NetApi>('net');
  await Promise.all(fds.map(async (fd) => {
    for (;;) {
      let c: number;
      try { c = (await net.accept(fd)).fd; } catch (e) { if (isKernelError(e, 'EINTR')) continue; throw e; }
      client(sys, c, db).catch(() => undefined);
    }
  }));
  return 0;
}

/** Parse RESP arrays (or inline commands) out of `buf`; returns the commands and what is left. */
function parseCommands(buf: string): { cmds: string[][]; rest: string } {
  const cmds: string[][] = [];
  let rest = buf;
  for (;;) {
    if (rest.startsWith('*')) {
      const lines = rest.split('\r\n');
      const n = Number(lines[0].slice(1));
      if (lines.length < 1 + 2 * n) break;
      const args: string[] = [];
      for (let i = 0; i < n; i++) args.push(lines[2 + 2 * i]);
      if (args.some((a) => a === undefined)) break;
      cmds.push(args);
      rest = lines.slice(1 + 2 * n).join('\r\n');
    } else {
      const nl = rest.indexOf('\n');
      if (nl < 0) break;
      const line = rest.slice(0, nl).replace(/\r$/, '').trim();
      rest = rest.slice(nl + 1);
      if (line) cmds.push(line.split(/\s+/));
    }
  }
  return { cmds, rest };
}

function execute(args: string[], db: Map<string, string>): string {
  const [cmd, ...a] = args;
  const bulk = (s: string | undefined) => (s === undefined ? '$-1\r\n' : `$${s.length}\r\n${s}\r\n`);
  switch (cmd.toUpperCase()) {
    case 'PING': return a.length ? bulk(a[0]) : '+PONG\r\n';
    case 'ECHO': return bulk(a[0]);
    case 'SET': db.set(a[0], a[1]); return '+OK\r\n';
    case 'GET': return bulk(db.get(a[0]));
    case 'DEL': { let n = 0; for (const k of a) if (db.delete(k)) n++; return `:${n}\r\n`; }
    case 'EXISTS': return `:${a.filter((k) => db.has(k)).length}\r\n`;
    case 'INCR': { const v = Number(db.get(a[0]) ?? '0') + 1; db.set(a[0], String(v)); return `:${v}\r\n`; }
    case 'KEYS': { const keys = [...db.keys()]; return `*${keys.length}\r\n${keys.map(bulk).join('')}`; }
    case 'DBSIZE': return `:${db.size}\r\n`;
    case 'FLUSHALL': db.clear(); return '+OK\r\n';
    case 'COMMAND': return '*0\r\n';
    default: return `-ERR unknown command '${cmd}', with args beginning with: ${a.map((x) => `'${x}' `).join('')}\r\n`;
  }
}

async function client(sys: SysApi, fd: number, db: Map<string, string>): Promise<void> {
  let buf = '';
  try {
    for (;;) {
      const chunk = await sys.read(fd);
      if (!chunk) return;
      const { cmds, rest } = parseCommands(buf + chunk);
      buf = rest;
      for (const c of cmds) {
        if (c[0].toUpperCase() === 'QUIT') { await sys.write(fd, '+OK\r\n'); return; }
        await sys.write(fd, execute(c, db));
      }
    }
  } finally {
    try { sys.close(fd); } catch { /* closed */ }
  }
}

/** redis-cli [-h host] [-p port] cmd args...: one command, the reply as redis-cli prints it. */
async function cli(proc: Proc): Promise<number> {
  const { sys } = proc;
  const a = proc.argv.slice(1);
  let host = '127.0.0.1';
  let port = 6379;
  while (a[0]?.startsWith('-')) {
    const f = a.shift()!;
    if (f === '-h') host = a.shift() ?? host;
    else if (f === '-p') port = Number(a.shift());
    else if (f === '--version' || f === '-v') { await proc.out('redis-cli 7.4.1\n'); return 0; }
  }
  if (!a.length) { await proc.err('nsbox: interactive redis-cli is not available; pass a command (redis-cli PING)\n'); return 1; }
  let net: NetApi;
  try { net = await sys.ext<NetApi>('net'); } catch { await proc.err(`Could not connect to Redis at ${host}:${port}: Function not implemented\n`); return 1; }
  const fd = net.socket(host.includes(':') ? 'inet6' : 'inet', 'stream');
  try {
    await net.connect(fd, { family: host.includes(':') ? 6 : 4, addr: host, port });
  } catch (e) {
    if (!isKernelError(e)) throw e;
    await proc.err(`Could not connect to Redis at ${host}:${port}: ${e.message}\n`);
    return 1;
  }
  await sys.write(fd, `*${a.length}\r\n${a.map((x) => `$${x.length}\r\n${x}\r\n`).join('')}`);
  const reply = await sys.read(fd);
  sys.close(fd);
  await proc.out(renderReply(reply));
  return 0;
}

function renderReply(r: string): string {
  const first = r.split('\r\n')[0];
  switch (first[0]) {
    case '+': return `${first.slice(1)}\n`;
    case '-': return `(error) ${first.slice(1)}\n`;
    case ':': return `(integer) ${first.slice(1)}\n`;
    case '$': return first === '$-1' ? '(nil)\n' : `"${r.split('\r\n')[1]}"\n`;
    case '*': {
      const items = r.split('\r\n').slice(1).filter((_, i) => i % 2 === 1);
      const n = Number(first.slice(1));
      return n === 0 ? '(empty array)\n' : items.slice(0, n).map((x, i) => `${i + 1}) "${x}"\n`).join('');
    }
    default: return r;
  }
}

export const redisServer: ProgramImage = { vszKb: 141512, rssKb: 11340, main: server };
export const redisCli: ProgramImage = { vszKb: 27644, rssKb: 5420, main: cli };
