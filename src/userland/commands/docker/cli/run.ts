import { SIG } from '../../../../kernel/constants.ts';
import { DaemonError, type CreateRequest } from '../api.ts';
import { bool, FlagError, parseFlags, str } from '../flags.ts';
import { reportRun, req, type Ctx } from '../out.ts';
import { pullImage } from './pull.ts';
import { RUN_FLAGS, toCreateRequest } from './runFlags.ts';
import { relay } from './stream.ts';

const USAGE_RUN = 'Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image';
const USAGE_CREATE = 'Usage:  docker create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate a new container';

/** createContainer (cli/command/container/create.go): pull on "No such image" unless --pull=never. */
export async function createWithPull(ctx: Ctx, r: CreateRequest, pull: string, quiet: boolean): Promise<string> {
  const api = ctx.api();
  const image = r.Image.includes(':') || r.Image.includes('@') ? r.Image : `${r.Image}:latest`;
  if (pull === 'always') await pullImage(ctx, image, 2);
  try {
    const res = await api.containerCreate(r);
    for (const w of res.Warnings) await ctx.proc.err(`WARNING: ${w}\n`);
    return res.Id;
  } catch (e) {
    if (!(e instanceof DaemonError) || e.status !== 404 || !e.message.startsWith('No such image') || pull === 'never') throw e;
  }
  await ctx.proc.err(`Unable to find image '${image}' locally\n`);
  if (quiet) await api.imagePull(image); else await pullImage(ctx, image, 2);
  const res = await api.containerCreate(r);
  for (const w of res.Warnings) await ctx.proc.err(`WARNING: ${w}\n`);
  return res.Id;
}

async function usage(ctx: Ctx, cmd: 'run' | 'create'): Promise<number> {
  await ctx.proc.err(`"docker ${cmd}" requires at least 1 argument.\nSee 'docker ${cmd} --help'.\n\n${cmd === 'run' ? USAGE_RUN : USAGE_CREATE}\n`);
  return 1;
}

/** `docker create`: prints the new container's id. */
export async function create(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, RUN_FLAGS, false);
    if (bool(p, 'help')) { await ctx.proc.out(`\n${USAGE_CREATE}\n`); return 0; }
    if (!p.args.length) return usage(ctx, 'create');
    const id = await createWithPull(ctx, toCreateRequest(p, ctx.proc.env), str(p, 'pull') ?? 'missing', bool(p, 'quiet'));
    await ctx.proc.out(`${id}\n`);
    return 0;
  } catch (e) {
    return reportRun(ctx, 'create', e, req('POST', '/containers/create'));
  }
}

/**
 * `docker run` (cli/command/container/run.go): create (pulling if needed), attach before start,
 * start, relay the streams, and exit with the container's status. -d prints the id instead.
 */
export async function run(ctx: Ctx, argv: string[]): Promise<number> {
  const sys = ctx.proc.sys;
  let p;
  try {
    p = parseFlags(argv, RUN_FLAGS, false);
  } catch (e) {
    return reportRun(ctx, 'run', e, '');
  }
  if (bool(p, 'help')) { await ctx.proc.out(`\n${USAGE_RUN}\n`); return 0; }
  if (!p.args.length) return usage(ctx, 'run');
  const detach = bool(p, 'detach');
  const tty = bool(p, 'tty');
  const interactive = bool(p, 'interactive');
  if (tty && interactive && !detach && !sys.isatty(0)) {
    await ctx.proc.err('the input device is not a TTY\n');
    return 1;
  }
  let size: [number, number] | undefined;
  if (tty && sys.isatty(1)) { const ws = sys.getWinsize(1); size = [ws.rows, ws.cols]; }
  let id: string;
  try {
    id = await createWithPull(ctx, toCreateRequest(p, ctx.proc.env, size), str(p, 'pull') ?? 'missing', bool(p, 'quiet'));
  } catch (e) {
    return reportRun(ctx, 'run', e, req('POST', '/containers/create'));
  }
  const api = ctx.api();
  if (detach) {
    try { await api.containerStart(id); } catch (e) { return reportRun(ctx, 'run', e, ''); }
    await ctx.proc.out(`${id}\n`);
    return 0;
  }
  const autoRemove = bool(p, 'rm');
  const att = api.containerAttach(id, { stdin: interactive, stdout: true, stderr: true });
  const waiting = api.containerWait(id, autoRemove ? 'removed' : 'next-exit');
  waiting.catch(() => undefined);
  try {
    await api.containerStart(id);
  } catch (e) {
    return reportRun(ctx, 'run', e, '');
  }
  // --sig-proxy (default on without a tty): forward signals the client gets to the container.
  if (!tty && p.values.get('sig-proxy') !== false) {
    for (const s of [SIG.SIGINT, SIG.SIGTERM, SIG.SIGHUP, SIG.SIGQUIT, SIG.SIGUSR1, SIG.SIGUSR2]) {
      sys.signal(s, (sig) => { try { api.containerKill(id, String(sig)); } catch { /* gone */ } });
    }
  }
  const r = await relay(ctx, att, { stdin: interactive, tty });
  if (r.detached) return 0;
  try {
    return (await waiting).StatusCode;
  } catch (e) {
    if (e instanceof DaemonError) return 125;
    throw e;
  }
}

export { FlagError };
