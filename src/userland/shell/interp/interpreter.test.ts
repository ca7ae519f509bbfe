import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

/** Run `bash -c SCRIPT` on a fresh host as root and return its output. */
async function sh(script: string, opts: { uid?: number } = {}) {
  const { kernel } = bootSandbox().host;
  return execCapture(kernel, ['bash', '-c', script], { uid: opts.uid, env: { HOME: '/root', PATH: '/usr/bin' } });
}

describe('bash -c', () => {
  test.each([
    ['echo hi | cat; echo $?', 'hi\n0\n'],
    ['x=5; echo "$x ${x:-d} ${y:-d} $((x*2)) ${#x}"', '5 5 d 10 1\n'],
    ['for i in a "b c"; do echo "[$i]"; done', '[a]\n[b c]\n'],
    ['if false; then echo no; elif true; then echo elif; else echo else; fi', 'elif\n'],
    ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', '3\n'],
    ['case abc in a*) echo glob;; *) echo other;; esac', 'glob\n'],
    ['f() { echo "fn $1"; return 3; }; f arg; echo $?', 'fn arg\n3\n'],
    ['echo $(echo sub) `echo back`', 'sub back\n'],
    ['echo /proc/self/ns/pid*', '/proc/self/ns/pid /proc/self/ns/pid_for_children\n'],
    ['v="a  b"; echo $v; echo "$v"', 'a b\na  b\n'],
    ['set -- x y z; echo $# $2 "$@"', '3 y x y z\n'],
    ['true && echo and; false || echo or; ! false && echo not', 'and\nor\nnot\n'],
    ['cat <<EOF\nline $((1+1))\nEOF', 'line 2\n'],
    ['cat <<< "here string"', 'here string\n'],
    ['cd /tmp && echo data > f && cat < f && echo more >> f && cat f', 'data\ndata\nmore\n'],
    ['(cd /proc; pwd); pwd', '/proc\n/\n'],
    ['x=1; (x=2); echo $x', '1\n'],
    ['s=hello.tar.gz; echo ${s%.gz} ${s%%.*} ${s#*.} ${s/l/L} ${s//l/L}', 'hello.tar hello tar.gz heLlo.tar.gz heLLo.tar.gz\n'],
    ['[[ abc == a* && -d /proc ]] && echo yes', 'yes\n'],
    ['echo $$ | grep -c .', '1\n'],
  ])('%s', async (script, expected) => {
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });

  test('unknown command: message with line number, status 127', async () => {
    const r = await sh('echo a; nope');
    expect(r).toEqual({ stdout: 'a\n', stderr: 'bash: line 1: nope: command not found\n', status: 127 });
  });

  test('syntax errors are reported with the offending line and status 2', async () => {
    const r = await sh('echo )');
    expect(r.stderr).toBe("bash: -c: line 1: syntax error near unexpected token `)'\nbash: -c: line 1: `echo )'\n");
    expect(r.status).toBe(2);
  });

  test('redirection failures and cd errors use bash wording', async () => {
    const r = await sh('cat < /nope; cd /nope; echo x > /proc/nope/x', { uid: 1000 });
    expect(r.stderr).toBe([
      'bash: line 1: /nope: No such file or directory',
      'bash: line 1: cd: /nope: No such file or directory',
      'bash: line 1: /proc/nope/x: No such file or directory',
      '',
    ].join('\n'));
  });

  test('permission checks come from the VFS: vagrant cannot write /etc', async () => {
    const r = await sh('echo x > /etc/motd', { uid: 1000 });
    expect(r.stderr).toBe('bash: line 1: /etc/motd: Permission denied\n');
    expect(r.status).toBe(1);
  });

  test('exit status of a script is that of exit or the last command', async () => {
    expect((await sh('exit 7')).status).toBe(7);
    expect((await sh('false')).status).toBe(1);
    expect((await sh('exit foo')).stderr).toBe('bash: line 1: exit: foo: numeric argument required\n');
  });

  // bash(1), set -e: not in an if/while test, not in a && / || list except after the final operator,
  // not under `!`, and not anywhere inside a function or subshell run in such a context.
  test.each([
    ['set -e; if false || false; then echo y; else echo n; fi; echo after', 'n\nafter\n', 0],
    ['set -e; false && echo x; ! true; while false; do :; done; echo on', 'on\n', 0],
    ['set -e; f() { false; echo inside; }; f || echo failed; (false; echo sub) || true; echo end', 'inside\nsub\nend\n', 0],
    ['set -e; false | true; echo pipe; true && false; echo never', 'pipe\n', 1],
    ['set -e; { false; echo never; }', '', 1],
  ])('errexit: %s', async (script, stdout, status) => {
    const r = await sh(script);
    expect(r.stdout).toBe(stdout);
    expect(r.status).toBe(status);
  });
  // read consumes one line only (byte by byte from a pipe, seeking back in a file), so loops see every
  // line; process substitution names a pipe as /dev/fd/N; /dev/stdin reopens a pipe.
  test.each([
    ['printf "1\\n2\\n" | while read l; do echo "[$l]"; done', '[1]\n[2]\n'],
    ['printf "a\\nb\\nc" > /tmp/f; while read l; do echo "[$l]"; done < /tmp/f; echo "last=$l"; { read x; cat; } < /tmp/f', '[a]\n[b]\nlast=c\nb\nc'],
    ['cat <(echo one) <(echo two); echo hi > >(cat); wait', 'one\ntwo\nhi\n'],
    ['while read l; do echo "<$l>"; done < <(printf "x\\ny\\n"); ls /proc/self/fd', '<x>\n<y>\n0\n1\n2\n'],
    ['echo piped | cat /dev/stdin; echo y | stat -L -c %F /dev/stdin', 'piped\nfifo\n'],
  ])('%s', async (script, expected) => {
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });
});

