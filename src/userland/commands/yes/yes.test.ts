import { describe, expect, test } from 'vitest';
import { SIG } from '../../../kernel/constants.ts';
import type { Kernel } from '../../../kernel/Kernel.ts';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { W } from '../../../kernel/task/wait.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** `a | b` run directly on the kernel: b's output and both exit statuses (128+N for a signal). */
function pipeline(kernel: Kernel, a: string[], b: string[]): Promise<{ stdout: string; stderr: string; statuses: number[] }> {
  return new Promise((resolve) => {
    new Sys(kernel, kernel.initPidNs.tasks.get(1)!).clone(async (sys: SysApi) => {
      const [r, w] = sys.pipe();
      const [outR, outW] = sys.pipe();
      const [errR, errW] = sys.pipe();
      const env = new Map([['PATH', '/usr/bin']]);
      const p1 = sys.clone((c) => c.execve(`/usr/bin/${a[0]}`, a, env), { fds: { 1: w, 2: errW } });
      const p2 = sys.clone((c) => c.execve(`/usr/bin/${b[0]}`, b, env), { fds: { 0: r, 1: outW, 2: errW } });
      for (const fd of [r, w, outW, errW]) sys.close(fd);
      const drain = async (fd: number) => { let s = ''; for (let c = await sys.read(fd); c; c = await sys.read(fd)) s += c; return s; };
      const [stdout, stderr] = await Promise.all([drain(outR), drain(errR)]);
      const statuses: number[] = [];
      for (const pid of [p1, p2]) {
        const st = (await sys.wait4(pid))!.status;
        statuses.push(W.ifExited(st) ? W.exitStatus(st) : 128 + W.termSig(st));
      }
      resolve({ stdout, stderr, statuses });
      return 0;
    }, { comm: 'test-pipeline' });
  });
}

describe('yes', () => {
  test('repeats its arguments until the reader goes away (SIGPIPE)', async () => {
    const k = bootSandbox().host.kernel;
    expect(await pipeline(k, ['yes'], ['head', '-n', '3'])).toEqual({ stdout: 'y\ny\ny\n', stderr: '', statuses: [128 + SIG.SIGPIPE, 0] });
    expect(await pipeline(k, ['yes', 'a', 'b'], ['head', '-n', '2'])).toEqual({ stdout: 'a b\na b\n', stderr: '', statuses: [141, 0] });
    const many = await pipeline(k, ['yes', 'hello'], ['head', '-c', '100000']);
    expect(many.stdout).toBe('hello\n'.repeat(16667).slice(0, 100000));
  });

  test('a pipeline of text tools', async () => {
    const k = bootSandbox().host.kernel;
    expect(await pipeline(k, ['seq', '1000000'], ['tail', '-n', '2'])).toEqual({ stdout: '999999\n1000000\n', stderr: '', statuses: [0, 0] });
    expect(await pipeline(k, ['yes', 'abc'], ['grep', '-m2', '-n', 'b'])).toEqual({ stdout: '1:abc\n2:abc\n', stderr: '', statuses: [141, 0] });
  });

  test('usage errors', async () => {
    const k = bootSandbox().host.kernel;
    expect(await execCapture(k, ['yes', '--foo'])).toEqual({ stdout: '', stderr: "yes: unrecognized option '--foo'\nTry 'yes --help' for more information.\n", status: 1 });
    expect(await execCapture(k, ['yes', '-n'])).toEqual({ stdout: '', stderr: "yes: invalid option -- 'n'\nTry 'yes --help' for more information.\n", status: 1 });
  });
});
