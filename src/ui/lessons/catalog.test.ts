import { describe, expect, test } from 'vitest';
import { loadCatalog } from './catalog.ts';
import { parseLesson } from './schema.ts';

describe('fixtures/lessons', () => {
  test('every shipped lesson validates, in order, with lesson 1 walking through the article', async () => {
    const { lessons, problems } = await loadCatalog();
    expect(problems).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual([
      'docker-namespaces',
      'network-none-and-container',
      'unshare-nsenter',
      'bridge-by-hand',
      'volumes-and-mounts',
    ]);
    const commands = lessons[0]!.steps.map((s) => s.command).filter(Boolean);
    expect(commands).toContain('docker run -it --pid=host rust:latest bash');
    expect(commands).toContain('docker run -it rust:latest bash');
    expect(commands).toContain('docker run -it --network=host rust:latest bash');
    for (const l of lessons) for (const s of l.steps) expect(s.text.zh.length).toBeGreaterThan(0);
  });
});

describe('lesson schema', () => {
  const minimal = () => ({
    id: 'x',
    order: 9,
    title: { en: 'X', zh: 'X' },
    summary: { en: 'x', zh: 'x' },
    steps: [{ id: 'a', title: { en: 'A', zh: 'A' }, text: { en: 'a', zh: 'a' } }],
  });

  test('a minimal lesson is valid', () => {
    expect(parseLesson(minimal()).ok).toBe(true);
  });

  test.each<[string, (l: ReturnType<typeof minimal>) => unknown]>([
    ['a missing translation', (l) => ({ ...l, title: { en: 'X' } })],
    ['an invalid regular expression', (l) => ({ ...l, steps: [{ ...l.steps[0], check: { type: 'output', pattern: '(' } }] })],
    ['an unknown check type', (l) => ({ ...l, steps: [{ ...l.steps[0], check: { type: 'eval', code: 'alert(1)' } }] })],
    ['duplicate step ids', (l) => ({ ...l, steps: [l.steps[0], l.steps[0]] })],
    ['a multi-line command', (l) => ({ ...l, steps: [{ ...l.steps[0], command: 'ls\nrm -rf /' }] })],
    ['unknown fields', (l) => ({ ...l, script: 'x' })],
  ])('rejects %s', (_what, mutate) => {
    expect(parseLesson(mutate(minimal())).ok).toBe(false);
  });
});
