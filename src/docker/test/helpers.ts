import type { Kernel } from '../../kernel/Kernel.ts';
import { Sys } from '../../kernel/syscalls/Sys.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { execCapture, type ExecOptions, type ExecResult } from '../../sandbox/exec.ts';
import { bootSandbox } from '../../sandbox/index.ts';
import type { Attachment, DockerApi } from '../../userland/commands/docker/api.ts';

/** A freshly booted article VM (dockerd running, rust:latest pulled). */
export function boot(seed = 1): Kernel { return bootSandbox({ seed }).host.kernel; }

/** Run `fn` in a root task that talks to the daemon, driving the virtual clock until it is done. */
export async function withApi<T>(k: Kernel, fn: (api: DockerApi, sys: SysApi) => Promise<T>): Promise<T> {
  let result: { v?: T; e?: unknown; done: boolean } = { done: false };
  new Sys(k, k.initPidNs.tasks.get(1)!).clone(async (sys) => {
    try {
      await sys.extReady('docker');
      result = { v: await fn(await sys.ext<DockerApi>('docker'), sys), done: true };
    } catch (e) { result = { e, done: true }; }
    return 0;
  }, { comm: 'test' });
  const ok = await k.settle(() => result.done);
  if (!ok && !result.done) throw new Error('withApi: the system went quiet before the call finished');
  if ('e' in result && result.e !== undefined) throw result.e;
  return result.v as T;
}

/** execCapture, with the virtual clock driven (timers fire) until the command ends. */
export async function run(k: Kernel, argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  let res: ExecResult | undefined;
  let err: unknown;
  execCapture(k, argv, opts).then((r) => { res = r; }, (e) => { err = e; });
  await k.settle(() => res !== undefined || err !== undefined);
  if (err) throw err;
  if (!res) throw new Error(`run ${argv.join(' ')}: did not finish`);
  return res;
}

/** Read an attachment to the end. */
export async function drainAll(att: Attachment): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  for (let c = await att.read(); c; c = await att.read()) {
    if (c.stream === 'stdout') stdout += c.data; else stderr += c.data;
  }
  return { stdout, stderr };
}
