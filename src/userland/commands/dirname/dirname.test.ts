import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** Expected outputs were recorded from GNU coreutils 9.1 in the C locale. */
const FILES: Record<string, string> = {};

async function setup() {
  const kernel = bootSandbox().host.kernel;
  const sys = new Sys(kernel, kernel.initPidNs.tasks.get(1)!);
  sys.mkdir('/tmp/t');
  for (const [name, content] of Object.entries(FILES)) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) { try { sys.mkdir(`/tmp/t/${parts.slice(0, i).join('/')}`); } catch { /* exists */ } }
    if (content === '@dir') sys.mkdir(`/tmp/t/${name}`); else await sys.writeFile(`/tmp/t/${name}`, content);
  }
  return (argv: string[], stdin?: string) => execCapture(kernel, argv, { cwd: '/tmp/t', stdin });
}

describe('dirname', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("names", async () => {
    expect(await run(["dirname", "a/b/", "/x", "//", "a", "", "/a//b//", "a/", "///x", ".", "..", "a/b/c"])).toEqual({ stdout: "a\n/\n/\n.\n.\n/a\n.\n/\n.\n.\na/b\n", stderr: "", status: 0 });
    expect(await run(["dirname", "-z", "a/b"])).toEqual({ stdout: "a\u0000", stderr: "", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["dirname"])).toEqual({ stdout: "", stderr: "dirname: missing operand\nTry 'dirname --help' for more information.\n", status: 1 });
    expect(await run(["dirname", "-x"])).toEqual({ stdout: "", stderr: "dirname: invalid option -- 'x'\nTry 'dirname --help' for more information.\n", status: 1 });
  });
});
