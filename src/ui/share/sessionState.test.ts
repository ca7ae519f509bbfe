import { describe, expect, test } from 'vitest';
import { LIMITS, decodeShareHash, encodeShareHash, newSession, parseSessionJson, validateSession, type SessionState } from './sessionState.ts';

function sample(): SessionState {
  return {
    ...newSession(42),
    panes: 2,
    closed: [1],
    commands: [
      [0, 'docker run -it --pid=host rust:latest bash'],
      [0, 'ps aux'],
      [1, 'echo "中文 ✓" | grep 中'],
      [0, '\x1b[A\x03exit'],
    ],
    scenario: { lesson: 'docker-namespaces', step: 2 },
  };
}

describe('share links', () => {
  test('a session survives encode → decode unchanged, including control keys and non-ASCII', () => {
    const hash = encodeShareHash(sample());
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(decodeShareHash(hash)).toEqual({ ok: true, state: sample() });
  });

  test('a hash without a session is not an error', () => {
    expect(decodeShareHash('')).toBeNull();
    expect(decodeShareHash('#')).toBeNull();
    expect(decodeShareHash('#section-2')).toBeNull();
  });

  test.each([
    ['not base64', '#s=%%%'],
    ['base64 of garbage', `#s=${btoa('{"app":"nsbox",').replace(/=+$/, '')}`],
    ['invalid UTF-8', `#s=${btoa('\xff\xfe\xfd')}`],
  ])('a damaged link (%s) is refused as corrupt', (_what, hash) => {
    const r = decodeShareHash(hash);
    expect(r?.ok).toBe(false);
  });

  test('a link of absurd length is refused before decoding', () => {
    const r = decodeShareHash(`#s=${'A'.repeat(LIMITS.hashLength + 10)}`);
    expect(r).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});

describe('session validation (hostile input)', () => {
  const base = () => JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;

  test('another app or version is foreign, not corrupt', () => {
    expect(validateSession({ ...base(), v: 99 })).toMatchObject({ ok: false, reason: 'foreign' });
    expect(validateSession({ hello: 'world' })).toMatchObject({ ok: false, reason: 'foreign' });
    expect(validateSession(null)).toMatchObject({ ok: false, reason: 'foreign' });
    expect(validateSession([1, 2, 3])).toMatchObject({ ok: false, reason: 'foreign' });
  });

  test.each<[string, (s: Record<string, unknown>) => void]>([
    ['unknown keys', (s) => { s.extra = 1; }],
    ['a prototype-polluting key', (s) => { Object.defineProperty(s, '__proto__', { value: { polluted: true }, enumerable: true }); }],
    ['a pane out of range', (s) => { s.commands = [[7, 'ls']]; }],
    ['every pane closed', (s) => { s.closed = [0, 1]; }],
    ['a negative seed', (s) => { s.seed = -1; }],
    ['a fractional pane count', (s) => { s.panes = 1.5; }],
    ['too many commands', (s) => { s.commands = Array.from({ length: LIMITS.commands + 1 }, () => [0, 'ls']); }],
    ['a huge command', (s) => { s.commands = [[0, 'x'.repeat(LIMITS.commandLength + 1)]]; }],
    ['a command that is not a string', (s) => { s.commands = [[0, { toString: 'ls' }]]; }],
    ['a lesson id with markup', (s) => { s.scenario = { lesson: '<img src=x onerror=alert(1)>', step: 0 }; }],
  ])('rejects %s', (_what, mutate) => {
    const s = base();
    mutate(s);
    const r = validateSession(JSON.parse(JSON.stringify(s)));
    expect(r.ok).toBe(false);
  });

  test('JSON that does not parse is corrupt', () => {
    expect(parseSessionJson('{"app":"nsbox"')).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  test('JSON.parse of a __proto__ key pollutes nothing and is refused', () => {
    const r = parseSessionJson('{"__proto__":{"polluted":1},"app":"nsbox","v":1}');
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
