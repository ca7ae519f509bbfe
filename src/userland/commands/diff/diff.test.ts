import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

const sh = (script: string) => execCapture(bootSandbox().host.kernel, ['bash', '-c', `cd /tmp; ${script}`], { env: { PATH: '/usr/bin', TZ: 'UTC' } });
const FILES = 'printf "a\\nb\\nc\\nd\\n" > o; printf "a\\nB\\nc\\nd\\ne" > n; touch -d "2026-11-29 06:49:36" o n; ';

// Expected texts are GNU diffutils 3.10's output for the same files.
describe('diff', () => {
  test('normal format: change and add commands, the no-newline marker, status 1', async () => {
    expect(await sh(`${FILES}diff o n`)).toEqual({
      stdout: '2c2\n< b\n---\n> B\n4a5\n> e\n\\ No newline at end of file\n', stderr: '', status: 1,
    });
    expect((await sh('printf "x\\ny\\n" > p; printf "y\\n" > q; diff p q; diff q p')).stdout).toBe('1d0\n< x\n0a1\n> x\n');
  });

  test('unified format with file times', async () => {
    expect((await sh(`${FILES}diff -u o n`)).stdout).toBe([
      '--- o\t2026-11-29 06:49:36.000000000 +0000', '+++ n\t2026-11-29 06:49:36.000000000 +0000',
      '@@ -1,4 +1,5 @@', ' a', '-b', '+B', ' c', ' d', '+e', '\\ No newline at end of file', '',
    ].join('\n'));
  });

  test('same files, -q, process substitution, errors', async () => {
    expect(await sh(`${FILES}diff o o`)).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await sh(`${FILES}diff -q o n`)).toEqual({ stdout: 'Files o and n differ\n', stderr: '', status: 1 });
    expect((await sh('diff <(printf "1\\n2\\n") <(printf "1\\n3\\n")')).stdout).toBe('2c2\n< 2\n---\n> 3\n');
    expect(await sh('diff o missing')).toEqual({ stdout: '', stderr: 'diff: o: No such file or directory\n', status: 2 });
    expect(await sh('diff o')).toEqual({ stdout: '', stderr: "diff: missing operand after 'o'\nTry 'diff --help' for more information.\n", status: 2 });
  });
});
