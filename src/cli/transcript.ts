import type { Sandbox } from '../sandbox/types.ts';
import { Screen } from './Screen.ts';

/** bash 5.2 brackets every prompt: ESC[?2004h before it, ESC[?2004l CR after Enter. */
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l\r';

export interface TranscriptEntry {
  prompt: string;
  input: string;
  output: string;
  exit: number | null;
}

export interface TranscriptResult {
  /** The whole session as the terminal shows it. */
  screen: string;
  entries: TranscriptEntry[];
}

/** Visible text of a raw chunk (escape sequences applied), rows joined with newlines. */
function render(raw: string, cols: number): string {
  const s = new Screen(cols);
  s.write(raw);
  return s.lines().join('\n');
}

/**
 * Type `lines` one by one into a fresh terminal of `sandbox`, waiting after each until the system
 * is quiet; a command still running after that gets a ^C, as an impatient user would type.
 */
export async function runTranscript(sandbox: Sandbox, lines: string[], cols: number): Promise<TranscriptResult> {
  const term = sandbox.openTerminal({ cols, rows: 24 });
  let raw = '';
  term.onOutput((d) => { raw += d; });
  await term.settle();
  const entries: TranscriptEntry[] = [];
  for (const line of lines) {
    if (term.closed) break;
    const before = raw;
    const promptStart = before.lastIndexOf(PASTE_ON);
    const prompt = promptStart >= 0 ? render(before.slice(promptStart), cols).split('\n').pop()! : render(before, cols).split('\n').pop()!;
    const start = raw.length;
    term.input(line + '\r');
    if (!(await term.settle()) && !term.closed) {
      term.input('\x03');
      await term.settle();
    }
    const chunk = raw.slice(start);
    const off = chunk.indexOf(PASTE_OFF);
    let body = off >= 0 ? chunk.slice(off + PASTE_OFF.length) : chunk.slice(chunk.indexOf('\n') + 1);
    const next = body.lastIndexOf(PASTE_ON);
    if (next >= 0) body = body.slice(0, next);
    // A newline ends the last output row; the next prompt then starts a row of its own.
    const output = render(body, cols).replace(/\n$/, '');
    entries.push({ prompt, input: line, output, exit: term.lastStatus() ?? null });
  }
  return { screen: render(raw, cols), entries };
}
