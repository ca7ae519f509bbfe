/**
 * Lessons for `<nsbox-terminal lesson="…">`: the app's lesson files (fixtures/lessons/*.json), each a
 * separate chunk loaded only by a widget that names it. The widget shows a lesson's steps with a button
 * per command; only the fields it shows are read, and they are checked like any other input.
 */
const files = import.meta.glob<unknown>('../../fixtures/lessons/*.json', { import: 'default' });

export interface EmbedLessonStep {
  id: string;
  title: { en: string };
  text: { en: string };
  command?: string;
  check?: { type: string; pattern?: string; ignoreCase?: boolean };
}

export interface EmbedLesson {
  id: string;
  title: { en: string };
  summary: { en: string };
  steps: EmbedLessonStep[];
}

/*
 * A hand-written check rather than valibot: valibot is in the small element script already, and a
 * module shared by the script and a lazily loaded chunk would become a third file the page must load.
 * The app validates the full lesson format (src/ui/lessons/schema.ts); this reads only what it shows.
 */
type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown, max = 6000): x is { en: string } => isObj(x) && typeof x.en === 'string' && x.en.length <= max;

function checkStep(x: unknown, i: number): string | null {
  if (!isObj(x)) return `steps[${i}] is not an object`;
  if (typeof x.id !== 'string') return `steps[${i}].id is not a string`;
  if (!isText(x.title, 300) || !isText(x.text)) return `steps[${i}] has no English title and text`;
  if (x.command !== undefined && (typeof x.command !== 'string' || x.command.length === 0 || x.command.length > 500 || /[\r\n]/.test(x.command)))
    return `steps[${i}].command is not one line of at most 500 characters`;
  if (x.check !== undefined && (!isObj(x.check) || typeof x.check.type !== 'string')) return `steps[${i}].check has no type`;
  return null;
}

function checkLesson(x: unknown): string | null {
  if (!isObj(x)) return 'not an object';
  if (typeof x.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(x.id)) return 'id is not a lesson id';
  if (!isText(x.title, 300) || !isText(x.summary)) return 'no English title and summary';
  if (!Array.isArray(x.steps) || x.steps.length === 0 || x.steps.length > 60) return 'steps is not a list of 1 to 60 steps';
  for (let i = 0; i < x.steps.length; i++) {
    const problem = checkStep(x.steps[i], i);
    if (problem) return problem;
  }
  return null;
}

/** `01-docker-namespaces.json` → `docker-namespaces` (the lesson's id, without the order prefix). */
function stem(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.json$/, '').replace(/^\d+-/, '');
}

export function lessonIds(): string[] {
  return Object.keys(files).map(stem).sort();
}

/** Loads lesson `id`; throws an Error with a readable message when there is none or it is malformed. */
export async function loadLesson(id: string): Promise<EmbedLesson> {
  const entry = Object.entries(files).find(([path]) => stem(path) === id);
  if (!entry) throw new Error(`there is no lesson "${id}" (known: ${lessonIds().join(', ')})`);
  const value = await entry[1]();
  const problem = checkLesson(value);
  if (problem) throw new Error(`lesson "${id}" is malformed: ${problem}`);
  return value as EmbedLesson;
}

/** Whether a step's output check (if it has one) matches the output of its command. */
export function outputCheckPasses(step: EmbedLessonStep, output: string): boolean | null {
  const check = step.check;
  if (!check || check.type !== 'output' || !check.pattern) return null;
  try {
    return new RegExp(check.pattern, check.ignoreCase ? 'im' : 'm').test(output);
  } catch {
    return null;
  }
}
