/**
 * Grammar, AST shape, bash 5.2's syntax error texts (checked against
 * `bash -n -c`, whose messages are the interactive ones after "bash: -c: line N: "),
 * interactive incompleteness, and source text / printing for job messages.
 */
import { describe, expect, it } from 'vitest';
import type { AndOr, Command, Pipeline, Redirect, SimpleCommand, Word } from './ast.ts';
import { ShellSyntaxError } from './errors.ts';
import { createParser, parse, parseScript } from './parser.ts';
import { commandText, printScript } from './print.ts';

const w = (text: string): Word => ({ text, parts: [{ type: 'literal', text, quoted: false }] });
const simple = (words: string[], more: Partial<SimpleCommand> = {}): SimpleCommand => ({
  type: 'simple', assignments: [], words: words.map(w), redirects: [], line: 1, ...more,
});
const pipe = (text: string, commands: Command[], more: Partial<Pipeline> = {}): Pipeline => ({
  type: 'pipeline', commands, ops: commands.slice(1).map(() => '|'), negated: false, timed: false, timePosix: false,
  text, line: 1, ...more,
});
const andOr = (text: string, first: Pipeline, more: Partial<AndOr> = {}): AndOr => ({
  type: 'andor', first, rest: [], background: false, text, line: 1, ...more,
});
/** One simple command as a whole and-or list. */
const cmd = (text: string, words: string[], more: Partial<SimpleCommand> = {}): AndOr =>
  andOr(text, pipe(text, [simple(words, more)]));

function first(src: string): Command {
  return parseScript(src).body[0]!.first.commands[0]!;
}

describe('AST', () => {
  it('simple command with assignments and redirections', () => {
    const redirects: Redirect[] = [
      { op: '>', fd: null, target: w('out') },
      { op: '>&', fd: 2, target: w('1') },
    ];
    expect(parseScript('FOO=bar cmd a >out 2>&1')).toEqual({
      type: 'script',
      body: [cmd('FOO=bar cmd a >out 2>&1', ['cmd', 'a'], {
        assignments: [{ name: 'FOO', append: false, value: w('bar'), text: 'FOO=bar' }], redirects,
      })],
    });
  });

  it('bare assignments, append, subscripts and arrays', () => {
    const c = first('a= b+=x c[1]=y d=(1 "2 3"\n 4) ') as SimpleCommand;
    expect(c.words).toEqual([]);
    expect(c.assignments.map(({ name, append, index, value, array }) => ({ name, append, index, value: value.text, array: array?.map((x) => x.text) })))
      .toEqual([
        { name: 'a', append: false, index: undefined, value: '', array: undefined },
        { name: 'b', append: true, index: undefined, value: 'x', array: undefined },
        { name: 'c', append: false, index: '1', value: 'y', array: undefined },
        { name: 'd', append: false, index: undefined, value: '', array: ['1', '"2 3"', '4'] },
      ]);
    expect((first('echo a=b') as SimpleCommand).assignments).toEqual([]);
    expect((first('"a"=b') as SimpleCommand).assignments).toEqual([]);
  });

  it('pipelines, negation and and-or lists with background flags', () => {
    expect(parseScript('a | b && ! c || d &\ne; f')).toEqual({
      type: 'script',
      body: [
        andOr('a | b && ! c || d', pipe('a | b', [simple(['a']), simple(['b'])]), {
          background: true,
          rest: [
            { op: '&&', pipeline: pipe('! c', [simple(['c'])], { negated: true }) },
            { op: '||', pipeline: pipe('d', [simple(['d'])]) },
          ],
        }),
        cmd('e', ['e'], { line: 2 }),
        cmd('f', ['f'], { line: 2 }),
      ].map((a, i) => (i ? { ...a, line: 2, first: { ...a.first, line: 2 } } : a)),
    });
  });

  it('the fork bomb :(){ :|:& };:', () => {
    const body = andOr(':|:', pipe(':|:', [simple([':']), simple([':'])]), { background: true });
    expect(parseScript(':(){ :|:& };:')).toEqual({
      type: 'script',
      body: [
        andOr(':(){ :|:& }', pipe(':(){ :|:& }', [{ type: 'function', name: ':', line: 1, body: { type: 'group', body: [body], redirects: [] } }])),
        cmd(':', [':']),
      ],
    });
  });

  it('compound commands', () => {
    expect(first('if a; then b; elif c\nthen d; else e; fi >f')).toEqual({
      type: 'if',
      clauses: [{ cond: [cmd('a', ['a'])], body: [cmd('b', ['b'])] }, { cond: [cmd('c', ['c'])], body: [cmd('d', ['d'], { line: 2 })].map((a) => ({ ...a, line: 2, first: { ...a.first, line: 2 } })) }],
      elseBody: [cmd('e', ['e'], { line: 2 })].map((a) => ({ ...a, line: 2, first: { ...a.first, line: 2 } })),
      redirects: [{ op: '>', fd: null, target: w('f') }],
    });
    expect(first('until a; do b; done')).toEqual({ type: 'while', until: true, cond: [cmd('a', ['a'])], body: [cmd('b', ['b'])], redirects: [] });
    expect(first('for x in a b; do c; done')).toEqual({ type: 'for', name: 'x', items: [w('a'), w('b')], body: [cmd('c', ['c'])], redirects: [] });
    expect(first('for x do c; done')).toMatchObject({ type: 'for', items: null });
    expect(first('for ((i=0; i<3; i++)); do c; done')).toMatchObject({ type: 'arithfor', init: 'i=0', cond: 'i<3', step: 'i++' });
    expect(first('select x in a; do c; done')).toMatchObject({ type: 'for', select: true });
    expect(first('( a; b ) 2>/dev/null')).toMatchObject({ type: 'subshell', body: [{ text: 'a' }, { text: 'b' }], redirects: [{ op: '>', fd: 2 }] });
    expect(first('{ a; }')).toEqual({ type: 'group', body: [cmd('a', ['a'])], redirects: [] });
    expect(first('(( x = 1 + 2 ))')).toEqual({ type: 'arith', expr: ' x = 1 + 2 ', redirects: [] });
    expect(first('((a) )')).toMatchObject({ type: 'subshell', body: [{ first: { commands: [{ type: 'subshell' }] } }] });
  });

  it('case with all terminators and optional ;; before esac', () => {
    expect(first('case $x in (a|b) c;; *) ;& d) e;;& f) g\nesac')).toMatchObject({
      type: 'case',
      subject: { text: '$x' },
      items: [
        { patterns: [w('a'), w('b')], body: [{ text: 'c' }], terminator: ';;' },
        { patterns: [w('*')], body: [], terminator: ';&' },
        { patterns: [w('d')], body: [{ text: 'e' }], terminator: ';;&' },
        { patterns: [w('f')], body: [{ text: 'g' }], terminator: ';;' },
      ],
    });
    expect(first('case x in esac')).toMatchObject({ type: 'case', items: [] });
  });

  it('[[ ]] conditional expressions', () => {
    expect(first('[[ ! -f $a && ( b == c* || d =~ ^(x|y)$ ) ]]')).toMatchObject({
      type: 'cond',
      expr: {
        type: 'and',
        left: { type: 'not', expr: { type: 'unary', op: '-f', arg: { text: '$a' } } },
        right: {
          type: 'paren',
          expr: {
            type: 'or',
            left: { type: 'binary', op: '==', left: { text: 'b' }, right: { text: 'c*' } },
            right: { type: 'binary', op: '=~', right: { text: '^(x|y)$' } },
          },
        },
      },
    });
    expect(first('[[ a < b ]]')).toMatchObject({ expr: { type: 'binary', op: '<' } });
  });

  it('function definitions: name(), name (), function name, function name()', () => {
    for (const src of ['f() { a; }', 'f ( ) { a; }', 'function f { a; }', 'function f() { a; }', 'f()\n{ a; }']) {
      expect(first(src)).toMatchObject({ type: 'function', name: 'f', body: { type: 'group' } });
    }
    expect(first('f() ( a ) >x')).toMatchObject({ type: 'function', body: { type: 'subshell', redirects: [{ op: '>' }] } });
  });

  it('recognises reserved words only in command position', () => {
    expect(first('echo if then fi }')).toEqual(simple(['echo', 'if', 'then', 'fi', '}']));
    expect(first('"if"')).toMatchObject({ type: 'simple' });
    expect(first('x=1 if')).toMatchObject({ type: 'simple', words: [{ text: 'if' }] });
    expect(first('for x in do done; do a; done')).toMatchObject({ type: 'for', items: [{ text: 'do' }, { text: 'done' }] });
    expect(first('{echo a')).toMatchObject({ type: 'simple', words: [{ text: '{echo' }, { text: 'a' }] });
    // ...and a `}` after `;` is in command position: bash rejects `{echo a;}`.
    expect(() => parseScript('{echo a;}')).toThrow("syntax error near unexpected token `}'");
  });

  it('time, time -p, bare ! and time, |&', () => {
    expect(parseScript('time -p ! a |& b').body[0]!.first).toMatchObject({ timed: true, timePosix: true, negated: true, ops: ['|&'] });
    expect(parseScript('! ! a').body[0]!.first.negated).toBe(false);
    expect(parseScript('!').body[0]!.first).toMatchObject({ negated: true, commands: [] });
    expect(parseScript('time').body[0]!.first).toMatchObject({ timed: true, commands: [] });
  });

  it('records exact source text and lines on pipelines and and-or lists', () => {
    const s = parseScript('sleep    1000 &\n  a  |\n  b  &&  c ;  echo "x  y" # c');
    expect(s.body.map((a) => [a.text, a.line, a.background])).toEqual([
      ['sleep    1000', 1, true], ['a  |\n  b  &&  c', 2, false], ['echo "x  y"', 3, false],
    ]);
    expect(s.body[1]!.first.text).toBe('a  |\n  b');
    expect(s.body[1]!.rest[0]!.pipeline.text).toBe('c');
  });
});

describe('printing', () => {
  it('renders commands the way bash shows them in jobs (one line)', () => {
    const cases: [string, string][] = [
      ['sleep    1000 &', 'sleep 1000 &'],
      ['echo "a  b"  \'c\' | sleep 100', 'echo "a  b" \'c\' | sleep 100'],
      ['{ sleep 100;echo x; }', '{ sleep 100; echo x; }'],
      ['( sleep 100 )', '( sleep 100 )'],
      ['sleep 100 >/dev/null 2>&1', 'sleep 100 > /dev/null 2>&1'],
      ['FOO=bar  sleep 100 <<<  hi', 'FOO=bar sleep 100 <<< hi'],
      ['a |& b', 'a 2>&1 | b'],
      ['if a; then b; elif c; then d; else e; fi', 'if a; then b; elif c; then d; else e; fi'],
      ['while a; do b & done', 'while a; do b & done'],
      ['for i in 1 2; do b; done', 'for i in 1 2; do b; done'],
      ['case x in a|b) c;; esac', 'case x in a | b) c;; esac'],
      [':(){ :|:& };:', ': () { : | : & }; :'],
      ['[[ -n $a && ! b ]]', '[[ -n $a && ! b ]]'],
      ['((x++))', '(( x++ ))'],
    ];
    for (const [src, out] of cases) expect(printScript(parseScript(src))).toBe(out);
  });

  it('commandText takes any node', () => {
    const a = parseScript('sleep 1 | cat && echo done &').body[0]!;
    expect(commandText(a)).toBe('sleep 1 | cat && echo done');
    expect(commandText(a.first)).toBe('sleep 1 | cat');
    expect(commandText(a.first.commands[1]!)).toBe('cat');
  });
});

describe('syntax errors (bash 5.2 texts)', () => {
  const errors: [string, string, number][] = [
    ['echo )', "syntax error near unexpected token `)'", 1],
    ['|', "syntax error near unexpected token `|'", 1],
    ['if true', 'syntax error: unexpected end of file', 2],
    ['echo "abc', "unexpected EOF while looking for matching `\"'", 1],
    ["echo 'abc", "unexpected EOF while looking for matching `''", 1],
    ['echo `ls', "unexpected EOF while looking for matching ``'", 1],
    ['echo $(', "unexpected EOF while looking for matching `)'", 2],
    ['echo $(if true', "unexpected EOF while looking for matching `)'", 2],
    ['echo ${a:-x', "unexpected EOF while looking for matching `}'", 1],
    ['echo $((1+2', "unexpected EOF while looking for matching `)'", 1],
    ['x=(1 2', "unexpected EOF while looking for matching `)'", 1],
    ['echo ${x "', "unexpected EOF while looking for matching `\"'", 1],
    ['x\necho \'a\nb', "unexpected EOF while looking for matching `''", 2],
    ['echo a\n\nfi', "syntax error near unexpected token `fi'", 3],
    ['echo a\n\nif', 'syntax error: unexpected end of file', 4],
    ['echo |', 'syntax error: unexpected end of file', 2],
    ['a &&', 'syntax error: unexpected end of file', 2],
    ['for', "syntax error near unexpected token `newline'", 1],
    ['echo >', "syntax error near unexpected token `newline'", 1],
    ['cat <<', "syntax error near unexpected token `newline'", 1],
    ['echo > ;', "syntax error near unexpected token `;'", 1],
    ['> 2>&1', "syntax error near unexpected token `2'", 1],
    ['for x y; do :; done', "syntax error near unexpected token `y'", 1],
    ['case x in ) ;; esac', "syntax error near unexpected token `)'", 1],
    ['case x in a) ;; b', "syntax error near unexpected token `newline'", 1],
    ['fi', "syntax error near unexpected token `fi'", 1],
    ['then', "syntax error near unexpected token `then'", 1],
    ['in', "syntax error near unexpected token `in'", 1],
    ['}', "syntax error near unexpected token `}'", 1],
    ['{ }', "syntax error near unexpected token `}'", 1],
    ['( )', "syntax error near unexpected token `)'", 1],
    ['if true; then fi', "syntax error near unexpected token `fi'", 1],
    ['if; then fi', "syntax error near unexpected token `;'", 1],
    ['while true; do done', "syntax error near unexpected token `done'", 1],
    ['a ;;', "syntax error near unexpected token `;;'", 1],
    [';', "syntax error near unexpected token `;'", 1],
    ['&', "syntax error near unexpected token `&'", 1],
    ['a & &', "syntax error near unexpected token `&'", 1],
    ['echo &;', "syntax error near unexpected token `;'", 1],
    ['a||||b', "syntax error near unexpected token `||'", 1],
    ['a | !', "syntax error near unexpected token `!'", 1],
    ['f() echo', "syntax error near unexpected token `echo'", 1],
    ['echo (', "syntax error near unexpected token `newline'", 1],
    ['echo a (', "syntax error near unexpected token `('", 1],
    ['{ echo a; } x', "syntax error near unexpected token `x'", 1],
    ['echo $(fi)', "syntax error near unexpected token `fi'", 1],
    ['{ echo a }', 'syntax error: unexpected end of file', 2],
    ['function f', 'syntax error: unexpected end of file', 2],
    ['until \\', 'syntax error: unexpected end of file', 3],
    ['[[ a b ]]', 'conditional binary operator expected', 1],
    ['[[ a', "unexpected token `newline', conditional binary operator expected", 1],
    ['[[ -f ]]', "unexpected argument `]]' to conditional unary operator", 1],
    ['[[ ( a ]]', "unexpected token `]]', expected `)'", 1],
    ['[[ a == ]]', "unexpected argument `]]' to conditional binary operator", 1],
    ['[[ a == b c ]]', 'syntax error in conditional expression', 1],
    ['[[', "unexpected token `EOF' in conditional command", 2],
  ];
  it.each(errors)('%j', (src, message, line) => {
    let err: unknown;
    try {
      parse(src, { final: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShellSyntaxError);
    expect((err as ShellSyntaxError).message).toBe(message);
    expect((err as ShellSyntaxError).line).toBe(line);
  });

  it('warns about a here-doc delimited by end of file, as bash does', () => {
    const r = parse('x\ncat <<EOF\nab', { final: true });
    expect(r).toMatchObject({ kind: 'ok', warnings: ["warning: here-document at line 2 delimited by end-of-file (wanted `EOF')"] });
  });
});

describe('interactive input', () => {
  it.each([
    'echo "abc', "echo 'abc", 'echo `ls', 'echo $(ls', 'echo ${a', 'if true', 'a |', 'a &&', 'for x in a b', 'case x in',
    'f()', '{ echo', 'cat <<EOF', 'cat <<EOF\nline', 'echo a\\', 'echo a\\\n', '[[ a &&', 'x=(1', '(( 1 +', 'while true; do',
  ])('%j needs more lines', (src) => {
    expect(parse(src)).toMatchObject({ kind: 'incomplete' });
  });

  it('completes once the rest arrives', () => {
    expect(parse('echo "abc\ndef"')).toMatchObject({ kind: 'ok' });
    expect(parse('cat <<EOF\nline\nEOF')).toMatchObject({ kind: 'ok' });
    expect(parse('echo a\\\nb')).toMatchObject({ kind: 'ok', script: { body: [{ text: 'echo a\\\nb' }] } });
  });

  it('still reports errors that more input cannot fix', () => {
    expect(() => parse('echo )')).toThrow("syntax error near unexpected token `)'");
    expect(() => parse('echo >')).toThrow("syntax error near unexpected token `newline'");
    expect(() => parse('for')).toThrow("syntax error near unexpected token `newline'");
  });
});

describe('createParser', () => {
  it('yields one complete command at a time, so earlier lines run before a later error', () => {
    const p = createParser('echo a; echo b\n\necho c\nfi', { final: true });
    expect(p.nextCommand()!.map((a) => a.text)).toEqual(['echo a', 'echo b']);
    expect(p.nextCommand()!.map((a) => a.text)).toEqual(['echo c']);
    expect(() => p.nextCommand()).toThrow("syntax error near unexpected token `fi'");
  });

  it('returns null at the end', () => {
    const p = createParser('# only a comment\n', { final: true });
    expect(p.nextCommand()).toBeNull();
  });
});
