/**
 * embed.html: the iframe form of the widget, for pages that cannot run scripts.
 *
 *   <iframe src="embed.html?image=rust:latest&docker-args=--pid=host&run=ps%20aux&origin=https://docs.example"
 *           title="nsbox terminal" width="720" height="380" loading="lazy"></iframe>
 *
 * Query parameters are the element's attributes (`run` may repeat, one command each), validated by the
 * same schema. `origin` turns on the postMessage API: the frame then reports `ready`, `command`, `exit`
 * (and `error`) to its parent at that origin only, and accepts `run`, `reset` and `start` messages only
 * from its parent window at that origin. Without `origin` it neither posts nor listens. `origin=*`
 * posts to whatever page embeds it and accepts its parent's messages whatever its origin.
 */
import * as v from 'valibot';
import './frame.css';
import './nsbox-terminal.ts';
import type { CommandRecord, NsboxTerminalElement } from './nsbox-terminal.ts';
import { CommandSchema, parseWidgetConfig, quote, WIDGET_ATTRIBUTES } from './schema.ts';

/** Messages the parent may send (anything else is answered with an `error` message and ignored). */
const IncomingSchema = v.variant('type', [
  v.strictObject({ nsbox: v.literal(1), type: v.literal('run'), command: CommandSchema }),
  v.strictObject({ nsbox: v.literal(1), type: v.literal('reset') }),
  v.strictObject({ nsbox: v.literal(1), type: v.literal('start') }),
]);

/** Messages the frame posts to its parent. */
export type FrameEvent =
  | { nsbox: 1; type: 'ready' }
  | { nsbox: 1; type: 'command'; command: string; output: string; source: CommandRecord['source'] }
  | { nsbox: 1; type: 'exit'; status: number | null }
  | { nsbox: 1; type: 'error'; message: string };

/** `*`, or an http(s) origin exactly as `location.origin` would print it. */
function parseOrigin(raw: string | null): { ok: true; origin: string | null } | { ok: false; error: string } {
  if (raw === null || raw === '') return { ok: true, origin: null };
  if (raw === '*') return { ok: true, origin: '*' };
  try {
    const url = new URL(raw);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === raw) return { ok: true, origin: raw };
  } catch {
    /* reported below */
  }
  return { ok: false, error: `parameter origin: ${quote(raw)} is not an origin like https://docs.example.com (scheme, host and port only) or *` };
}

function showErrors(errors: string[]): void {
  const box = document.createElement('div');
  box.className = 'frame-error';
  box.setAttribute('role', 'alert');
  const strong = document.createElement('strong');
  strong.textContent = 'nsbox embed: the address is not valid';
  const list = document.createElement('ul');
  for (const e of errors) {
    const li = document.createElement('li');
    li.textContent = e;
    list.append(li);
  }
  box.append(strong, list);
  document.body.replaceChildren(box);
}

function main(): void {
  const params = new URLSearchParams(location.search);
  const origin = parseOrigin(params.get('origin'));
  const parsed = parseWidgetConfig(params.entries(), 'query');
  const errors = [...(parsed.ok ? [] : parsed.errors), ...(origin.ok ? [] : [origin.error])];
  if (params.getAll('origin').length > 1) errors.push('parameter origin is given more than once');

  const framed = window.parent !== window;
  const target = origin.ok ? origin.origin : null;
  const post = (msg: FrameEvent) => {
    if (framed && target) window.parent.postMessage(msg, target);
  };

  if (errors.length) {
    showErrors(errors);
    post({ nsbox: 1, type: 'error', message: errors.join('; ') });
    return;
  }

  const el = document.createElement('nsbox-terminal') as NsboxTerminalElement;
  // Only the validated names are copied; run lines are joined back into one attribute.
  for (const name of WIDGET_ATTRIBUTES) {
    const values = params.getAll(name);
    if (values.length) el.setAttribute(name, values.join('\n'));
  }
  // The frame is the widget: fill it unless the address asks for a fixed number of rows.
  if (!params.has('rows')) el.setAttribute('rows', 'auto');
  document.body.replaceChildren(el);

  el.addEventListener('ready', () => post({ nsbox: 1, type: 'ready' }));
  el.addEventListener('command', (ev) => {
    const r = (ev as CustomEvent<CommandRecord>).detail;
    post({ nsbox: 1, type: 'command', command: r.command, output: r.output, source: r.source });
  });
  el.addEventListener('exit', (ev) => {
    const status = (ev as CustomEvent<{ status: number | undefined }>).detail.status;
    post({ nsbox: 1, type: 'exit', status: status ?? null });
  });
  el.addEventListener('error', (ev) => post({ nsbox: 1, type: 'error', message: String((ev as unknown as CustomEvent<{ message: string }>).detail?.message) }));

  if (!framed || !target) return;
  window.addEventListener('message', (ev: MessageEvent) => {
    // Only the embedding page, and only from the origin it named.
    if (ev.source !== window.parent) return;
    if (target !== '*' && ev.origin !== target) return;
    const r = v.safeParse(IncomingSchema, ev.data);
    if (!r.success) {
      post({ nsbox: 1, type: 'error', message: `ignored a message that is not {nsbox: 1, type: 'run' | 'reset' | 'start'}: ${r.issues[0].message}` });
      return;
    }
    const msg = r.output;
    const report = (err: unknown) => post({ nsbox: 1, type: 'error', message: err instanceof Error ? err.message : String(err) });
    if (msg.type === 'run') el.run(msg.command).catch(report);
    else if (msg.type === 'reset') el.reset().catch(report);
    else el.start().catch(report);
  });
}

main();
