export { reference } from '../helpers/reference.ts';

/**
 * Normalise only the volatile fields of a capture (pids, inode numbers, times, sizes, %CPU): a number
 * together with the spaces before it becomes a run of `#` of the same length, so a right-aligned
 * column must still end in the same place while its value may differ (`    24` ≡ `     2`).
 * `MonDD` dates become `Mon99`.
 */
export function normalize(text: string): string {
  return text
    .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\d\d\b/g, 'Mon99')
    .replace(/ *\d+/g, (m) => '#'.repeat(m.length));
}
