import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** Expected outputs were recorded from GNU grep 3.8 in the C locale. */
const FILES: Record<string, string> = { "a.txt": "one\ntwo\nthree\nfour two\nTwo\n", "b.txt": "alpha\nbeta two\ngamma\n", "c.txt": "no newline two", "bin.dat": "a\u0000b\ntwo\n", "ctx": "1\n2\nm\n3\n4\n5\n6\nm\n7\nm\n8\n9\n10\n11\nm\n", "d/x.c": "int two;\n", "pats": "one\nthr\n", "words": "foo bar\nfoobar\nbar_foo\nfoo-bar\n(foo)\nab abc abcd\n" };

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

describe('grep', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("selection and counting", async () => {
    expect(await run(["grep", "two", "a.txt"])).toEqual({ stdout: "two\nfour two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-i", "two", "a.txt"])).toEqual({ stdout: "two\nfour two\nTwo\n", stderr: "", status: 0 });
    expect(await run(["grep", "-v", "two", "a.txt"])).toEqual({ stdout: "one\nthree\nTwo\n", stderr: "", status: 0 });
    expect(await run(["grep", "-c", "two", "a.txt", "b.txt"])).toEqual({ stdout: "a.txt:2\nb.txt:1\n", stderr: "", status: 0 });
    expect(await run(["grep", "-ivc", "two", "a.txt"])).toEqual({ stdout: "2\n", stderr: "", status: 0 });
    expect(await run(["grep", "-x", "foobar", "words"])).toEqual({ stdout: "foobar\n", stderr: "", status: 0 });
    expect(await run(["grep", "-w", "foo", "words"])).toEqual({ stdout: "foo bar\nfoo-bar\n(foo)\n", stderr: "", status: 0 });
    expect(await run(["grep", "-iw", "TWO", "a.txt"])).toEqual({ stdout: "two\nfour two\nTwo\n", stderr: "", status: 0 });
    expect(await run(["grep", "-F", "t.o", "a.txt"])).toEqual({ stdout: "", stderr: "", status: 1 });
    expect(await run(["grep", "-F", "-x", "two", "a.txt"])).toEqual({ stdout: "two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-c", "", "a.txt"])).toEqual({ stdout: "5\n", stderr: "", status: 0 });
    expect(await run(["grep", "-e", "one", "-e", "beta", "a.txt", "b.txt"])).toEqual({ stdout: "a.txt:one\nb.txt:beta two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-f", "pats", "a.txt"])).toEqual({ stdout: "one\nthree\n", stderr: "", status: 0 });
    expect(await run(["grep", "-x", "-e", "one", "-e", "two", "a.txt"])).toEqual({ stdout: "one\ntwo\n", stderr: "", status: 0 });
    expect(await run(["grep", "-m1", "two", "a.txt", "b.txt"])).toEqual({ stdout: "a.txt:two\nb.txt:beta two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-c", "$"], "a\n\nb")).toEqual({ stdout: "3\n", stderr: "", status: 0 });
  });

  test("file names, line numbers, offsets", async () => {
    expect(await run(["grep", "two", "a.txt", "b.txt"])).toEqual({ stdout: "a.txt:two\na.txt:four two\nb.txt:beta two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-n", "two", "a.txt", "b.txt", "c.txt"])).toEqual({ stdout: "a.txt:2:two\na.txt:4:four two\nb.txt:2:beta two\nc.txt:1:no newline two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-h", "two", "a.txt", "b.txt"])).toEqual({ stdout: "two\nfour two\nbeta two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-H", "two", "a.txt"])).toEqual({ stdout: "a.txt:two\na.txt:four two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-l", "two", "a.txt", "b.txt", "nope"])).toEqual({ stdout: "a.txt\nb.txt\n", stderr: "grep: nope: No such file or directory\n", status: 2 });
    expect(await run(["grep", "-L", "two", "a.txt", "b.txt"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["grep", "-b", "two", "a.txt"])).toEqual({ stdout: "4:two\n14:four two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-bo", "two", "a.txt"])).toEqual({ stdout: "4:two\n19:two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-Z", "-l", "two", "a.txt", "b.txt"])).toEqual({ stdout: "a.txt\u0000b.txt\u0000", stderr: "", status: 0 });
    expect(await run(["grep", "two"], "two\nthree\n")).toEqual({ stdout: "two\n", stderr: "", status: 0 });
    expect(await run(["grep", "-H", "a", "-", "b.txt"], "a\n")).toEqual({ stdout: "(standard input):a\nb.txt:alpha\nb.txt:beta two\nb.txt:gamma\n", stderr: "", status: 0 });
    expect(await run(["grep", "--label=foo", "-H", "a"], "a\n")).toEqual({ stdout: "foo:a\n", stderr: "", status: 0 });
    expect(await run(["grep", "-z", "b"], "a\u0000b\u0000c")).toEqual({ stdout: "b\u0000", stderr: "", status: 0 });
  });

  test("exit status and quiet", async () => {
    expect(await run(["grep", "-q", "two", "a.txt"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["grep", "-q", "zzz", "a.txt"])).toEqual({ stdout: "", stderr: "", status: 1 });
    expect(await run(["grep", "two", "nope"])).toEqual({ stdout: "", stderr: "grep: nope: No such file or directory\n", status: 2 });
    expect(await run(["grep", "-s", "two", "nope"])).toEqual({ stdout: "", stderr: "", status: 2 });
    expect(await run(["grep", "-q", "two", "nope", "a.txt"])).toEqual({ stdout: "", stderr: "grep: nope: No such file or directory\n", status: 0 });
    expect(await run(["grep", "two", "d"])).toEqual({ stdout: "", stderr: "grep: d: Is a directory\n", status: 2 });
    expect(await run(["grep", "-d", "skip", "two", "d", "a.txt"])).toEqual({ stdout: "a.txt:two\na.txt:four two\n", stderr: "", status: 0 });
  });

  test("only-matching and leftmost-longest", async () => {
    expect(await run(["grep", "-o", "t[a-z]*", "a.txt"])).toEqual({ stdout: "two\nthree\ntwo\n", stderr: "", status: 0 });
    expect(await run(["grep", "-ow", "foo", "words"])).toEqual({ stdout: "foo\nfoo\nfoo\n", stderr: "", status: 0 });
    expect(await run(["grep", "-oE", "ab|abc|abcd", "words"])).toEqual({ stdout: "ab\nabc\nabcd\n", stderr: "", status: 0 });
    expect(await run(["grep", "-o", "ab\\|abc", "words"])).toEqual({ stdout: "ab\nabc\nabc\n", stderr: "", status: 0 });
    expect(await run(["grep", "-o", "\\w\\+", "words"])).toEqual({ stdout: "foo\nbar\nfoobar\nbar_foo\nfoo\nbar\nfoo\nab\nabc\nabcd\n", stderr: "", status: 0 });
    expect(await run(["grep", "-on", "[0-9]", "ctx"])).toEqual({ stdout: "1:1\n2:2\n4:3\n5:4\n6:5\n7:6\n9:7\n11:8\n12:9\n13:1\n13:0\n14:1\n14:1\n", stderr: "", status: 0 });
    expect(await run(["grep", "-o", "b*"], "abbbc\n")).toEqual({ stdout: "bbb\n", stderr: "", status: 0 });
  });

  test("BRE and ERE syntax", async () => {
    expect(await run(["grep", "-E", "o(n|u)e?", "a.txt"])).toEqual({ stdout: "one\nfour two\n", stderr: "", status: 0 });
    expect(await run(["grep", "\\(t\\)w\\1", "a.txt"])).toEqual({ stdout: "", stderr: "", status: 1 });
    expect(await run(["grep", "[[:upper:]]", "a.txt"])).toEqual({ stdout: "Two\n", stderr: "", status: 0 });
    expect(await run(["grep", "\\<t", "a.txt"])).toEqual({ stdout: "two\nthree\nfour two\n", stderr: "", status: 0 });
    expect(await run(["grep", "o\\>", "a.txt"])).toEqual({ stdout: "two\nfour two\nTwo\n", stderr: "", status: 0 });
    expect(await run(["grep", "\\bfoo\\b", "words"])).toEqual({ stdout: "foo bar\nfoo-bar\n(foo)\n", stderr: "", status: 0 });
    expect(await run(["grep", "^t", "a.txt"])).toEqual({ stdout: "two\nthree\n", stderr: "", status: 0 });
    expect(await run(["grep", "o$", "a.txt"])).toEqual({ stdout: "two\nfour two\nTwo\n", stderr: "", status: 0 });
    expect(await run(["grep", "-E", "x|", "a.txt"])).toEqual({ stdout: "one\ntwo\nthree\nfour two\nTwo\n", stderr: "", status: 0 });
    expect(await run(["grep", "-E", "a{,2}b"], "aab\nb\n")).toEqual({ stdout: "aab\nb\n", stderr: "", status: 0 });
    expect(await run(["grep", "-E", "a{1}{2}"], "aab\n")).toEqual({ stdout: "aab\n", stderr: "", status: 0 });
    expect(await run(["grep", "-E", "a)"], "a)\n")).toEqual({ stdout: "a)\n", stderr: "", status: 0 });
    expect(await run(["grep", "^*x"], "*x\n")).toEqual({ stdout: "*x\n", stderr: "", status: 0 });
    expect(await run(["grep", "\\+x"], "+x\n")).toEqual({ stdout: "+x\n", stderr: "", status: 0 });
    expect(await run(["grep", "-E", "a{1"], "a{1\n")).toEqual({ stdout: "a{1\n", stderr: "", status: 0 });
  });

  test("pattern errors and warnings", async () => {
    expect(await run(["grep", "\\(", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Unmatched ( or \\(\n", status: 2 });
    expect(await run(["grep", "-E", "(", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Unmatched ( or \\(\n", status: 2 });
    expect(await run(["grep", "a\\)", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Unmatched ) or \\)\n", status: 2 });
    expect(await run(["grep", "a\\{1", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Unmatched \\{\n", status: 2 });
    expect(await run(["grep", "[a", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Unmatched [, [^, [:, [., or [=\n", status: 2 });
    expect(await run(["grep", "[[:foo:]]", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Invalid character class name\n", status: 2 });
    expect(await run(["grep", "[:space:]", "a.txt"])).toEqual({ stdout: "", stderr: "grep: character class syntax is [[:space:]], not [:space:]\n", status: 2 });
    expect(await run(["grep", "\\(t\\)\\2", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Invalid back reference\n", status: 2 });
    expect(await run(["grep", "-E", "a{2,1}", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Invalid content of \\{\\}\n", status: 2 });
    expect(await run(["grep", "[z-a]", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Invalid range end\n", status: 2 });
    expect(await run(["grep", "a\\", "a.txt"])).toEqual({ stdout: "", stderr: "grep: Trailing backslash\n", status: 2 });
    expect(await run(["grep", "-E", "*two", "a.txt"])).toEqual({ stdout: "two\nfour two\n", stderr: "grep: warning: * at start of expression\n", status: 0 });
    expect(await run(["grep", "-E", "+a", "a.txt"])).toEqual({ stdout: "", stderr: "grep: warning: + at start of expression\n", status: 1 });
  });

  test("context", async () => {
    expect(await run(["grep", "-n", "-C1", "m", "ctx"])).toEqual({ stdout: "2-2\n3:m\n4-3\n--\n7-6\n8:m\n9-7\n10:m\n11-8\n--\n14-11\n15:m\n", stderr: "", status: 0 });
    expect(await run(["grep", "-A1", "-m2", "m", "ctx"])).toEqual({ stdout: "m\n3\n--\nm\n7\n", stderr: "", status: 0 });
    expect(await run(["grep", "-B2", "m", "ctx", "a.txt"])).toEqual({ stdout: "ctx-1\nctx-2\nctx:m\n--\nctx-5\nctx-6\nctx:m\nctx-7\nctx:m\n--\nctx-10\nctx-11\nctx:m\n", stderr: "", status: 0 });
    expect(await run(["grep", "-A1", "--group-separator=XX", "m", "ctx"])).toEqual({ stdout: "m\n3\nXX\nm\n7\nm\n8\nXX\nm\n", stderr: "", status: 0 });
    expect(await run(["grep", "-2", "m", "ctx"])).toEqual({ stdout: "1\n2\nm\n3\n4\n5\n6\nm\n7\nm\n8\n9\n10\n11\nm\n", stderr: "", status: 0 });
    expect(await run(["grep", "-A1", "--no-group-separator", "m", "ctx"])).toEqual({ stdout: "m\n3\nm\n7\nm\n8\nm\n", stderr: "", status: 0 });
  });

  test("recursion and binary files", async () => {
    expect(await run(["grep", "-r", "two", "d"])).toEqual({ stdout: "d/x.c:int two;\n", stderr: "", status: 0 });
    expect(await run(["grep", "-rn", "two", "d/"])).toEqual({ stdout: "d/x.c:1:int two;\n", stderr: "", status: 0 });
    expect(await run(["grep", "-r", "--include=*.h", "two", "d"])).toEqual({ stdout: "", stderr: "", status: 1 });
    expect(await run(["grep", "-r", "--exclude=*.c", "two", "d"])).toEqual({ stdout: "", stderr: "", status: 1 });
    expect(await run(["grep", "two", "bin.dat"])).toEqual({ stdout: "", stderr: "grep: bin.dat: binary file matches\n", status: 0 });
    expect(await run(["grep", "-c", "two", "bin.dat"])).toEqual({ stdout: "1\n", stderr: "", status: 0 });
    expect(await run(["grep", "-a", "b", "bin.dat"])).toEqual({ stdout: "a\u0000b\n", stderr: "", status: 0 });
  });

  test("color", async () => {
    expect(await run(["grep", "--color=always", "two", "a.txt", "b.txt"])).toEqual({ stdout: "\u001b[35m\u001b[Ka.txt\u001b[m\u001b[K\u001b[36m\u001b[K:\u001b[m\u001b[K\u001b[01;31m\u001b[Ktwo\u001b[m\u001b[K\n\u001b[35m\u001b[Ka.txt\u001b[m\u001b[K\u001b[36m\u001b[K:\u001b[m\u001b[Kfour \u001b[01;31m\u001b[Ktwo\u001b[m\u001b[K\n\u001b[35m\u001b[Kb.txt\u001b[m\u001b[K\u001b[36m\u001b[K:\u001b[m\u001b[Kbeta \u001b[01;31m\u001b[Ktwo\u001b[m\u001b[K\n", stderr: "", status: 0 });
    expect(await run(["grep", "--color=always", "-n", "o", "a.txt"])).toEqual({ stdout: "\u001b[32m\u001b[K1\u001b[m\u001b[K\u001b[36m\u001b[K:\u001b[m\u001b[K\u001b[01;31m\u001b[Ko\u001b[m\u001b[Kne\n\u001b[32m\u001b[K2\u001b[m\u001b[K\u001b[36m\u001b[K:\u001b[m\u001b[Ktw\u001b[01;31m\u001b[Ko\u001b[m\u001b[K\n\u001b[32m\u001b[K4\u001b[m\u001b[K\u001b[36m\u001b[K:\u001b[m\u001b[Kf\u001b[01;31m\u001b[Ko\u001b[m\u001b[Kur tw\u001b[01;31m\u001b[Ko\u001b[m\u001b[K\n\u001b[32m\u001b[K5\u001b[m\u001b[K\u001b[36m\u001b[K:\u001b[m\u001b[KTw\u001b[01;31m\u001b[Ko\u001b[m\u001b[K\n", stderr: "", status: 0 });
    expect(await run(["grep", "--color=always", "-A1", "m", "ctx"])).toEqual({ stdout: "\u001b[01;31m\u001b[Km\u001b[m\u001b[K\n3\n\u001b[36m\u001b[K--\u001b[m\u001b[K\n\u001b[01;31m\u001b[Km\u001b[m\u001b[K\n7\n\u001b[01;31m\u001b[Km\u001b[m\u001b[K\n8\n\u001b[36m\u001b[K--\u001b[m\u001b[K\n\u001b[01;31m\u001b[Km\u001b[m\u001b[K\n", stderr: "", status: 0 });
    expect(await run(["grep", "--colour=always", "-o", "tw", "a.txt"])).toEqual({ stdout: "\u001b[01;31m\u001b[Ktw\u001b[m\u001b[K\n\u001b[01;31m\u001b[Ktw\u001b[m\u001b[K\n", stderr: "", status: 0 });
  });

  test("usage errors", async () => {
    expect(await run(["grep"])).toEqual({ stdout: "", stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", status: 2 });
    expect(await run(["grep", "-k", "x"])).toEqual({ stdout: "", stderr: "grep: invalid option -- 'k'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", status: 2 });
    expect(await run(["grep", "-m", "x", "a"])).toEqual({ stdout: "", stderr: "grep: invalid max count\n", status: 2 });
    expect(await run(["grep", "-A", "x", "a"])).toEqual({ stdout: "", stderr: "grep: x: invalid context length argument\n", status: 2 });
    expect(await run(["grep", "--context=-1", "a"])).toEqual({ stdout: "", stderr: "grep: -1: invalid context length argument\n", status: 2 });
    expect(await run(["grep", "--foo"])).toEqual({ stdout: "", stderr: "grep: unrecognized option '--foo'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", status: 2 });
    expect(await run(["grep", "-e"])).toEqual({ stdout: "", stderr: "grep: option requires an argument -- 'e'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", status: 2 });
    expect(await run(["grep", "-d", "x", "a"])).toEqual({ stdout: "", stderr: "grep: invalid argument 'x' for '--directories'\nValid arguments are:\n  - 'read'\n  - 'recurse'\n  - 'skip'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", status: 1 });
    expect(await run(["grep", "--binary-files=x", "a"])).toEqual({ stdout: "", stderr: "grep: unknown binary-files type\n", status: 2 });
  });
  test('UTF-8 text (recorded in the C.UTF-8 locale)', async () => {
    const k = bootSandbox().host.kernel;
    await new Sys(k, k.initPidNs.tasks.get(1)!).writeFile('/tmp/u8', "héllo wörld\nÉCOLE école\n日本語テキスト\nnaïve café\nstraße\n");
    expect(await execCapture(k, ['grep', "-i", "école", "u8"], { cwd: '/tmp' })).toEqual({ stdout: "ÉCOLE école\n", stderr: "", status: 0 });
    expect(await execCapture(k, ['grep', "-o", "h.llo", "u8"], { cwd: '/tmp' })).toEqual({ stdout: "héllo\n", stderr: "", status: 0 });
    expect(await execCapture(k, ['grep', "-ow", "caf.", "u8"], { cwd: '/tmp' })).toEqual({ stdout: "café\n", stderr: "", status: 0 });
    expect(await execCapture(k, ['grep', "-c", "^.\\{7\\}$", "u8"], { cwd: '/tmp' })).toEqual({ stdout: "1\n", stderr: "", status: 0 });
    expect(await execCapture(k, ['grep', "-bo", "ö", "u8"], { cwd: '/tmp' })).toEqual({ stdout: "8:ö\n", stderr: "", status: 0 });
    expect(await execCapture(k, ['grep', "-w", "na", "u8"], { cwd: '/tmp' })).toEqual({ stdout: "", stderr: "", status: 1 });
    expect(await execCapture(k, ['grep', "-o", "[[:upper:]]*", "u8"], { cwd: '/tmp' })).toEqual({ stdout: "ÉCOLE\n", stderr: "", status: 0 });
    expect(await execCapture(k, ['grep', "--color=always", "ï", "u8"], { cwd: '/tmp' })).toEqual({ stdout: "na\u001b[01;31m\u001b[Kï\u001b[m\u001b[Kve café\n", stderr: "", status: 0 });
  });
});
