import type { ContainerSummary } from '../api.ts';
import { bool, int, parseFlags, str, type FlagDef } from '../flags.ts';
import { report, req, table, type Ctx } from '../out.ts';
import { compileTemplate } from '../template.ts';
import { humanDuration } from '../units.ts';

const FLAGS: FlagDef[] = [
  { long: 'all', short: 'a', kind: 'bool' }, { long: 'quiet', short: 'q', kind: 'bool' }, { long: 'no-trunc', kind: 'bool' },
  { long: 'format', kind: 'string' }, { long: 'last', short: 'n', kind: 'int' }, { long: 'latest', short: 'l', kind: 'bool' },
  { long: 'size', short: 's', kind: 'bool' }, { long: 'filter', short: 'f', kind: 'list' }, { long: 'help', kind: 'bool' },
];

/** formatter.Ellipsis: cut to `n` characters with a trailing `…`. */
export function ellipsis(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : `${chars.slice(0, n - 1).join('')}…`;
}

/** Go's strconv.Quote for the COMMAND column. */
export function goQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

export function portsText(c: ContainerSummary): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const p of c.Ports) {
    const s = p.PublicPort ? `${p.IP?.includes(':') ? `[${p.IP}]` : p.IP || '0.0.0.0'}:${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`;
    if (!seen.has(s)) { seen.add(s); parts.push(s); }
  }
  return parts.join(', ');
}

/** The fields `docker ps --format` templates see (formatter.ContainerContext). */
function fields(c: ContainerSummary, now: number, trunc: boolean): Record<string, unknown> {
  return {
    ID: trunc ? c.Id.slice(0, 12) : c.Id, Image: c.Image, Command: goQuote(trunc ? ellipsis(c.Command, 20) : c.Command),
    CreatedAt: new Date(c.Created * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    RunningFor: `${humanDuration(now - c.Created * 1000)} ago`, Ports: portsText(c), State: c.State, Status: c.Status,
    Names: c.Names.map((n) => n.slice(1)).join(','), Size: '0B', Labels: '', Mounts: '', Networks: '',
  };
}

export async function ps(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, FLAGS);
    if (bool(p, 'help')) { await ctx.proc.out('\nUsage:  docker ps [OPTIONS]\n\nList containers\n'); return 0; }
    let list = ctx.api().containerList({ all: bool(p, 'all') || bool(p, 'latest') || int(p, 'last') !== undefined });
    for (const f of p.values.get('filter') as string[] ?? []) {
      const [k, v] = [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)];
      if (k === 'status') list = list.filter((c) => c.State === v);
      else if (k === 'name') list = list.filter((c) => c.Names.some((n) => n.slice(1).includes(v)));
      else if (k === 'id') list = list.filter((c) => c.Id.startsWith(v));
      else if (k === 'ancestor') list = list.filter((c) => c.Image === v || c.Image.split(':')[0] === v);
    }
    if (bool(p, 'latest')) list = list.slice(0, 1);
    const n = int(p, 'last');
    if (n !== undefined && n >= 0) list = list.slice(0, n);
    const trunc = !bool(p, 'no-trunc');
    const now = ctx.proc.sys.time();
    if (bool(p, 'quiet')) {
      await ctx.proc.out(list.map((c) => `${trunc ? c.Id.slice(0, 12) : c.Id}\n`).join(''));
      return 0;
    }
    const format = str(p, 'format');
    if (format && !format.startsWith('table')) {
      const t = compileTemplate(format);
      await ctx.proc.out(list.map((c) => `${t(fields(c, now, trunc))}\n`).join(''));
      return 0;
    }
    const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
    for (const c of list) {
      const f = fields(c, now, trunc);
      rows.push([f.ID, f.Image, f.Command, f.RunningFor, f.Status, f.Ports, f.Names] as string[]);
    }
    await ctx.proc.out(table(rows));
    return 0;
  } catch (e) {
    return report(ctx, 'ps', e, req('GET', '/containers/json'));
  }
}
