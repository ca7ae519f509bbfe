import { describe, expect, test } from 'vitest';
import { groupsMemo, parseStat, parseStatus, ZERO_MASK, type StatFields, type StatusFields } from './procfiles.ts';

const STATUS = 'Name:\tsleep\nUmask:\t0022\nUid:\t1000\t1001\t1002\t1003\nGid:\t0\t0\n' +
  'Groups:\t4 27 1000 \nVmSize:\t    8116 kB\nSize:\t7\nSigIgn:\t0000000000000004\nSigCgt:\t0000000000000000\n';

function blankStatus(): StatusFields {
  return {
    ruid: -1, euid: -1, suid: -1, fuid: -1, rgid: -1, egid: -1, sgid: -1, fgid: -1,
    vmSize: -1, vmRss: -1, vmLck: -1, vmData: -1, vmStk: -1,
    sigPnd: '-', shdPnd: '-', sigBlk: '-', sigIgn: '-', sigCgt: '-', supgids: [],
  };
}

describe('/proc/PID/status parsing', () => {
  test('each key fills its field; keys match whole line starts; absent keys leave the field alone', () => {
    const p = blankStatus();
    parseStatus(STATUS, p);
    expect(p).toEqual({
      ruid: 1000, euid: 1001, suid: 1002, fuid: 1003,
      // Missing fields of a line read as 0 (strtol of nothing).
      rgid: 0, egid: 0, sgid: 0, fgid: 0,
      // `Size` is only a suffix of `VmSize`, and VmRSS/VmLck/VmData/VmStk are absent.
      vmSize: 8116, vmRss: -1, vmLck: -1, vmData: -1, vmStk: -1,
      sigPnd: '-', shdPnd: '-', sigBlk: '-', sigIgn: '0000000000000004', sigCgt: ZERO_MASK,
      supgids: [4, 27, 1000],
    });
  });

  test('an empty Groups: value is no groups; processes with the same groups share one list', () => {
    const memo = groupsMemo();
    const a = blankStatus(), b = blankStatus(), c = blankStatus();
    parseStatus('Groups:\t\n', a, undefined, memo);
    parseStatus('Groups:\t4 27 \n', b, undefined, memo);
    parseStatus('Name:\tx\nGroups:\t4 27 \n', c, undefined, memo);
    expect(a.supgids).toEqual([]);
    expect(b.supgids).toEqual([4, 27]);
    expect(c.supgids).toBe(b.supgids);
  });

  test('a last line without newline is read', () => {
    const p = blankStatus();
    parseStatus('VmRSS:\t  42 kB', p);
    expect(p.vmRss).toBe(42);
  });
});

describe('/proc/PID/stat parsing', () => {
  test('comm may hold spaces and parentheses; fields after it are numbered from the state', () => {
    const f = {} as StatFields;
    parseStat('42 (a) b)) S 1 42 42 0 -1 4194560 0 0 0 0 7 0 0 0 20 0 1 0 99 8310784 1187 18446744073709551615 1 1\n', f);
    expect(f.comm).toBe('a) b)');
    expect(f.state).toBe('S');
    expect(f.ppid).toBe(1);
    expect(f.tpgid).toBe(-1);
    expect(f.utime).toBe(7);
    expect(f.startTicks).toBe(99);
    expect(f.vsizeBytes).toBe(8310784);
    expect(f.rsslim).toBe('18446744073709551615');
    expect(f.startcode).toBe(1);
    // Fields the text does not have are not set.
    expect(f.policy).toBeUndefined();
  });
});
