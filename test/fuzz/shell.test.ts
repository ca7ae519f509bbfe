/**
 * Hostile input typed into a login terminal: unbalanced quotes, deep nesting, huge arguments,
 * control characters and escape sequences, lone surrogates, very long lines, and random strings.
 * Whatever comes in, no JavaScript exception escapes (no unhandled rejection, no JS error text on
 * the screen), the login shell survives, the kernel's invariants hold and the prompt answers.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kernelInvariants } from '../property/kernelInvariants.ts';
import { runConfig, testTimeout } from '../property/config.ts';
import { JS_ERROR, Term } from './terminal.ts';

const escaped: unknown[] = [];
const onError = (e: unknown) => { escaped.push(e); };
beforeAll(() => { process.on('unhandledRejection', onError); process.on('uncaughtException', onError); });
afterAll(() => { process.off('unhandledRejection', onError); process.off('uncaughtException', onError); });

const N = 3000;
const HOSTILE: Array<[string, string]> = [
  ['unbalanced double quote', 'echo "abc'], ['unbalanced single quote', "echo 'abc"], ['open $(', 'echo $('],
  ['open ${', 'echo ${'], ['open backquote', 'echo `'], ['unterminated here-doc', 'cat <<EOF'], ['open if', 'if true; then'],
  ['trailing backslash', 'echo \\'], ['stray closers', ') } fi done esac ]] )) ;; ;&'],
  ['deep $( nesting', `echo ${'$('.repeat(N)}${')'.repeat(N)}`], ['deep ( nesting', `${'('.repeat(N)}true${')'.repeat(N)}`],
  ['deep { nesting', `${'{ '.repeat(N)}true; ${'}; '.repeat(N)}`], ['deep arithmetic', `echo $((${'('.repeat(N)}1${')'.repeat(N)}))`],
  ['deep ${ nesting', `echo ${'${x:-'.repeat(N)}y${'}'.repeat(N)}`], ['deep [[ nesting', `[[ ${'( '.repeat(N)}a${' )'.repeat(N)} ]]`],
  ['100 KB argument', `echo ${'a'.repeat(100_000)} | wc -c`], ['50 KB command name', 'x'.repeat(50_000)],
  ['20 K words', `echo ${'w '.repeat(20_000)}| wc -w`], ['argument over MAX_ARG_STRLEN', `/usr/bin/echo ${'b'.repeat(140_000)}`],
  ['control characters', `echo ${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => !'\x03\x04\r\n\x1a\x0f\x11\x13\x16\x12\x15\x17\x19'.includes(c)).join('')}\x7f`],
  ['escape sequences', 'echo \x1b[999999999A\x1b[9999;9999H\x1b]0;title\x07\x1bP\x1b[?1049h\x1b[6n\x1b[c\x1b[>c'],
  ['half an escape sequence', 'echo \x1b[12;'], ['lone surrogates', 'echo \ud800 \udc00x \udbff\ud800 \uffff \ufffe'],
  ['NUL and replacement chars', 'printf "a\\0b\\xff\\xfe\\n" | cat -A'], ['astral characters', 'echo 🎉𝒵\u{10ffff} | wc -m'],
  ['arithmetic edge cases', 'echo $((2**63)) $((1/0)) $((-9223372036854775807-1)) $((1<<64)) $((08))'],
  ['printf huge width', 'printf "%*s" 1000000 x | wc -c'], ['printf format bombs', 'printf "%s%n%p%q%999999999d%.*s\\n" 1 2 3'],
  ['runaway recursion', 'f() { f; }; f'], ['recursive alias', 'alias a=a b=c c=b; a; b'],
  ['huge brace expansion', 'echo {1..9999999} | wc -c'], ['nested brace bomb', 'echo {a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b} | wc -c'],
  ['glob over /proc', 'echo /proc/*/*/* | wc -w'], ['redirection past RLIMIT_NOFILE', 'exec 1024>/dev/null; echo $?'],
  ['exec of nothing', 'exec /nonexistent/program'], ['eval of garbage', 'eval "$(printf "\\x28%.0s" {1..2000})"'],
  ['read from a closed stdin', 'read x <&-; echo $?'], ['kill init as a user', 'kill -9 1; kill -9 -1000000; kill -s BOGUS 1'],
  ['huge seq', 'seq 1 1e15 | tail -1'], ['unicode IFS', 'IFS=é; x="aébéc"; echo $x'],
];

describe('hostile lines at the prompt', () => {
  const term = new Term();
  test.each(HOSTILE)('%s', async (_name, line) => {
    if (term.total === 0) await term.ready();
    const out = await term.type(`${line}\r`, 3000);
    expect(out).not.toMatch(JS_ERROR);
    expect(term.session.closed).toBe(false);
    expect(kernelInvariants(term.kernel)).toEqual([]);
    expect(await term.alive(String(term.total))).toBe(true);
    expect(escaped).toEqual([]);
  }, 30000);
});

/** Random keystrokes, with ^D (logout on an empty line) left out so the session stays open. */
const keys = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...'"\'`$(){}[]<>|&;\\ *?!#~=\n\t\x1b\x03\x7fabc-'.split('')), maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
).map((s) => s.replace(/[\x04]/g, ''));

const cfg = runConfig({ numRuns: 40, maxOps: 0 });

test('random keystrokes never break the shell or the kernel', async () => {
  const term = new Term();
  await term.ready();
  await fc.assert(
    fc.asyncProperty(keys, async (text) => {
      const out = await term.type(`${text}\r`, 1500);
      if (JS_ERROR.test(out)) throw new Error(`a JavaScript error reached the screen for ${JSON.stringify(text)}: ${out.slice(-300)}`);
      if (term.session.closed) throw new Error(`the login shell exited on ${JSON.stringify(text)}`);
      const inv = kernelInvariants(term.kernel);
      if (inv.length) throw new Error(`invariants after ${JSON.stringify(text)}: ${inv.join('; ')}`);
      if (!(await term.alive(String(term.total)))) throw new Error(`the prompt stopped answering after ${JSON.stringify(text)}`);
    }),
    { numRuns: cfg.numRuns, seed: cfg.seed, path: cfg.path, endOnFailure: true },
  );
  expect(escaped).toEqual([]);
}, testTimeout(60000));
