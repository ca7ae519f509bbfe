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

describe('basename', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("names and suffixes", async () => {
    expect(await run(["basename", "/usr/lib/"])).toEqual({ stdout: "lib\n", stderr: "", status: 0 });
    expect(await run(["basename", "-s", ".c", "a.c", "b.c"])).toEqual({ stdout: "a\nb\n", stderr: "", status: 0 });
    expect(await run(["basename", "-a", "x/y", "z/"])).toEqual({ stdout: "y\nz\n", stderr: "", status: 0 });
    expect(await run(["basename", "a.c", ".c"])).toEqual({ stdout: "a\n", stderr: "", status: 0 });
    expect(await run(["basename", ".c", ".c"])).toEqual({ stdout: ".c\n", stderr: "", status: 0 });
    expect(await run(["basename", "//"])).toEqual({ stdout: "/\n", stderr: "", status: 0 });
    expect(await run(["basename", "-z", "a"])).toEqual({ stdout: "a\u0000", stderr: "", status: 0 });
    expect(await run(["basename", ""])).toEqual({ stdout: "\n", stderr: "", status: 0 });
    expect(await run(["basename", "/"])).toEqual({ stdout: "/\n", stderr: "", status: 0 });
    expect(await run(["basename", "a/b.tar.gz", ".gz"])).toEqual({ stdout: "b.tar\n", stderr: "", status: 0 });
    expect(await run(["basename", "--suffix=.h", "x.h"])).toEqual({ stdout: "x\n", stderr: "", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["basename"])).toEqual({ stdout: "", stderr: "basename: missing operand\nTry 'basename --help' for more information.\n", status: 1 });
    expect(await run(["basename", "a", "b", "c"])).toEqual({ stdout: "", stderr: "basename: extra operand 'c'\nTry 'basename --help' for more information.\n", status: 1 });
    expect(await run(["basename", "-x"])).toEqual({ stdout: "", stderr: "basename: invalid option -- 'x'\nTry 'basename --help' for more information.\n", status: 1 });
  });
});
