import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

describe('rmdir', () => {
  test('empty, not empty, missing, -p -v', async () => {
    const x = box();
    await x(['mkdir', '-p', '/tmp/a/b/c']);
    await x(['touch', '/tmp/f']);
    expect(await x(['rmdir', '/tmp/a'])).toEqual({ stdout: '', stderr: "rmdir: failed to remove '/tmp/a': Directory not empty\n", status: 1 });
    expect(await x(['rmdir', '/tmp/nope'])).toEqual({ stdout: '', stderr: "rmdir: failed to remove '/tmp/nope': No such file or directory\n", status: 1 });
    expect((await x(['rmdir', '/tmp/f'])).stderr).toBe("rmdir: failed to remove '/tmp/f': Not a directory\n");
    await x(['rm', '/tmp/f']);
    expect(await x(['rmdir', '-pv', '/tmp/a/b/c'])).toEqual({
      stdout: "rmdir: removing directory, '/tmp/a/b/c'\nrmdir: removing directory, '/tmp/a/b'\nrmdir: removing directory, '/tmp/a'\nrmdir: removing directory, '/tmp'\n",
      stderr: "rmdir: failed to remove '/tmp': Device or resource busy\n", status: 1,
    });
    expect(await x(['rmdir'])).toEqual({ stdout: '', stderr: "rmdir: missing operand\nTry 'rmdir --help' for more information.\n", status: 1 });
  });
});
