/**
 * Where the learner is in the lessons: the open lesson and step, and which steps are done. The current
 * step's check is evaluated whenever the terminals print or the namespaces change; only what was
 * printed after the step was opened counts, so an old `ps aux` cannot pass a new step.
 */
import * as v from 'valibot';
import type { NamespaceSnapshot } from '../../sandbox/snapshot.ts';
import { readItem, writeItem, type KeyValueStore } from '../share/storage.ts';
import type { Transcript } from '../terminal/transcript.ts';
import { evaluateCheck } from './checks.ts';
import type { Lesson, Step } from './schema.ts';

const PROGRESS_KEY = 'nsbox:progress';
const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));
const ProgressSchema = v.strictObject({
  app: v.literal('nsbox'),
  v: v.literal(1),
  done: v.pipe(v.record(Slug, v.pipe(v.array(Slug), v.maxLength(60))), v.maxEntries(100)),
});

export class LessonProgress {
  #lessons = $state.raw<Lesson[]>([]);
  #lessonId = $state<string | null>(null);
  #stepIndex = $state(0);
  #done = $state.raw<Record<string, string[]>>({});
  /** Transcript offset when the current step was opened. */
  #mark = 0;
  readonly problem: string | null = null;

  constructor(
    private readonly transcript: Transcript,
    private readonly store: KeyValueStore | null,
    /** The open lesson or step changed (the session keeps it as its scenario). */
    private readonly onMove: () => void = () => {},
  ) {
    const raw = readItem(store, PROGRESS_KEY);
    if (raw === null) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const r = v.safeParse(ProgressSchema, value);
    if (r.success) this.#done = r.output.done;
    else this.problem = 'Saved lesson progress could not be read and was reset.';
  }

  get lessons(): Lesson[] { return this.#lessons; }
  get lesson(): Lesson | null { return this.#lessons.find((l) => l.id === this.#lessonId) ?? null; }
  get stepIndex(): number { return this.#stepIndex; }
  get step(): Step | null { return this.lesson?.steps[this.#stepIndex] ?? null; }

  setLessons(lessons: Lesson[]): void {
    this.#lessons = lessons;
    if (!this.lesson && lessons.length) this.open(lessons[0]!.id, 0, false);
  }

  isDone(lessonId: string, stepId: string): boolean {
    return this.#done[lessonId]?.includes(stepId) ?? false;
  }

  doneCount(lesson: Lesson): number {
    return lesson.steps.filter((s) => this.isDone(lesson.id, s.id)).length;
  }

  /** Opens a lesson at a step (a shared link can name any; out-of-range steps clamp to the last). */
  open(lessonId: string, step = 0, notify = true): boolean {
    const lesson = this.#lessons.find((l) => l.id === lessonId);
    if (!lesson) return false;
    this.#lessonId = lessonId;
    this.#stepIndex = Math.min(Math.max(0, step), lesson.steps.length - 1);
    this.#mark = this.transcript.end;
    if (notify) this.onMove();
    return true;
  }

  goTo(step: number): void {
    if (this.#lessonId) this.open(this.#lessonId, step);
  }

  /** Forgets the lesson's progress and starts it over (the machine is left as it is). */
  restart(): void {
    const lesson = this.lesson;
    if (!lesson) return;
    const { [lesson.id]: _, ...rest } = this.#done;
    this.#done = rest;
    this.#save();
    this.open(lesson.id, 0);
  }

  markDone(): void {
    const lesson = this.lesson;
    const step = this.step;
    if (!lesson || !step || this.isDone(lesson.id, step.id)) return;
    this.#done = { ...this.#done, [lesson.id]: [...(this.#done[lesson.id] ?? []), step.id] };
    this.#save();
  }

  /** Checks the current step against the latest output and snapshot; marks it done when it passes. */
  evaluate(snapshot: NamespaceSnapshot | null): void {
    const lesson = this.lesson;
    const step = this.step;
    if (!lesson || !step?.check || this.isDone(lesson.id, step.id)) return;
    if (evaluateCheck(step.check, { snapshot, output: this.transcript.since(this.#mark) })) this.markDone();
  }

  #save(): void {
    writeItem(this.store, PROGRESS_KEY, JSON.stringify({ app: 'nsbox', v: 1, done: this.#done }));
  }
}
