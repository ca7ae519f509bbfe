import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';

async function sh(script: string) {
  const { kernel } = bootSandbox().host;
  return execCapture(kernel, ['bash', '-c', script], { env: { HOME: '/root', PATH: '/usr/bin' } });
}

// Expected outputs are those of bash 5.2.
describe('brace expansion', () => {
  test.each([
    ['echo a{b,c}d {x,y}', 'abd acd x y\n'],
    ['echo {a,b{1,2}}z', 'az b1z b2z\n'],
    ['echo x{,y} {,}', 'x xy\n'],
    ['echo {1..4} {4..1} {1..10..4} {5..-5..5}', '1 2 3 4 4 3 2 1 1 5 9 5 0 -5\n'],
    ['echo {01..10..3} {-1..01}', '01 04 07 10 -1 00 01\n'],
    ['echo {a..e} {e..a..2}', 'a b c d e e c a\n'],
    ['echo "{a,b}" \'{a,b}\' \\{a,b\\} {a} {} {1..x} {a..1}', '{a,b} {a,b} {a,b} {a} {} {1..x} {a..1}\n'],
    ['v=1; echo {$v,2} ${v}{3,4} $((1+1)){a,b}', '1 2 13 14 2a 2b\n'],
    ['a={x,y}; echo $a; echo b={x,y}', '{x,y}\nb=x b=y\n'],
    ['cd /tmp && mkdir -p d/{a,b}/{1,2} && ls d d/a', 'd:\na\nb\n\nd/a:\n1\n2\n'],
    ['for f in /proc/self/{cmdline,comm}; do echo $f; done', '/proc/self/cmdline\n/proc/self/comm\n'],
  ])('%s', async (script, expected) => {
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });

  test('a sequence too large to hold fails like bash instead of exhausting memory', async () => {
    const r = await sh('echo {1..100000000}; echo after');
    expect(r.stderr).toMatch(/^bash: line 1: brace expansion: failed to allocate memory for 100000000 elements\n$/);
    expect(r.stdout).toBe('after\n');
  });
});
