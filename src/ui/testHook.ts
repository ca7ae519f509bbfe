import type { Terminal } from '@xterm/xterm';
import type { ClientStatus } from './sandbox/client.svelte.ts';

/**
 * `window.__nsbox`: a read-only window into the app for the browser tests (test/browser). Reads text,
 * never drives the UI: tests type with the real keyboard.
 */
export interface NsboxTestHook {
  /** The active buffer of terminal `index` as text: wrapped rows joined, trailing blank lines dropped. */
  terminalText(index?: number): string;
  terminalSize(index?: number): { cols: number; rows: number } | null;
  terminalCount(): number;
  status(): ClientStatus | 'none';
  /** Whether the watchdog reports the worker as not answering. */
  unresponsive(): boolean;
  /**
   * Blocks the sandbox worker's event loop for `ms` (a synchronous loop), to prove the watchdog. The
   * worker obeys only if the page set `window.__nsboxTestHooks = true` before the app started.
   */
  hangWorker(ms: number): void;
}

declare global {
  interface Window {
    __nsbox?: NsboxTestHook;
    /** Set by a browser test's init script before the app loads: enables hangWorker. */
    __nsboxTestHooks?: boolean;
  }
}

/** The browser tests asked for the worker's test hooks (see hangWorker). */
export function testHooksRequested(): boolean {
  return globalThis.window?.__nsboxTestHooks === true;
}

interface ClientView {
  readonly status: ClientStatus;
  readonly unresponsive: boolean;
  hangForTest(ms: number): void;
}

const terminals: Terminal[] = [];
let client: ClientView | null = null;
let installed = false;

function bufferText(term: Terminal): string {
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buf.length; y++) {
    const line = buf.getLine(y);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

function install(): void {
  if (installed) return;
  installed = true;
  window.__nsbox = {
    terminalText: (index = 0) => {
      const term = terminals[index];
      return term ? bufferText(term) : '';
    },
    terminalSize: (index = 0) => {
      const term = terminals[index];
      return term ? { cols: term.cols, rows: term.rows } : null;
    },
    terminalCount: () => terminals.length,
    status: () => client?.status ?? 'starting',
    unresponsive: () => client?.unresponsive ?? false,
    hangWorker: (ms) => client?.hangForTest(ms),
  };
}

export function registerClient(view: ClientView): void {
  client = view;
  install();
}

export function registerTerminal(term: Terminal): () => void {
  install();
  terminals.push(term);
  return () => {
    const i = terminals.indexOf(term);
    if (i >= 0) terminals.splice(i, 1);
  };
}
