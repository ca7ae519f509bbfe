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

describe('seq', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("sequences", async () => {
    expect(await run(["seq", "1", "0.5", "3"])).toEqual({ stdout: "1.0\n1.5\n2.0\n2.5\n3.0\n", stderr: "", status: 0 });
    expect(await run(["seq", "0.1", "1"])).toEqual({ stdout: "0.1\n", stderr: "", status: 0 });
    expect(await run(["seq", "1", "0.3", "2.05"])).toEqual({ stdout: "1.0\n1.3\n1.6\n1.9\n", stderr: "", status: 0 });
    expect(await run(["seq", "-w", "8", "11"])).toEqual({ stdout: "08\n09\n10\n11\n", stderr: "", status: 0 });
    expect(await run(["seq", "-s,", "3"])).toEqual({ stdout: "1,2,3\n", stderr: "", status: 0 });
    expect(await run(["seq", "5", "1"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["seq", "3", "-1", "1"])).toEqual({ stdout: "3\n2\n1\n", stderr: "", status: 0 });
    expect(await run(["seq", "-f", "%03g", "3"])).toEqual({ stdout: "001\n002\n003\n", stderr: "", status: 0 });
    expect(await run(["seq", "1e2", "1e2"])).toEqual({ stdout: "100\n", stderr: "", status: 0 });
    expect(await run(["seq", "0.000001", "0.000001"])).toEqual({ stdout: "0.000001\n", stderr: "", status: 0 });
    expect(await run(["seq", "--", "-1", "1"])).toEqual({ stdout: "-1\n0\n1\n", stderr: "", status: 0 });
    expect(await run(["seq", "-1.5", "1"])).toEqual({ stdout: "-1.5\n-0.5\n0.5\n", stderr: "", status: 0 });
    expect(await run(["seq", "10", "-3", "1"])).toEqual({ stdout: "10\n7\n4\n1\n", stderr: "", status: 0 });
    expect(await run(["seq", "-w", "-1", "1"])).toEqual({ stdout: "-1\n00\n01\n", stderr: "", status: 0 });
    expect(await run(["seq", "-w", "1.5", "10"])).toEqual({ stdout: "01.5\n02.5\n03.5\n04.5\n05.5\n06.5\n07.5\n08.5\n09.5\n", stderr: "", status: 0 });
    expect(await run(["seq", "1.0", "3"])).toEqual({ stdout: "1.0\n2.0\n3.0\n", stderr: "", status: 0 });
    expect(await run(["seq", "1", "1.0", "3"])).toEqual({ stdout: "1.0\n2.0\n3.0\n", stderr: "", status: 0 });
    expect(await run(["seq", "0x10", "0x12"])).toEqual({ stdout: "16\n17\n18\n", stderr: "", status: 0 });
    expect(await run(["seq", "1e1", "12"])).toEqual({ stdout: "10\n11\n12\n", stderr: "", status: 0 });
    expect(await run(["seq", "99999999999999999999", "100000000000000000001"])).toEqual({ stdout: "99999999999999999999\n100000000000000000000\n100000000000000000001\n", stderr: "", status: 0 });
    expect(await run(["seq", "0", "0.1", "1"])).toEqual({ stdout: "0.0\n0.1\n0.2\n0.3\n0.4\n0.5\n0.6\n0.7\n0.8\n0.9\n1.0\n", stderr: "", status: 0 });
    expect(await run(["seq", "0", "0.000001", "0.000003"])).toEqual({ stdout: "0.000000\n0.000001\n0.000002\n0.000003\n", stderr: "", status: 0 });
    expect(await run(["seq", "-f", "x%.2fy%%", "1", "0.25", "2"])).toEqual({ stdout: "x1.00y%\nx1.25y%\nx1.50y%\nx1.75y%\nx2.00y%\n", stderr: "", status: 0 });
    expect(await run(["seq", "-s", ": ", "-w", "98", "101"])).toEqual({ stdout: "098: 099: 100: 101\n", stderr: "", status: 0 });
    expect(await run(["seq", "1", "-1"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["seq", "-w", "0.5", "0.1", "1"])).toEqual({ stdout: "0.5\n0.6\n0.7\n0.8\n0.9\n1.0\n", stderr: "", status: 0 });
    expect(await run(["seq", "-f", "%e", "3"])).toEqual({ stdout: "1.000000e+00\n2.000000e+00\n3.000000e+00\n", stderr: "", status: 0 });
    expect(await run(["seq", "1.5e1", "20"])).toEqual({ stdout: "15\n16\n17\n18\n19\n20\n", stderr: "", status: 0 });
    expect(await run(["seq", ".5", "2"])).toEqual({ stdout: "0.5\n1.5\n", stderr: "", status: 0 });
    expect(await run(["seq", "-w", "-.5", "1"])).toEqual({ stdout: "-0.5\n00.5\n", stderr: "", status: 0 });
    expect(await run(["seq", "-w", "1e-1", "0.3"])).toEqual({ stdout: "0.1\n", stderr: "", status: 0 });
    expect(await run(["seq", "12"])).toEqual({ stdout: "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", stderr: "", status: 0 });
    expect(await run(["seq", "-5", "-1"])).toEqual({ stdout: "-5\n-4\n-3\n-2\n-1\n", stderr: "", status: 0 });
    expect(await run(["seq", "2", "2", "10"])).toEqual({ stdout: "2\n4\n6\n8\n10\n", stderr: "", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["seq", "x"])).toEqual({ stdout: "", stderr: "seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n", status: 1 });
    expect(await run(["seq"])).toEqual({ stdout: "", stderr: "seq: missing operand\nTry 'seq --help' for more information.\n", status: 1 });
    expect(await run(["seq", "1", "2", "3", "4"])).toEqual({ stdout: "", stderr: "seq: extra operand '4'\nTry 'seq --help' for more information.\n", status: 1 });
    expect(await run(["seq", "1", "0", "3"])).toEqual({ stdout: "", stderr: "seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.\n", status: 1 });
    expect(await run(["seq", "-f", "x", "3"])).toEqual({ stdout: "", stderr: "seq: format 'x' has no % directive\n", status: 1 });
    expect(await run(["seq", "-f", "%d", "3"])).toEqual({ stdout: "", stderr: "seq: format '%d' has unknown %d directive\n", status: 1 });
    expect(await run(["seq", "-f", "%s", "1"])).toEqual({ stdout: "", stderr: "seq: format '%s' has unknown %s directive\n", status: 1 });
    expect(await run(["seq", "-f", "%g%g", "1"])).toEqual({ stdout: "", stderr: "seq: format '%g%g' has too many % directives\n", status: 1 });
    expect(await run(["seq", "nan"])).toEqual({ stdout: "", stderr: "seq: invalid 'not-a-number' argument: 'nan'\nTry 'seq --help' for more information.\n", status: 1 });
    expect(await run(["seq", "-w", "-f", "%g", "1"])).toEqual({ stdout: "", stderr: "seq: format string may not be specified when printing equal width strings\nTry 'seq --help' for more information.\n", status: 1 });
  });
});
