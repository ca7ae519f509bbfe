/**
 * The floor page: xterm.js (same options as the app's panes) and a worker that does nothing but echo
 * and replay canned output. What the app costs beyond this is the cost of the app.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

const el = document.getElementById('term')!;
const term = new Terminal({
  fontFamily: 'ui-monospace, "SF Mono", Menlo, "Cascadia Mono", "Cascadia Code", Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Ubuntu Mono", monospace',
  fontSize: 14,
  lineHeight: 1.1,
  cursorBlink: true,
  scrollback: 5000,
});
const fit = new FitAddon();
term.loadAddon(fit);
term.open(el);
fit.fit();
term.focus();
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<string>) => term.write(e.data);
term.onData((data) => worker.postMessage({ type: 'input', data }));
worker.postMessage({ type: 'start' });

declare global {
  interface Window { __floor?: { setCanned(map: Record<string, string>): void } }
}
window.__floor = { setCanned: (map) => worker.postMessage({ type: 'canned', map }) };
