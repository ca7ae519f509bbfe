/// <reference types="vite/client" />
/**
 * The lessons shipped in fixtures/lessons/. They are bundled as separate chunks and loaded after the
 * first prompt is up (the terminal must not wait for them), then validated: a file that does not match
 * the schema is left out and reported, never allowed to break the page.
 */
import { parseLesson, type Lesson } from './schema.ts';

const files = import.meta.glob<unknown>('../../../fixtures/lessons/*.json', { import: 'default' });

export interface Catalog {
  lessons: Lesson[];
  /** One line per lesson file that was left out. */
  problems: string[];
}

export async function loadCatalog(): Promise<Catalog> {
  const lessons: Lesson[] = [];
  const problems: string[] = [];
  const entries = Object.entries(files).sort(([a], [b]) => a.localeCompare(b));
  const loaded = await Promise.allSettled(entries.map(([, load]) => load()));
  loaded.forEach((r, i) => {
    const name = entries[i]![0].split('/').pop();
    if (r.status === 'rejected') {
      problems.push(`${name}: could not be loaded`);
      return;
    }
    const parsed = parseLesson(r.value);
    if (parsed.ok) lessons.push(parsed.lesson);
    else problems.push(`${name}: ${parsed.error}`);
  });
  const ids = new Set<string>();
  const unique = lessons
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .filter((l) => {
      if (ids.has(l.id)) {
        problems.push(`${l.id}: more than one lesson has this id`);
        return false;
      }
      ids.add(l.id);
      return true;
    });
  return { lessons: unique, problems };
}
