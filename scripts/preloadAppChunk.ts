/**
 * The page's entry (src/ui/main.ts) only starts the sandbox worker and then imports the app
 * (src/ui/mountApp.ts) dynamically. This build step names the app's chunk, the chunks it imports and
 * its stylesheet in index.html, so the browser fetches them at once, in parallel with the entry,
 * instead of after the entry has run. Scripts get <link rel=preload as=script>, not modulepreload:
 * Chromium compiles a modulepreloaded module on the main thread as soon as it arrives, which would
 * hold the entry (and the worker's start) back behind xterm.js; a preload only fetches.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

const APP_MODULE = /[\\/]src[\\/]ui[\\/]mountApp\.ts$/;

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  imports?: string[];
  viteMetadata?: { importedCss: Set<string> };
}

export function preloadAppChunk(): Plugin {
  return {
    name: 'nsbox-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.filename.endsWith('index.html')) return;
        const bundle = ctx.bundle as unknown as Record<string, ChunkLike>;
        const app = Object.values(bundle).find((c) => c.type === 'chunk' && APP_MODULE.test(c.facadeModuleId ?? ''));
        if (!app) return;
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (c: ChunkLike | undefined) => {
          if (!c || scripts.has(c.fileName)) return;
          scripts.add(c.fileName);
          for (const css of c.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const dep of c.imports ?? []) visit(bundle[dep]);
        };
        visit(app);
        const tags: HtmlTagDescriptor[] = [
          ...[...styles].map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
          ...[...scripts].map((f) => ({ tag: 'link', attrs: { rel: 'preload', as: 'script', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
        ];
        // Files the HTML names already (the entry and what Vite preloads for it) are left out.
        return tags.filter((t) => !html.includes(`/${String(t.attrs?.href).slice(2)}"`));
      },
    },
  };
}
