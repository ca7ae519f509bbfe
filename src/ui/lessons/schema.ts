/**
 * The lesson format (fixtures/lessons/*.json), validated with valibot when a lesson loads: a broken
 * lesson file is reported and skipped instead of breaking the page.
 *
 * A step has text in English and Chinese, an optional command to try (clicking it types it into the
 * terminal) and an optional check, a declarative predicate over the terminal output or the namespace
 * snapshot (see checks.ts). Checks are data, never code: a lesson cannot run anything in the page.
 */
import * as v from 'valibot';

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'm');
    return true;
  } catch {
    return false;
  }
}

const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'ids are lowercase letters, digits and dashes'));
const Pattern = v.pipe(v.string(), v.minLength(1), v.maxLength(400), v.check(compiles, 'not a valid regular expression'));
const Para = v.pipe(v.string(), v.minLength(1), v.maxLength(6000));

export const TextSchema = v.strictObject({ en: Para, zh: Para });
export type Text = v.InferOutput<typeof TextSchema>;

/** How one of a process's namespaces relates to the host's: the same one, or its own. */
const Relation = v.picklist(['host', 'own']);

const ProcessCheckSchema = v.strictObject({
  type: v.literal('process'),
  /** Exact comm (the 15-character process name). */
  comm: v.optional(v.string()),
  /** A pattern over the command line. */
  cmd: v.optional(Pattern),
  /** The pid inside its own pid namespace. */
  pid: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  pidNs: v.optional(Relation),
  netNs: v.optional(Relation),
  mntNs: v.optional(Relation),
  utsNs: v.optional(Relation),
  ipcNs: v.optional(Relation),
});

const DeviceMatchSchema = v.strictObject({
  kind: v.optional(v.picklist(['loopback', 'ether', 'veth', 'bridge', 'dummy'])),
  name: v.optional(Pattern),
  up: v.optional(v.boolean()),
  /** A pattern any of its addresses must match (`^10\\.0\\.0\\.1/24$`). */
  addr: v.optional(Pattern),
  master: v.optional(v.string()),
  /** Where a veth's other end lives. */
  peer: v.optional(Relation),
});

const NetnsCheckSchema = v.strictObject({
  type: v.literal('netns'),
  /** The host's network namespace, or any other one. */
  which: v.optional(Relation),
  /** Named with `ip netns add`. */
  name: v.optional(Slug),
  /** A process uses it (an empty named namespace has none). */
  inUse: v.optional(v.boolean()),
  /** Exactly these device kinds and no others (e.g. only `loopback` for --network=none). */
  onlyKinds: v.optional(v.array(v.picklist(['loopback', 'ether', 'veth', 'bridge', 'dummy']))),
  device: v.optional(DeviceMatchSchema),
});

const MountCheckSchema = v.strictObject({
  type: v.literal('mount'),
  which: v.optional(Relation),
  /** The filesystem type mounted at `/` (`overlay` in a container). */
  rootFstype: v.optional(v.string()),
  /** A bind mount (a volume) whose target matches. */
  bindTarget: v.optional(Pattern),
});

const UtsCheckSchema = v.strictObject({
  type: v.literal('uts'),
  which: v.optional(Relation),
  hostname: Pattern,
});

/** A namespace of `ns` kind, not the host's, that `roots` or more isolated processes share (`container:` modes). */
const TogetherCheckSchema = v.strictObject({
  type: v.literal('together'),
  ns: v.picklist(['pid', 'net', 'mnt', 'uts', 'ipc']),
  roots: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(20)),
});

const OutputCheckSchema = v.strictObject({
  type: v.literal('output'),
  /** Matched (multiline) against everything the terminals printed since the step started. */
  pattern: Pattern,
  ignoreCase: v.optional(v.boolean()),
});

export type ProcessCheck = v.InferOutput<typeof ProcessCheckSchema>;
export type NetnsCheck = v.InferOutput<typeof NetnsCheckSchema>;
export type MountCheck = v.InferOutput<typeof MountCheckSchema>;
export type UtsCheck = v.InferOutput<typeof UtsCheckSchema>;
export type OutputCheck = v.InferOutput<typeof OutputCheckSchema>;
export type TogetherCheck = v.InferOutput<typeof TogetherCheckSchema>;
export type Check =
  | ProcessCheck
  | TogetherCheck
  | NetnsCheck
  | MountCheck
  | UtsCheck
  | OutputCheck
  | { type: 'all'; checks: Check[] }
  | { type: 'any'; checks: Check[] };

export const CheckSchema: v.GenericSchema<Check> = v.variant('type', [
  ProcessCheckSchema,
  TogetherCheckSchema,
  NetnsCheckSchema,
  MountCheckSchema,
  UtsCheckSchema,
  OutputCheckSchema,
  v.strictObject({ type: v.literal('all'), checks: v.pipe(v.array(v.lazy(() => CheckSchema)), v.minLength(1), v.maxLength(10)) }),
  v.strictObject({ type: v.literal('any'), checks: v.pipe(v.array(v.lazy(() => CheckSchema)), v.minLength(1), v.maxLength(10)) }),
]);

export const StepSchema = v.strictObject({
  id: Slug,
  title: TextSchema,
  text: TextSchema,
  /** A command to try; clicking it types it into the terminal (the learner presses Enter). */
  command: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(500), v.regex(/^[^\r\n]*$/, 'one line'))),
  /** Where to type it: on the host, or inside the container started earlier. */
  where: v.optional(v.picklist(['host', 'container'])),
  check: v.optional(CheckSchema),
  /** What the check looks for, shown while it has not passed yet. */
  hint: v.optional(TextSchema),
});

export const LessonSchema = v.pipe(
  v.strictObject({
    $schema: v.optional(v.string()),
    id: Slug,
    order: v.pipe(v.number(), v.integer(), v.minValue(0)),
    title: TextSchema,
    summary: TextSchema,
    steps: v.pipe(v.array(StepSchema), v.minLength(1), v.maxLength(60)),
  }),
  v.check((l) => new Set(l.steps.map((s) => s.id)).size === l.steps.length, 'step ids must be unique'),
);

export type Step = v.InferOutput<typeof StepSchema>;
export type Lesson = v.InferOutput<typeof LessonSchema>;

export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; error: string };

export function parseLesson(value: unknown): LessonParse {
  const r = v.safeParse(LessonSchema, value);
  if (r.success) return { ok: true, lesson: r.output };
  return { ok: false, error: r.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).slice(0, 5).join('; ') };
}
