import { describe, expect, test } from 'vitest';
import { parseStat, statusInt, statusNumbers, statusValue } from './procfiles.ts';

const STATUS = 'Name:\tsleep\nUmask:\t0022\nUid:\t1000\t1001\t1002\t1003\nGid:\t0\t0\n' +
  'Groups:\t4 27 1000 \nVmSize:\t    8116 kB\nSigIgn:\t0000000000000004\n';

describe('/proc/PID/status parsing', () => {
  test('statusValue: the trimmed value of a key at the start of a line, undefined when absent', () => {
    expect(statusValue(STATUS, 'Name')).toBe('sleep');
    expect(statusValue(STATUS, 'VmSize')).toBe('8116 kB');
    expect(statusValue(STATUS, 'SigIgn')).toBe('0000000000000004');
    expect(statusValue(STATUS, 'VmData')).toBeUndefined();
    // `Size` is only a suffix of `VmSize`: keys match whole line starts.
    expect(statusValue(STATUS, 'Size')).toBeUndefined();
  });

  test('statusNumbers/statusInt: fields read in place, padded to count with 0; every field without count', () => {
    expect(statusNumbers(STATUS, 'Uid', 4)).toEqual([1000, 1001, 1002, 1003]);
    expect(statusNumbers(STATUS, 'Gid', 4)).toEqual([0, 0, 0, 0]);
    expect(statusNumbers(STATUS, 'Groups')).toEqual([4, 27, 1000]);
    expect(statusInt(STATUS, 'VmSize')).toBe(8116);
    expect(statusInt(STATUS, 'VmStk')).toBe(0);
    expect(statusInt(STATUS, 'Uid')).toBe(1000);
    expect(statusNumbers('Groups:\t\n', 'Groups')).toEqual([]);
  });
});

describe('/proc/PID/stat parsing', () => {
  test('comm may hold spaces and parentheses; fields after it are numbered from the state', () => {
    const f = parseStat('42 (a) b)) S 1 42 42 0 -1 4194560 0 0 0 0 7 0 0 0 20 0 1 0 99 8310784 1187 18446744073709551615 1 1\n');
    expect(f.comm).toBe('a) b)');
    expect(f.state).toBe('S');
    expect(f.nums[1]).toBe(1);
    expect(f.nums[5]).toBe(-1);
    expect(f.nums[11]).toBe(7);
    expect(f.rsslim).toBe('18446744073709551615');
  });
});
