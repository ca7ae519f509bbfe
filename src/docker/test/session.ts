import { bootSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';

const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l\r';

export interface Typed { input: string; output: string; prompt: string }

/**
 * Type lines into a login terminal and collect each command's output as the program wrote it
 * (the pty's bytes with `\r\n` turned back into `\n`, no terminal wrapping), plus the prompt it
 * was typed at. This is what the reference captures hold, so they compare byte for byte.
 * A line `\0resize COLS ROWS` resizes the terminal instead (the emulator's window changed).
 */
export async function session(lines: string[], opts: { cols?: number; sandbox?: Sandbox } = {}): Promise<Typed[]> {
  const sb = opts.sandbox ?? bootSandbox();
  const term = sb.openTerminal({ cols: opts.cols ?? 80, rows: 24 });
  let raw = '';
  term.onOutput((d) => { raw += d; });
  await term.settle();
  const out: Typed[] = [];
  for (const line of lines) {
    const resize = /^\0resize (\d+) (\d+)$/.exec(line);
    if (resize) { term.resize(Number(resize[1]), Number(resize[2])); await term.settle(); continue; }
    const before = raw;
    const p = before.lastIndexOf(PASTE_ON);
    const prompt = (p >= 0 ? before.slice(p + PASTE_ON.length) : before.slice(before.lastIndexOf('\n') + 1)).replace(/\r/g, '');
    const start = raw.length;
    term.input(`${line}\r`);
    if (!(await term.settle()) && !term.closed) { term.input('\x03'); await term.settle(); }
    let chunk = raw.slice(start);
    const off = chunk.indexOf(PASTE_OFF);
    chunk = off >= 0 ? chunk.slice(off + PASTE_OFF.length) : chunk.slice(chunk.indexOf('\n') + 1);
    const next = chunk.lastIndexOf(PASTE_ON);
    if (next >= 0) chunk = chunk.slice(0, next);
    // Drop the next prompt's text (it follows the output) and undo ONLCR.
    out.push({ input: line, prompt, output: chunk.replace(/\r\n/g, '\n').replace(/[^\n]*$/, '') });
  }
  return out;
}
