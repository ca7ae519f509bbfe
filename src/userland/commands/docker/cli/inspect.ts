import { DaemonError, type Json } from '../api.ts';
import { parseFlags, str, type FlagDef } from '../flags.ts';
import { goJson, report, req, type Ctx } from '../out.ts';
import { compileTemplate, TemplateError } from '../template.ts';

const FLAGS: FlagDef[] = [{ long: 'format', short: 'f', kind: 'string' }, { long: 'type', kind: 'string' }, { long: 'size', short: 's', kind: 'bool' }, { long: 'help', kind: 'bool' }];

type Kind = 'container' | 'image' | 'network' | 'volume';

/**
 * `docker inspect` (and `docker container|image|network|volume inspect`): the Engine API's JSON,
 * indented as Go's MarshalIndent does, or each object through a `--format` template.
 */
export async function inspect(ctx: Ctx, argv: string[], only?: Kind): Promise<number> {
  try {
    const p = parseFlags(argv, FLAGS);
    const kind = (str(p, 'type') as Kind | undefined) ?? only;
    if (!p.args.length) {
      await ctx.proc.err(`"docker inspect" requires at least 1 argument.\nSee 'docker inspect --help'.\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nReturn low-level information on Docker objects\n`);
      return 1;
    }
    const api = ctx.api();
    const getters: Array<[Kind, (r: string) => { [k: string]: Json }]> = [
      ['container', (r) => api.containerInspect(r)], ['image', (r) => api.imageInspect(r)],
      ['network', (r) => api.networkInspect(r)], ['volume', (r) => api.volumeInspect(r)],
    ];
    const objs: Array<{ [k: string]: Json }> = [];
    const errors: string[] = [];
    for (const ref of p.args) {
      let found: { [k: string]: Json } | undefined;
      for (const [k, get] of getters) {
        if (kind && k !== kind) continue;
        try { found = get(ref); break; } catch (e) { if (!(e instanceof DaemonError)) throw e; }
      }
      if (found) objs.push(found);
      else errors.push(kind && kind !== 'container' ? `Error response from daemon: ${kind === 'image' ? `No such image: ${ref}` : kind === 'network' ? `network ${ref} not found` : `get ${ref}: no such volume`}` : kind === 'container' ? `Error response from daemon: No such container: ${ref}` : `Error: No such object: ${ref}`);
    }
    const format = str(p, 'format');
    if (format) {
      const t = compileTemplate(format);
      for (const o of objs) await ctx.proc.out(`${t(o)}\n`);
    } else {
      await ctx.proc.out(`${goJson(objs)}\n`);
    }
    for (const e of errors) await ctx.proc.err(`${e}\n`);
    return errors.length ? 1 : 0;
  } catch (e) {
    if (e instanceof TemplateError) { await ctx.proc.err(`${e.message}\n`); return 1; }
    return report(ctx, 'inspect', e, req('GET', '/containers/json'));
  }
}

/** `docker top CONTAINER [ps OPTIONS]`: the daemon's ps output for the container's processes. */
export async function top(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'help', kind: 'bool' }], false);
    if (!p.args.length) {
      await ctx.proc.err(`"docker top" requires at least 1 argument.\nSee 'docker top --help'.\n\nUsage:  docker top CONTAINER [ps OPTIONS]\n\nDisplay the running processes of a container\n`);
      return 1;
    }
    const r = await ctx.api().containerTop(p.args[0], p.args.slice(1).join(' ') || undefined);
    // top.go: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)
    const rows = [r.Titles, ...r.Processes];
    const n = r.Titles.length;
    const widths = Array.from({ length: n - 1 }, (_, i) => Math.max(20, ...rows.map((x) => (x[i] ?? '').length + 3)));
    await ctx.proc.out(rows.map((x) => x.map((c, i) => (i < n - 1 ? c.padEnd(widths[i]) : c)).join('') + '\n').join(''));
    return 0;
  } catch (e) {
    return report(ctx, 'top', e, req('GET', '/containers/top'));
  }
}

/** `docker port CONTAINER [PRIVATE_PORT[/PROTO]]`. */
export async function port(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'help', kind: 'bool' }]);
    if (!p.args.length) {
      await ctx.proc.err(`"docker port" requires at least 1 argument.\nSee 'docker port --help'.\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nList port mappings or a specific mapping for the container\n`);
      return 1;
    }
    const ports = ctx.api().containerPort(p.args[0]);
    const want = p.args[1] ? (p.args[1].includes('/') ? p.args[1] : `${p.args[1]}/tcp`) : undefined;
    const fmt = (h: { HostIp: string; HostPort: string }) => `${h.HostIp.includes(':') ? `[${h.HostIp}]` : h.HostIp || '0.0.0.0'}:${h.HostPort}`;
    const out: string[] = [];
    for (const m of ports) {
      if (want && m.port !== want) continue;
      for (const h of m.host) out.push(want ? fmt(h) : `${m.port} -> ${fmt(h)}`);
    }
    if (want && !out.length) { await ctx.proc.err(`Error: No public port '${want}' published for ${p.args[0]}\n`); return 1; }
    await ctx.proc.out(out.map((l) => `${l}\n`).join(''));
    return 0;
  } catch (e) {
    return report(ctx, 'port', e, req('GET', '/containers/json'));
  }
}
