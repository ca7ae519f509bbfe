import type { Sandbox } from '../../src/sandbox/types.ts';

/**
 * Test helper: log in on a terminal of `sb` and run command lines through the interactive shell,
 * returning what each printed (CRLF turned back into LF, prompt and bracketed-paste codes removed).
 */
export async function ttySession(sb: Sandbox, cols = 80): Promise<(line: string) => Promise<string>> {
  const t = sb.openTerminal({ cols });
  let buf = '';
  t.onOutput((d) => { buf += d; });
  await t.settle();
  return async (line: string) => {
    buf = '';
    t.input(line + '\r');
    await t.settle();
    const afterEcho = buf.slice(buf.indexOf('\x1b[?2004l\r') + '\x1b[?2004l\r'.length);
    const end = afterEcho.lastIndexOf('\x1b[?2004h');
    return (end >= 0 ? afterEcho.slice(0, end) : afterEcho).replace(/\r\n/g, '\n');
  };
}
