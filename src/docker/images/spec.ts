/**
 * Image fixtures (fixtures/images): a compact declarative description of what `docker pull` would
 * fetch. An image is a config (what `docker inspect IMAGE` shows under Config) plus an ordered list
 * of layers, bottom first; a layer is directories, symlinks, files and the programs it ships. Layers
 * are shared: `rust`, `nginx`, `python` and `debian` all start from the same Debian layer.
 */

/** The image config fields Docker applies to a container (image-spec `config`). */
export interface ImageConfig {
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  User?: string;
  StopSignal?: string;
  Labels?: Record<string, string> | null;
}

export interface ImageSpec {
  /** Repository as `docker images` shows it (`rust`, `nginx`). */
  repository: string;
  tags: string[];
  /** Image id (config digest), `sha256:` + 64 hex. */
  id: string;
  /** Repo digest printed by `docker pull` (`Digest: sha256:…`). */
  digest: string;
  created: string;
  /** Bytes, as `docker images` rounds them (1.53GB). */
  size: number;
  /** Layer names (fixtures/images/layers/NAME.json), bottom first. */
  layers: string[];
  config: ImageConfig;
  /** `Os`/`Architecture`, `DockerVersion` etc. are fixed; the image's description for `docker history`. */
  comment?: string;
}

/** A file: its text, or text plus octal mode (`"755"`). */
export type FileSpec = string | { content: string; mode?: string; uid?: number; gid?: number };

export interface LayerSpec {
  /** Layer digest (`sha256:` + 64 hex); its first 12 hex digits are what `docker pull` prints. */
  id: string;
  /** Directories with their octal mode (parents are created 755). */
  dirs?: Record<string, string>;
  symlinks?: Record<string, string>;
  files?: Record<string, FileSpec>;
  /**
   * Executables per directory. An entry is a program name (from the userland registry or the image
   * programs), `@package` (a list in fixtures/images/packages.json), or `name=program` to install a
   * program under another file name (BusyBox applets).
   */
  programs?: Record<string, string[]>;
  /** Symlinks to one program file, for multi-call binaries: { "/bin/busybox": ["/bin/ls", …] }. */
  links?: Record<string, string[]>;
}

const HEX64 = /^sha256:[0-9a-f]{64}$/;
const MODE = /^[0-7]{3,4}$/;

/** Check an image fixture; a malformed one fails loudly when the engine starts, never half-way. */
export function validateImage(name: string, raw: unknown, layers: Record<string, LayerSpec>): ImageSpec {
  const fail = (what: string): never => { throw new Error(`invalid image fixture ${name}: ${what}`); };
  const img = raw as ImageSpec;
  if (typeof img !== 'object' || img === null) fail('not an object');
  if (typeof img.repository !== 'string' || !/^[a-z0-9][a-z0-9._/-]*$/.test(img.repository)) fail('repository');
  if (!Array.isArray(img.tags) || !img.tags.length || img.tags.some((t) => !/^[\w][\w.-]{0,127}$/.test(t))) fail('tags');
  if (!HEX64.test(img.id)) fail('id must be sha256:<64 hex>');
  if (!HEX64.test(img.digest)) fail('digest must be sha256:<64 hex>');
  if (Number.isNaN(Date.parse(img.created))) fail('created');
  if (!Number.isInteger(img.size) || img.size <= 0) fail('size');
  if (!Array.isArray(img.layers) || !img.layers.length) fail('layers');
  for (const l of img.layers) if (!layers[l]) fail(`unknown layer ${l}`);
  const c = img.config;
  if (typeof c !== 'object' || c === null) fail('config');
  if (!Array.isArray(c.Env) || c.Env.some((e) => typeof e !== 'string' || !e.includes('='))) fail('config.Env');
  for (const k of ['Cmd', 'Entrypoint'] as const) {
    const v = c[k];
    if (v !== null && (!Array.isArray(v) || v.some((a) => typeof a !== 'string'))) fail(`config.${k}`);
  }
  if (!c.Cmd && !c.Entrypoint) fail('config needs Cmd or Entrypoint');
  if (typeof c.WorkingDir !== 'string') fail('config.WorkingDir');
  for (const p of Object.keys(c.ExposedPorts ?? {})) if (!/^\d+\/(tcp|udp)$/.test(p)) fail(`config.ExposedPorts ${p}`);
  return img;
}

export function validateLayer(name: string, raw: unknown, packages: Record<string, string[]>): LayerSpec {
  const fail = (what: string): never => { throw new Error(`invalid layer fixture ${name}: ${what}`); };
  const l = raw as LayerSpec;
  if (typeof l !== 'object' || l === null) fail('not an object');
  if (!HEX64.test(l.id)) fail('id must be sha256:<64 hex>');
  const abs = (p: string, what: string) => { if (!p.startsWith('/') || p.includes('//') || (p.length > 1 && p.endsWith('/'))) fail(`${what} ${p}: not an absolute path`); };
  for (const [p, mode] of Object.entries(l.dirs ?? {})) { abs(p, 'dir'); if (!MODE.test(mode)) fail(`dir ${p}: mode ${mode}`); }
  for (const [p, target] of Object.entries(l.symlinks ?? {})) { abs(p, 'symlink'); if (typeof target !== 'string' || !target) fail(`symlink ${p}`); }
  for (const [p, f] of Object.entries(l.files ?? {})) {
    abs(p, 'file');
    if (typeof f !== 'string' && (typeof f?.content !== 'string' || (f.mode !== undefined && !MODE.test(f.mode)))) fail(`file ${p}`);
  }
  for (const [dir, names] of Object.entries(l.programs ?? {})) {
    abs(dir, 'program dir');
    if (!Array.isArray(names)) fail(`programs ${dir}`);
    for (const n of names) {
      if (typeof n !== 'string' || !/^@?[\w.+-]+(=[\w.+-]+)?$/.test(n)) fail(`program ${n}`);
      if (n.startsWith('@') && !packages[n.slice(1)]) fail(`unknown package ${n}`);
    }
  }
  for (const [target, paths] of Object.entries(l.links ?? {})) {
    abs(target, 'link target');
    if (!Array.isArray(paths)) fail(`links ${target}`);
    for (const p of paths) abs(p, 'link');
  }
  return l;
}

/** Expand `@package` references to program names. */
export function expandPrograms(names: string[], packages: Record<string, string[]>): string[] {
  return names.flatMap((n) => (n.startsWith('@') ? packages[n.slice(1)] : [n]));
}
