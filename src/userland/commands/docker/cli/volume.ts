import { DaemonError } from '../api.ts';
import { bool, parseFlags, str, type FlagDef } from '../flags.ts';
import { report, req, table, type Ctx } from '../out.ts';
import { compileTemplate } from '../template.ts';
import { inspect } from './inspect.ts';

const H: FlagDef = { long: 'help', kind: 'bool' };
const USAGE = `
Usage:  docker volume COMMAND

Manage volumes

Commands:
  create      Create a volume
  inspect     Display detailed information on one or more volumes
  ls          List volumes
  prune       Remove unused local volumes
  rm          Remove one or more volumes

Run 'docker volume COMMAND --help' for more information on a command.
`;

/** `docker volume ls|create|rm|inspect|prune`. */
export async function volume(ctx: Ctx, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'ls': case 'list': {
        const p = parseFlags(rest, [{ long: 'quiet', short: 'q', kind: 'bool' }, { long: 'format', kind: 'string' }, { long: 'filter', short: 'f', kind: 'list' }, H]);
        const vols = (ctx.api().volumeList() as Array<{ Name: string; Driver: string }>).sort((a, b) => a.Name.localeCompare(b.Name));
        if (bool(p, 'quiet')) { await ctx.proc.out(vols.map((v) => `${v.Name}\n`).join('')); return 0; }
        const fmt = str(p, 'format');
        if (fmt) { const t = compileTemplate(fmt); await ctx.proc.out(vols.map((v) => `${t(v)}\n`).join('')); return 0; }
        await ctx.proc.out(table([['DRIVER', 'VOLUME NAME'], ...vols.map((v) => [v.Driver, v.Name])]));
        return 0;
      }
      case 'create': {
        const p = parseFlags(rest, [{ long: 'driver', short: 'd', kind: 'string' }, { long: 'name', kind: 'string' }, { long: 'opt', short: 'o', kind: 'list' }, { long: 'label', kind: 'list' }, H]);
        const v = ctx.api().volumeCreate(p.args[0] ?? str(p, 'name')) as { Name: string };
        await ctx.proc.out(`${v.Name}\n`);
        return 0;
      }
      case 'rm': case 'remove': {
        const p = parseFlags(rest, [{ long: 'force', short: 'f', kind: 'bool' }, H]);
        if (!p.args.length) { await ctx.proc.err(`"docker volume rm" requires at least 1 argument.\nSee 'docker volume rm --help'.\n\nUsage:  docker volume rm [OPTIONS] VOLUME [VOLUME...]\n\nRemove one or more volumes\n`); return 1; }
        let status = 0;
        for (const n of p.args) {
          try { ctx.api().volumeRemove(n, bool(p, 'force')); await ctx.proc.out(`${n}\n`); } catch (e) {
            if (!(e instanceof DaemonError)) throw e;
            await ctx.proc.err(`Error response from daemon: ${e.message}\n`);
            status = 1;
          }
        }
        return status;
      }
      case 'inspect': return inspect(ctx, rest, 'volume');
      case 'prune': {
        const removed: string[] = [];
        for (const v of ctx.api().volumeList() as Array<{ Name: string; Labels: Record<string, string> | null }>) {
          if (!v.Labels || !('com.docker.volume.anonymous' in v.Labels)) continue;
          try { ctx.api().volumeRemove(v.Name); removed.push(v.Name); } catch { /* in use */ }
        }
        await ctx.proc.out(`${removed.length ? `Deleted Volumes:\n${removed.map((n) => `${n}\n`).join('')}\n` : ''}Total reclaimed space: 0B\n`);
        return 0;
      }
      default:
        if (sub && sub !== '--help') { await ctx.proc.err(`docker: unknown command: docker volume ${sub}\n\nRun 'docker volume --help' for more information\n`); return 1; }
        await ctx.proc.out(USAGE);
        return 0;
    }
  } catch (e) {
    return report(ctx, `volume ${sub}`, e, req('GET', '/volumes'));
  }
}
