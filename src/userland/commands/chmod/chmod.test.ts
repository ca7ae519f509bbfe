import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture, type ExecOptions } from '../../../sandbox/exec.ts';
import { modeAdjust, modeCompile } from '../../lib/modechange.ts';

function box() {
  const k = bootSandbox().host.kernel;
  return (argv: string[], opts: ExecOptions = {}) => execCapture(k, argv, opts);
}

const apply = (mode: string, old: number, dir = false, umask = 0o022) => modeAdjust(old, dir, umask, modeCompile(mode)!).toString(8);

describe('mode changes', () => {
  test('octal and symbolic', () => {
    expect(apply('755', 0o644)).toBe('755');
    expect(apply('u+x', 0o644)).toBe('744');
    expect(apply('+x', 0o644)).toBe('755');
    expect(apply('go-w', 0o666)).toBe('644');
    expect(apply('a=rX', 0o750, true)).toBe('555');
    expect(apply('u=rw,g=u,o=', 0o777)).toBe('660');
    expect(apply('+t', 0o777, true)).toBe('1777');
    expect(apply('u+s', 0o755)).toBe('4755');
    expect(apply('755', 0o2775, true)).toBe('2755');
    expect(modeCompile('abc')).toBeNull();
    expect(modeCompile('8')).toBeNull();
  });
});

describe('chmod', () => {
  test('changes, -v, -R, errors', async () => {
    const x = box();
    await x(['touch', '/tmp/a']);
    expect(await x(['chmod', '-v', 'u+x', '/tmp/a'])).toEqual({ stdout: "mode of '/tmp/a' changed from 0644 (rw-r--r--) to 0744 (rwxr--r--)\n", stderr: '', status: 0 });
    expect(await x(['chmod', '-v', '744', '/tmp/a'])).toEqual({ stdout: "mode of '/tmp/a' retained as 0744 (rwxr--r--)\n", stderr: '', status: 0 });
    expect(await x(['chmod', '-w', '/tmp/a'])).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await x(['stat', '-c', '%a', '/tmp/a'])).stdout).toBe('544\n');
    expect(await x(['chmod', '600', '/nope'])).toEqual({ stdout: '', stderr: "chmod: cannot access '/nope': No such file or directory\n", status: 1 });
    expect(await x(['chmod', '600', '/etc/hosts'], { uid: 1000 })).toEqual({ stdout: '', stderr: "chmod: changing permissions of '/etc/hosts': Operation not permitted\n", status: 1 });
    expect(await x(['chmod', 'abc', '/tmp/a'])).toEqual({ stdout: '', stderr: "chmod: invalid mode: 'abc'\nTry 'chmod --help' for more information.\n", status: 1 });
    expect(await x(['chmod'])).toEqual({ stdout: '', stderr: "chmod: missing operand\nTry 'chmod --help' for more information.\n", status: 1 });
    expect((await x(['chmod', '755'])).stderr).toBe("chmod: missing operand after '755'\nTry 'chmod --help' for more information.\n");
    await x(['mkdir', '-p', '/tmp/d/e']);
    await x(['chmod', '-R', 'go=', '/tmp/d']);
    expect((await x(['ls', '-ld', '/tmp/d', '/tmp/d/e'])).stdout.replace(/ Nov 29 09:13/g, '')).toBe('drwx------ 2 root root 4096 /tmp/d\ndrwx------ 2 root root 4096 /tmp/d/e\n');
  });

  test('umask surprise is reported for option-like modes', async () => {
    const x = box();
    await x(['touch', '/tmp/a']);
    await x(['chmod', '777', '/tmp/a']);
    expect(await x(['chmod', '-w', '/tmp/a'])).toEqual({ stdout: '', stderr: 'chmod: /tmp/a: new permissions are r-xrwxrwx, not r-xr-xr-x\n', status: 1 });
  });
});
