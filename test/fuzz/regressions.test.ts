/**
 * Shell and userland bugs the fuzzers found. Each of these used to end the login shell (the learner's
 * session) or a program with a JavaScript exception; each now behaves as bash/coreutils do.
 */
import { describe, expect, test } from 'vitest';
import { runTranscript } from '../../src/cli/transcript.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';
import { getopt } from '../../src/userland/lib/getopt.ts';
import { LineBuffer } from '../../src/userland/shell/readline/buffer.ts';
import { evalArith } from '../../src/userland/shell/interp/arith.ts';

/** Type the lines; return each one's output and whether the session is still open at the end. */
async function session(lines: string[]): Promise<{ out: string[]; status: Array<number | null>; open: boolean }> {
  const sb = bootSandbox();
  const r = await runTranscript(sb, [...lines, 'echo still-here'], 200);
  const last = r.entries[r.entries.length - 1];
  return { out: r.entries.map((e) => e.output), status: r.entries.map((e) => e.exit), open: last?.output === 'still-here' };
}

describe('the interactive shell survives', () => {
  test('a 200 KB typed line (readline inserted it with a spread: stack overflow)', async () => {
    const r = await session([`echo ${'a'.repeat(200_000)} | wc -c`]);
    expect(r.out[0]).toBe('200001');
    expect(r.open).toBe(true);
    const b = new LineBuffer();
    b.insert('x'.repeat(300_000));
    expect(b.text.length).toBe(300_000);
  });

  test('a failed exec: bash reports it and keeps going when interactive (builtins/exec.def)', async () => {
    const r = await session(['exec nonexistent', 'echo $?', 'bash -c "exec nope; echo after"; echo $?']);
    expect(r.out[0]).toBe('-bash: exec: nonexistent: not found');
    expect(r.out[1]).toBe('127');
    expect(r.out[2]).toBe('bash: line 1: exec: nope: not found\n127');
    expect(r.open).toBe(true);
  });

  test('a redirection past RLIMIT_NOFILE is `N: Bad file descriptor`', async () => {
    const r = await session(['exec 1024>/dev/null', 'echo hi 1500>/dev/null; echo $?']);
    expect(r.out[0]).toBe('-bash: 1024: Bad file descriptor');
    expect(r.out[1]).toBe('-bash: 1500: Bad file descriptor\n1');
    expect(r.open).toBe(true);
  });

  test('a system call failing inside a builtin (read from a closed stdin)', async () => {
    const r = await session(['read x <&-; echo $?']);
    expect(r.out[0]).toBe('-bash: read: read error: 0: Bad file descriptor\n1');
    expect(r.open).toBe(true);
  });

  test('arithmetic nested thousands deep ends in bash\'s recursion error, not a stack overflow', async () => {
    const deep = `${'('.repeat(3000)}1${')'.repeat(3000)}`;
    expect(() => evalArith(deep, { get: () => undefined, set: () => undefined })).toThrow(/expression recursion level exceeded/);
    expect(evalArith(`${'('.repeat(300)}1${')'.repeat(300)}`, { get: () => undefined, set: () => undefined })).toBe(1);
    const r = await session([`echo $((${deep}))`, `((${deep}))`]);
    expect(r.out[0]).toMatch(/^-bash: [\s\S]*expression recursion level exceeded/);
    expect(r.open).toBe(true);
  });

  test('a line that runs after kill -9 $$ in a child shell does nothing', async () => {
    const r = await session(["bash -c 'kill -9 $$; : > /tmp/ghost'", 'ls /tmp']);
    expect(r.out[0]).toBe('Killed');
    expect(r.out[1]).toBe('');
  });
});

describe('programs get what Linux gives them', () => {
  test('an argument past MAX_ARG_STRLEN is E2BIG: "Argument list too long"', async () => {
    const r = await session([`/usr/bin/echo ${'b'.repeat(140_000)}`, 'echo $?']);
    expect(r.out[0]).toBe('-bash: /usr/bin/echo: Argument list too long');
    expect(r.out[1]).toBe('126');
  });

  test('getopt takes any number of operands (it spread them into push: stack overflow)', () => {
    const many = Array.from({ length: 250_000 }, (_, i) => String(i));
    expect(getopt('cat', ['--', ...many], 'n').operands.length).toBe(250_000);
    expect(getopt('env', ['+', ...many].slice(1), '+i').operands.length).toBe(250_000);
  });
});
