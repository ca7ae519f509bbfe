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
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything a worker's entry imports statically goes into the entry's file. Left to
          // itself, rolldown emits some modules shared with lazy chunks (errno, path, ...) as small
          // chunks of their own (rolldown#10731), and the worker then fetches them only after it
          // has compiled its entry: a second round trip before the first prompt. Lazy chunks
          // (programs, dockerd's engine, the network call table) import from the entry instead.
          groups: [{ name: 'worker', tags: ['$initial'] }],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/compare/**/*.test.ts', 'test/property/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
  },
});
