import { O_CREAT, O_TRUNC, O_WRONLY } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { NetApi } from '../../../kernel/net/api.ts';
import { formatIp, type IpAddr } from '../../../kernel/net/inet.ts';
import type { ProgramImage, Proc } from '../../../kernel/program.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { resolveHost } from '../../lib/resolve.ts';

const VERSION = '7.88.1';

interface Opts { writeOut?: string; silent: boolean; showErr: boolean; verbose: boolean; head: boolean; include: boolean; fail: boolean; output?: string; method?: string; data?: string; headers: string[] }

/** curl for plain HTTP/1.1 against servers in the sandbox; errors as curl words them. */
export const curl: ProgramImage = {
  vszKb: 15472, rssKb: 7388,
  main: async (proc) => {
    const o: Opts = { silent: false, showErr: false, verbose: false, head: false, include: false, fail: false, headers: [] };
    let urls: string[];
    try {
      const r = getopt('curl', proc.argv.slice(1), 'sSvIifo:X:d:H:Lkm:w:', [
        { name: 'silent', arg: 'none', key: 's' }, { name: 'show-error', arg: 'none', key: 'S' }, { name: 'verbose', arg: 'none', key: 'v' },
        { name: 'head', arg: 'none', key: 'I' }, { name: 'include', arg: 'none', key: 'i' }, { name: 'fail', arg: 'none', key: 'f' },
        { name: 'output', arg: 'required', key: 'o' }, { name: 'request', arg: 'required', key: 'X' }, { name: 'data', arg: 'required', key: 'd' },
        { name: 'header', arg: 'required', key: 'H' }, { name: 'location', arg: 'none', key: 'L' }, { name: 'insecure', arg: 'none', key: 'k' },
        { name: 'max-time', arg: 'required', key: 'm' }, { name: 'write-out', arg: 'required', key: 'w' }, { name: 'connect-timeout', arg: 'required', key: 'T' },
      ]);
      for (const x of r.options) {
        if (x.key === 's') o.silent = true;
        else if (x.key === 'S') o.showErr = true;
        else if (x.key === 'v') o.verbose = true;
        else if (x.key === 'I') o.head = true;
        else if (x.key === 'i') o.include = true;
        else if (x.key === 'f') o.fail = true;
        else if (x.key === 'o') o.output = x.value;
        else if (x.key === 'X') o.method = x.value;
        else if (x.key === 'd') o.data = x.value;
        else if (x.key === 'H') o.headers.push(x.value!);
        else if (x.key === 'w') o.writeOut = x.value;
      }
      urls = r.operands;
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await proc.err(`${e.message.replace(/^curl: /, 'curl: ')}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return 2;
    }
    if (!urls.length) { await proc.err("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n"); return 2; }
    let status = 0;
    for (const u of urls) status = await fetch(proc, o, u);
    return status;
  },
};

async function fail(proc: Proc, o: Opts, code: number, msg: string): Promise<number> {
  if (!o.silent || o.showErr) await proc.err(`curl: (${code}) ${msg}\n`);
  return code;
}

async function fetch(proc: Proc, o: Opts, url: string): Promise<number> {
  const m = /^(?:(\w+):\/\/)?(\[[^\]]+\]|[^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return fail(proc, o, 3, 'URL using bad/illegal format or missing URL');
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return fail(proc, o, 1, `Protocol "${scheme}" not supported or disabled in libcurl`);
  const host = m[2];
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const path = m[4] ?? '/';
  const addrs = await resolveHost(proc.sys, host.replace(/^\[|\]$/g, ''));
  if (!addrs.length) return fail(proc, o, 6, `Could not resolve host: ${host}`);
  const net = await proc.sys.ext<NetApi>('net');
  const start = proc.sys.time();
  let fd = -1;
  let used: IpAddr | undefined;
  for (const a of addrs) {
    const text = a.family === 6 ? `[${formatIp(a)}]` : formatIp(a);
    if (o.verbose) await proc.err(`*   Trying ${text}:${port}...\n`);
    const s = net.socket(a.family === 4 ? 'inet' : 'inet6', 'stream');
    try {
      await net.connect(s, { family: a.family, addr: formatIp(a), port });
      fd = s;
      used = a;
      break;
    } catch (e) {
      proc.sys.close(s);
      if (!isKernelError(e)) throw e;
      if (o.verbose) await proc.err(`* connect to ${formatIp(a)} port ${port} failed: ${e.message}\n`);
    }
  }
  if (fd < 0) return fail(proc, o, 7, `Failed to connect to ${host} port ${port} after ${proc.sys.time() - start} ms: Couldn't connect to server`);
  if (o.verbose) await proc.err(`* Connected to ${host} (${formatIp(used!)}) port ${port} (#0)\n`);
  if (scheme === 'https') { proc.sys.close(fd); return fail(proc, o, 35, 'error:0A00010B:SSL routines::wrong version number'); }
  const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
  const hostHeader = port === 80 ? host : `${host}:${port}`;
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${hostHeader}`, `User-Agent: curl/${VERSION}`, 'Accept: */*', ...o.headers];
  if (o.data !== undefined) lines.push(`Content-Length: ${o.data.length}`, 'Content-Type: application/x-www-form-urlencoded');
  const request = `${lines.join('\r\n')}\r\n\r\n${o.data ?? ''}`;
  if (o.verbose) await proc.err(lines.map((l) => `> ${l}\n`).join('') + '> \n');
  await proc.sys.write(fd, request);
  let resp = '';
  try {
    for (let c = await proc.sys.read(fd); c !== ''; c = await proc.sys.read(fd)) {
      resp += c;
      const done = complete(resp, method === 'HEAD');
      if (done) break;
    }
  } catch (e) {
    if (!isKernelError(e)) throw e;
    proc.sys.close(fd);
    return fail(proc, o, 56, `Recv failure: ${e.message}`);
  }
  proc.sys.close(fd);
  if (!resp) return fail(proc, o, 52, 'Empty reply from server');
  const split = resp.indexOf('\r\n\r\n');
  const head = split < 0 ? resp : resp.slice(0, split + 4);
  const body = split < 0 ? '' : resp.slice(split + 4);
  const code = Number(/^HTTP\/\d\.\d (\d{3})/.exec(head)?.[1] ?? 0);
  if (o.verbose) await proc.err(head.split('\r\n').filter(Boolean).map((l) => `< ${l}\n`).join('') + '< \n');
  if (o.fail && code >= 400) return fail(proc, o, 22, `The requested URL returned error: ${code}`);
  let text = (o.include || o.head ? head : '') + (o.head ? '' : body);
  if (o.output) {
    const f = proc.sys.open(o.output, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
    await proc.sys.write(f, text);
    proc.sys.close(f);
    text = '';
  }
  if (text) await proc.out(text);
  if (o.writeOut !== undefined) await proc.out(o.writeOut.replace(/%\{http_code\}/g, String(code).padStart(3, '0')).replace(/\\n/g, '\n'));
  if (o.verbose) await proc.err('* Closing connection 0\n');
  return 0;
}

/** A response is complete when its Content-Length is satisfied (else at EOF). */
function complete(resp: string, head: boolean): boolean {
  const split = resp.indexOf('\r\n\r\n');
  if (split < 0) return false;
  if (head) return true;
  const len = /\r\ncontent-length:\s*(\d+)/i.exec(resp.slice(0, split));
  return !!len && resp.length - split - 4 >= Number(len[1]);
}
