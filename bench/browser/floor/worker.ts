/// <reference lib="webworker" />
/**
 * The floor's "machine": echoes what is typed and answers a line with the canned bytes the bench gave
 * for it (the app's own output for that command, captured in the same run), else with a prompt.
 */
declare const self: DedicatedWorkerGlobalScope;

const PROMPT = 'vagrant@archlinux ~ $ ';
let canned: Record<string, string> = {};
let line = '';

self.onmessage = (e: MessageEvent<{ type: string; data?: string; map?: Record<string, string> }>) => {
  const msg = e.data;
  if (msg.type === 'start') self.postMessage(PROMPT);
  else if (msg.type === 'canned') canned = { ...canned, ...msg.map };
  else if (msg.type === 'input') {
    let out = '';
    for (const ch of msg.data ?? '') {
      if (ch === '\r') {
        out += `\r\n${canned[line] ?? PROMPT}`;
        line = '';
      } else if (ch === '\x7f') {
        if (line) { line = line.slice(0, -1); out += '\b \b'; }
      } else if (ch === '\x15') {
        out += `\r\x1b[K${PROMPT}`;
        line = '';
      } else if (ch >= ' ') {
        line += ch;
        out += ch;
      }
    }
    if (out) self.postMessage(out);
  }
};
