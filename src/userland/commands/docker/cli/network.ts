import { DaemonError, type Json } from '../api.ts';
import { bool, list, parseFlags, str, type FlagDef } from '../flags.ts';
import { report, req, table, type Ctx } from '../out.ts';
import { compileTemplate } from '../template.ts';
import { inspect } from './inspect.ts';

const USAGE = `
Usage:  docker network COMMAND

Manage networks

Commands:
  connect     Connect a container to a network
  create      Create a network
  disconnect  Disconnect a container from a network
  inspect     Display detailed information on one or more networks
  ls          List networks
  prune       Remove all unused networks
  rm          Remove one or more networks

Run 'docker network COMMAND --help' for more information on a command.
`;

const H: FlagDef = { long: 'help', kind: 'bool' };

/** `docker network ls|create|rm|inspect|connect|disconnect|prune`. */
export async function network(ctx: Ctx, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'ls': case 'list': {
        const p = parseFlags(rest, [{ long: 'quiet', short: 'q', kind: 'bool' }, { long: 'no-trunc', kind: 'bool' }, { long: 'format', kind: 'string' }, { long: 'filter', short: 'f', kind: 'list' }, H]);
        const nets = ctx.api().networkList() as Array<{ Id: string; Name: string; Driver: string; Scope: string }>;
        nets.sort((a, b) => a.Name.localeCompare(b.Name));
        const id = (n: { Id: string }) => (bool(p, 'no-trunc') ? n.Id : n.Id.slice(0, 12));
        if (bool(p, 'quiet')) { await ctx.proc.out(nets.map((n) => `${id(n)}\n`).join('')); return 0; }
        const fmt = str(p, 'format');
        if (fmt) { const t = compileTemplate(fmt); await ctx.proc.out(nets.map((n) => `${t({ ...n, ID: id(n) })}\n`).join('')); return 0; }
        await ctx.proc.out(table([['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'], ...nets.map((n) => [id(n), n.Name, n.Driver, n.Scope])]));
        return 0;
      }
      case 'create': {
        const p = parseFlags(rest, [{ long: 'driver', short: 'd', kind: 'string' }, { long: 'subnet', kind: 'list' }, { long: 'gateway', kind: 'list' },
          { long: 'internal', kind: 'bool' }, { long: 'attachable', kind: 'bool' }, { long: 'ip-range', kind: 'list' }, { long: 'opt', short: 'o', kind: 'list' },
          { long: 'label', kind: 'list' }, { long: 'ipv6', kind: 'bool' }, H]);
        if (p.args.length !== 1) { await ctx.proc.err(`"docker network create" requires exactly 1 argument.\nSee 'docker network create --help'.\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nCreate a network\n`); return 1; }
        const r = ctx.api().networkCreate({ Name: p.args[0], Driver: str(p, 'driver'), Subnet: list(p, 'subnet')[0], Gateway: list(p, 'gateway')[0], Internal: bool(p, 'internal') });
        await ctx.proc.out(`${r.Id}\n`);
        return 0;
      }
      case 'rm': case 'remove': {
        const p = parseFlags(rest, [{ long: 'force', short: 'f', kind: 'bool' }, H]);
        let status = 0;
        for (const n of p.args) {
          try { ctx.api().networkRemove(n); await ctx.proc.out(`${n}\n`); } catch (e) {
            if (!(e instanceof DaemonError)) throw e;
            await ctx.proc.err(`Error response from daemon: ${e.message}\n`);
            status = 1;
          }
        }
        return status;
      }
      case 'inspect': return inspect(ctx, rest, 'network');
      case 'connect': {
        const p = parseFlags(rest, [{ long: 'alias', kind: 'list' }, { long: 'ip', kind: 'string' }, H]);
        if (p.args.length !== 2) { await ctx.proc.err(`"docker network connect" requires exactly 2 arguments.\nSee 'docker network connect --help'.\n\nUsage:  docker network connect [OPTIONS] NETWORK CONTAINER\n\nConnect a container to a network\n`); return 1; }
        await ctx.api().networkConnect(p.args[0], p.args[1], list(p, 'alias'));
        return 0;
      }
      case 'disconnect': {
        const p = parseFlags(rest, [{ long: 'force', short: 'f', kind: 'bool' }, H]);
        if (p.args.length !== 2) { await ctx.proc.err(`"docker network disconnect" requires exactly 2 arguments.\nSee 'docker network disconnect --help'.\n\nUsage:  docker network disconnect [OPTIONS] NETWORK CONTAINER\n\nDisconnect a container from a network\n`); return 1; }
        await ctx.api().networkDisconnect(p.args[0], p.args[1], bool(p, 'force'));
        return 0;
      }
      case 'prune': {
        const removed: string[] = [];
        for (const n of ctx.api().networkList() as Array<{ Name: string; Containers: { [k: string]: Json } }>) {
          if (['bridge', 'host', 'none'].includes(n.Name) || Object.keys(n.Containers).length) continue;
          try { ctx.api().networkRemove(n.Name); removed.push(n.Name); } catch { /* in use */ }
        }
        if (removed.length) await ctx.proc.out(`Deleted Networks:\n${removed.map((n) => `${n}\n`).join('')}`);
        return 0;
      }
      default:
        if (sub && sub !== '--help') { await ctx.proc.err(`docker: unknown command: docker network ${sub}\n\nRun 'docker network --help' for more information\n`); return 1; }
        await ctx.proc.out(USAGE);
        return 0;
    }
  } catch (e) {
    return report(ctx, `network ${sub}`, e, req('GET', '/networks'));
  }
}
