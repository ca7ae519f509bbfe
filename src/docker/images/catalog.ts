import packages from '../../../fixtures/images/packages.json' with { type: 'json' };
import alpine from '../../../fixtures/images/alpine.json' with { type: 'json' };
import busybox from '../../../fixtures/images/busybox.json' with { type: 'json' };
import debian from '../../../fixtures/images/debian.json' with { type: 'json' };
import helloWorld from '../../../fixtures/images/hello-world.json' with { type: 'json' };
import nginx from '../../../fixtures/images/nginx.json' with { type: 'json' };
import python from '../../../fixtures/images/python.json' with { type: 'json' };
import redis from '../../../fixtures/images/redis.json' with { type: 'json' };
import rust from '../../../fixtures/images/rust.json' with { type: 'json' };
import ubuntu from '../../../fixtures/images/ubuntu.json' with { type: 'json' };
import lAlpine from '../../../fixtures/images/layers/alpine-3.21.json' with { type: 'json' };
import lBusybox from '../../../fixtures/images/layers/busybox-1.37.json' with { type: 'json' };
import lDebian from '../../../fixtures/images/layers/debian-bookworm.json' with { type: 'json' };
import lHello from '../../../fixtures/images/layers/hello-world.json' with { type: 'json' };
import lNginx from '../../../fixtures/images/layers/nginx-1.27.json' with { type: 'json' };
import lPython from '../../../fixtures/images/layers/python-3.13.json' with { type: 'json' };
import lRedis from '../../../fixtures/images/layers/redis-7.4.json' with { type: 'json' };
import lRust from '../../../fixtures/images/layers/rust-toolchain.json' with { type: 'json' };
import lUbuntu from '../../../fixtures/images/layers/ubuntu-noble.json' with { type: 'json' };
import { validateImage, validateLayer, type ImageSpec, type LayerSpec } from './spec.ts';

/** What "Docker Hub" holds in nsbox: every image a `docker pull` can fetch. */
export interface Catalog {
  images: ImageSpec[];
  layers: Record<string, LayerSpec>;
  packages: Record<string, string[]>;
}

const RAW_LAYERS: Record<string, unknown> = {
  'alpine-3.21': lAlpine, 'busybox-1.37': lBusybox, 'debian-bookworm': lDebian, 'hello-world': lHello, 'nginx-1.27': lNginx,
  'python-3.13': lPython, 'redis-7.4': lRedis, 'rust-toolchain': lRust, 'ubuntu-noble': lUbuntu,
};
const RAW_IMAGES: Record<string, unknown> = { alpine, busybox, debian, 'hello-world': helloWorld, nginx, python, redis, rust, ubuntu };

let cached: Catalog | null = null;

/** Load and validate every image fixture (once; the fixtures are immutable). */
export function loadCatalog(): Catalog {
  if (cached) return cached;
  const pk = Object.fromEntries(Object.entries(packages as Record<string, unknown>).filter(([k]) => !k.startsWith('//'))) as Record<string, string[]>;
  for (const [k, v] of Object.entries(pk)) if (!Array.isArray(v) || v.some((n) => typeof n !== 'string')) throw new Error(`invalid package list ${k}`);
  const layers: Record<string, LayerSpec> = {};
  for (const [name, raw] of Object.entries(RAW_LAYERS)) layers[name] = validateLayer(name, raw, pk);
  const images = Object.entries(RAW_IMAGES).map(([name, raw]) => validateImage(name, raw, layers));
  const seen = new Set<string>();
  for (const img of images) {
    for (const t of img.tags) {
      const ref = `${img.repository}:${t}`;
      if (seen.has(ref)) throw new Error(`image fixture ${ref} defined twice`);
      seen.add(ref);
    }
  }
  cached = { images, layers, packages: pk };
  return cached;
}
