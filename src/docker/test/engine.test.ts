import { describe, expect, test } from 'vitest';
import { Sys } from '../../kernel/syscalls/Sys.ts';
import { boot, drainAll, run, withApi } from './helpers.ts';

/** The Engine API directly (what the docker program sits on), and the shim/runc plumbing under it. */
describe('engine API', () => {
  test('create, attach before start, start, wait: bash -c in a fresh container', async () => {
    const k = boot();
    const out = await withApi(k, async (api) => {
      const { Id } = await api.containerCreate({ Image: 'rust:latest', Cmd: ['bash', '-c', 'hostname; echo oops >&2; exit 4'], HostConfig: {} });
      const att = api.containerAttach(Id, { stdout: true, stderr: true });
      const waiting = api.containerWait(Id, 'next-exit');
      await api.containerStart(Id);
      return { Id, ...(await drainAll(att)), code: (await waiting).StatusCode };
    });
    expect(out).toEqual({ Id: out.Id, stdout: `${out.Id.slice(0, 12)}\n`, stderr: 'oops\n', code: 4 });
  });

  test('a tty container: output comes from the pty master with \\r\\n; exec gets the next pty', async () => {
    const k = boot();
    const out = await withApi(k, async (api) => {
      const { Id } = await api.containerCreate({ Image: 'rust:latest', Cmd: ['sleep', '1000'], Tty: true, HostConfig: {} });
      await api.containerStart(Id);
      const { Id: e } = api.execCreate(Id, { Cmd: ['bash', '-c', 'readlink /proc/self/fd/0; ps -o tty= -p 1'], Tty: true, AttachStdout: true });
      const res = await drainAll(await api.execStart(e));
      return { ...res, code: api.execInspect(e).ExitCode };
    });
    expect(out).toEqual({ stdout: '/dev/pts/1\r\npts/0\r\n', stderr: '', code: 0 });
  });

  test('-i without a tty: stdin is piped to the container and closed at EOF', async () => {
    const k = boot();
    expect(await run(k, ['docker', 'run', '-i', '--rm', 'rust:latest', 'wc', '-l'], { stdin: 'a\nb\nc\n' })).toEqual({ stdout: '3\n', stderr: '', status: 0 });
    // Without -i the container's stdin is /dev/null.
    expect((await run(k, ['docker', 'run', '--rm', 'rust:latest', 'readlink', '/proc/self/fd/0'], { stdin: 'x' })).stdout).toBe('/dev/null\n');
  });

  test('containerd\'s control extension is root-only', async () => {
    const k = boot();
    let err: unknown;
    const t = new Sys(k, k.initPidNs.tasks.get(1)!);
    t.clone(async (s) => {
      s.setuid(1000, 1000);
      try { await s.ext('containerd'); } catch (e) { err = e; }
      return 0;
    });
    await k.settle(() => err !== undefined);
    expect(String(err)).toMatch(/Permission denied/);
  });
});
