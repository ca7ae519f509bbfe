import type { Proc } from '../../../kernel/program.ts';
import { ConnectError, DaemonError, type DockerApi } from './api.ts';
import { FlagError } from './flags.ts';

/** What every docker subcommand gets: the process, and a lazily opened connection to the daemon. */
export interface Ctx {
  proc: Proc;
  /** The Engine API over /var/run/docker.sock (throws ConnectError). */
  api(): DockerApi;
}

export function connectApi(proc: Proc): () => DockerApi {
  let api: DockerApi | undefined;
  return () => {
    if (api) return api;
    try {
      api = proc.sys.extNow<DockerApi>('docker');
    } catch (e) {
      if (e instanceof ConnectError) throw e;
      // No engine in this kernel at all: the socket is simply not there.
      throw new ConnectError('ENOENT');
    }
    return api;
  };
}

const SOCK = 'unix:///var/run/docker.sock';

/** The client's text for a failed connection (client/errors.go, client/hijack.go). */
export function connectMessage(e: ConnectError, request: string): string {
  if (e.code === 'ENOENT') return `Cannot connect to the Docker daemon at ${SOCK}. Is the docker daemon running?`;
  return `permission denied while trying to connect to the Docker daemon socket at ${SOCK}: ${request}: dial unix /var/run/docker.sock: connect: permission denied`;
}

/** `Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.50/containers/json"` */
export function req(method: string, path: string): string {
  // net/url.Error prints the method as Go spells it in errors: `Get`, `Post`, `Head`.
  const op = method[0] + method.slice(1).toLowerCase();
  return `${op} "http://%2Fvar%2Frun%2Fdocker.sock${path === '/_ping' ? '' : '/v1.50'}${path}"`;
}

/**
 * Print a command's failure the way the docker CLI does and return its exit status:
 * daemon errors as `Error response from daemon: …` (exit 1), flag errors with the help hint (125).
 */
export async function report(ctx: Ctx, cmd: string, e: unknown, request = req('HEAD', '/_ping')): Promise<number> {
  if (e instanceof FlagError) {
    await ctx.proc.err(`${e.message}\nSee 'docker ${cmd} --help'.\n`);
    return 125;
  }
  if (e instanceof ConnectError) {
    await ctx.proc.err(`${connectMessage(e, request)}\n`);
    return 1;
  }
  if (e instanceof DaemonError) {
    await ctx.proc.err(`Error response from daemon: ${e.message}\n`);
    return 1;
  }
  // Anything else the daemon threw is a 500 to the client.
  if (e instanceof Error) {
    await ctx.proc.err(`Error response from daemon: ${e.message}\n`);
    return 1;
  }
  throw e;
}

/** reportError for `docker run`/`create`/`start -a`: `docker: MSG.` and the help hint, exit 125. */
export async function reportRun(ctx: Ctx, cmd: string, e: unknown, request: string): Promise<number> {
  let msg: string;
  if (e instanceof FlagError) msg = e.message;
  else if (e instanceof ConnectError) msg = connectMessage(e, request);
  else if (e instanceof DaemonError || e instanceof Error) msg = `Error response from daemon: ${e.message}`;
  else throw e;
  await ctx.proc.err(`docker: ${msg.replace(/\.$/, '')}.\nSee 'docker ${cmd} --help'.\n`);
  if (e instanceof DaemonError && /executable file not found|no such file or directory/.test(e.message)) return 127;
  if (e instanceof DaemonError && /permission denied/.test(e.message) && /exec/.test(e.message)) return 126;
  return 125;
}

/**
 * text/tabwriter as the CLI's table formatter sets it up (minwidth 10, padding 3, spaces): every
 * column but the last is as wide as its widest cell plus 3, at least 10.
 */
export function table(rows: string[][]): string {
  if (!rows.length) return '';
  const n = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: n - 1 }, (_, i) => Math.max(10, ...rows.map((r) => (r[i] ?? '').length + 3)));
  return rows.map((r) => r.map((cell, i) => (i < n - 1 && i < r.length - 1 ? cell.padEnd(widths[i]) : cell)).join('').replace(/\s+$/, '') + '\n').join('');
}

/** Go's json.MarshalIndent(v, "", "    ") with SetEscapeHTML(true), as `docker inspect` prints. */
export function goJson(v: unknown, indent = '    '): string {
  const esc = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  const walk = (x: unknown, pad: string): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'string') return esc(x);
    if (typeof x === 'number' || typeof x === 'boolean') return String(x);
    const inner = pad + indent;
    if (Array.isArray(x)) return x.length ? `[\n${x.map((e) => inner + walk(e, inner)).join(',\n')}\n${pad}]` : '[]';
    const entries = Object.entries(x as Record<string, unknown>).filter(([, e]) => e !== undefined);
    return entries.length ? `{\n${entries.map(([k, e]) => `${inner}${esc(k)}: ${walk(e, inner)}`).join(',\n')}\n${pad}}` : '{}';
  };
  return walk(v, '');
}

/** Compact JSON for `{{json .}}` (json.Marshal with HTML escaping). */
export function goJsonCompact(v: unknown): string {
  return JSON.stringify(v ?? null).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function isDaemonError(e: unknown): e is DaemonError { return e instanceof DaemonError; }
