import { DaemonError } from '../api.ts';
import { bool, int, parseFlags, str, type FlagDef } from '../flags.ts';
import { report, req, type Ctx } from '../out.ts';
import { relay } from './stream.ts';

/**
 * The commands that act on a list of containers and echo each argument on success
 * (start, stop, restart, kill, rm, wait, pause-less): per-container errors are printed and the
 * exit status is 1 if any failed.
 */
async function each(ctx: Ctx, cmd: string, args: string[], usage: string, fn: (id: string) => Promise<string | void>): Promise<number> {
  if (!args.length) {
    await ctx.proc.err(`"docker ${cmd}" requires at least 1 argument.\nSee 'docker ${cmd} --help'.\n\n${usage}\n`);
    return 1;
  }
  let status = 0;
  for (const a of args) {
    try {
      const out = await fn(a);
      await ctx.proc.out(`${out ?? a}\n`);
    } catch (e) {
      if (!(e instanceof DaemonError)) return report(ctx, cmd, e, req('POST', `/containers/${a}/${cmd}`));
      await ctx.proc.err(`Error response from daemon: ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

const HELP: FlagDef = { long: 'help', kind: 'bool' };

export async function start(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'attach', short: 'a', kind: 'bool' }, { long: 'interactive', short: 'i', kind: 'bool' }, { long: 'detach-keys', kind: 'string' }, HELP]);
    if (bool(p, 'attach') || bool(p, 'interactive')) {
      const api = ctx.api();
      const id = p.args[0];
      const info = api.containerInspect(id) as { Config: { Tty: boolean } };
      const att = api.containerAttach(id, { stdin: bool(p, 'interactive'), stdout: true, stderr: true });
      const waiting = api.containerWait(id, 'next-exit');
      waiting.catch(() => undefined);
      await api.containerStart(id);
      const r = await relay(ctx, att, { stdin: bool(p, 'interactive'), tty: info.Config.Tty });
      return r.detached ? 0 : (await waiting).StatusCode;
    }
    return each(ctx, 'start', p.args, 'Usage:  docker start [OPTIONS] CONTAINER [CONTAINER...]\n\nStart one or more stopped containers', (id) => ctx.api().containerStart(id));
  } catch (e) {
    return report(ctx, 'start', e);
  }
}

export async function stop(ctx: Ctx, argv: string[], cmd: 'stop' | 'restart' = 'stop'): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'time', short: 't', kind: 'int' }, { long: 'timeout', kind: 'int' }, { long: 'signal', short: 's', kind: 'string' }, HELP]);
    const t = int(p, 'time') ?? int(p, 'timeout');
    const usage = `Usage:  docker ${cmd} [OPTIONS] CONTAINER [CONTAINER...]\n\n${cmd === 'stop' ? 'Stop one or more running containers' : 'Restart one or more containers'}`;
    return each(ctx, cmd, p.args, usage, (id) => (cmd === 'stop' ? ctx.api().containerStop(id, t, str(p, 'signal')) : ctx.api().containerRestart(id, t)));
  } catch (e) {
    return report(ctx, cmd, e);
  }
}

export async function kill(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'signal', short: 's', kind: 'string' }, HELP]);
    return each(ctx, 'kill', p.args, 'Usage:  docker kill [OPTIONS] CONTAINER [CONTAINER...]\n\nKill one or more running containers', async (id) => ctx.api().containerKill(id, str(p, 'signal') ?? 'KILL'));
  } catch (e) {
    return report(ctx, 'kill', e);
  }
}

export async function rm(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'force', short: 'f', kind: 'bool' }, { long: 'volumes', short: 'v', kind: 'bool' }, { long: 'link', short: 'l', kind: 'bool' }, HELP]);
    return each(ctx, 'rm', p.args, 'Usage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers', (id) => ctx.api().containerRemove(id, { force: bool(p, 'force'), volumes: bool(p, 'volumes') }));
  } catch (e) {
    return report(ctx, 'rm', e);
  }
}

export async function wait(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [HELP]);
    return each(ctx, 'wait', p.args, 'Usage:  docker wait CONTAINER [CONTAINER...]\n\nBlock until one or more containers stop, then print their exit codes', async (id) => String((await ctx.api().containerWait(id)).StatusCode));
  } catch (e) {
    return report(ctx, 'wait', e);
  }
}

export async function rename(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [HELP]);
    if (p.args.length !== 2) {
      await ctx.proc.err(`"docker rename" requires exactly 2 arguments.\nSee 'docker rename --help'.\n\nUsage:  docker rename CONTAINER NEW_NAME\n\nRename a container\n`);
      return 1;
    }
    ctx.api().containerRename(p.args[0], p.args[1]);
    return 0;
  } catch (e) {
    return report(ctx, 'rename', e);
  }
}
