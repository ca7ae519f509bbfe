import type { Kernel } from '../../kernel/Kernel.ts';
import { TmpDir, TmpFile, TmpSymlink, mkdirp } from '../../kernel/vfs/tmpfs.ts';
import type { Catalog } from './catalog.ts';
import { buildLayer } from './layers.ts';
import type { ImageSpec } from './spec.ts';

/** An image in the local store (`docker images`): its fixture and the references that name it. */
export interface LocalImage {
  spec: ImageSpec;
  /** `repo:tag` references, in the order they were pulled. */
  tags: string[];
}

/** `rust` → { repo: 'rust', tag: 'latest' }; accepts docker.io/library/ prefixes and @digest. */
export function parseRef(ref: string): { repo: string; tag: string } {
  let r = ref.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  r = r.replace(/@sha256:[0-9a-f]+$/, '');
  const colon = r.lastIndexOf(':');
  if (colon > r.lastIndexOf('/')) return { repo: r.slice(0, colon), tag: r.slice(colon + 1) };
  return { repo: r, tag: 'latest' };
}

/** Docker's overlay2 `l/` names: 26 upper-case base32 characters. */
function shortName(hex: string): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  for (let i = 0; out.length < 26; i++) out += A[parseInt(hex.slice(i * 2, i * 2 + 2) || '0', 16) % 32];
  return out;
}

/**
 * The local image store (/var/lib/docker/image + overlay2). Layers are unpacked once per kernel
 * under /var/lib/docker/overlay2/<id>/diff with Docker's short `l/` links, and shared read-only by
 * every container: they are the overlay's lower directories.
 */
export class ImageStore {
  readonly images = new Map<string, LocalImage>();
  private readonly layers = new Map<string, { cacheId: string; short: string }>();
  /** Program names layers wanted but nsbox lacks (reported by tests, never fatal). */
  readonly missingPrograms = new Set<string>();

  constructor(private readonly kernel: Kernel, readonly catalog: Catalog, private readonly hostRoot: TmpDir) {}

  /** Find a fixture on "Docker Hub". */
  remote(ref: string): ImageSpec | undefined {
    const { repo, tag } = parseRef(ref);
    return this.catalog.images.find((i) => i.repository === repo && i.tags.includes(tag));
  }

  /** A local image by `repo[:tag]`, full or short id (`sha256:` optional). */
  resolve(ref: string): LocalImage | undefined {
    const hex = ref.replace(/^sha256:/, '');
    if (/^[0-9a-f]{4,64}$/.test(hex)) {
      const byId = [...this.images.values()].filter((i) => i.spec.id.slice(7).startsWith(hex));
      if (byId.length === 1) return byId[0];
    }
    const { repo, tag } = parseRef(ref);
    return [...this.images.values()].find((i) => i.tags.includes(`${repo}:${tag}`));
  }

  /** Store `spec` locally under `repo:tag`; returns whether anything was new (false: up to date). */
  add(spec: ImageSpec, repoTag: string): boolean {
    for (const l of spec.layers) this.unpack(l, spec);
    let img = this.images.get(spec.id);
    if (!img) {
      img = { spec, tags: [] };
      this.images.set(spec.id, img);
    }
    // A tag moves to the image just pulled (`docker pull` re-tags).
    let changed = false;
    for (const other of this.images.values()) {
      if (other !== img && other.tags.includes(repoTag)) { other.tags = other.tags.filter((t) => t !== repoTag); changed = true; }
    }
    if (!img.tags.includes(repoTag)) { img.tags.push(repoTag); changed = true; }
    return changed;
  }

  /** `lowerdir=` for a container of `spec`: its layers' short links, topmost first. */
  lowerDirs(spec: ImageSpec): string[] {
    return [...spec.layers].reverse().map((l) => `/var/lib/docker/overlay2/l/${this.unpack(l, spec).short}`);
  }

  /** Layer ids (`sha256:…`) bottom first, as `docker inspect` lists RootFS.Layers. */
  layerIds(spec: ImageSpec): string[] { return spec.layers.map((l) => this.catalog.layers[l].id); }

  private unpack(name: string, spec: ImageSpec): { cacheId: string; short: string } {
    let l = this.layers.get(name);
    if (l) return l;
    const layer = this.catalog.layers[name];
    const cacheId = layer.id.slice(7);
    const short = shortName(cacheId);
    const sb = this.hostRoot.sb;
    const mtime = Date.parse(spec.created);
    const built = buildLayer(this.kernel, layer, this.catalog.packages, sb, mtime);
    for (const m of built.missing) this.missingPrograms.add(m);
    const base = mkdirp(this.hostRoot, `var/lib/docker/overlay2/${cacheId}`);
    base.mode = 0o710;
    base.entries.set('diff', built.dir);
    base.entries.set('link', new TmpFile(sb, short, 0o644));
    base.entries.set('committed', new TmpFile(sb, '', 0o600));
    mkdirp(this.hostRoot, 'var/lib/docker/overlay2/l').entries.set(short, new TmpSymlink(sb, `../${cacheId}/diff`));
    l = { cacheId, short };
    this.layers.set(name, l);
    return l;
  }

  /** `docker rmi`: forget a reference; the image goes when its last reference does. */
  untag(img: LocalImage, repoTag?: string): boolean {
    img.tags = repoTag ? img.tags.filter((t) => t !== repoTag) : [];
    if (img.tags.length === 0) { this.images.delete(img.spec.id); return true; }
    return false;
  }
}
