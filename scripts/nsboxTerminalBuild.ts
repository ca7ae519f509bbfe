/**
 * Builds dist/nsbox-terminal.js, the embeddable widget's script, as a build of its own (Vite library
 * mode) after the site's build has been written: a page that includes it gets one self-contained file,
 * with no chunk shared with the app and no Vite preload helper (which would add <link> elements to the
 * embedding page's <head>). What it loads when a widget starts (xterm.js, the runtime, the sandbox
 * worker, lessons) goes to dist/assets with hashed names, found relative to the script.
 */
import { build, type LogLevel, type Plugin } from 'vite';

export const NSBOX_TERMINAL_ENTRY = 'src/embed/nsbox-terminal.ts';

export function nsboxTerminalScript(): Plugin {
  let root = '';
  let outDir = '';
  let logLevel: LogLevel = 'info';
  return {
    name: 'nsbox-terminal-script',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = config.build.outDir;
      logLevel = config.logLevel ?? 'info';
    },
    async closeBundle(error?: Error) {
      if (error) return;
      await build({
        root,
        configFile: false,
        logLevel,
        base: './',
        publicDir: false,
        build: {
          target: 'es2022',
          outDir,
          emptyOutDir: false,
          lib: { entry: NSBOX_TERMINAL_ENTRY, formats: ['es'], fileName: () => 'nsbox-terminal.js' },
          rolldownOptions: {
            output: {
              chunkFileNames: 'assets/[name]-[hash].js',
              assetFileNames: 'assets/[name]-[hash][extname]',
              // Library mode keeps whitespace and comments for other bundlers; this file goes to browsers as is.
              minify: true,
              comments: false,
            },
          },
        },
        worker: { format: 'es' },
      });
    },
  };
}
