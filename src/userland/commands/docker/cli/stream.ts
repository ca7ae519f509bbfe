import { SIG } from '../../../../kernel/constants.ts';
import { isKernelError } from '../../../../kernel/errno.ts';
import type { Termios } from '../../../../kernel/syscalls/SysApi.ts';
import type { Attachment } from '../api.ts';
import type { Ctx } from '../out.ts';

/** Ctrl-P Ctrl-Q: Docker's default detach keys. */
const DETACH = ['\x10', '\x11'];

export interface RelayResult { detached: boolean }

/**
 * The hijacked connection of `docker run`/`attach`/`exec` (cli/command/container/hijack.go):
 * output to stdout/stderr until the stream ends; stdin (when attached) to the container, in raw
 * mode on a terminal (so keys like ^C reach the container's own line discipline), watching for
 * the detach sequence. The terminal is restored on the way out.
 */
export async function relay(ctx: Ctx, att: Attachment, opts: { stdin: boolean; tty: boolean }): Promise<RelayResult> {
  const sys = ctx.proc.sys;
  let saved: Termios | null = null;
  if (opts.stdin && opts.tty && sys.isatty(0)) {
    saved = sys.tcgetattr(0);
    sys.tcsetattr(0, { ...saved, icanon: false, echo: false, isig: false, onlcr: false });
  }
  // monitorTtySize: follow the client terminal's size (SIGWINCH) on the container's console.
  if (opts.tty && sys.isatty(1)) {
    sys.signal(SIG.SIGWINCH, () => { try { const ws = sys.getWinsize(1); att.resize(ws.cols, ws.rows); } catch { /* gone */ } });
  }
  let detached = false;
  let done = false;
  let wakeOut: () => void = () => undefined;
  const input = (async () => {
    if (!opts.stdin) return;
    let held = '';
    for (;;) {
      let data: string;
      try { data = await sys.read(0); } catch (e) { if (isKernelError(e, 'EINTR') && !done) continue; return; }
      if (done) return;
      if (data === '') { att.closeStdin(); return; }
      if (opts.tty) {
        let send = '';
        for (const ch of data) {
          if (held === DETACH[0] && ch === DETACH[1]) { detached = true; wakeOut(); return; }
          if (held) { send += held; held = ''; }
          if (ch === DETACH[0]) held = ch; else send += ch;
        }
        if (send) att.write(send);
      } else att.write(data);
    }
  })().catch(() => undefined);
  try {
    const output = (async () => {
      for (;;) {
        let c;
        try { c = await att.read(); } catch (e) { if (isKernelError(e, 'EINTR')) continue; throw e; }
        if (!c) return;
        await sys.write(c.stream === 'stderr' && !opts.tty ? 2 : 1, c.data);
      }
    })();
    output.catch(() => undefined);
    await Promise.race([output, new Promise<void>((r) => { wakeOut = r; })]);
  } finally {
    done = true;
    if (saved) sys.tcsetattr(0, saved);
  }
  void input;
  return { detached };
}
