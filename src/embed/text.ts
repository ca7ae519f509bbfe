/**
 * Terminal text for the widget's `command` events: a command's output as plain text, and the command
 * a reader typed, read back from the screen line that holds it. Pure string functions.
 */

/** CSI, OSC, DCS/APC/PM/SOS strings and two-character escapes (what a program's output may contain). */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_]|[ -/][@-~]?)|\x9b[0-?]*[ -/]*[@-~]/g;

/** Removes escape sequences and applies carriage returns and backspaces the way a screen would (per line). */
export function plainText(raw: string): string {
  const text = raw.replace(ESCAPES, '').replace(/\r\n/g, '\n');
  return text
    .split('\n')
    .map((line) => {
      let out: string[] = [];
      let col = 0;
      for (const ch of line) {
        if (ch === '\r') col = 0;
        else if (ch === '\b') col = Math.max(0, col - 1);
        else if (ch === '\x07' || ch < ' ') continue;
        else {
          out[col++] = ch;
        }
      }
      out = out.map((c) => c ?? ' ');
      return out.join('');
    })
    .join('\n');
}

/**
 * The output of one typed command: everything printed after the line that echoed it, up to (not
 * including) the prompt that followed. Trailing spaces of lines are dropped.
 */
export function commandOutput(raw: string): string {
  const lines = plainText(raw).split('\n');
  // The first line is the echo of what was typed (the rest of the prompt line), the last the new prompt.
  lines.shift();
  const last = lines.at(-1);
  if (last !== undefined && PROMPT_RE.test(last)) lines.pop();
  else if (last === '') lines.pop();
  return lines.map((l) => l.replace(/\s+$/, '')).join('\n');
}

/**
 * A shell prompt at the start of a screen line: `vagrant@archlinux ~ $ `, `root@3f2a…:/# `,
 * BusyBox's `/ # `. Group 1 is the rest of the line (what was typed after it).
 */
export const PROMPT_RE = /^(?:[a-z_][\w-]*@[\w.-]+[: ][^$#]*[$#]|[~/][^\s]* #)(?: (.*))?$/;

/** The command typed on a screen line that starts with a prompt, or null for any other line. */
export function typedCommand(screenLine: string): string | null {
  const m = PROMPT_RE.exec(screenLine.replace(/\s+$/, ''));
  if (!m) return null;
  const cmd = (m[1] ?? '').trim();
  return cmd === '' ? null : cmd;
}
