import { describe, expect, test } from 'vitest';
import type { IsolatedRoot } from '../../sandbox/snapshot.ts';
import { compareOutputs, explain } from './lensModel.ts';

const container = (shares: Partial<IsolatedRoot['sharesWithHost']>): IsolatedRoot => ({
  hostPid: 4123,
  pid: 1,
  comm: 'bash',
  cmd: 'bash',
  hostname: 'bb8d7e679d1d',
  ns: { pid: 4026532163, net: 4026532166, mnt: 4026532161, uts: 4026532162, ipc: 4026532164, cgroup: 4026531835 },
  sharesWithHost: { pid: false, net: false, mnt: false, uts: false, ipc: false, cgroup: true, ...shares },
});

describe('compareOutputs', () => {
  test('lines found on both sides are plain, the rest are marked', () => {
    const { left, right } = compareOutputs('a\nb\nc\n', 'b\nd\n');
    expect(left).toEqual([{ text: 'a', only: true }, { text: 'b', only: false }, { text: 'c', only: true }]);
    expect(right).toEqual([{ text: 'b', only: false }, { text: 'd', only: true }]);
  });

  test('column padding does not count as a difference; duplicates are matched one for one', () => {
    const { left, right } = compareOutputs('root   1  init\nx\nx\n', 'root 1 init\nx\n');
    expect(left.map((l) => l.only)).toEqual([false, false, true]);
    expect(right.map((l) => l.only)).toEqual([false, false]);
  });

  test('empty output has no lines', () => {
    expect(compareOutputs('', 'a')).toEqual({ left: [], right: [{ text: 'a', only: true }] });
  });
});

describe('explain', () => {
  test('a --pid=host container shares the host\'s pid namespace', () => {
    expect(explain('ps', container({ pid: true }))).toMatch(/^This container shares the host’s pid namespace/);
  });

  test('a default container has its own network namespace, named by its inode number', () => {
    expect(explain('ip', container({}))).toMatch(/^This container has its own net namespace \(net:\[4026532166\]\)/);
  });
});
