import { DaemonError } from '../api.ts';
import { bool, parseFlags, str, type FlagDef } from '../flags.ts';
import { report, req, table, type Ctx } from '../out.ts';
import { compileTemplate } from '../template.ts';
import { humanDuration, humanSize } from '../units.ts';
import { pullImage } from './pull.ts';

const IMAGES_FLAGS: FlagDef[] = [
  { long: 'all', short: 'a', kind: 'bool' }, { long: 'quiet', short: 'q', kind: 'bool' }, { long: 'no-trunc', kind: 'bool' },
  { long: 'digests', kind: 'bool' }, { long: 'format', kind: 'string' }, { long: 'filter', short: 'f', kind: 'list' }, { long: 'help', kind: 'bool' },
];

/** `docker images`: one row per tag, newest image first. */
export async function images(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, IMAGES_FLAGS);
    const now = ctx.proc.sys.time();
    const trunc = !bool(p, 'no-trunc');
    const rows: Array<Record<string, string>> = [];
    for (const img of ctx.api().imageList()) {
      const tags = img.RepoTags.length ? img.RepoTags : ['<none>:<none>'];
      for (const t of tags) {
        const [repo, tag] = [t.slice(0, t.lastIndexOf(':')), t.slice(t.lastIndexOf(':') + 1)];
        if (p.args[0] && repo !== p.args[0] && t !== p.args[0]) continue;
        rows.push({
          Repository: repo, Tag: tag, ID: trunc ? img.Id.slice(7, 19) : img.Id, CreatedSince: `${humanDuration(now - img.Created * 1000)} ago`,
          CreatedAt: new Date(img.Created * 1000).toISOString(), Size: humanSize(img.Size), Digest: img.RepoDigests[0]?.split('@')[1] ?? '<none>',
        });
      }
    }
    if (bool(p, 'quiet')) { await ctx.proc.out([...new Set(rows.map((r) => r.ID))].map((id) => `${id}\n`).join('')); return 0; }
    const format = str(p, 'format');
    if (format && !format.startsWith('table')) {
      const t = compileTemplate(format);
      await ctx.proc.out(rows.map((r) => `${t(r)}\n`).join(''));
      return 0;
    }
    const head = bool(p, 'digests') ? ['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE'] : ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'];
    await ctx.proc.out(table([head, ...rows.map((r) => (bool(p, 'digests') ? [r.Repository, r.Tag, r.Digest, r.ID, r.CreatedSince, r.Size] : [r.Repository, r.Tag, r.ID, r.CreatedSince, r.Size]))]));
    return 0;
  } catch (e) {
    return report(ctx, 'images', e, req('GET', '/images/json'));
  }
}

/** `docker pull NAME[:TAG]`: progress on stdout, then the full reference. */
export async function pull(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'quiet', short: 'q', kind: 'bool' }, { long: 'all-tags', short: 'a', kind: 'bool' }, { long: 'platform', kind: 'string' }, { long: 'help', kind: 'bool' }]);
    if (p.args.length !== 1) {
      await ctx.proc.err(`"docker pull" requires exactly 1 argument.\nSee 'docker pull --help'.\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nDownload an image from a registry\n`);
      return 1;
    }
    let ref = p.args[0];
    const name = ref.replace(/^docker\.io\//, '').replace(/^library\//, '');
    if (!/:[\w][\w.-]*$/.test(name.slice(name.lastIndexOf('/') + 1)) && !ref.includes('@')) {
      if (!bool(p, 'quiet')) await ctx.proc.out('Using default tag: latest\n');
      ref = `${ref}:latest`;
    }
    if (bool(p, 'quiet')) await ctx.api().imagePull(ref); else await pullImage(ctx, ref, 1);
    const full = ref.replace(/^docker\.io\//, '').replace(/^library\//, '');
    await ctx.proc.out(`docker.io/library/${full}\n`);
    return 0;
  } catch (e) {
    return report(ctx, 'pull', e, req('POST', '/images/create'));
  }
}

/** `docker rmi`: Untagged:/Deleted: lines. */
export async function rmi(ctx: Ctx, argv: string[]): Promise<number> {
  try {
    const p = parseFlags(argv, [{ long: 'force', short: 'f', kind: 'bool' }, { long: 'no-prune', kind: 'bool' }, { long: 'help', kind: 'bool' }]);
    if (!p.args.length) {
      await ctx.proc.err(`"docker rmi" requires at least 1 argument.\nSee 'docker rmi --help'.\n\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images\n`);
      return 1;
    }
    let status = 0;
    for (const ref of p.args) {
      try {
        for (const r of ctx.api().imageRemove(ref, { force: bool(p, 'force') })) await ctx.proc.out(r.Untagged ? `Untagged: ${r.Untagged}\n` : `Deleted: ${r.Deleted}\n`);
      } catch (e) {
        if (!(e instanceof DaemonError)) throw e;
        await ctx.proc.err(`Error response from daemon: ${e.message}\n`);
        status = 1;
      }
    }
    return status;
  } catch (e) {
    return report(ctx, 'rmi', e, req('DELETE', '/images'));
  }
}
