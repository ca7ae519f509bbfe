import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** Expected outputs were recorded from GNU coreutils 9.1 in the C locale. */
const FILES: Record<string, string> = { "a": "one\ntwo\nthree\n", "ctx": "1\n2\nm\n3\n4\n5\n6\nm\n7\nm\n8\n9\n10\n11\nm\n", "nonl": "x\ny", "empty": "", "d/f": "q\n", "long": "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17\nline 18\nline 19\nline 20\nline 21\nline 22\nline 23\nline 24\nline 25\nline 26\nline 27\nline 28\nline 29\nline 30\n" };

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

describe('head', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("lines", async () => {
    expect(await run(["head", "long"])).toEqual({ stdout: "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\n", stderr: "", status: 0 });
    expect(await run(["head", "-n", "3", "long"])).toEqual({ stdout: "line 1\nline 2\nline 3\n", stderr: "", status: 0 });
    expect(await run(["head", "-3", "long"])).toEqual({ stdout: "line 1\nline 2\nline 3\n", stderr: "", status: 0 });
    expect(await run(["head", "-n", "-10", "ctx"])).toEqual({ stdout: "1\n2\nm\n3\n4\n", stderr: "", status: 0 });
    expect(await run(["head", "-n", "+2", "a"])).toEqual({ stdout: "one\ntwo\n", stderr: "", status: 0 });
    expect(await run(["head", "-n", "+0", "a"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["head", "-n", "0", "a"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["head", "-n", "1k", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["head", "nonl"])).toEqual({ stdout: "x\ny", stderr: "", status: 0 });
    expect(await run(["head", "-n", "1", "nonl"])).toEqual({ stdout: "x\n", stderr: "", status: 0 });
    expect(await run(["head", "-n", "5", "empty"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["head", "-5", "-n", "2", "long"])).toEqual({ stdout: "line 1\nline 2\n", stderr: "", status: 0 });
    expect(await run(["head", "--lines=2", "a"])).toEqual({ stdout: "one\ntwo\n", stderr: "", status: 0 });
    expect(await run(["head", "-z", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["head", "-n", "2"], "a\nb\nc\n")).toEqual({ stdout: "a\nb\n", stderr: "", status: 0 });
  });

  test("bytes", async () => {
    expect(await run(["head", "-3c", "a"])).toEqual({ stdout: "one", stderr: "", status: 0 });
    expect(await run(["head", "-c", "-3", "a"])).toEqual({ stdout: "one\ntwo\nthr", stderr: "", status: 0 });
    expect(await run(["head", "-c", "+3", "a"])).toEqual({ stdout: "one", stderr: "", status: 0 });
    expect(await run(["head", "-c", "5", "nonl"])).toEqual({ stdout: "x\ny", stderr: "", status: 0 });
    expect(await run(["head", "-c", "0", "a"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["head", "-c", "100", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["head", "--bytes=2", "a"])).toEqual({ stdout: "on", stderr: "", status: 0 });
    expect(await run(["head", "-c", "2K", "empty"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["head", "-c", "3"], "abcdef")).toEqual({ stdout: "abc", stderr: "", status: 0 });
  });

  test("headers", async () => {
    expect(await run(["head", "-n", "1", "a", "ctx"])).toEqual({ stdout: "==> a <==\none\n\n==> ctx <==\n1\n", stderr: "", status: 0 });
    expect(await run(["head", "-q", "-n1", "a", "ctx"])).toEqual({ stdout: "one\n1\n", stderr: "", status: 0 });
    expect(await run(["head", "-v", "-n1", "a"])).toEqual({ stdout: "==> a <==\none\n", stderr: "", status: 0 });
    expect(await run(["head", "-n", "2", "nonl", "a", "nope"])).toEqual({ stdout: "==> nonl <==\nx\ny\n==> a <==\none\ntwo\n", stderr: "head: cannot open 'nope' for reading: No such file or directory\n", status: 1 });
    expect(await run(["head", "a", "-"], "in\n")).toEqual({ stdout: "==> a <==\none\ntwo\nthree\n\n==> standard input <==\nin\n", stderr: "", status: 0 });
    expect(await run(["head", "-q", "a", "-v"])).toEqual({ stdout: "==> a <==\none\ntwo\nthree\n", stderr: "", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["head", "-n", "x", "a"])).toEqual({ stdout: "", stderr: "head: invalid number of lines: 'x'\n", status: 1 });
    expect(await run(["head", "-c", "x", "a"])).toEqual({ stdout: "", stderr: "head: invalid number of bytes: 'x'\n", status: 1 });
    expect(await run(["head", "nope", "a"])).toEqual({ stdout: "==> a <==\none\ntwo\nthree\n", stderr: "head: cannot open 'nope' for reading: No such file or directory\n", status: 1 });
    expect(await run(["head", "d"])).toEqual({ stdout: "", stderr: "head: error reading 'd': Is a directory\n", status: 1 });
    expect(await run(["head", "d", "a"])).toEqual({ stdout: "==> d <==\n\n==> a <==\none\ntwo\nthree\n", stderr: "head: error reading 'd': Is a directory\n", status: 1 });
    expect(await run(["head", "-n", "1x", "a"])).toEqual({ stdout: "", stderr: "head: invalid number of lines: '1x'\n", status: 1 });
    expect(await run(["head", "-n", "", "a"])).toEqual({ stdout: "", stderr: "head: invalid number of lines: ''\n", status: 1 });
    expect(await run(["head", "-n", "-x", "a"])).toEqual({ stdout: "", stderr: "head: invalid number of lines: 'x'\n", status: 1 });
    expect(await run(["head", "-n"])).toEqual({ stdout: "", stderr: "head: option requires an argument -- 'n'\nTry 'head --help' for more information.\n", status: 1 });
    expect(await run(["head", "-k"])).toEqual({ stdout: "", stderr: "head: invalid option -- 'k'\nTry 'head --help' for more information.\n", status: 1 });
    expect(await run(["head", "-n", "99999999999999999999999", "a"])).toEqual({ stdout: "", stderr: "head: invalid number of lines: '99999999999999999999999': Value too large for defined data type\n", status: 1 });
  });
});
