import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { nsboxTerminalScript } from './scripts/nsboxTerminalBuild.ts';
import { preloadAppChunk } from './scripts/preloadAppChunk.ts';
import { svelteRunesRuntime } from './scripts/svelteRunesRuntime.ts';

export default defineConfig({
  plugins: [svelte(), svelteRunesRuntime(), preloadAppChunk(), nsboxTerminalScript()],
  // Relative asset URLs: the built site works from any sub-path (GitHub Pages, /nsbox/, file servers).
  base: './',
  publicDir: 'static',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The app and the iframe form of the embeddable widget (embed.html). The widget's script for
      // other pages, dist/nsbox-terminal.js, is a separate build (scripts/nsboxTerminalBuild.ts).
      input: { index: 'index.html', embed: 'embed.html' },
    },
  },
  worker: {
    format: 'es',
  },
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/compare/**/*.test.ts', 'test/property/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
  },
});
