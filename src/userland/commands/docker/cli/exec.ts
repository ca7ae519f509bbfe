import { bool, list, parseFlags, str, type FlagDef } from '../flags.ts';
import { report, req, type Ctx } from '../out.ts';
import { relay } from './stream.ts';

const FLAGS: FlagDef[] = [
  { long: 'interactive', short: 'i', kind: 'bool' }, { long: 'tty', short: 't', kind: 'bool' }, { long: 'detach', short: 'd', kind: 'bool' },
  { long: 'env', short: 'e', kind: 'list' }, { long: 'workdir', short: 'w', kind: 'string' }, { long: 'user', short: 'u', kind: 'string' },
  { long: 'privileged', kind: 'bool' }, { long: 'detach-keys', kind: 'string' }, { long: 'env-file', kind: 'list' }, { long: 'help', kind: 'bool' },
];

/** `docker exec`: a new process in a running container's namespaces; exits with its status. */
export async function exec(ctx: Ctx, argv: string[]): Promise<number> {
  const sys = ctx.proc.sys;
  try {
    const p = parseFlags(argv, FLAGS, false);
    if (p.args.length < 2) {
      await ctx.proc.err(`"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n`);
      return 1;
    }
    const tty = bool(p, 'tty');
    const interactive = bool(p, 'interactive');
    if (tty && interactive && !sys.isatty(0)) { await ctx.proc.err('the input device is not a TTY\n'); return 1; }
    const [container, ...cmd] = p.args;
    const api = ctx.api();
    const env = list(p, 'env').map((e) => (e.includes('=') ? e : `${e}=${ctx.proc.env.get(e) ?? ''}`));
    const detach = bool(p, 'detach');
    const { Id } = api.execCreate(container, {
      Cmd: cmd, Env: env, WorkingDir: str(p, 'workdir'), User: str(p, 'user'), Tty: tty, Privileged: bool(p, 'privileged'),
      AttachStdin: interactive && !detach, AttachStdout: !detach, AttachStderr: !detach, Detach: detach,
    });
    const att = await api.execStart(Id);
    if (detach) return 0;
    const r = await relay(ctx, att, { stdin: interactive, tty });
    if (r.detached) return 0;
    return api.execInspect(Id).ExitCode ?? 0;
  } catch (e) {
    return report(ctx, 'exec', e, req('POST', '/exec'));
  }
}
