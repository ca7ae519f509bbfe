/**
 * What a session is, for keeping (localStorage) and sharing (the URL hash): the machine's seed, the
 * terminals, the lines typed into each in order, and the lesson step on screen. Replaying the lines into
 * a machine booted with the same seed rebuilds the same state, so nothing else needs saving.
 *
 * Both come from outside the program (another version's storage, a link anyone can craft), so they are
 * validated with valibot against strict limits before anything is replayed.
 */
import * as v from 'valibot';

export const SESSION_VERSION = 1;
export const LIMITS = {
  panes: 8,
  commands: 400,
  commandLength: 2000,
  /** A hash longer than this is refused before decoding (base64 of the largest valid session fits). */
  hashLength: 1_200_000,
} as const;

const PaneIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LIMITS.panes - 1));

export const ScenarioSchema = v.strictObject({
  lesson: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/)),
  step: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(200)),
});

export const SessionSchema = v.pipe(
  v.strictObject({
    app: v.literal('nsbox'),
    v: v.literal(SESSION_VERSION),
    seed: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31 - 1)),
    /** Terminals opened so far (pane indices 0..panes-1, in the order they were opened). */
    panes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.panes)),
    /** Panes the learner closed: replayed like the others, then closed again. */
    closed: v.pipe(v.array(PaneIndex), v.maxLength(LIMITS.panes - 1)),
    /** [pane, keystrokes of one line without its Enter], in the order they were typed. */
    commands: v.pipe(
      v.array(v.strictTuple([PaneIndex, v.pipe(v.string(), v.maxLength(LIMITS.commandLength))])),
      v.maxLength(LIMITS.commands),
    ),
    scenario: v.optional(ScenarioSchema),
  }),
  v.check(
    (s) => s.commands.every(([p]) => p < s.panes) && s.closed.every((p) => p < s.panes) && new Set(s.closed).size < s.panes,
    'a command or closed pane refers to a terminal that does not exist',
  ),
);

export type SessionState = v.InferOutput<typeof SessionSchema>;
export type Scenario = v.InferOutput<typeof ScenarioSchema>;

export type DecodeResult =
  | { ok: true; state: SessionState }
  /** `foreign`: readable, but written by another app or version; `corrupt`: not readable at all. */
  | { ok: false; reason: 'corrupt' | 'foreign'; detail: string };

export function newSession(seed: number): SessionState {
  return { app: 'nsbox', v: SESSION_VERSION, seed, panes: 1, closed: [], commands: [] };
}

/** Validates a parsed value: the one gate for both storage and links. */
export function validateSession(value: unknown): DecodeResult {
  const looksOurs = typeof value === 'object' && value !== null && (value as { app?: unknown }).app === 'nsbox';
  if (looksOurs && (value as { v?: unknown }).v !== SESSION_VERSION) {
    return { ok: false, reason: 'foreign', detail: `saved by another version (${String((value as { v?: unknown }).v)})` };
  }
  const r = v.safeParse(SessionSchema, value);
  if (r.success) return { ok: true, state: r.output };
  const detail = r.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).slice(0, 3).join('; ');
  return { ok: false, reason: looksOurs ? 'corrupt' : 'foreign', detail };
}

export function parseSessionJson(text: string): DecodeResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: 'corrupt', detail: `not JSON (${(err as Error).message})` };
  }
  return validateSession(value);
}

// ---------------------------------------------------------------------------------------- URL hash

const HASH_KEY = 's';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** `#s=<base64url(JSON)>`: no server sees it (a hash never leaves the browser). */
export function encodeShareHash(state: SessionState): string {
  return `#${HASH_KEY}=${toBase64Url(JSON.stringify(state))}`;
}

/** null when the hash carries no session at all (an empty hash, or one the app does not use). */
export function decodeShareHash(hash: string): DecodeResult | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(body.length > LIMITS.hashLength ? '' : body);
  if (body.length > LIMITS.hashLength) return { ok: false, reason: 'corrupt', detail: 'the link is too long' };
  const payload = params.get(HASH_KEY);
  if (payload === null) return null;
  const json = fromBase64Url(payload);
  if (json === null) return { ok: false, reason: 'corrupt', detail: 'the link is damaged (not base64url UTF-8)' };
  return parseSessionJson(json);
}
