import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { SIG } from '../../../kernel/constants.ts';

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

describe('tail', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("lines", async () => {
    expect(await run(["tail", "long"])).toEqual({ stdout: "line 21\nline 22\nline 23\nline 24\nline 25\nline 26\nline 27\nline 28\nline 29\nline 30\n", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "3", "long"])).toEqual({ stdout: "line 28\nline 29\nline 30\n", stderr: "", status: 0 });
    expect(await run(["tail", "-3", "long"])).toEqual({ stdout: "line 28\nline 29\nline 30\n", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "-10", "ctx"])).toEqual({ stdout: "5\n6\nm\n7\nm\n8\n9\n10\n11\nm\n", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "+2", "a"])).toEqual({ stdout: "two\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "+0", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "0", "a"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "1k", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "nonl"])).toEqual({ stdout: "x\ny", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "1", "nonl"])).toEqual({ stdout: "y", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "5", "empty"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["tail", "-5", "-n", "2", "long"])).toEqual({ stdout: "", stderr: "tail: option used in invalid context -- 5\n", status: 1 });
    expect(await run(["tail", "--lines=2", "a"])).toEqual({ stdout: "two\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "-z", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "2"], "a\nb\nc\n")).toEqual({ stdout: "b\nc\n", stderr: "", status: 0 });
  });

  test("bytes", async () => {
    expect(await run(["tail", "-3c", "a"])).toEqual({ stdout: "ee\n", stderr: "", status: 0 });
    expect(await run(["tail", "-c", "-3", "a"])).toEqual({ stdout: "ee\n", stderr: "", status: 0 });
    expect(await run(["tail", "-c", "+3", "a"])).toEqual({ stdout: "e\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "-c", "5", "nonl"])).toEqual({ stdout: "x\ny", stderr: "", status: 0 });
    expect(await run(["tail", "-c", "0", "a"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["tail", "-c", "100", "a"])).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "--bytes=2", "a"])).toEqual({ stdout: "e\n", stderr: "", status: 0 });
    expect(await run(["tail", "-c", "2K", "empty"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["tail", "-c", "3"], "abcdef")).toEqual({ stdout: "def", stderr: "", status: 0 });
  });

  test("headers", async () => {
    expect(await run(["tail", "-n", "1", "a", "ctx"])).toEqual({ stdout: "==> a <==\nthree\n\n==> ctx <==\nm\n", stderr: "", status: 0 });
    expect(await run(["tail", "-q", "-n1", "a", "ctx"])).toEqual({ stdout: "three\nm\n", stderr: "", status: 0 });
    expect(await run(["tail", "-v", "-n1", "a"])).toEqual({ stdout: "==> a <==\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "-n", "2", "nonl", "a", "nope"])).toEqual({ stdout: "==> nonl <==\nx\ny\n==> a <==\ntwo\nthree\n", stderr: "tail: cannot open 'nope' for reading: No such file or directory\n", status: 1 });
    expect(await run(["tail", "a", "-"], "in\n")).toEqual({ stdout: "==> a <==\none\ntwo\nthree\n\n==> standard input <==\nin\n", stderr: "", status: 0 });
    expect(await run(["tail", "-q", "a", "-v"])).toEqual({ stdout: "==> a <==\none\ntwo\nthree\n", stderr: "", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["tail", "-n", "x", "a"])).toEqual({ stdout: "", stderr: "tail: invalid number of lines: 'x'\n", status: 1 });
    expect(await run(["tail", "-c", "x", "a"])).toEqual({ stdout: "", stderr: "tail: invalid number of bytes: 'x'\n", status: 1 });
    expect(await run(["tail", "nope", "a"])).toEqual({ stdout: "==> a <==\none\ntwo\nthree\n", stderr: "tail: cannot open 'nope' for reading: No such file or directory\n", status: 1 });
    expect(await run(["tail", "d"])).toEqual({ stdout: "", stderr: "tail: error reading 'd': Is a directory\n", status: 1 });
    expect(await run(["tail", "d", "a"])).toEqual({ stdout: "==> d <==\n\n==> a <==\none\ntwo\nthree\n", stderr: "tail: error reading 'd': Is a directory\n", status: 1 });
    expect(await run(["tail", "-n", "1x", "a"])).toEqual({ stdout: "", stderr: "tail: invalid number of lines: '1x'\n", status: 1 });
    expect(await run(["tail", "-n", "", "a"])).toEqual({ stdout: "", stderr: "tail: invalid number of lines: ''\n", status: 1 });
    expect(await run(["tail", "-n", "-x", "a"])).toEqual({ stdout: "", stderr: "tail: invalid number of lines: 'x'\n", status: 1 });
    expect(await run(["tail", "-n"])).toEqual({ stdout: "", stderr: "tail: option requires an argument -- 'n'\nTry 'tail --help' for more information.\n", status: 1 });
    expect(await run(["tail", "-k"])).toEqual({ stdout: "", stderr: "tail: invalid option -- 'k'\nTry 'tail --help' for more information.\n", status: 1 });
    expect(await run(["tail", "-n", "99999999999999999999999", "a"])).toEqual({ stdout: "", stderr: "tail: invalid number of lines: '99999999999999999999999': Value too large for defined data type\n", status: 1 });
    expect(await run(["tail", "+2", "a"])).toEqual({ stdout: "two\nthree\n", stderr: "", status: 0 });
    expect(await run(["tail", "-3c", "-n", "1", "a"])).toEqual({ stdout: "", stderr: "tail: option used in invalid context -- 3\n", status: 1 });
    expect(await run(["tail", "a", "-5"])).toEqual({ stdout: "", stderr: "tail: option used in invalid context -- 5\n", status: 1 });
    expect(await run(["tail", "-f", "nope"])).toEqual({ stdout: "", stderr: "tail: cannot open 'nope' for reading: No such file or directory\ntail: no files remaining\n", status: 1 });
  });
  test('-f follows data appended by another process until interrupted', async () => {
    const k = bootSandbox().host.kernel;
    const sys = new Sys(k, k.initPidNs.tasks.get(1)!);
    await sys.writeFile('/tmp/log', 'a\nb\n');
    let finished = false;
    const p = execCapture(k, ['tail', '-f', '-n1', '/tmp/log']).finally(() => { finished = true; });
    await k.settle(() => false, () => false, 5);
    await sys.writeFile('/tmp/log', 'c\nd\n', true);
    await k.settle(() => false, () => false, 20);
    const tailTask = [...k.initPidNs.tasks.values()].find((t) => t.comm === 'tail' && t.alive)!;
    sys.kill(tailTask.pid.nrIn(k.initPidNs), SIG.SIGINT);
    await k.settle(() => finished);
    expect(await p).toEqual({ stdout: 'b\nc\nd\n', stderr: '', status: 130 });
  });
});
