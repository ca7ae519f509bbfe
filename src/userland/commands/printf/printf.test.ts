import { beforeAll, describe, expect, test } from 'vitest';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { formatPrintf } from './printf.ts';

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

describe('printf', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { run = await setup(); });

  test("integers", async () => {
    expect(await run(["printf", "%d %d\\n", "1", "x", "12abc"])).toEqual({ stdout: "1 0\n12 0\n", stderr: "printf: 'x': expected a numeric value\nprintf: '12abc': value not completely converted\n", status: 1 });
    expect(await run(["printf", "%x %o %u\\n", "-1", "-1", "-1"])).toEqual({ stdout: "ffffffffffffffff 1777777777777777777777 18446744073709551615\n", stderr: "", status: 0 });
    expect(await run(["printf", "%d\\n", "99999999999999999999"])).toEqual({ stdout: "9223372036854775807\n", stderr: "printf: '99999999999999999999': Numerical result out of range\n", status: 1 });
    expect(await run(["printf", "%d %d\\n", "'A", "\"B"])).toEqual({ stdout: "65 66\n", stderr: "", status: 0 });
    expect(await run(["printf", "%i %d\\n", "010", "0x1f"])).toEqual({ stdout: "8 31\n", stderr: "", status: 0 });
    expect(await run(["printf", "%#x %#o %+d % d %05d %-5d|\\n", "255", "8", "5", "5", "5", "5"])).toEqual({ stdout: "0xff 010 +5  5 00005 5    |\n", stderr: "", status: 0 });
    expect(await run(["printf", "%.3d|%.0d|%-+05d|\\n", "5", "0", "3"])).toEqual({ stdout: "005||+3   |\n", stderr: "", status: 0 });
    expect(await run(["printf", "%ld %lld %hd %zd %jd\\n", "1", "2", "3", "4", "5"])).toEqual({ stdout: "1 2 3 4 5\n", stderr: "", status: 0 });
    expect(await run(["printf", "%'d\\n", "1234567"])).toEqual({ stdout: "1234567\n", stderr: "", status: 0 });
    expect(await run(["printf", "%d %d %d %d|\\n", "'abc", "'", "\"", " -12 "])).toEqual({ stdout: "97 0 0 -12|\n", stderr: "printf: warning: bc: character(s) following character constant have been ignored\nprintf: '\\'': expected a numeric value\nprintf: '\"': expected a numeric value\nprintf: ' -12 ': value not completely converted\n", status: 1 });
    expect(await run(["printf", "%d\\n", "0x", "08", "-9223372036854775809", "18446744073709551616"])).toEqual({ stdout: "0\n0\n-9223372036854775808\n9223372036854775807\n", stderr: "printf: '0x': value not completely converted\nprintf: '08': value not completely converted\nprintf: '-9223372036854775809': Numerical result out of range\nprintf: '18446744073709551616': Numerical result out of range\n", status: 1 });
    expect(await run(["printf", "%u\\n", "-9223372036854775809", "99999999999999999999999"])).toEqual({ stdout: "9223372036854775807\n18446744073709551615\n", stderr: "printf: '99999999999999999999999': Numerical result out of range\n", status: 1 });
    expect(await run(["printf", "%i\\n", "0b101", "0x"])).toEqual({ stdout: "0\n0\n", stderr: "printf: '0b101': value not completely converted\nprintf: '0x': value not completely converted\n", status: 1 });
  });

  test("floats", async () => {
    expect(await run(["printf", "%e %E %g %G %a\\n", "12345.678", "0.000012", "1e-10", "123456789", "1"])).toEqual({ stdout: "1.234568e+04 1.200000E-05 1e-10 1.23457E+08 0x8p-3\n", stderr: "", status: 0 });
    expect(await run(["printf", "%f %.0f %.3f %10.2f\\n", "3.14159", "2.5", "1", "3.14159"])).toEqual({ stdout: "3.141590 2 1.000       3.14\n", stderr: "", status: 0 });
    expect(await run(["printf", "%.0f %.0f %.0f %.0f %.1f %.2f\\n", "0.5", "1.5", "-2.5", "3.5", "0.25", "0.125"])).toEqual({ stdout: "0 2 -2 4 0.2 0.12\n", stderr: "", status: 0 });
    expect(await run(["printf", "%g %g %g %g %g %g\\n", "100000", "1000000", "0.0001", "0.00001", "0", "-1.5"])).toEqual({ stdout: "100000 1e+06 0.0001 1e-05 0 -1.5\n", stderr: "", status: 0 });
    expect(await run(["printf", "%.0e %.1e %#.0e %#x\\n", "5", "0.05", "3", "0"])).toEqual({ stdout: "5e+00 5.0e-02 3.e+00 0\n", stderr: "", status: 0 });
    expect(await run(["printf", "%08.3f|%-8.3e|%+g|% G\\n", "-3.14159", "1234.5", "3", "1e100"])).toEqual({ stdout: "-003.142|1.234e+03|+3| 1E+100\n", stderr: "", status: 0 });
    expect(await run(["printf", "%F %E %G\\n", "inf", "-inf", "nan"])).toEqual({ stdout: "INF -INF NAN\n", stderr: "", status: 0 });
    expect(await run(["printf", "%f\\n", "inf", "nan", "-0", "0x10"])).toEqual({ stdout: "inf\nnan\n-0.000000\n16.000000\n", stderr: "", status: 0 });
    expect(await run(["printf", "%f %f %f\\n", "1e", "0x1p", "-x"])).toEqual({ stdout: "1.000000 1.000000 0.000000\n", stderr: "printf: '1e': value not completely converted\nprintf: '0x1p': value not completely converted\nprintf: '-x': expected a numeric value\n", status: 1 });
    expect(await run(["printf", "%+.2e|%#.3g|%-8.3f|%010.4f|\\n", "3.14159", "1", "2.5", "3.14159"])).toEqual({ stdout: "+3.14e+00|1.00|2.500   |00003.1416|\n", stderr: "", status: 0 });
  });

  test("strings, %b, %q, escapes", async () => {
    expect(await run(["printf", "%5s|%-5s|%.2s\\n", "ab", "cd", "efgh"])).toEqual({ stdout: "   ab|cd   |ef\n", stderr: "", status: 0 });
    expect(await run(["printf", "%c|%c|\\n", "", "hello"])).toEqual({ stdout: "\u0000|h|\n", stderr: "", status: 0 });
    expect(await run(["printf", "%3c|%-3c|\\n", "a", "b"])).toEqual({ stdout: "  a|b  |\n", stderr: "", status: 0 });
    expect(await run(["printf", "%b|\\n", "a\\tb\\0101\\101\\x41\\c", "z"])).toEqual({ stdout: "a\tbAAA", stderr: "", status: 0 });
    expect(await run(["printf", "%b\\n", "\\q\\c"])).toEqual({ stdout: "\\q", stderr: "", status: 0 });
    expect(await run(["printf", "%q\\n", "a b", "it's", "x$y", ""])).toEqual({ stdout: "'a b'\n\"it's\"\n'x$y'\n''\n", stderr: "", status: 0 });
    expect(await run(["printf", "\\q|\\c|after\\n"])).toEqual({ stdout: "\\q|", stderr: "", status: 0 });
    expect(await run(["printf", "\\0101\\101\\x4g\\n"])).toEqual({ stdout: "\b1A\u0004g\n", stderr: "", status: 0 });
    expect(await run(["printf", "\\e[1m\\\"\\\\\\a\\b\\f\\v\\r\\n"])).toEqual({ stdout: "\u001b[1m\"\\\u0007\b\f\u000b\r\n", stderr: "", status: 0 });
    expect(await run(["printf", "%.s|\\n", "abc"])).toEqual({ stdout: "|\n", stderr: "", status: 0 });
    expect(await run(["printf", "%5.1s|%c%c\\n", "xyz", "a"])).toEqual({ stdout: "    x|a\u0000\n", stderr: "", status: 0 });
    expect(await run(["printf", "%b", ""])).toEqual({ stdout: "", stderr: "", status: 0 });
  });

  test("format reuse and arguments", async () => {
    expect(await run(["printf", "%s %s\\n", "a", "b", "c"])).toEqual({ stdout: "a b\nc \n", stderr: "", status: 0 });
    expect(await run(["printf", "%s-%d\\n", "a", "1", "b"])).toEqual({ stdout: "a-1\nb-0\n", stderr: "", status: 0 });
    expect(await run(["printf", "abc\\n", "x", "y"])).toEqual({ stdout: "abc\n", stderr: "printf: warning: ignoring excess arguments, starting with 'x'\n", status: 0 });
    expect(await run(["printf", "%s\\n"])).toEqual({ stdout: "\n", stderr: "", status: 0 });
    expect(await run(["printf", "%*d|\\n", "x", "5"])).toEqual({ stdout: "5|\n", stderr: "printf: 'x': expected a numeric value\n", status: 1 });
    expect(await run(["printf", "%.*f|\\n", "x", "5"])).toEqual({ stdout: "5|\n", stderr: "printf: 'x': expected a numeric value\n", status: 1 });
    expect(await run(["printf", "%s\\n", "--"])).toEqual({ stdout: "--\n", stderr: "", status: 0 });
    expect(await run(["printf", "--", "%s\\n", "x"])).toEqual({ stdout: "x\n", stderr: "", status: 0 });
    expect(await run(["printf", "-v", "x"])).toEqual({ stdout: "-v", stderr: "printf: warning: ignoring excess arguments, starting with 'x'\n", status: 0 });
  });

  test("errors", async () => {
    expect(await run(["printf"])).toEqual({ stdout: "", stderr: "printf: missing operand\nTry 'printf --help' for more information.\n", status: 1 });
    expect(await run(["printf", "%z\\n", "1"])).toEqual({ stdout: "", stderr: "printf: %z\\: invalid conversion specification\n", status: 1 });
    expect(await run(["printf", "a%5.2zb\\n"])).toEqual({ stdout: "a", stderr: "printf: %5.2zb: invalid conversion specification\n", status: 1 });
    expect(await run(["printf", "%5b|%-5q|\\n", "ab", "cd"])).toEqual({ stdout: "", stderr: "printf: %5b: invalid conversion specification\n", status: 1 });
    expect(await run(["printf", "%%|%5%|\\n"])).toEqual({ stdout: "%|", stderr: "printf: %5%: invalid conversion specification\n", status: 1 });
    expect(await run(["printf", "%"])).toEqual({ stdout: "", stderr: "printf: %: invalid conversion specification\n", status: 1 });
    expect(await run(["printf", "a%"])).toEqual({ stdout: "a", stderr: "printf: %: invalid conversion specification\n", status: 1 });
    expect(await run(["printf", "%5"])).toEqual({ stdout: "", stderr: "printf: %5: invalid conversion specification\n", status: 1 });
    expect(await run(["printf", "\\x"])).toEqual({ stdout: "", stderr: "printf: missing hexadecimal number in escape\n", status: 1 });
    expect(await run(["printf", "\\u12"])).toEqual({ stdout: "", stderr: "printf: missing hexadecimal number in escape\n", status: 1 });
    expect(await run(["printf", "%05s|\\n", "a"])).toEqual({ stdout: "", stderr: "printf: %05s: invalid conversion specification\n", status: 1 });
    expect(await run(["printf", "%#d\\n", "1"])).toEqual({ stdout: "", stderr: "printf: %#d: invalid conversion specification\n", status: 1 });
  });

  test('formatPrintf for the shell builtin (bash wording)', () => {
    const b = (f: string, ...a: string[]) => formatPrintf(f, a, { dialect: 'bash' });
    expect(b('%d %d|%q %q %q %q %q\\n', '12abc', 'x', 'a b', '', '~x', 'a#b', '$(x)')).toEqual({ text: "12 0|a\\ b '' \\~x a#b \\$\\(x\\)\n", errors: ['12abc: invalid number', 'x: invalid number'] });
    expect(b('%q\\n', 'a\nb')).toEqual({ text: "$'a\\nb'\n", errors: [] });
    expect(b('%z')).toEqual({ text: '', errors: ["`%z': missing format character"] });
    expect(b('a%kb')).toEqual({ text: 'a', errors: ["`k': invalid format character"] });
    expect(b('%5q|%-4b|\\n', 'a', 'x\\ty')).toEqual({ text: '    a|x\ty |\n', errors: [] });
    expect(b('\\x|\\u|\\c')).toEqual({ text: '\\x|\\u|\\c', errors: ['missing hex digit for \\x', 'missing unicode digit for \\u'] });
    expect(b('%d\\n', '99999999999999999999')).toEqual({ text: '9223372036854775807\n', errors: ['warning: 99999999999999999999: Numerical result out of range'] });
    expect(b('%s\\n')).toEqual({ text: '\n', errors: [] });
    expect(b('abc', 'x', 'y')).toEqual({ text: 'abc', errors: [] });
    expect(b('%s=%d\\n', 'a', '1', 'b', '2')).toEqual({ text: 'a=1\nb=2\n', errors: [] });
  });

  test('coreutils wording and UTF-8 quoting', () => {
    expect(formatPrintf('%d|', ['x', "'\u00e9"])).toEqual({ text: '0|233|', errors: ["'x': expected a numeric value"] });
    expect(formatPrintf('%d', ['x'], { quote: (s) => `\u2018${s}\u2019` }).errors).toEqual(['\u2018x\u2019: expected a numeric value']);
  });
});
