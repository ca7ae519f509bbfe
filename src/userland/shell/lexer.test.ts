/**
 * Tokens and word structure. Expected values follow bash 5.2 (checked against
 * `bash -c` / `bash -n -c` while writing them).
 */
import { describe, expect, it } from 'vitest';
import type { SimpleCommand, Word, WordPart } from './ast.ts';
import { createParser, parseScript } from './parser.ts';

function tokens(src: string): string[] {
  const lx = createParser(src, { final: true }).lx;
  const out: string[] = [];
  for (let t = lx.next(); t.kind !== 'eof'; t = lx.next()) {
    if (t.kind === 'word') out.push(`w:${t.word.text}`);
    else if (t.kind === 'op') out.push(`${t.fd ?? ''}${t.op}`);
    else out.push('NL');
  }
  return out;
}

/** Parts of the words of the first simple command. */
function words(src: string): WordPart[][] {
  const cmd = parseScript(src).body[0]!.first.commands[0]!;
  if (cmd.type !== 'simple') throw new Error('not simple');
  return cmd.words.map((w: Word) => w.parts);
}

const lit = (text: string, quoted = false): WordPart => ({ type: 'literal', text, quoted });
const param = (name: string, quoted = false, braced = false): WordPart => ({ type: 'param', name, braced, quoted });

describe('tokens', () => {
  it('splits operators with maximal munch', () => {
    expect(tokens('a|b||c&d&&e;f;;g;&h;;&i|&j')).toEqual([
      'w:a', '|', 'w:b', '||', 'w:c', '&', 'w:d', '&&', 'w:e', ';', 'w:f', ';;', 'w:g', ';&', 'w:h', ';;&', 'w:i', '|&', 'w:j', 'NL',
    ]);
    expect(tokens('<a >b >>c <>d >|e <&0 >&1 &>f &>>g <<<h <<-E')).toEqual([
      '<', 'w:a', '>', 'w:b', '>>', 'w:c', '<>', 'w:d', '>|', 'w:e', '<&', 'w:0', '>&', 'w:1', '&>', 'w:f',
      '&>>', 'w:g', '<<<', 'w:h', '<<-', 'w:E', 'NL',
    ]);
  });

  it('takes an all-digit word glued to < or > as the fd', () => {
    expect(tokens('echo 2>x 10<y a2>z 2 >w')).toEqual(['w:echo', '2>', 'w:x', '10<', 'w:y', 'w:a2', '>', 'w:z', 'w:2', '>', 'w:w', 'NL']);
  });

  it('does not take the dup target as a fd: 2>&1>f (parse.y read_token_word)', () => {
    expect(tokens('cmd 2>&1>/dev/null')).toEqual(['w:cmd', '2>&', 'w:1', '>', 'w:/dev/null', 'NL']);
  });

  it('skips comments only at word start', () => {
    expect(tokens('echo a#b # c d\n#x\ne')).toEqual(['w:echo', 'w:a#b', 'NL', 'NL', 'w:e', 'NL']);
  });

  it('removes backslash-newline everywhere but in single quotes', () => {
    expect(tokens('ec\\\nho a\\\n b')).toEqual(['w:ec\\\nho', 'w:a\\\n', 'w:b', 'NL']);
    expect(words('ec\\\nho "a\\\nb" \'c\\\nd\'')).toEqual([[lit('echo')], [lit('ab', true)], [lit('c\\\nd', true)]]);
  });

  it('keeps a backslash that ends -c input literally (bash -c "echo a\\\\" prints a\\)', () => {
    expect(words('echo a\\')).toEqual([[lit('echo')], [lit('a'), lit('\\', true)]]);
  });

  it('adds the final newline bash always sees', () => {
    expect(tokens('a')).toEqual(['w:a', 'NL']);
    expect(tokens('a\n')).toEqual(['w:a', 'NL']);
  });
});

describe('words', () => {
  it('marks quoted and unquoted literal text (glob chars live only unquoted)', () => {
    expect(words(`echo *.txt '*' "?" \\[ a"b"'c'd`)).toEqual([
      [lit('echo')], [lit('*.txt')], [lit('*', true)], [lit('?', true)], [lit('[', true)],
      [lit('a'), lit('bc', true), lit('d')],
    ]);
  });

  it('keeps empty quoted strings as parts', () => {
    expect(words(`echo "" '' x""`)).toEqual([[lit('echo')], [lit('', true)], [lit('', true)], [lit('x'), lit('', true)]]);
  });

  it('applies double-quote escapes like bash: only \\$ \\` \\" \\\\ and newline', () => {
    expect(words('echo "\\$ \\` \\" \\\\ \\a"')).toEqual([[lit('echo')], [lit('$ ` " \\ \\a', true)]]);
    expect(words("echo '\\'")).toEqual([[lit('echo')], [lit('\\', true)]]);
  });

  it('reads parameters', () => {
    expect(words('echo $a $_x1 $1a $10 $? $$ $# $! $@ $* $- $0 "$@" $ "$" $%')).toEqual([
      [lit('echo')], [param('a')], [param('_x1')], [param('1'), lit('a')], [param('1'), lit('0')],
      [param('?')], [param('$')], [param('#')], [param('!')], [param('@')], [param('*')], [param('-')], [param('0')],
      [param('@', true)], [lit('$')], [lit('$', true)], [lit('$%')],
    ]);
  });

  it('reads ${...} forms', () => {
    const [, ...w] = words('echo ${a} ${10} ${#a} ${#} ${!a} ${a[1]} ${x:-a b} ${x#*/} ${x%%.*} ${x//a/b} ${x:1:2} ${x^^} ${x@Q}');
    expect(w[0]).toEqual([param('a', false, true)]);
    expect(w[1]).toEqual([param('10', false, true)]);
    expect(w[2]).toEqual([{ ...param('a', false, true), length: true }]);
    expect(w[3]).toEqual([param('#', false, true)]);
    expect(w[4]).toEqual([{ ...param('a', false, true), indirect: true }]);
    expect(w[5]).toEqual([{ ...param('a', false, true), index: '1' }]);
    expect(w[6]).toEqual([{ ...param('x', false, true), op: { op: ':-', word: { text: 'a b', parts: [lit('a b')] } } }]);
    expect(w[7]).toEqual([{ ...param('x', false, true), op: { op: '#', pattern: { text: '*/', parts: [lit('*/')] } } }]);
    expect(w[8]).toEqual([{ ...param('x', false, true), op: { op: '%%', pattern: { text: '.*', parts: [lit('.*')] } } }]);
    expect(w[9]).toEqual([{
      ...param('x', false, true),
      op: { op: '//', pattern: { text: 'a', parts: [lit('a')] }, replacement: { text: 'b', parts: [lit('b')] } },
    }]);
    expect(w[10]).toEqual([{ ...param('x', false, true), op: { op: ':', offset: '1', length: '2' } }]);
    expect(w[11]).toEqual([{ ...param('x', false, true), op: { op: '^^', pattern: null } }]);
    expect(w[12]).toEqual([{ ...param('x', false, true), op: { op: '@', transform: 'Q' } }]);
  });

  it('quotes the word inside "${x:-...}" and nests braces like bash (${x:-{a}} is {a})', () => {
    const [, a, b, c] = words(`echo "\${x:-'a' b}" \${x:-{a}} \${x:-"a  b"}`);
    expect(a).toEqual([{ ...param('x', true, true), op: { op: ':-', word: { text: "'a' b", parts: [lit("'a' b", true)] } } }]);
    expect(b).toEqual([{ ...param('x', false, true), op: { op: ':-', word: { text: '{a}', parts: [lit('{a}')] } } }]);
    expect(c).toEqual([{ ...param('x', false, true), op: { op: ':-', word: { text: '"a  b"', parts: [lit('a  b', true)] } } }]);
  });

  it('leaves ${} bash cannot expand for run time ("bad substitution")', () => {
    expect(words('echo ${} ${a b}')).toEqual([
      [lit('echo')], [{ type: 'badsubst', text: '${}', quoted: false }], [{ type: 'badsubst', text: '${a b}', quoted: false }],
    ]);
  });

  it('parses command substitutions into scripts', () => {
    const [, w] = words('echo "a$(echo "b)c")d"');
    expect(w![0]).toEqual(lit('a', true));
    expect(w![1]).toMatchObject({ type: 'cmdsubst', quoted: true, backquote: false });
    expect(w![2]).toEqual(lit('d', true));
    const inner = (w![1] as Extract<WordPart, { type: 'cmdsubst' }>).script.body[0]!;
    expect(inner.text).toBe('echo "b)c"');
  });

  it('unescapes backquotes before parsing them', () => {
    const [, w] = words('echo `echo \\`echo nest\\``');
    const s = (w![0] as Extract<WordPart, { type: 'cmdsubst' }>).script;
    expect(s.body[0]!.text).toBe('echo `echo nest`');
  });

  it('defers syntax errors inside backquotes to run time, as bash does', () => {
    expect(words('echo `fi`')[1]).toEqual([{
      type: 'cmdsubst', script: { type: 'script', body: [] }, quoted: false, backquote: true,
      error: "syntax error near unexpected token `fi'",
    }]);
  });

  it('reads $((arith)) raw, and $((cmd) ) as a command substitution', () => {
    expect(words('echo $((1 + (2*3))) "$((x))"').slice(1)).toEqual([
      [{ type: 'arith', expr: '1 + (2*3)', quoted: false }], [{ type: 'arith', expr: 'x', quoted: true }],
    ]);
    expect(words('echo $((echo hi) )')[1]![0]).toMatchObject({ type: 'cmdsubst' });
  });

  it('decodes $\'...\' and treats $"..." as "..."', () => {
    expect(words(`echo $'a\\tb\\x41\\101\\u00e9\\'\\cA' $'x\\0y' $"h $v"`).slice(1)).toEqual([
      [lit("a\tbAAé'\x01", true)], [lit('x', true)], [lit('h ', true), param('v', true)],
    ]);
  });

  it('splits tilde prefixes at word start, and after = and : in assignments', () => {
    expect(words('echo ~ ~root/x ~/a a~ ~"x" "~"').slice(1)).toEqual([
      [{ type: 'tilde', user: '' }], [{ type: 'tilde', user: 'root' }, lit('/x')], [{ type: 'tilde', user: '' }, lit('/a')],
      [lit('a~')], [lit('~'), lit('x', true)], [lit('~', true)],
    ]);
    const a = parseScript('P=~/a:~b:x~').body[0]!.first.commands[0]!;
    expect(a.type === 'simple' && a.assignments[0]!.value.parts).toEqual([
      { type: 'tilde', user: '' }, lit('/a:'), { type: 'tilde', user: 'b' }, lit(':x~'),
    ]);
  });

  it('reads process substitutions anywhere in a word', () => {
    const [, a, b] = words('diff <(ls) x>(cat)');
    expect(a![0]).toMatchObject({ type: 'procsubst', op: '<' });
    expect(b![0]).toEqual(lit('x'));
    expect(b![1]).toMatchObject({ type: 'procsubst', op: '>' });
  });

  it('takes control characters and lone surrogates as word characters', () => {
    expect(words('echo a\r\x01\ud800\udc00\udfff')[1]).toEqual([lit('a\r\x01\ud800\udc00\udfff')]);
    expect(words('echo \\\ud83d\ude00x')[1]).toEqual([lit('\ud83d\ude00', true), lit('x')]);
  });
});

describe('here-documents', () => {
  const heredoc = (src: string) => {
    const c = parseScript(src).body[0]!.first.commands[0] as SimpleCommand;
    return c.redirects[0]!.heredoc!;
  };

  it('reads the body after the line, expanding unless the delimiter is quoted', () => {
    expect(heredoc('cat <<EOF\na $x\nEOF')).toEqual({
      delimiter: 'EOF', quoted: false, stripTabs: false, body: { text: 'a $x\n', parts: [lit('a ', true), param('x', true), lit('\n', true)] },
    });
    expect(heredoc("cat <<'E'\n$x\\\nE")).toEqual({
      delimiter: 'E', quoted: true, stripTabs: false, body: { text: '$x\\\n', parts: [lit('$x\\\n', true)] },
    });
  });

  it('joins backslash-newline lines before looking for the delimiter (unquoted only)', () => {
    expect(heredoc('cat <<E\nx\\\nE\nE').body.text).toBe('xE\n');
  });

  it('strips leading tabs for <<-', () => {
    expect(heredoc('cat <<-E\n\tx\n\tE').body.text).toBe('x\n');
  });

  it('reads several bodies in order, after the rest of the line', () => {
    const s = parseScript('cat <<A; cat <<B ; echo mid\n1\nA\n2\nB\necho after');
    expect(s.body.map((a) => a.text)).toEqual(['cat <<A', 'cat <<B', 'echo mid', 'echo after']);
    expect((s.body[1]!.first.commands[0] as SimpleCommand).redirects[0]!.heredoc!.body.text).toBe('2\n');
  });

  it('defers syntax errors inside the body to run time', () => {
    expect(heredoc('cat <<E\n$(\nE')).toMatchObject({ error: "unexpected EOF while looking for matching `)'" });
  });
});
