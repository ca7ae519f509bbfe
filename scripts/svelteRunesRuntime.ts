/**
 * The page's state classes (src/**\/*.svelte.ts) are compiled by Svelte into modules that import
 * `* as $ from 'svelte/internal/client'` for four functions of its reactivity core. That module
 * re-exports the whole client runtime, and a bundler places every module a chunk statically reaches
 * into that chunk: the DOM half of the runtime (blocks, bindings, templates, mount; ~7 KB gzip),
 * which only the components use, ended up in what the first prompt waits for, although the
 * components are loaded after it (src/ui/mountApp.ts).
 *
 * In the build, those modules import a small module instead that re-exports the same functions from
 * the very files the runtime's index re-exports them from, so the state is shared with the
 * components' runtime (one module each, not a copy). A compiled module that uses a function not
 * listed here fails the build with its name, rather than meeting `undefined` at run time.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const RUNTIME = 'svelte/internal/client';
const SHIM_ID = '\0nsbox:svelte-runes-runtime';
const RUNE_MODULE = /\.svelte\.[jt]s$/;

/** What compiled `$state` classes call, by the runtime file that defines it (index.js re-exports it). */
const EXPORTS: Record<string, string> = {
  get: 'runtime.js',
  set: 'reactivity/sources.js',
  state: 'reactivity/sources.js',
  update: 'reactivity/sources.js',
};

export function svelteRunesRuntime(): Plugin {
  const clientDir = join(dirname(createRequire(import.meta.url).resolve('svelte/package.json')), 'src/internal/client');
  return {
    name: 'nsbox-svelte-runes-runtime',
    apply: 'build',
    resolveId: {
      // Before Vite's own resolution, which would find the package's index.
      order: 'pre',
      handler(source, importer) {
        if (source === RUNTIME && importer && RUNE_MODULE.test(importer)) return SHIM_ID;
        return null;
      },
    },
    load(id) {
      if (id !== SHIM_ID) return null;
      const byFile = new Map<string, string[]>();
      for (const [name, file] of Object.entries(EXPORTS)) byFile.set(file, [...(byFile.get(file) ?? []), name]);
      return [...byFile].map(([file, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(join(clientDir, file))};`).join('\n');
    },
    transform: {
      // After Svelte has compiled the module.
      order: 'post',
      handler(code, id) {
        if (!RUNE_MODULE.test(id) || !code.includes(RUNTIME)) return null;
        const used = new Set([...code.matchAll(/\$\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!));
        const missing = [...used].filter((n) => !(n in EXPORTS));
        if (missing.length) this.error(`${id} uses ${missing.map((n) => `$.${n}`).join(', ')} from ${RUNTIME}: add it to EXPORTS in scripts/svelteRunesRuntime.ts`);
        return null;
      },
    },
  };
}
