/**
 * What an `<nsbox-terminal>` accepts: its attributes, or the same names as query parameters of
 * embed.html. Everything is validated here (valibot schemas, length limits, a whitelist of `docker run`
 * flags) before anything boots or is typed; a widget whose configuration fails shows the messages as
 * text and runs nothing.
 *
 * This module is part of the small nsbox-terminal.js script: no DOM, no imports beyond valibot.
 */
import * as v from 'valibot';

/** Host profiles the widget can boot (fixtures/hosts; the worker checks again). */
export const HOST_PROFILES = ['archlinux'] as const;

export const THEMES = ['auto', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

/** `visible`: boot when scrolled into view (default); `load`: at once; `click`: only when asked. */
export type Autostart = 'visible' | 'load' | 'click';

export interface WidgetConfig {
  image: string | null;
  /** `docker run` flags, one token each, already checked against the whitelist. */
  dockerArgs: string[];
  host: string;
  /** Commands typed after the container started, in order. */
  run: string[];
  lesson: string | null;
  rows: number | 'auto';
  cols: number | 'auto';
  theme: ThemeChoice;
  readonly: boolean;
  lens: boolean;
  autostart: Autostart;
}

/** The attribute names (= query parameter names) the widget understands. */
export const WIDGET_ATTRIBUTES = [
  'image',
  'docker-args',
  'host',
  'run',
  'lesson',
  'rows',
  'cols',
  'theme',
  'readonly',
  'lens',
  'autostart',
] as const;
export type WidgetAttribute = (typeof WIDGET_ATTRIBUTES)[number];

export const LIMITS = {
  image: 200,
  dockerArgs: 400,
  dockerArgTokens: 24,
  runTotal: 4000,
  runLines: 30,
  runLine: 500,
  /** More attributes/parameters than this is not a configuration. */
  entries: 40,
  /** How much of a rejected value an error message quotes. */
  quote: 40,
} as const;

export const DEFAULT_ROWS = 18;

export type ParseResult = { ok: true; config: WidgetConfig } | { ok: false; errors: string[] };

/** Where the values came from, for the wording of the messages. */
export type Source = 'attribute' | 'query';

// ------------------------------------------------------------------------------------------ helpers

/** A short, printable quotation of a rejected value (the message is shown as text, never as HTML). */
export function quote(value: string): string {
  const cut = value.length > LIMITS.quote ? `${value.slice(0, LIMITS.quote)}…` : value;
  return JSON.stringify(cut);
}

/** C0 controls (except the ones named in `allow`), DEL and C1 controls: never typed, never shown. */
function firstControl(value: string, allow = ''): string | null {
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 || (c >= 0x7f && c <= 0x9f)) && !allow.includes(ch)) return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    // Bidirectional overrides and isolates can make a command read differently from what runs.
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return `U+${c.toString(16).toUpperCase()}`;
  }
  return null;
}

const noControls = (allow = '') =>
  v.check((s: string) => firstControl(s, allow) === null, (issue) => `contains a control character (${firstControl(String(issue.input), allow)})`);

// ------------------------------------------------------------------------------------------ image

/** A Docker image reference: `[registry[:port]/]name[/name…][:tag][@sha256:digest]`, lowercase names. */
const NAME_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_RE = new RegExp(
  `^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?/)?${NAME_COMPONENT}(?:/${NAME_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

const ImageSchema = v.pipe(
  v.string(),
  v.maxLength(LIMITS.image, `is longer than ${LIMITS.image} characters`),
  v.regex(IMAGE_RE, (issue) => `${quote(String(issue.input))} is not an image reference like rust:latest or alpine:3.21`),
);

// ------------------------------------------------------------------------------------- docker-args

type FlagKind = 'bool' | 'value';
/**
 * `docker run` flags a widget may pass, by long name (short aliases below). The rest of docker run's
 * flags are refused: `-d` would leave no shell to type into, `--entrypoint` would replace it, and the
 * widget decides the image and command itself.
 */
const RUN_FLAGS: Record<string, FlagKind> = {
  interactive: 'bool',
  tty: 'bool',
  rm: 'bool',
  privileged: 'bool',
  'read-only': 'bool',
  init: 'bool',
  'publish-all': 'bool',
  pid: 'value',
  network: 'value',
  net: 'value',
  ipc: 'value',
  uts: 'value',
  cgroupns: 'value',
  userns: 'value',
  hostname: 'value',
  name: 'value',
  user: 'value',
  workdir: 'value',
  env: 'value',
  volume: 'value',
  mount: 'value',
  tmpfs: 'value',
  'cap-add': 'value',
  'cap-drop': 'value',
  publish: 'value',
  expose: 'value',
  label: 'value',
  'security-opt': 'value',
  'network-alias': 'value',
  memory: 'value',
  cpus: 'value',
};
const SHORT_FLAGS: Record<string, string> = {
  i: 'interactive',
  t: 'tty',
  h: 'hostname',
  u: 'user',
  w: 'workdir',
  e: 'env',
  v: 'volume',
  p: 'publish',
  P: 'publish-all',
  l: 'label',
  m: 'memory',
};
/** Characters a docker-args token may contain: no quotes, no shell syntax, no spaces inside a value. */
const TOKEN_RE = /^[A-Za-z0-9_.,:/=@+%-]+$/;

/**
 * Splits and checks `docker-args`. Returns the tokens, or messages. Tokens reach the shell as typed
 * words: the character whitelist keeps out everything the shell would interpret (`;`, `|`, `$`, quotes…).
 */
export function parseDockerArgs(raw: string): { ok: true; tokens: string[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (raw.length > LIMITS.dockerArgs) return { ok: false, errors: [`is longer than ${LIMITS.dockerArgs} characters`] };
  const ctl = firstControl(raw, '\t\n');
  if (ctl) return { ok: false, errors: [`contains a control character (${ctl})`] };
  const tokens = raw.split(/\s+/).filter(Boolean);
  if (tokens.length > LIMITS.dockerArgTokens) return { ok: false, errors: [`has more than ${LIMITS.dockerArgTokens} words`] };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (!TOKEN_RE.test(tok)) {
      errors.push(`${quote(tok)} contains characters a flag cannot have (only letters, digits and _ . , : / = @ + % -; no quotes, spaces or shell syntax)`);
      continue;
    }
    let long: string | undefined;
    let inlineValue: string | undefined;
    if (tok.startsWith('--')) {
      const eq = tok.indexOf('=');
      long = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
      inlineValue = eq < 0 ? undefined : tok.slice(eq + 1);
    } else if (tok.startsWith('-') && tok.length > 1) {
      const letters = tok.slice(1);
      // Combined boolean short flags (`-it`), or one short flag with its value (`-eFOO=1`, `-h=box`).
      if ([...letters].every((c) => SHORT_FLAGS[c] && RUN_FLAGS[SHORT_FLAGS[c]!] === 'bool')) continue;
      long = SHORT_FLAGS[letters[0]!];
      if (!long) {
        errors.push(`unknown or unsupported flag ${quote(`-${letters[0]}`)}`);
        continue;
      }
      const rest = letters.slice(1).replace(/^=/, '');
      inlineValue = rest === '' ? undefined : rest;
    } else {
      errors.push(`${quote(tok)} is not a flag (the image goes in the image attribute, commands in run)`);
      continue;
    }
    const kind = RUN_FLAGS[long];
    if (!kind) {
      errors.push(`unknown or unsupported flag ${quote(`--${long}`)}`);
      continue;
    }
    if (kind === 'bool') {
      if (inlineValue !== undefined && !['true', 'false'].includes(inlineValue)) errors.push(`--${long} takes no value`);
      continue;
    }
    if (inlineValue === undefined) {
      const next = tokens[i + 1];
      if (next === undefined || next.startsWith('-')) {
        errors.push(`--${long} needs a value`);
        continue;
      }
      i++;
      if (!TOKEN_RE.test(next)) errors.push(`${quote(next)} contains characters a flag value cannot have`);
    } else if (inlineValue === '') {
      errors.push(`--${long} needs a value`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, tokens };
}

/** Whether the flags already ask for stdin (-i) and a tty (-t). */
function interactiveFlags(tokens: string[]): { i: boolean; t: boolean } {
  let i = false;
  let t = false;
  for (const tok of tokens) {
    if (tok === '--interactive' || tok === '--interactive=true') i = true;
    else if (tok === '--tty' || tok === '--tty=true') t = true;
    else if (/^-[itP]+$/.test(tok)) {
      if (tok.includes('i')) i = true;
      if (tok.includes('t')) t = true;
    }
  }
  return { i, t };
}

// ------------------------------------------------------------------------------------------- run

/** Splits `run` into command lines: one per line, blank lines dropped, CRLF accepted. */
export function parseRun(raw: string): { ok: true; lines: string[] } | { ok: false; errors: string[] } {
  if (raw.length > LIMITS.runTotal) return { ok: false, errors: [`is longer than ${LIMITS.runTotal} characters`] };
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > LIMITS.runLines) return { ok: false, errors: [`has more than ${LIMITS.runLines} lines`] };
  const errors: string[] = [];
  lines.forEach((line, n) => {
    const r = v.safeParse(CommandSchema, line);
    if (!r.success) errors.push(`line ${n + 1}: ${r.issues[0].message}`);
  });
  return errors.length ? { ok: false, errors } : { ok: true, lines };
}

/** One command line, as typed by `run`, `el.run(command)` or a postMessage `run`. */
export const CommandSchema = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'is empty'),
  v.maxLength(LIMITS.runLine, `is longer than ${LIMITS.runLine} characters`),
  noControls('\t'),
);

/** Checks one command for the JS and postMessage APIs; returns an error message or null. */
export function checkCommand(command: unknown): string | null {
  const r = v.safeParse(CommandSchema, command);
  if (r.success) return String(command).includes('\n') ? 'must be a single line' : null;
  return r.issues[0].message;
}

// ----------------------------------------------------------------------------------- small fields

const flag = (name: string) =>
  v.pipe(
    v.string(),
    v.picklist(['', 'true', 'false', name], (issue) => `${quote(String(issue.input))} is not a boolean (leave the value empty, or use true/false)`),
    v.transform((s) => s !== 'false'),
  );

const intOrAuto = (min: number, max: number) =>
  v.union(
    [
      v.pipe(v.literal('auto'), v.transform(() => 'auto' as const)),
      v.pipe(v.string(), v.regex(/^[0-9]{1,4}$/), v.transform(Number), v.minValue(min), v.maxValue(max)),
    ],
    (issue) => `${quote(String(issue.input))} is not a number from ${min} to ${max} (or auto)`,
  );

const FIELD_SCHEMAS = {
  host: v.picklist(HOST_PROFILES, (issue) => `${quote(String(issue.input))} is not a host profile (known: ${HOST_PROFILES.join(', ')})`),
  lesson: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, (issue) => `${quote(String(issue.input))} is not a lesson id (lowercase letters, digits and dashes)`)),
  rows: intOrAuto(2, 200),
  cols: intOrAuto(20, 400),
  theme: v.picklist(THEMES, (issue) => `${quote(String(issue.input))} is not a theme (auto, light or dark)`),
  readonly: flag('readonly'),
  lens: flag('lens'),
  autostart: v.pipe(
    v.string(),
    v.picklist(['', 'true', 'load', 'visible', 'false', 'click', 'autostart'], (issue) => `${quote(String(issue.input))} is not one of load, visible, click (or empty for load)`),
    v.transform((s): Autostart => (s === 'visible' ? 'visible' : s === 'false' || s === 'click' ? 'click' : 'load')),
  ),
};

// ------------------------------------------------------------------------------------------ names

/** Attributes any element may carry: the widget ignores them. */
const GLOBAL_ATTRIBUTES = new Set([
  'id', 'class', 'style', 'title', 'lang', 'dir', 'hidden', 'tabindex', 'slot', 'part', 'exportparts', 'role', 'inert',
  'translate', 'nonce', 'is', 'accesskey', 'autofocus', 'draggable', 'spellcheck', 'enterkeyhint', 'popover',
]);
/** Framework markers and ARIA/data attributes that also belong to the page, not to the widget. */
const FOREIGN_ATTRIBUTE = /^(?:data-|aria-|on[a-z]|x-|v-|ng-|_ng|:|@)/;

/** Query parameters of embed.html that are not widget settings (see frame.ts). */
export const FRAME_PARAMETERS = new Set(['origin']);

function label(source: Source, name: string): string {
  return source === 'attribute' ? `attribute ${name}` : `parameter ${name}`;
}

// ------------------------------------------------------------------------------------------- parse

/**
 * Validates a widget's settings. `entries` are (name, value) pairs in document order: element
 * attributes, or URLSearchParams entries (where `run` may repeat: one command per occurrence).
 */
export function parseWidgetConfig(entries: Iterable<readonly [string, string]>, source: Source = 'attribute'): ParseResult {
  const errors: string[] = [];
  const values = new Map<WidgetAttribute, string>();
  let count = 0;
  for (const [rawName, value] of entries) {
    if (++count > LIMITS.entries) {
      errors.push(`more than ${LIMITS.entries} ${source === 'attribute' ? 'attributes' : 'parameters'}`);
      break;
    }
    const name = rawName.toLowerCase();
    if ((WIDGET_ATTRIBUTES as readonly string[]).includes(name)) {
      const key = name as WidgetAttribute;
      if (values.has(key)) {
        if (key === 'run') values.set(key, `${values.get(key)}\n${value}`);
        else errors.push(`${label(source, name)} is given more than once`);
      } else {
        values.set(key, value);
      }
      continue;
    }
    if (source === 'attribute' && (GLOBAL_ATTRIBUTES.has(name) || FOREIGN_ATTRIBUTE.test(name))) continue;
    if (source === 'query' && FRAME_PARAMETERS.has(name)) continue;
    const known = WIDGET_ATTRIBUTES.join(', ');
    errors.push(`unknown ${source === 'attribute' ? 'attribute' : 'parameter'} ${quote(rawName)} (known: ${known})`);
  }

  const config: WidgetConfig = {
    image: null,
    dockerArgs: [],
    host: HOST_PROFILES[0],
    run: [],
    lesson: null,
    rows: DEFAULT_ROWS,
    cols: 'auto',
    theme: 'auto',
    readonly: false,
    lens: false,
    autostart: 'visible',
  };

  const image = values.get('image');
  if (image !== undefined && image !== '') {
    const r = v.safeParse(ImageSchema, image.trim());
    if (r.success) config.image = r.output;
    else errors.push(`${label(source, 'image')}: ${r.issues[0].message}`);
  }

  const dockerArgs = values.get('docker-args');
  if (dockerArgs !== undefined && dockerArgs.trim() !== '') {
    const r = parseDockerArgs(dockerArgs);
    if (r.ok) config.dockerArgs = r.tokens;
    else for (const e of r.errors) errors.push(`${label(source, 'docker-args')}: ${e}`);
    if (image === undefined || image === '') errors.push(`${label(source, 'docker-args')} needs an image to run`);
  }

  const run = values.get('run');
  if (run !== undefined) {
    const r = parseRun(run);
    if (r.ok) config.run = r.lines;
    else for (const e of r.errors) errors.push(`${label(source, 'run')}: ${e}`);
  }

  for (const key of ['host', 'lesson', 'rows', 'cols', 'theme', 'readonly', 'lens', 'autostart'] as const) {
    const value = values.get(key);
    if (value === undefined) continue;
    const r = v.safeParse(FIELD_SCHEMAS[key], value.trim());
    if (!r.success) {
      errors.push(`${label(source, key)}: ${r.issues[0].message}`);
      continue;
    }
    (config as unknown as Record<string, unknown>)[key] = r.output;
  }

  return errors.length ? { ok: false, errors } : { ok: true, config };
}

// ------------------------------------------------------------------------------------- startup

/** Images without bash: their shell is BusyBox's or dash's `sh`. */
const SH_ONLY = new Set(['alpine', 'busybox']);

/** The shell a widget starts in `image`. */
export function shellFor(image: string): string {
  const name = image.replace(/[:@].*$/, '').split('/').pop() ?? image;
  return SH_ONLY.has(name) ? 'sh' : 'bash';
}

/** The `docker run` line a widget types for its image and flags (adds -it when missing). */
export function dockerRunLine(image: string, dockerArgs: string[]): string {
  const { i, t } = interactiveFlags(dockerArgs);
  const it = !i && !t ? ['-it'] : !i ? ['-i'] : !t ? ['-t'] : [];
  return ['docker', 'run', ...it, ...dockerArgs, image, shellFor(image)].join(' ');
}

/** The command lines a widget types when it starts, in order. */
export function startupCommands(config: WidgetConfig): string[] {
  return [...(config.image ? [dockerRunLine(config.image, config.dockerArgs)] : []), ...config.run];
}
