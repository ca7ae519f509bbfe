import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';

/** Expected outputs were recorded from GNU coreutils 9.1 in the C locale. */
const FILES: Record<string, string> = { "a": "banana\napple\nCherry\napple\n  date\n10\n9\n-3\n1.5\n1e3\n\nBanana\n", "nums": "10\n9\n-3\n1.5\n+4\n 7\n0\n-0\nabc\n1,000\n0x10\n.5\n-.5\n007\n", "human": "1K\n2M\n512\n1G\n3k\n-1M\n0\n1.5K\n", "t": "root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/:/usr/bin/nologin\nvagrant:x:1000:1000::/home/vagrant:/bin/bash\nnobody:x:65534:65534:Nobody:/:/usr/bin/nologin\n", "ws": "b  2 x\na 10 y\nc   1 z\nd 2 a\n", "mon": "Feb\njan\nDEC\nfoo\n mar\n", "ver": "file-1.10.txt\nfile-1.2.txt\nfile-1.9.txt\n.hidden\nfile-1.2a.txt\nfile\n..\n.\nv1.0~rc1\nv1.0\n", "g": "1e3\n2\nnan\nabc\n-inf\ninf\n0x1p4\n1.5e-2\n", "sorted": "a\nb\nb\nc\n", "nonl": "z\ny", "empty": "", "d/x": "" };

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

describe('sort', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("orderings", async () => {
    expect(await run(["sort", "a"])).toEqual({ stdout: "\n  date\n-3\n1.5\n10\n1e3\n9\nBanana\nCherry\napple\napple\nbanana\n", stderr: "", status: 0 });
    expect(await run(["sort", "-r", "a"])).toEqual({ stdout: "banana\napple\napple\nCherry\nBanana\n9\n1e3\n10\n1.5\n-3\n  date\n\n", stderr: "", status: 0 });
    expect(await run(["sort", "-f", "a"])).toEqual({ stdout: "\n  date\n-3\n1.5\n10\n1e3\n9\napple\napple\nBanana\nbanana\nCherry\n", stderr: "", status: 0 });
    expect(await run(["sort", "-u", "a"])).toEqual({ stdout: "\n  date\n-3\n1.5\n10\n1e3\n9\nBanana\nCherry\napple\nbanana\n", stderr: "", status: 0 });
    expect(await run(["sort", "-fu", "a"])).toEqual({ stdout: "\n  date\n-3\n1.5\n10\n1e3\n9\napple\nbanana\nCherry\n", stderr: "", status: 0 });
    expect(await run(["sort", "-d", "a"])).toEqual({ stdout: "\n  date\n10\n1.5\n1e3\n-3\n9\nBanana\nCherry\napple\napple\nbanana\n", stderr: "", status: 0 });
    expect(await run(["sort", "-i", "a"])).toEqual({ stdout: "\n  date\n-3\n1.5\n10\n1e3\n9\nBanana\nCherry\napple\napple\nbanana\n", stderr: "", status: 0 });
    expect(await run(["sort", "-fd", "a"])).toEqual({ stdout: "\n  date\n10\n1.5\n1e3\n-3\n9\napple\napple\nBanana\nbanana\nCherry\n", stderr: "", status: 0 });
    expect(await run(["sort", "-n", "nums"])).toEqual({ stdout: "-3\n-.5\n+4\n-0\n0\n0x10\nabc\n.5\n1,000\n1.5\n 7\n007\n9\n10\n", stderr: "", status: 0 });
    expect(await run(["sort", "-rn", "nums"])).toEqual({ stdout: "10\n9\n007\n 7\n1.5\n1,000\n.5\nabc\n0x10\n0\n-0\n+4\n-.5\n-3\n", stderr: "", status: 0 });
    expect(await run(["sort", "-nu", "nums"])).toEqual({ stdout: "-3\n-.5\n+4\n.5\n1,000\n1.5\n 7\n9\n10\n", stderr: "", status: 0 });
    expect(await run(["sort", "-h", "human"])).toEqual({ stdout: "-1M\n0\n512\n1K\n1.5K\n3k\n2M\n1G\n", stderr: "", status: 0 });
    expect(await run(["sort", "-h", "nums"])).toEqual({ stdout: "-3\n-.5\n+4\n-0\n0\n0x10\nabc\n.5\n1,000\n1.5\n 7\n007\n9\n10\n", stderr: "", status: 0 });
    expect(await run(["sort", "-g", "g"])).toEqual({ stdout: "abc\nnan\n-inf\n1.5e-2\n2\n0x1p4\n1e3\ninf\n", stderr: "", status: 0 });
    expect(await run(["sort", "-M", "mon"])).toEqual({ stdout: "foo\njan\nFeb\n mar\nDEC\n", stderr: "", status: 0 });
    expect(await run(["sort", "-V", "ver"])).toEqual({ stdout: ".\n..\n.hidden\nfile\nfile-1.2.txt\nfile-1.2a.txt\nfile-1.9.txt\nfile-1.10.txt\nv1.0~rc1\nv1.0\n", stderr: "", status: 0 });
    expect(await run(["sort", "--sort=numeric", "nums"])).toEqual({ stdout: "-3\n-.5\n+4\n-0\n0\n0x10\nabc\n.5\n1,000\n1.5\n 7\n007\n9\n10\n", stderr: "", status: 0 });
    expect(await run(["sort", "-z", "a"])).toEqual({ stdout: "banana\napple\nCherry\napple\n  date\n10\n9\n-3\n1.5\n1e3\n\nBanana\n\u0000", stderr: "", status: 0 });
    expect(await run(["sort", "a", "nonl"])).toEqual({ stdout: "\n  date\n-3\n1.5\n10\n1e3\n9\nBanana\nCherry\napple\napple\nbanana\ny\nz\n", stderr: "", status: 0 });
    expect(await run(["sort", "empty"])).toEqual({ stdout: "", stderr: "", status: 0 });
  });

  test("keys", async () => {
    expect(await run(["sort", "-t:", "-k3,3n", "t"])).toEqual({ stdout: "root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/:/usr/bin/nologin\nvagrant:x:1000:1000::/home/vagrant:/bin/bash\nnobody:x:65534:65534:Nobody:/:/usr/bin/nologin\n", stderr: "", status: 0 });
    expect(await run(["sort", "-t", ":", "-k3n", "t"])).toEqual({ stdout: "root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/:/usr/bin/nologin\nvagrant:x:1000:1000::/home/vagrant:/bin/bash\nnobody:x:65534:65534:Nobody:/:/usr/bin/nologin\n", stderr: "", status: 0 });
    expect(await run(["sort", "-t:", "-k7", "-k1,1", "t"])).toEqual({ stdout: "root:x:0:0:root:/root:/bin/bash\nvagrant:x:1000:1000::/home/vagrant:/bin/bash\nbin:x:1:1::/:/usr/bin/nologin\nnobody:x:65534:65534:Nobody:/:/usr/bin/nologin\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k2n", "ws"])).toEqual({ stdout: "c   1 z\nb  2 x\nd 2 a\na 10 y\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k2", "ws"])).toEqual({ stdout: "c   1 z\nb  2 x\na 10 y\nd 2 a\n", stderr: "", status: 0 });
    expect(await run(["sort", "-b", "-k2", "ws"])).toEqual({ stdout: "c   1 z\na 10 y\nd 2 a\nb  2 x\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k2b", "ws"])).toEqual({ stdout: "c   1 z\na 10 y\nd 2 a\nb  2 x\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k2,2n", "-k1,1r", "ws"])).toEqual({ stdout: "c   1 z\nd 2 a\nb  2 x\na 10 y\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k3", "ws"])).toEqual({ stdout: "d 2 a\nb  2 x\na 10 y\nc   1 z\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k1.2", "ws"])).toEqual({ stdout: "c   1 z\nb  2 x\na 10 y\nd 2 a\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k1.2,1.2", "ws"])).toEqual({ stdout: "a 10 y\nb  2 x\nc   1 z\nd 2 a\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k2.1b,2.1", "ws"])).toEqual({ stdout: "a 10 y\nb  2 x\nc   1 z\nd 2 a\n", stderr: "", status: 0 });
    expect(await run(["sort", "-s", "-k1,1f", "a"])).toEqual({ stdout: "\n  date\n-3\n1.5\n10\n1e3\n9\napple\napple\nbanana\nBanana\nCherry\n", stderr: "", status: 0 });
    expect(await run(["sort", "-n", "-k2", "ws"])).toEqual({ stdout: "c   1 z\nb  2 x\nd 2 a\na 10 y\n", stderr: "", status: 0 });
    expect(await run(["sort", "-rk2n", "ws"])).toEqual({ stdout: "c   1 z\nd 2 a\nb  2 x\na 10 y\n", stderr: "", status: 0 });
    expect(await run(["sort", "-u", "-k1,1", "t", "-t:"])).toEqual({ stdout: "bin:x:1:1::/:/usr/bin/nologin\nnobody:x:65534:65534:Nobody:/:/usr/bin/nologin\nroot:x:0:0:root:/root:/bin/bash\nvagrant:x:1000:1000::/home/vagrant:/bin/bash\n", stderr: "", status: 0 });
    expect(await run(["sort", "-k2,2", "-k1,1", "-t", " ", "ws"])).toEqual({ stdout: "b  2 x\nc   1 z\na 10 y\nd 2 a\n", stderr: "", status: 0 });
  });

  test("check and input", async () => {
    expect(await run(["sort", "-c", "sorted"])).toEqual({ stdout: "", stderr: "", status: 0 });
    expect(await run(["sort", "-c", "a"])).toEqual({ stdout: "", stderr: "sort: a:2: disorder: apple\n", status: 1 });
    expect(await run(["sort", "-C", "a"])).toEqual({ stdout: "", stderr: "", status: 1 });
    expect(await run(["sort", "-cu", "sorted"])).toEqual({ stdout: "", stderr: "sort: sorted:3: disorder: b\n", status: 1 });
    expect(await run(["sort", "-c", "a", "sorted"])).toEqual({ stdout: "", stderr: "sort: extra operand 'sorted' not allowed with -c\n", status: 2 });
    expect(await run(["sort"], "b\na\nc\n")).toEqual({ stdout: "a\nb\nc\n", stderr: "", status: 0 });
    expect(await run(["sort", "-", "sorted"], "q\n")).toEqual({ stdout: "a\nb\nb\nc\nq\n", stderr: "", status: 0 });
    expect(await run(["sort", "-c"], "b\na\n")).toEqual({ stdout: "", stderr: "sort: -:2: disorder: a\n", status: 1 });
  });

  test("errors", async () => {
    expect(await run(["sort", "nope"])).toEqual({ stdout: "", stderr: "sort: cannot read: nope: No such file or directory\n", status: 2 });
    expect(await run(["sort", "d"])).toEqual({ stdout: "", stderr: "sort: read failed: d: Is a directory\n", status: 2 });
    expect(await run(["sort", "-k", "0", "a"])).toEqual({ stdout: "", stderr: "sort: field number is zero: invalid field specification '0'\n", status: 2 });
    expect(await run(["sort", "-k", "1.0", "a"])).toEqual({ stdout: "", stderr: "sort: character offset is zero: invalid field specification '1.0'\n", status: 2 });
    expect(await run(["sort", "-k", "1,0", "a"])).toEqual({ stdout: "", stderr: "sort: field number is zero: invalid field specification '1,0'\n", status: 2 });
    expect(await run(["sort", "-k", "1.x", "a"])).toEqual({ stdout: "", stderr: "sort: invalid number after '.': invalid count at start of 'x'\n", status: 2 });
    expect(await run(["sort", "-k", "x", "a"])).toEqual({ stdout: "", stderr: "sort: invalid number at field start: invalid count at start of 'x'\n", status: 2 });
    expect(await run(["sort", "-t", "ab", "a"])).toEqual({ stdout: "", stderr: "sort: multi-character tab 'ab'\n", status: 2 });
    expect(await run(["sort", "-t", "", "a"])).toEqual({ stdout: "", stderr: "sort: empty tab\n", status: 2 });
    expect(await run(["sort", "-gn", "a"])).toEqual({ stdout: "", stderr: "sort: options '-gn' are incompatible\n", status: 2 });
    expect(await run(["sort", "-k1n,1g", "a"])).toEqual({ stdout: "", stderr: "sort: options '-gn' are incompatible\n", status: 2 });
    expect(await run(["sort", "-x"])).toEqual({ stdout: "", stderr: "sort: invalid option -- 'x'\nTry 'sort --help' for more information.\n", status: 2 });
    expect(await run(["sort", "-k", "2,", "a"])).toEqual({ stdout: "", stderr: "sort: invalid number after ',': invalid count at start of ''\n", status: 2 });
    expect(await run(["sort", "-k", "1b,1", "-k", "2x", "a"])).toEqual({ stdout: "", stderr: "sort: stray character in field spec: invalid field specification '2x'\n", status: 2 });
    expect(await run(["sort", "-o"])).toEqual({ stdout: "", stderr: "sort: option requires an argument -- 'o'\nTry 'sort --help' for more information.\n", status: 2 });
    expect(await run(["sort", "-S", "x", "a"])).toEqual({ stdout: "", stderr: "sort: invalid -S argument 'x'\n", status: 2 });
    expect(await run(["sort", "--sort=x", "a"])).toEqual({ stdout: "", stderr: "sort: invalid argument 'x' for '--sort'\nValid arguments are:\n  - 'general-numeric'\n  - 'human-numeric'\n  - 'month'\n  - 'numeric'\n  - 'random'\n  - 'version'\nTry 'sort --help' for more information.\n", status: 1 });
  });
});
