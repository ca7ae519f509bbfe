import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** Expected outputs were recorded from GNU coreutils 9.1 in the C locale. */
const FILES: Record<string, string> = { "a": "one\ntwo\nthree\n", "p": "root:x:0:0:root:/root:/bin/bash\nnodelim\nbin:x:1:1::/:/usr/bin/nologin\n", "t": "a\tb\tc\nd\te\n\nf\n", "nonl": "a:b", "d/x": "" };

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

describe('cut', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("fields", async () => {
    expect(await run(["cut", "-d:", "-f1,7", "p"])).toEqual({ stdout: "root:/bin/bash\nnodelim\nbin:/usr/bin/nologin\n", stderr: "", status: 0 });
    expect(await run(["cut", "-d:", "-s", "-f1", "p"])).toEqual({ stdout: "root\nbin\n", stderr: "", status: 0 });
    expect(await run(["cut", "-d:", "--complement", "-f1,7", "p"])).toEqual({ stdout: "x:0:0:root:/root\nnodelim\nx:1:1::/\n", stderr: "", status: 0 });
    expect(await run(["cut", "-d:", "-f2-", "--output-delimiter=|", "p"])).toEqual({ stdout: "x|0|0|root|/root|/bin/bash\nnodelim\nx|1|1||/|/usr/bin/nologin\n", stderr: "", status: 0 });
    expect(await run(["cut", "-f2", "t"])).toEqual({ stdout: "b\ne\n\nf\n", stderr: "", status: 0 });
    expect(await run(["cut", "-f1,3", "t"])).toEqual({ stdout: "a\tc\nd\n\nf\n", stderr: "", status: 0 });
    expect(await run(["cut", "-d:", "-f2", "nonl"])).toEqual({ stdout: "b\n", stderr: "", status: 0 });
    expect(await run(["cut", "-d", ":", "-f", "3", "-z", "p"])).toEqual({ stdout: "0\u0000", stderr: "", status: 0 });
    expect(await run(["cut", "-d", " ", "-f2"], "a b c\nd e\n")).toEqual({ stdout: "b\ne\n", stderr: "", status: 0 });
  });

  test("bytes and characters", async () => {
    expect(await run(["cut", "-c1-2,4-", "a"])).toEqual({ stdout: "on\ntw\nthee\n", stderr: "", status: 0 });
    expect(await run(["cut", "-c1,3", "--output-delimiter=::", "a"])).toEqual({ stdout: "o::e\nt::o\nt::r\n", stderr: "", status: 0 });
    expect(await run(["cut", "-b", "2-", "--complement", "a"])).toEqual({ stdout: "o\nt\nt\n", stderr: "", status: 0 });
    expect(await run(["cut", "-n", "-b1", "a"])).toEqual({ stdout: "o\nt\nt\n", stderr: "", status: 0 });
  });

  test("lists", async () => {
    expect(await run(["cut", "-f", "0", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: fields are numbered from 1\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "0", "a"])).toEqual({ stdout: "", stderr: "cut: byte/character positions are numbered from 1\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "x", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: invalid field value 'x'\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "x", "a"])).toEqual({ stdout: "", stderr: "cut: invalid byte/character position 'x'\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "3-1", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: invalid decreasing range\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "3-1", "a"])).toEqual({ stdout: "", stderr: "cut: invalid decreasing range\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "1-", "-d:", "p"])).toEqual({ stdout: "root:x:0:0:root:/root:/bin/bash\nnodelim\nbin:x:1:1::/:/usr/bin/nologin\n", stderr: "", status: 0 });
    expect(await run(["cut", "-b", "1-", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["cut", "-f", "-2", "-d:", "p"])).toEqual({ stdout: "root:x\nnodelim\nbin:x\n", stderr: "", status: 0 });
    expect(await run(["cut", "-b", "-2", "a"])).toEqual({ stdout: "on\ntw\nth\n", stderr: "", status: 0 });
    expect(await run(["cut", "-f", "1,,2", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: fields are numbered from 1\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "1,,2", "a"])).toEqual({ stdout: "", stderr: "cut: byte/character positions are numbered from 1\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "1 2", "-d:", "p"])).toEqual({ stdout: "root:x\nnodelim\nbin:x\n", stderr: "", status: 0 });
    expect(await run(["cut", "-b", "1 2", "a"])).toEqual({ stdout: "on\ntw\nth\n", stderr: "", status: 0 });
    expect(await run(["cut", "-f", "-", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: invalid range with no endpoint: -\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "-", "a"])).toEqual({ stdout: "", stderr: "cut: invalid range with no endpoint: -\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "1-2-3", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: invalid field range\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "1-2-3", "a"])).toEqual({ stdout: "", stderr: "cut: invalid byte or character range\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: fields are numbered from 1\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "", "a"])).toEqual({ stdout: "", stderr: "cut: byte/character positions are numbered from 1\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "2,1", "-d:", "p"])).toEqual({ stdout: "root:x\nnodelim\nbin:x\n", stderr: "", status: 0 });
    expect(await run(["cut", "-b", "2,1", "a"])).toEqual({ stdout: "on\ntw\nth\n", stderr: "", status: 0 });
    expect(await run(["cut", "-f", "a-b", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: invalid field value 'a-b'\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "a-b", "a"])).toEqual({ stdout: "", stderr: "cut: invalid byte/character position 'a-b'\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "1-x", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: invalid field value 'x'\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "1-x", "a"])).toEqual({ stdout: "", stderr: "cut: invalid byte/character position 'x'\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "99999999999999999999", "-d:", "p"])).toEqual({ stdout: "", stderr: "cut: field number '99999999999999999999' is too large\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-b", "99999999999999999999", "a"])).toEqual({ stdout: "", stderr: "cut: byte/character offset '99999999999999999999' is too large\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f", "1,3-", "-d:", "p"])).toEqual({ stdout: "root:0:0:root:/root:/bin/bash\nnodelim\nbin:1:1::/:/usr/bin/nologin\n", stderr: "", status: 0 });
    expect(await run(["cut", "-b", "1,3-", "a"])).toEqual({ stdout: "oe\nto\ntree\n", stderr: "", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["cut", "-f1", "-b1", "a"])).toEqual({ stdout: "", stderr: "cut: only one list may be specified\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-d:", "-c1", "a"])).toEqual({ stdout: "", stderr: "cut: an input delimiter may be specified only when operating on fields\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-s", "-c1", "a"])).toEqual({ stdout: "", stderr: "cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-d", "ab", "-f1", "a"])).toEqual({ stdout: "", stderr: "cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n", status: 1 });
    expect(await run(["cut", "-f1", "nope", "d", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "cut: nope: No such file or directory\ncut: d: Is a directory\n", status: 1 });
    expect(await run(["cut", "a"])).toEqual({ stdout: "", stderr: "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n", status: 1 });
  });
});
