import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** Expected outputs were recorded from GNU coreutils 9.1 in the C locale. */
const FILES: Record<string, string> = { "f": "one\n\ntwo\n" };

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

describe('nl', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("numbering", async () => {
    expect(await run(["nl"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "     1\tx\n\n       h\n\n     1\tb\n       \n       \n       \n     2\tbar\n\n       f\n       XYXY\n       q\n", stderr: "", status: 0 });
    expect(await run(["nl", "-ba"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "     1\tx\n\n       h\n\n     1\tb\n     2\t\n     3\t\n     4\t\n     5\tbar\n\n       f\n       XYXY\n       q\n", stderr: "", status: 0 });
    expect(await run(["nl", "-bn"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "       x\n\n       h\n\n       b\n       \n       \n       \n       bar\n\n       f\n       XYXY\n       q\n", stderr: "", status: 0 });
    expect(await run(["nl", "-ha", "-fa"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "     1\tx\n\n     1\th\n\n     1\tb\n       \n       \n       \n     2\tbar\n\n     1\tf\n     2\tXYXY\n     3\tq\n", stderr: "", status: 0 });
    expect(await run(["nl", "-ba", "-l2"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "     1\tx\n\n       h\n\n     1\tb\n       \n     2\t\n       \n     3\tbar\n\n       f\n       XYXY\n       q\n", stderr: "", status: 0 });
    expect(await run(["nl", "-bp^b"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "       x\n\n       h\n\n     1\tb\n       \n       \n       \n     2\tbar\n\n       f\n       XYXY\n       q\n", stderr: "", status: 0 });
    expect(await run(["nl", "-ba", "-nln", "-w3", "-s|"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "1  |x\n\n    h\n\n1  |b\n2  |\n3  |\n4  |\n5  |bar\n\n    f\n    XYXY\n    q\n", stderr: "", status: 0 });
    expect(await run(["nl", "-nrz", "-v", "5", "-i", "2"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "000005\tx\n\n       h\n\n000005\tb\n       \n       \n       \n000007\tbar\n\n       f\n       XYXY\n       q\n", stderr: "", status: 0 });
    expect(await run(["nl", "-dXY", "-ba"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "     1\tx\n     2\t\\:\\:\\:\n     3\th\n     4\t\\:\\:\n     5\tb\n     6\t\n     7\t\n     8\t\n     9\tbar\n    10\t\\:\n    11\tf\n\n     1\tq\n", stderr: "", status: 0 });
    expect(await run(["nl", "-p", "-ha", "-fa"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "     1\tx\n\n     2\th\n\n     3\tb\n       \n       \n       \n     4\tbar\n\n     5\tf\n     6\tXYXY\n     7\tq\n", stderr: "", status: 0 });
    expect(await run(["nl", "f", "-", "f"], "in\n")).toEqual({ stdout: "     1\tone\n       \n     2\ttwo\n     3\tin\n     4\tone\n       \n     5\ttwo\n", stderr: "", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["nl", "-b", "x"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "", stderr: "nl: invalid body numbering style: 'x'\nTry 'nl --help' for more information.\n", status: 1 });
    expect(await run(["nl", "-n", "x"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "", stderr: "nl: invalid line numbering format: 'x'\nTry 'nl --help' for more information.\n", status: 1 });
    expect(await run(["nl", "-w", "0"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "", stderr: "nl: invalid line number field width: '0': Numerical result out of range\n", status: 1 });
    expect(await run(["nl", "-v", "x"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "", stderr: "nl: invalid starting line number: 'x'\n", status: 1 });
    expect(await run(["nl", "-i", "x"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "", stderr: "nl: invalid line number increment: 'x'\n", status: 1 });
    expect(await run(["nl", "nope"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "", stderr: "nl: nope: No such file or directory\n", status: 1 });
    expect(await run(["nl", "-x"], "x\n\\:\\:\\:\nh\n\\:\\:\nb\n\n\n\nbar\n\\:\nf\nXYXY\nq")).toEqual({ stdout: "", stderr: "nl: invalid option -- 'x'\nTry 'nl --help' for more information.\n", status: 1 });
  });
});
