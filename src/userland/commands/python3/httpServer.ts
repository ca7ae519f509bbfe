import type { NetApi } from '../../../kernel/net/api.ts';
import type { Proc } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/**
 * Python 3.11's http.server (SimpleHTTPRequestHandler on a ThreadingHTTPServer): HTTP/1.0, one
 * request per connection, directory listings, files from the served directory, an access log line
 * per request on stderr.
 */
const SERVER = 'SimpleHTTP/0.6 Python/3.11.2';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** email.utils.formatdate(usegmt=True). */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

/** log_date_time_string: `29/Nov/2026 09:13:05`. */
function logDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const MIME: Record<string, string> = {
  html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'text/javascript', json: 'application/json',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', py: 'text/x-python',
  sh: 'application/x-sh', xml: 'application/xml', md: 'text/markdown', conf: 'application/octet-stream',
};

const RESPONSES: Record<number, [string, string]> = {
  400: ['Bad Request', 'Bad request syntax or unsupported method'],
  404: ['File not found', 'Nothing matches the given URI'],
  501: ['Unsupported method', 'Server does not support this operation'],
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function serve(proc: Proc, net: NetApi, fd: number, dir: string): Promise<never> {
  for (;;) {
    const c = await net.accept(fd);
    const peer = c.peer.family === 'unix' ? '' : c.peer.addr;
    // ThreadingHTTPServer: each request in its own thread.
    void handle(proc, c.fd, peer, dir).catch(() => proc.sys.close(c.fd));
  }
}

async function handle(proc: Proc, fd: number, client: string, dir: string): Promise<void> {
  const sys = proc.sys;
  let req = '';
  while (!req.includes('\r\n\r\n') && !req.includes('\n\n')) {
    const chunk = await sys.read(fd);
    if (chunk === '') break;
    req += chunk;
  }
  const requestline = req.split(/\r?\n/, 1)[0] ?? '';
  const log = (code: number | string, size = '-') => proc.err(`${client} - - [${logDate(sys.time())}] "${requestline}" ${code} ${size}\n`);
  const [method, rawPath, version] = requestline.split(' ');
  let out: string;
  if (!method || !rawPath || !/^HTTP\/\d\.\d$/.test(version ?? '')) {
    out = await error(proc, client, 400, requestline);
  } else if (method !== 'GET' && method !== 'HEAD') {
    out = await error(proc, client, 501, requestline, `Unsupported method ('${method}')`);
  } else {
    const path = decodeURIComponent(rawPath.split('?')[0].split('#')[0]);
    const fsPath = `${dir.replace(/\/$/, '')}${path}`;
    const st = stat(sys, fsPath);
    if (st === 'dir' && !path.endsWith('/')) {
      await log(301);
      out = headers(sys, '301 Moved Permanently', [['Location', `${rawPath}/`], ['Content-Length', '0']]);
    } else if (st === 'dir') {
      const index = stat(sys, `${fsPath}index.html`) === 'file' ? `${fsPath}index.html` : null;
      if (index) { const body = await sys.readFile(index); await log(200); out = fileResponse(sys, index, body) + (method === 'HEAD' ? '' : body); }
      else { const body = listing(sys, fsPath, path); await log(200); out = headers(sys, '200 OK', [['Content-type', 'text/html; charset=utf-8'], ['Content-Length', String(body.length)]]) + (method === 'HEAD' ? '' : body); }
    } else if (st === 'file') {
      let body: string | null = null;
      try { body = await sys.readFile(fsPath); } catch { body = null; }
      if (body === null) out = await error(proc, client, 404, requestline);
      else { await log(200); out = fileResponse(sys, fsPath, body) + (method === 'HEAD' ? '' : body); }
    } else out = await error(proc, client, 404, requestline);
  }
  try { await sys.write(fd, out); } catch { /* client gone */ }
  sys.close(fd);
}

function stat(sys: SysApi, p: string): 'dir' | 'file' | null {
  try { const t = sys.stat(p).type; return t === 'dir' ? 'dir' : 'file'; } catch { return null; }
}

function headers(sys: SysApi, status: string, extra: Array<[string, string]>): string {
  return [`HTTP/1.0 ${status}`, `Server: ${SERVER}`, `Date: ${httpDate(sys.time())}`, ...extra.map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n';
}

function fileResponse(sys: SysApi, path: string, body: string): string {
  const ext = path.split('/').pop()!.includes('.') ? path.split('.').pop()!.toLowerCase() : '';
  const mtime = sys.stat(path).mtime;
  return headers(sys, '200 OK', [['Content-type', MIME[ext] ?? 'application/octet-stream'], ['Content-Length', String(body.length)], ['Last-Modified', httpDate(mtime)]]);
}

/** send_error: the log_error line, then the request line, then Python's HTML error page. */
async function error(proc: Proc, client: string, code: number, requestline: string, message?: string): Promise<string> {
  const [short, explain] = RESPONSES[code];
  const msg = message ?? short;
  const date = logDate(proc.sys.time());
  await proc.err(`${client} - - [${date}] code ${code}, message ${msg}\n`);
  if (requestline) await proc.err(`${client} - - [${date}] "${requestline}" ${code} -\n`);
  const body = `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: ${code}</p>\n        <p>Message: ${escapeHtml(msg)}.</p>\n        <p>Error code explanation: ${code} - ${explain}.</p>\n    </body>\n</html>\n`;
  return headers(proc.sys, `${code} ${short}`, [['Connection', 'close'], ['Content-Type', 'text/html;charset=utf-8'], ['Content-Length', String(body.length)]]) + body;
}

/** list_directory. */
function listing(sys: SysApi, fsPath: string, urlPath: string): string {
  const names = sys.readdir(fsPath).filter((n) => n !== '.' && n !== '..').sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  const title = `Directory listing for ${escapeHtml(urlPath)}`;
  const r = ['<!DOCTYPE HTML>', '<html lang="en">', '<head>', '<meta charset="utf-8">', `<title>${title}</title>\n</head>`, `<body>\n<h1>${title}</h1>`, '<hr>\n<ul>'];
  for (const name of names) {
    const full = `${fsPath}${name}`;
    let display = name;
    let link = name;
    let isLink = false;
    try { isLink = sys.lstat(full).type === 'symlink'; } catch { /* vanished */ }
    if (stat(sys, full) === 'dir') { display = `${name}/`; link = `${name}/`; }
    if (isLink) display = `${name}@`;
    r.push(`<li><a href="${encodeURI(link)}">${escapeHtml(display)}</a></li>`);
  }
  r.push('</ul>\n<hr>\n</body>\n</html>\n');
  return r.join('\n');
}
