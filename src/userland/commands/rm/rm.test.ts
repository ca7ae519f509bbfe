import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

describe('rm', () => {
  test('files, missing files, directories', async () => {
    const x = box();
    await x(['mkdir', '-p', '/tmp/d/e']);
    await x(['touch', '/tmp/f', '/tmp/d/e/g']);
    expect(await x(['rm', '/tmp/f'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await x(['rm', 'x'])).toEqual({ stdout: '', stderr: "rm: cannot remove 'x': No such file or directory\n", status: 1 });
    expect(await x(['rm', '-f', 'x'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await x(['rm', '/tmp/d'])).toEqual({ stdout: '', stderr: "rm: cannot remove '/tmp/d': Is a directory\n", status: 1 });
    expect(await x(['rm', '-d', '/tmp/d'])).toEqual({ stdout: '', stderr: "rm: cannot remove '/tmp/d': Directory not empty\n", status: 1 });
    expect(await x(['rm', '-rv', '/tmp/d'])).toEqual({
      stdout: "removed '/tmp/d/e/g'\nremoved directory '/tmp/d/e'\nremoved directory '/tmp/d'\n", stderr: '', status: 0,
    });
    expect(await x(['rm'])).toEqual({ stdout: '', stderr: "rm: missing operand\nTry 'rm --help' for more information.\n", status: 1 });
  });

  test('permission, -i, refusals', async () => {
    const x = box();
    expect((await x(['rm', '/etc/hosts'], { uid: 1000 })).stderr).toBe("rm: cannot remove '/etc/hosts': Permission denied\n");
    await x(['touch', '/tmp/a']);
    expect(await x(['rm', '-i', '/tmp/a'], { stdin: 'n\n' })).toEqual({ stdout: '', stderr: "rm: remove regular empty file '/tmp/a'? ", status: 0 });
    expect(await x(['rm', '-i', '/tmp/a'], { stdin: 'y\n' })).toEqual({ stdout: '', stderr: "rm: remove regular empty file '/tmp/a'? ", status: 0 });
    expect((await x(['ls', '/tmp'])).stdout).toBe('');
    expect((await x(['rm', '-r', '.'])).stderr).toBe("rm: refusing to remove '.' or '..' directory: skipping '.'\n");
    expect((await x(['rm', '-rf', '/'])).stderr).toBe("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
  });
});
