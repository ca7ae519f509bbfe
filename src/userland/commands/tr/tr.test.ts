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

describe('tr', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("translate", async () => {
    expect(await run(["tr", "a-z", "A-Z"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "HELLO,  WORLD!\n\tABC\u0001 ZZ 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "[:lower:]", "[:upper:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "HELLO,  WORLD!\n\tABC\u0001 ZZ 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "[:upper:]", "[:lower:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "hello,  world!\n\tabc\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "abc", "x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!\n\txxx\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "-t", "abc", "x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!\n\txbc\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "lo", "x-z"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hexxy,  Wyrxd!\n\tabc\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "a-c", "[x*]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!\n\txxx\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "abc", "[x*2]y"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!\n\txxy\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "\\001", "q"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!\n\tabcq zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "\\t\\n", "  "], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!  abc\u0001 zz 123 ", stderr: "", status: 0 });
    expect(await run(["tr", "-c", "a", "xy"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "yyyyyyyyyyyyyyyyayyyyyyyyyyy", stderr: "", status: 0 });
    expect(await run(["tr", "-c", "[:alpha:]", "\\n"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello\n\n\nWorld\n\n\nabc\n\nzz\n\n\n\n\n", stderr: "", status: 0 });
    expect(await run(["tr", "[:digit:]", "X"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!\n\tabc\u0001 zz XXX\n", stderr: "", status: 0 });
    expect(await run(["tr", "lH", "[:upper:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: misaligned [:upper:] and/or [:lower:] construct\n", status: 1 });
  });

  test("delete and squeeze", async () => {
    expect(await run(["tr", "-d", "a-b"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!\n\tc\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "-d", "[:space:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,World!abc\u0001zz123", stderr: "", status: 0 });
    expect(await run(["tr", "-cd", "[:alnum:]\\n"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "HelloWorld\nabczz123\n", stderr: "", status: 0 });
    expect(await run(["tr", "-d", "[:punct:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello  World\n\tabc\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "-s", "l"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Helo,  World!\n\tabc\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "-s", " ", "_"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,_World!\n\tabc\u0001_zz_123\n", stderr: "", status: 0 });
    expect(await run(["tr", "-s", "[:space:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello, World!\n\tabc\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "-cs", "[:alpha:]", "\\n"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello\nWorld\nabc\nzz\n", stderr: "", status: 0 });
    expect(await run(["tr", "-ds", "lo", " "], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "He, Wrd!\n\tabc\u0001 zz 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "[:lower:]", "[:upper:]", "-s"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: extra operand '-s'\nTry 'tr --help' for more information.\n", status: 1 });
    expect(await run(["tr", "-s", "a-z", "A-Z"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "HELO,  WORLD!\n\tABC\u0001 Z 123\n", stderr: "", status: 0 });
    expect(await run(["tr", "-cs", "c", "Z"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "ZcZ", stderr: "", status: 0 });
  });

  test("escapes", async () => {
    expect(await run(["tr", "a\\-b", "xyz"], "a-b\n")).toEqual({ stdout: "xyz\n", stderr: "", status: 0 });
    expect(await run(["tr", "a\\", "xy"], "a\\b\n")).toEqual({ stdout: "xyb\n", stderr: "tr: warning: an unescaped backslash at end of string is not portable\n", status: 0 });
    expect(await run(["tr", "\\400", "x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,xxWorld!\n\tabc\u0001xzzx123\n", stderr: "tr: warning: the ambiguous octal escape \\400 is being\n\tinterpreted as the 2-byte sequence \\040, 0\n", status: 0 });
    expect(await run(["tr", "-d", "\\"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "Hello,  World!\n\tabc\u0001 zz 123\n", stderr: "tr: warning: an unescaped backslash at end of string is not portable\n", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["tr"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: missing operand\nTry 'tr --help' for more information.\n", status: 1 });
    expect(await run(["tr", "abc"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: missing operand after 'abc'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n", status: 1 });
    expect(await run(["tr", "-d", "a", "b"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: extra operand 'b'\nOnly one string may be given when deleting without squeezing repeats.\nTry 'tr --help' for more information.\n", status: 1 });
    expect(await run(["tr", "-ds", "a"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: missing operand after 'a'\nTwo strings must be given when both deleting and squeezing repeats.\nTry 'tr --help' for more information.\n", status: 1 });
    expect(await run(["tr", "a", "b", "c"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: extra operand 'c'\nTry 'tr --help' for more information.\n", status: 1 });
    expect(await run(["tr", "z-a", "x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n", status: 1 });
    expect(await run(["tr", "a", "[:alpha:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'\n", status: 1 });
    expect(await run(["tr", "[:foo:]", "x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: invalid character class 'foo'\n", status: 1 });
    expect(await run(["tr", "[:upper:]", "[:lower:][:upper:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: misaligned [:upper:] and/or [:lower:] construct\n", status: 1 });
    expect(await run(["tr", "abc", ""], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: when not truncating set1, string2 must be non-empty\n", status: 1 });
    expect(await run(["tr", "[a*]", "x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: the [c*] repeat construct may not appear in string1\n", status: 1 });
    expect(await run(["tr", "a", "[=a=]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: [=c=] expressions may not appear in string2 when translating\n", status: 1 });
    expect(await run(["tr", "a", "[b*0x]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: invalid repeat count '0x' in [c*n] construct\n", status: 1 });
    expect(await run(["tr", "ab", "[b*][c*]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: only one [c*] repeat construct may appear in string2\n", status: 1 });
    expect(await run(["tr", "-c", "[:alpha:]", "[:upper:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: when translating with string1 longer than string2,\nthe latter string must not end with a character class\n", status: 1 });
    expect(await run(["tr", "[=ab=]", "x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: ab: equivalence class operand must be a single character\n", status: 1 });
    expect(await run(["tr", "A-Z", "[:lower:]"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: misaligned [:upper:] and/or [:lower:] construct\n", status: 1 });
    expect(await run(["tr", "-x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: invalid option -- 'x'\nTry 'tr --help' for more information.\n", status: 1 });
    expect(await run(["tr", "[::]", "x"], "Hello,  World!\n\tabc\u0001 zz 123\n")).toEqual({ stdout: "", stderr: "tr: missing character class name '[::]'\n", status: 1 });
  });
});
