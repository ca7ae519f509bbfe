import { bool, parseFlags, str, type FlagDef } from '../flags.ts';
import { report, req, type Ctx } from '../out.ts';
import { relay } from './stream.ts';

/** `docker attach`: join a running container's console; ^P^Q detaches, its exit ends us. */
export async function attach(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'no-stdin', kind: 'bool' }, { long: 'sig-proxy', kind: 'bool' }, { long: 'detach-keys', kind: 'string' }, { long: 'help', kind: 'bool' }]);
    if (p.args.length !== 1) {
      await ctx.proc.err(`"docker attach" requires exactly 1 argument.\nSee 'docker attach --help'.\n\nUsage:  docker attach [OPTIONS] CONTAINER\n\nAttach local standard input, output, and error streams to a running container\n`);
      return 1;
    }
    const api = ctx.api();
    const info = api.containerInspect(p.args[0]) as { State: { Running: boolean }; Config: { Tty: boolean; OpenStdin: boolean } };
    if (!info.State.Running) { await ctx.proc.err('You cannot attach to a stopped container, start it first\n'); return 1; }
    const stdin = info.Config.OpenStdin && !bool(p, 'no-stdin');
    if (stdin && info.Config.Tty && !ctx.proc.sys.isatty(0)) { await ctx.proc.err('the input device is not a TTY\n'); return 1; }
    const att = api.containerAttach(p.args[0], { stdin, stdout: true, stderr: true });
    const waiting = api.containerWait(p.args[0], 'next-exit');
    waiting.catch(() => undefined);
    const r = await relay(ctx, att, { stdin, tty: info.Config.Tty });
    if (r.detached) { await ctx.proc.err('read escape sequence\n'); return 0; }
    return (await waiting).StatusCode;
  } catch (e) {
    return report(ctx, 'attach', e, req('POST', '/containers/attach'));
  }
}

const LOG_FLAGS: FlagDef[] = [
  { long: 'follow', short: 'f', kind: 'bool' }, { long: 'timestamps', short: 't', kind: 'bool' }, { long: 'tail', short: 'n', kind: 'string' },
  { long: 'since', kind: 'string' }, { long: 'until', kind: 'string' }, { long: 'details', kind: 'bool' }, { long: 'help', kind: 'bool' },
];

/** `docker logs`: what the json-file driver kept, stdout to stdout and stderr to stderr. */
export async function logs(ctx: Ctx, argv: string[]): Promise<number> {
  const sys = ctx.proc.sys;
  try {
    const p = parseFlags(argv, LOG_FLAGS);
    if (p.args.length !== 1) {
      await ctx.proc.err(`"docker logs" requires exactly 1 argument.\nSee 'docker logs --help'.\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n`);
      return 1;
    }
    const api = ctx.api();
    const att = api.containerLogs(p.args[0], { follow: bool(p, 'follow') });
    const tail = str(p, 'tail');
    const n = tail === undefined || tail === 'all' ? Infinity : Number(tail);
    const ts = bool(p, 'timestamps');
    const stamp = (t: number) => (ts ? `${new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ` : '');
    if (bool(p, 'follow')) {
      for (let c = await att.read(); c; c = await att.read()) await sys.write(c.stream === 'stderr' ? 2 : 1, stamp(c.time) + c.data);
      return 0;
    }
    // Logs are line records: keep the last N lines (--tail).
    const lines: Array<{ fd: number; text: string }> = [];
    for (let c = await att.read(); c; c = await att.read()) {
      for (const l of c.data.split(/(?<=\n)/)) lines.push({ fd: c.stream === 'stderr' ? 2 : 1, text: stamp(c.time) + l });
    }
    for (const l of lines.slice(Number.isFinite(n) ? Math.max(0, lines.length - n) : 0)) await sys.write(l.fd, l.text);
    return 0;
  } catch (e) {
    return report(ctx, 'logs', e, req('GET', '/containers/logs'));
  }
}
