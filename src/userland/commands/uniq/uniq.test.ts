import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** Expected outputs were recorded from GNU coreutils 9.1 in the C locale. */
const FILES: Record<string, string> = { "a": "a\na\nb\nc\nc\nc\nd", "f": "x 1 foo\ny 1 foo\nz 2 foo\n  w 2 Foo\nq 2 fOO\n", "i": "a\nA\nb\nB\nb\n", "e": "", "d/q": "" };

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

describe('uniq', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("modes", async () => {
    expect(await run(["uniq", "a"])).toEqual({ stdout: "a\nb\nc\nd\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-c", "a"])).toEqual({ stdout: "      2 a\n      1 b\n      3 c\n      1 d\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-d", "a"])).toEqual({ stdout: "a\nc\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-u", "a"])).toEqual({ stdout: "b\nd\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-D", "a"])).toEqual({ stdout: "a\na\nc\nc\nc\n", stderr: "", status: 0 });
    expect(await run(["uniq", "--all-repeated=separate", "a"])).toEqual({ stdout: "a\na\n\nc\nc\nc\n", stderr: "", status: 0 });
    expect(await run(["uniq", "--all-repeated=prepend", "a"])).toEqual({ stdout: "\na\na\n\nc\nc\nc\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-cd", "a"])).toEqual({ stdout: "      2 a\n      3 c\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-cu", "a"])).toEqual({ stdout: "      1 b\n      1 d\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-du", "a"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["uniq", "-z", "a"])).toEqual({ stdout: "a\na\nb\nc\nc\nc\nd\u0000", stderr: "", status: 0 });
    expect(await run(["uniq", "e"])).toEqual({ stdout: "", stderr: "", status: 0 });
  });

  test("groups", async () => {
    expect(await run(["uniq", "--group=separate", "a"])).toEqual({ stdout: "a\na\n\nb\n\nc\nc\nc\n\nd\n", stderr: "", status: 0 });
    expect(await run(["uniq", "--group=prepend", "a"])).toEqual({ stdout: "\na\na\n\nb\n\nc\nc\nc\n\nd\n", stderr: "", status: 0 });
    expect(await run(["uniq", "--group=append", "a"])).toEqual({ stdout: "a\na\n\nb\n\nc\nc\nc\n\nd\n\n", stderr: "", status: 0 });
    expect(await run(["uniq", "--group=both", "a"])).toEqual({ stdout: "\na\na\n\nb\n\nc\nc\nc\n\nd\n\n", stderr: "", status: 0 });
  });

  test("fields, chars, case", async () => {
    expect(await run(["uniq", "-f1", "f"])).toEqual({ stdout: "x 1 foo\nz 2 foo\n  w 2 Foo\nq 2 fOO\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-f2", "f"])).toEqual({ stdout: "x 1 foo\n  w 2 Foo\nq 2 fOO\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-f2", "-i", "f"])).toEqual({ stdout: "x 1 foo\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-s2", "f"])).toEqual({ stdout: "x 1 foo\nz 2 foo\n  w 2 Foo\nq 2 fOO\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-w1", "f"])).toEqual({ stdout: "x 1 foo\ny 1 foo\nz 2 foo\n  w 2 Foo\nq 2 fOO\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-c", "-i", "i"])).toEqual({ stdout: "      2 a\n      3 b\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-i", "i"])).toEqual({ stdout: "a\nb\n", stderr: "", status: 0 });
    expect(await run(["uniq", "-c"], "x\nx\ny\n")).toEqual({ stdout: "      2 x\n      1 y\n", stderr: "", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["uniq", "nope"])).toEqual({ stdout: "", stderr: "uniq: nope: No such file or directory\n", status: 1 });
    expect(await run(["uniq", "d"])).toEqual({ stdout: "", stderr: "uniq: error reading 'd'\n", status: 1 });
    expect(await run(["uniq", "a", "b", "c"])).toEqual({ stdout: "", stderr: "uniq: extra operand 'c'\nTry 'uniq --help' for more information.\n", status: 1 });
    expect(await run(["uniq", "-cD", "a"])).toEqual({ stdout: "", stderr: "uniq: printing all duplicated lines and repeat counts is meaningless\nTry 'uniq --help' for more information.\n", status: 1 });
    expect(await run(["uniq", "-f", "x", "a"])).toEqual({ stdout: "", stderr: "uniq: x: invalid number of fields to skip\n", status: 1 });
    expect(await run(["uniq", "-s", "-1", "a"])).toEqual({ stdout: "", stderr: "uniq: -1: invalid number of bytes to skip\n", status: 1 });
    expect(await run(["uniq", "-w", "x", "a"])).toEqual({ stdout: "", stderr: "uniq: x: invalid number of bytes to compare\n", status: 1 });
    expect(await run(["uniq", "--all-repeated=x", "a"])).toEqual({ stdout: "", stderr: "uniq: invalid argument 'x' for '--all-repeated'\nValid arguments are:\n  - 'none'\n  - 'prepend'\n  - 'separate'\nTry 'uniq --help' for more information.\n", status: 1 });
    expect(await run(["uniq", "-c", "--group", "a"])).toEqual({ stdout: "", stderr: "uniq: --group is mutually exclusive with -c/-d/-D/-u\nTry 'uniq --help' for more information.\n", status: 1 });
    expect(await run(["uniq", "-x"])).toEqual({ stdout: "", stderr: "uniq: invalid option -- 'x'\nTry 'uniq --help' for more information.\n", status: 1 });
  });
});
