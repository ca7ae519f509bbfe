import type { PullEvent } from '../api.ts';
import type { Ctx } from '../out.ts';

/**
 * Print a pull's JSON message stream (jsonmessage.DisplayJSONMessagesStream): on a terminal the
 * progress lines update in place, so what stays on screen is each layer's last status; through a
 * pipe every message is its own line.
 */
export function renderPull(events: PullEvent[], tty: boolean): string {
  if (!tty) return events.map((e) => (e.id ? `${e.id}: ${e.status}\n` : `${e.status}\n`)).join('');
  const order: string[] = [];
  const last = new Map<string, string>();
  let out = '';
  const flush = () => { for (const id of order) out += `${id}: ${last.get(id)}\n`; order.length = 0; last.clear(); };
  for (const e of events) {
    if (e.id && !e.status.startsWith('Pulling from')) {
      if (!last.has(e.id)) order.push(e.id);
      last.set(e.id, e.status);
    } else {
      flush();
      out += e.id ? `${e.id}: ${e.status}\n` : `${e.status}\n`;
    }
  }
  flush();
  return out;
}

/** Pull `ref`, writing progress to `fd` (stderr for `docker run`, stdout for `docker pull`). */
export async function pullImage(ctx: Ctx, ref: string, fd: 1 | 2): Promise<void> {
  const events = await ctx.api().imagePull(ref);
  const sys = ctx.proc.sys;
  await sys.write(fd, renderPull(events, sys.isatty(fd)));
}
