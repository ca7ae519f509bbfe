import { describe, expect, test } from 'vitest';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

describe('tee', () => {
  test('copies standard input to standard output and files; -a appends', async () => {
    const k = bootSandbox().host.kernel;
    const run = (argv: string[], stdin?: string, uid?: number) => execCapture(k, argv, { stdin, uid, cwd: '/tmp' });
    expect(await run(['tee', 'o1', 'o2'], 'data\n')).toEqual({ stdout: 'data\n', stderr: '', status: 0 });
    expect(await run(['cat', 'o1', 'o2'])).toEqual({ stdout: 'data\ndata\n', stderr: '', status: 0 });
    expect(await run(['tee', '-a', 'o1'], 'more\n')).toEqual({ stdout: 'more\n', stderr: '', status: 0 });
    expect(await run(['cat', 'o1'])).toEqual({ stdout: 'data\nmore\n', stderr: '', status: 0 });
    expect(await run(['tee', 'o1'], 'new\n')).toEqual({ stdout: 'new\n', stderr: '', status: 0 });
    expect(await run(['cat', 'o1'])).toEqual({ stdout: 'new\n', stderr: '', status: 0 });
    expect(await run(['tee'], 'x')).toEqual({ stdout: 'x', stderr: '', status: 0 });
  });

  test('errors', async () => {
    const k = bootSandbox().host.kernel;
    const run = (argv: string[], stdin?: string, uid?: number) => execCapture(k, argv, { stdin, uid, cwd: '/tmp' });
    expect(await run(['tee', '/nonexist/x', 'ok'], 'hi\n')).toEqual({ stdout: 'hi\n', stderr: 'tee: /nonexist/x: No such file or directory\n', status: 1 });
    expect(await run(['cat', 'ok'])).toEqual({ stdout: 'hi\n', stderr: '', status: 0 });
    expect(await run(['tee', '/etc/shadow'], 'x\n', 1000)).toEqual({ stdout: 'x\n', stderr: 'tee: /etc/shadow: Permission denied\n', status: 1 });
    expect(await run(['tee', '/tmp'], 'x\n')).toEqual({ stdout: 'x\n', stderr: 'tee: /tmp: Is a directory\n', status: 1 });
    expect(await run(['tee', '--foo'])).toEqual({ stdout: '', stderr: "tee: unrecognized option '--foo'\nTry 'tee --help' for more information.\n", status: 1 });
  });
});
