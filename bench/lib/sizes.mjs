// Sizes of a production build (dist/): what a first visit needs before the first prompt, gzip-
// compressed, found from the files themselves (no browser): index.html's scripts, module preloads and
// stylesheets, every static `import` of those modules, and the workers they start (`new Worker(new
// URL('…', import.meta.url))`) with their static imports, recursively. Chunks behind `import()` are
// listed apart as lazy: in nsbox they are what waits for a use (a program's code at its first exec,
// dockerd's engine after boot, a lesson when it is opened), never what the first prompt waits for;
// `includeDynamic` counts them too. The browser bench reports what a first visit really requested.
// Shared by bench/run.mjs and scripts/check-budgets.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** gzip -9 size of a file's bytes: what a static host that compresses sends (headers aside). */
export function gzipBytes(buf) {
  return gzipSync(buf, { level: 9 }).length;
}

const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)(["'`])(\.{1,2}\/[^"'`\s]+?\.m?js)\1/g;
const DYNAMIC_IMPORT = /\bimport\(\s*(["'`])(\.{1,2}\/[^"'`\s]+?\.m?js)\1\s*\)/g;
const WORKER_URL = /new\s+URL\(\s*(["'`])([^"'`\s]+?\.m?js)\1\s*,\s*import\.meta\.url\s*\)/g;
const HTML_REF = /<(script|link)\b[^>]*>/gi;

function attr(tag, name) {
  return new RegExp(`\\b${name}\\s*=\\s*(["'])([^"']*)\\1`, 'i').exec(tag)?.[2];
}

/**
 * The files a page loads before any user action, starting from an HTML page or a script.
 * @param {string} dist   the build's directory
 * @param {string} entry  path inside dist ('index.html', 'nsbox-terminal.js')
 * @param {{ includeDynamic?: boolean }} [opts]  follow and count `import()` chunks as well
 * @returns {{ files: Array<{ path: string, kind: 'html'|'js'|'css'|'worker', bytes: number, gzip: number }>, lazy: string[] }}
 *   lazy: the `import()` chunks not counted (none with includeDynamic)
 */
export function firstLoad(dist, entry, { includeDynamic = false } = {}) {
  const seen = new Map();
  const lazy = new Set();
  const queue = [];
  const add = (abs, kind) => {
    const path = relative(dist, abs).split(sep).join('/');
    if (path.startsWith('..') || seen.has(path) || !existsSync(abs)) return;
    seen.set(path, kind);
    queue.push({ abs, path, kind });
  };
  add(join(dist, entry), entry.endsWith('.html') ? 'html' : 'js');
  for (let i = 0; i < queue.length; i++) {
    const { abs, kind } = queue[i];
    const text = readFileSync(abs, 'utf8');
    const here = dirname(abs);
    const resolve = (ref) => normalize(join(here, ref.replace(/[?#].*$/, '')));
    if (kind === 'html') {
      for (const [tag, name] of text.matchAll(HTML_REF)) {
        const rel = (attr(tag, 'rel') ?? '').toLowerCase();
        const ref = name.toLowerCase() === 'script' ? attr(tag, 'src') : attr(tag, 'href');
        if (!ref || /^(?:[a-z]+:)?\/\//i.test(ref) || ref.startsWith('data:')) continue;
        if (name.toLowerCase() === 'script') add(resolve(ref), 'js');
        else if (rel === 'modulepreload') add(resolve(ref), 'js');
        // The app's own chunks are preloaded (fetched, not compiled) and imported by the entry at once.
        else if (rel === 'preload' && (attr(tag, 'as') ?? '').toLowerCase() === 'script') add(resolve(ref), 'js');
        else if (rel === 'stylesheet' || (rel === 'preload' && (attr(tag, 'as') ?? '').toLowerCase() === 'style')) add(resolve(ref), 'css');
      }
      continue;
    }
    if (kind === 'css') continue;
    for (const m of text.matchAll(STATIC_IMPORT)) add(resolve(m[2]), kind === 'worker' ? 'worker' : 'js');
    for (const m of text.matchAll(WORKER_URL)) add(resolve(m[2]), 'worker');
    for (const m of text.matchAll(DYNAMIC_IMPORT)) {
      if (includeDynamic) add(resolve(m[2]), kind === 'worker' ? 'worker' : 'js');
      else lazy.add(relative(dist, resolve(m[2])).split(sep).join('/'));
    }
  }
  const files = queue.map(({ abs, path, kind }) => {
    const buf = readFileSync(abs);
    return { path, kind, bytes: buf.length, gzip: gzipBytes(buf) };
  });
  return { files, lazy: [...lazy].filter((p) => !seen.has(p)).sort() };
}

export const sum = (files, key = 'gzip') => files.reduce((n, f) => n + f[key], 0);
export const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

// ------------------------------------------------------------------ attribution through source maps

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes one VLQ segment ("AAAA") into its numbers. */
function vlq(seg) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of seg) {
    const d = B64.get(c);
    if (d === undefined) break;
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * Bytes of `code` (a generated file) per original source, from its source map: each mapping segment
 * owns the generated text up to the next segment on its line; text with no mapping is ''.
 * @returns {Map<string, number>} source path → generated characters
 */
export function bytesBySource(code, map) {
  const bySource = new Map();
  const addTo = (src, n) => bySource.set(src, (bySource.get(src) ?? 0) + n);
  const lines = code.split('\n');
  const sources = map.sources ?? [];
  let src = 0;
  const mappingLines = (map.mappings ?? '').split(';');
  for (let li = 0; li < lines.length; li++) {
    const len = lines[li].length + (li < lines.length - 1 ? 1 : 0);
    const segs = (mappingLines[li] ?? '').split(',').filter(Boolean);
    let col = 0;
    let prevCol = 0;
    let prevSrc = null;
    for (const s of segs) {
      const f = vlq(s);
      col += f[0];
      if (prevSrc === null) addTo('', col);
      else addTo(prevSrc, col - prevCol);
      if (f.length >= 4) src += f[1];
      prevSrc = f.length >= 4 ? sources[src] ?? '' : '';
      prevCol = col;
    }
    if (prevSrc === null) addTo('', len);
    else addTo(prevSrc, len - prevCol);
  }
  return bySource;
}

/** app / svelte / xterm / worker: the split the issue asks for. */
export function category(source, fileKind) {
  if (fileKind === 'worker') return 'worker';
  const s = source.replace(/\\/g, '/');
  if (/node_modules\/@xterm\//.test(s)) return 'xterm';
  if (/node_modules\/(svelte|esm-env|clsx)\//.test(s)) return 'svelte';
  return 'app';
}

/**
 * Splits each file's gzip size over categories in proportion to the generated bytes each category
 * owns (from `<file>.map`, when the build wrote one); a file without a map goes whole to `fallback`.
 */
export function splitByCategory(dist, files) {
  const totals = { app: 0, svelte: 0, xterm: 0, worker: 0 };
  for (const f of files) {
    const abs = join(dist, f.path);
    const fallback = f.kind === 'worker' ? 'worker' : /(^|\/)xterm[-.]/.test(f.path) ? 'xterm' : 'app';
    const mapPath = `${abs}.map`;
    if (f.kind === 'worker' || f.kind === 'html' || f.kind === 'css' || !existsSync(mapPath)) {
      totals[fallback] += f.gzip;
      continue;
    }
    const by = bytesBySource(readFileSync(abs, 'utf8'), JSON.parse(readFileSync(mapPath, 'utf8')));
    let all = 0;
    const cats = { app: 0, svelte: 0, xterm: 0, worker: 0 };
    for (const [src, n] of by) {
      cats[src === '' ? fallback : category(src, f.kind)] += n;
      all += n;
    }
    for (const c of Object.keys(cats)) totals[c] += all ? (f.gzip * cats[c]) / all : 0;
  }
  for (const c of Object.keys(totals)) totals[c] = Math.round(totals[c]);
  return totals;
}

/** Gzip bytes of a worker file per top-level source directory (what makes the worker big). */
export function workerComposition(dist, path) {
  const abs = join(dist, path);
  const mapPath = `${abs}.map`;
  if (!existsSync(mapPath)) return null;
  const code = readFileSync(abs, 'utf8');
  const gz = gzipBytes(Buffer.from(code));
  const by = bytesBySource(code, JSON.parse(readFileSync(mapPath, 'utf8')));
  const groups = new Map();
  let all = 0;
  for (const [src, n] of by) {
    const s = src.replace(/\\/g, '/');
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s) ?? /(?:^|\/)(src\/userland\/commands\/[^/.]+|(?:src|fixtures)\/[^/]+(?:\/[^/.]+)?)/.exec(s);
    // Imported JSON (host profiles, image catalogs) has no mappings.
    const key = src === '' ? 'JSON fixtures (unmapped)' : m ? m[1] : s;
    groups.set(key, (groups.get(key) ?? 0) + n);
    all += n;
  }
  return [...groups]
    .map(([group, n]) => ({ group, gzipKB: kb((gz * n) / all) }))
    .sort((a, b) => b.gzipKB - a.gzipKB);
}
