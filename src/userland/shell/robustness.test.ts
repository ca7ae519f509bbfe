/**
 * Hostile input: whatever comes in, parse() either succeeds, says
 * "incomplete", or throws ShellSyntaxError; never a stack overflow or any
 * other exception, and in time linear in the input (a quadratic step on 1 MB
 * would take minutes and time these tests out).
 */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, ShellNestingError, ShellSyntaxError } from './errors.ts';
import { parse } from './parser.ts';
import { printScript } from './print.ts';

/** parse() in both modes; returns the outcomes, failing on any non-syntax exception. */
function outcome(src: string): string[] {
  return [true, false].map((final) => {
    try {
      return parse(src, { final }).kind;
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      return e instanceof ShellNestingError ? 'nesting' : 'syntax';
    }
  });
}

const MB = 1 << 20;
const N = 10000;

describe('deep nesting', () => {
  const openers = ['(', '{ ', '$(', '"$(', '`', '${x:-', '${ ', '$((', '((', 'if a; then ', 'while a; do ', 'case x in x) ',
    'f() { ', '[[ ( ', '$( "${x:-`', 'a=(', '<(', 'x | ( '];
  it.each(openers)('%j x 10000, unclosed', (o) => {
    expect(outcome(o.repeat(N))).toBeDefined();
  });

  it('closed nesting beyond the cap is a ShellNestingError, in both modes', () => {
    expect(outcome('{ '.repeat(N) + 'a; ' + '}; '.repeat(N))).toEqual(['nesting', 'nesting']);
    expect(outcome('echo ' + '$('.repeat(N) + ')'.repeat(N))).toEqual(['nesting', 'nesting']);
    expect(outcome('echo ' + '${x:-'.repeat(N) + '}'.repeat(N))).toEqual(['nesting', 'nesting']);
    expect(outcome('[[ ' + '( '.repeat(N) + 'a' + ' )'.repeat(N) + ' ]]')).toEqual(['nesting', 'nesting']);
  });

  it('nesting within the cap parses and prints', () => {
    const d = MAX_DEPTH - 10;
    const srcs = [
      '{ '.repeat(d) + 'a; ' + '}; '.repeat(d),
      'echo ' + '"$( echo '.repeat(d / 2 - 5) + 'x' + ' )"'.repeat(d / 2 - 5),
      'echo "' + '${x:-"'.repeat(d) + 'x' + '"}'.repeat(d) + '"',
      'if a; then '.repeat(d) + 'x; ' + 'fi; '.repeat(d),
      '[[ ' + '( '.repeat(d) + 'a' + ' )'.repeat(d) + ' ]]',
    ];
    for (const src of srcs) {
      const r = parse(src, { final: true });
      expect(r.kind).toBe('ok');
      if (r.kind === 'ok') expect(printScript(r.script).length).toBeGreaterThan(d);
    }
  });

  it('long flat chains are iterative, not recursive', () => {
    expect(outcome('! '.repeat(MB / 4) + 'a')).toEqual(['ok', 'ok']);
    expect(outcome('[[ ' + '! '.repeat(MB / 4) + 'a ]]')).toEqual(['ok', 'ok']);
    expect(outcome('a' + ' && a'.repeat(MB / 32))).toEqual(['ok', 'ok']);
    expect(outcome('[[ a' + ' && a'.repeat(MB / 32) + ' ]]')).toEqual(['ok', 'ok']);
  }, 60_000);
});

describe('1 MB inputs', () => {
  const big: [string, string][] = [
    ['long word', 'echo ' + 'a'.repeat(MB)],
    ['long double-quoted', 'echo "' + 'a b'.repeat(MB / 3) + '"'],
    ['unterminated single quote', "echo '" + 'a'.repeat(MB)],
    ['dollars', '$'.repeat(MB)],
    ['backslashes', '\\'.repeat(MB)],
    ['backslash-newlines', '\\\n'.repeat(MB / 2)],
    ['double quotes', '"'.repeat(MB)],
    ['single quotes', "'".repeat(MB)],
    ['backquotes', '`'.repeat(MB)],
    ['parens', '('.repeat(MB)],
    ['arith openers', '$(('.repeat(MB / 3)],
    ['arith fallbacks', 'echo ' + '$((a) '.repeat(MB / 6)],
    ['params', '$a${b}'.repeat(MB / 6)],
    ['bad substitutions', '${ }'.repeat(MB / 4)],
    ['here-doc body', 'cat <<E\n' + 'line $x `y` $(z)\n'.repeat(MB / 18) + 'E'],
    ['unterminated here-doc', 'cat <<E\n' + 'x\n'.repeat(MB / 2)],
    ['here-doc continuation lines', 'cat <<E\n' + 'a\\\n'.repeat(MB / 3) + 'E'],
    ['here-doc backslash line', 'cat <<E\n' + '\\'.repeat(MB) + '\nE'],
    ['comments', '# c\n'.repeat(MB / 4)],
    ['semicolons', ';'.repeat(MB)],
    ['operators', '|&;<>()'.repeat(MB / 7)],
    ['control chars', Array.from({ length: MB }, (_, i) => String.fromCharCode(i % 32)).join('')],
    ['lone surrogates', '\ud800\udc00\ud800 \udfff'.repeat(MB / 6)],
    ['tilde assignment', 'PATH=' + '~/a:'.repeat(MB / 4)],
    ['ansi-c', "echo $'" + '\\x41\\u1234\\U0010ffff\\U7fffffff'.repeat(MB / 32) + "'"],
  ];
  it.each(big)('%s', (_, src) => {
    expect(outcome(src)).toBeDefined();
  }, 60_000);

  it('many small commands', () => {
    expect(outcome('a;'.repeat(MB / 8))).toEqual(['ok', 'ok']);
    expect(outcome('a | b\n'.repeat(MB / 48))).toEqual(['ok', 'ok']);
    expect(outcome('case x in ' + 'a) b;; '.repeat(MB / 64) + 'esac')).toEqual(['ok', 'ok']);
  }, 60_000);
});

describe('random input', () => {
  it('throws nothing but ShellSyntaxError', () => {
    const alphabet = ['a', ' ', '\n', '\t', ';', '|', '&', '(', ')', '{', '}', '<', '>', '"', "'", '`', '$', '\\', '#', '~',
      '=', '[', ']', '*', '-', '0', '2', 'if', 'then', 'fi', 'do', 'done', 'for', 'in', 'case', 'esac', '$(', '${', '$((',
      '((', '[[', ']]', '<<', 'E', '!', 'function', '\x00', '\x1b', '\ud800', '\udfff', 'é', '$\'', ';;'];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let s = '';
      for (let j = rnd(20); j >= 0; j--) s += alphabet[rnd(alphabet.length)];
      expect(outcome(s)).toHaveLength(2);
    }
  }, 60_000);
});
