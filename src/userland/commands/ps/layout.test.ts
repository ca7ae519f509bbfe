import { describe, expect, test } from 'vitest';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { OUTBUF_SIZE, type PsProc, type SysInfo } from './procs.ts';
import { render } from './display.ts';
import { argParse } from './ps.ts';
import { freshState } from './state.ts';

/**
 * Layout checks against the real procps-ng 4.0.2 captures in shared/reference, fed with process
 * records carrying the captured values (pids, sizes, times), so every line must match byte for byte.
 */
const NOW = Date.UTC(2025, 10, 28, 23, 55, 0) / 1000;
const UPTIME = 5000;
const BTIME = NOW - UPTIME;
const at = (hh: number, mm: number, ss = 0) => (Date.UTC(2025, 10, 28, hh, mm, ss) / 1000 - BTIME) * 100;

function info(pidLen = 5): SysInfo {
  const users = new Map([[0, 'root'], [33, 'www-data'], [998, 'systemd-timesync']]);
  return {
    uptime: UPTIME, btime: BTIME, memTotal: 65000000, pidLen, now: NOW, users,
    userIds: new Map([...users].map(([k, v]) => [v, k])), groupNames: new Map([[0, 'root']]), groupIds: new Map([['root', 0]]),
  };
}

function proc(o: Partial<PsProc> & { pid: number; comm: string }): PsProc {
  return {
    state: 'S', ppid: 1, pgrp: 1, session: 1, ttyNr: 0, tpgid: -1, flags: 0x400100, minflt: 0, majflt: 0,
    utime: 0, stime: 0, cutime: 0, cstime: 0, priority: 20, nice: 0, nlwp: 1, startTicks: at(23, 54),
    vsizeBytes: 0, rsslim: '18446744073709551615', startcode: 1, endcode: 1, startstack: 0, processor: 0, rtprio: 0,
    policy: 0, ruid: 0, euid: 0, suid: 0, fuid: 0, rgid: 0, egid: 0, sgid: 0, fgid: 0, vmSize: 0, vmRss: 0, vmLck: 0,
    vmData: 0, vmStk: 0, sigPnd: '0000000000000000', shdPnd: '0000000000000000', sigBlk: '0000000000000000',
    sigIgn: '0000000000000000', sigCgt: '0000000000000000', supgids: [0], cmdline: o.comm, ns: {}, environ: '-',
    exe: '-', cgroup: '-', ...o,
  };
}

const PTS0 = 136 << 8;
const tty = (nr: number) => (nr === PTS0 ? 'pts/0' : undefined);
const noSys = { stat: () => { throw new Error('ENOENT'); } } as unknown as SysApi;

function ps(args: string[], procs: PsProc[], inf = info(), cols = OUTBUF_SIZE, cachedTty = 0): string {
  const env = new Map<string, string>();
  const parsed = argParse(args, () => freshState(cols, 24, cachedTty, 0), noSys, inf, env, () => undefined);
  if ('error' in parsed) return `error: ${parsed.error}`;
  return render(parsed.s, procs, inf, tty, env).text;
}

const PROCESS_API = proc({
  pid: 1, ppid: 0, comm: 'process_api', session: 0, pgrp: 0, nice: -20, nlwp: 5, vmLck: 10896, utime: 2680, startTicks: at(22, 41),
  vmSize: 40044, vmRss: 10896,
  cmdline: '/process_api --firecracker-init --addr 0.0.0.0:2024 --max-ws-buffer-size 32768 --block-local-connections --log-vsock-port 5002 --control-vsock-port 5001 --listen-vsock-port 2024 --tcp-readiness-only --auth-required',
});
const HASH_CMD = 'python3 -c import hashlib,threading,time b = bytes(1 << 24) def burn():     t = time.time()     while time.time() - t < 60: hashlib.sha256(b).digest() [threading.Thread(target=burn, daemon=True).start() for _ in range(2)]; time.sleep(60)';
const PROBES = [
  proc({ pid: 3591, ppid: 2955, comm: 'sleep', cmdline: 'sleep 60', euid: 123456789, vmSize: 2920, vmRss: 1780 }),
  proc({ pid: 3592, ppid: 2955, comm: 'sleep', cmdline: 'sleep 60', euid: 998, vmSize: 2920, vmRss: 1748 }),
  proc({ pid: 3593, ppid: 2955, comm: 'sleep', cmdline: 'sleep 60', euid: 33, vmSize: 2920, vmRss: 1756 }),
  proc({ pid: 3594, ppid: 2955, comm: 'sleep', cmdline: 'sleep 60', state: 'T', vmSize: 2920, vmRss: 1820 }),
  proc({ pid: 3596, ppid: 2955, comm: 'python3', cmdline: 'python3 -c import os,time if os.fork() == 0: os._exit(0) time.sleep(60)', vmSize: 13948, vmRss: 8184 }),
  proc({ pid: 3597, ppid: 2955, comm: 'sleep', cmdline: 'sleep 60', nice: 10, vmSize: 2920, vmRss: 1796 }),
  proc({ pid: 3598, ppid: 2955, comm: 'sleep', cmdline: 'sleep 60', nice: -5, vmSize: 2920, vmRss: 1884 }),
  proc({ pid: 3599, ppid: 2955, comm: 'python3', cmdline: 'python3 -c import threading,time threading.Thread(target=time.sleep, args=(60,)).start(); time.sleep(60)', nlwp: 2, vmSize: 87700, vmRss: 8900 }),
  proc({ pid: 3600, ppid: 2955, comm: 'python3', cmdline: 'python3 -c import ctypes,time; ctypes.CDLL(None).mlockall(3); time.sleep(60)', vmLck: 14144, vmSize: 14168, vmRss: 14144 }),
  proc({ pid: 3601, ppid: 2955, comm: 'sleep', cmdline: 'sleep 60', session: 3601, vmSize: 2920, vmRss: 1824 }),
  proc({ pid: 3602, ppid: 2955, comm: 'python3', cmdline: 'python3 -c import mmap,time; m=mmap.mmap(-1, 20 << 30); time.sleep(60)', vmSize: 20985504, vmRss: 8236 }),
  proc({ pid: 3603, ppid: 2955, comm: 'python3', cmdline: HASH_CMD, nlwp: 3, utime: 600, startTicks: (UPTIME - 3.06) * 100, vmSize: 182736, vmRss: 12844 }),
  proc({ pid: 3605, ppid: 3596, comm: 'python3', state: 'Z', cmdline: '[python3] <defunct>' }),
];

describe('ps u layout (11-format-probes)', () => {
  test('ps_u_probes.txt: user truncation, STAT flags, %CPU over 100, VSZ overflow, zombie', () => {
    expect(ps(['aux'], PROBES)).toBe(`USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
1234567+  3591  0.0  0.0   2920  1780 ?        S    23:54   0:00 sleep 60
systemd+  3592  0.0  0.0   2920  1748 ?        S    23:54   0:00 sleep 60
www-data  3593  0.0  0.0   2920  1756 ?        S    23:54   0:00 sleep 60
root      3594  0.0  0.0   2920  1820 ?        T    23:54   0:00 sleep 60
root      3596  0.0  0.0  13948  8184 ?        S    23:54   0:00 python3 -c import os,time if os.fork() == 0: os._exit(0) time.sleep(60)
root      3597  0.0  0.0   2920  1796 ?        SN   23:54   0:00 sleep 60
root      3598  0.0  0.0   2920  1884 ?        S<   23:54   0:00 sleep 60
root      3599  0.0  0.0  87700  8900 ?        Sl   23:54   0:00 python3 -c import threading,time threading.Thread(target=time.sleep, args=(60,)).start(); time.sleep(60)
root      3600  0.0  0.0  14168 14144 ?        SL   23:54   0:00 python3 -c import ctypes,time; ctypes.CDLL(None).mlockall(3); time.sleep(60)
root      3601  0.0  0.0   2920  1824 ?        Ss   23:54   0:00 sleep 60
root      3602  0.0  0.0 20985504 8236 ?       S    23:54   0:00 python3 -c import mmap,time; m=mmap.mmap(-1, 20 << 30); time.sleep(60)
root      3603  196  0.0 182736 12844 ?        Sl   23:54   0:06 ${HASH_CMD}
root      3605  0.0  0.0      0     0 ?        Z    23:54   0:00 [python3] <defunct>
`);
  });

  test('ps_u_vsz_overflow.txt: the columns after an overflow absorb it', () => {
    expect(ps(['u', '-p', '1,3602'], [PROCESS_API, ...PROBES])).toBe(`USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
root         1  0.6  0.0  40044 10896 ?        S<Ll 22:41   0:26 ${PROCESS_API.cmdline}
root      3602  0.0  0.0 20985504 8236 ?       S    23:54   0:00 python3 -c import mmap,time; m=mmap.mmap(-1, 20 << 30); time.sleep(60)
`);
  });

  test('ps_o_stat_probes.txt: -o with NI, NLWP, TT and comm (no <defunct> for comm)', () => {
    expect(ps(['-o', 'pid,ppid,user,ni,nlwp,stat,tt,comm', '-p', PROBES.map((p) => p.pid).join(',')], PROBES)).toBe(`  PID  PPID USER      NI NLWP STAT TT       COMMAND
 3591  2955 1234567+   0    1 S    ?        sleep
 3592  2955 systemd+   0    1 S    ?        sleep
 3593  2955 www-data   0    1 S    ?        sleep
 3594  2955 root       0    1 T    ?        sleep
 3596  2955 root       0    1 S    ?        python3
 3597  2955 root      10    1 SN   ?        sleep
 3598  2955 root      -5    1 S<   ?        sleep
 3599  2955 root       0    2 Sl   ?        python3
 3600  2955 root       0    1 SL   ?        python3
 3601  2955 root       0    1 Ss   ?        sleep
 3602  2955 root       0    1 S    ?        python3
 3603  2955 root       0    3 Sl   ?        python3
 3605  3596 root       0    1 Z    ?        python3
`);
  });

  test('ps_pid_width_by_pid_max.txt: PID is as wide as pid_max has digits, header at least', () => {
    const head = (len: number) => ps(['aux'], [], info(len)).split('\n')[0];
    expect(head(4)).toBe('USER      PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(head(5)).toBe('USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(head(6)).toBe('USER        PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(head(7)).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
  });
});

describe('ps width rules (01-host, 11-format-probes)', () => {
  const first = (cols: number, args = ['aux']) => ps(args, [PROCESS_API], info(), cols).split('\n')[1];
  test('tty 80: only COMMAND is cut, at column 80, without a marker', () => {
    expect(first(80)).toBe('root         1  0.6  0.0  40044 10896 ?        S<Ll 22:41   0:26 /process_api --');
  });
  test('tty 120 and COLUMNS=60 (a multiple of 60 >= the 68 fixed columns)', () => {
    const line120 = 'root         1  0.6  0.0  40044 10896 ?        S<Ll 22:41   0:26 /process_api --firecracker-init --addr 0.0.0.0:2024 --m';
    expect(first(120)).toBe(line120);
    expect(first(60)).toBe(line120);
  });
  test('ww is unlimited even on a narrow terminal', () => {
    expect(first(80, ['auxww'])).toBe(`root         1  0.6  0.0  40044 10896 ?        S<Ll 22:41   0:26 ${PROCESS_API.cmdline}`);
  });
  test('w alone gives 132 columns', () => {
    expect(first(80, ['auxw'])).toHaveLength(132);
  });
});

describe('container shapes (02-default), pid_max 4194304', () => {
  const bash = proc({ pid: 1, ppid: 0, comm: 'bash', cmdline: 'bash', session: 1, pgrp: 1, ttyNr: PTS0, tpgid: 2, startTicks: at(23, 53), vmSize: 4204, vmRss: 3500, utime: 1, stime: 1 });
  const sleep = proc({ pid: 29, ppid: 1, comm: 'sleep', cmdline: 'sleep 1000', session: 1, pgrp: 29, ttyNr: PTS0, tpgid: 33, startTicks: at(23, 53), vmSize: 2500, vmRss: 1524 });
  const psAxf = proc({ pid: 33, ppid: 1, comm: 'ps', cmdline: 'ps axf', state: 'R', session: 1, pgrp: 33, ttyNr: PTS0, tpgid: 33, startTicks: at(23, 53), vmSize: 8116, vmRss: 4344 });
  test('ctr_ps_axf.txt: children of PID 1 are not indented', () => {
    expect(ps(['axf'], [bash, sleep, psAxf], info(7))).toBe(`    PID TTY      STAT   TIME COMMAND
      1 pts/0    Ss     0:00 bash
     29 pts/0    S      0:00 sleep 1000
     33 pts/0    R+     0:00 ps axf
`);
  });
  test('-H indents them (two spaces a level)', () => {
    expect(ps(['-eH'], [bash, sleep, psAxf], info(7))).toBe(`    PID TTY          TIME CMD
      1 pts/0    00:00:00 bash
     29 pts/0    00:00:00   sleep
     33 pts/0    00:00:00   ps
`);
  });
  test('ctr_ps_ef.txt', () => {
    const psEf = { ...psAxf, pid: 24, pgrp: 24, tpgid: 24, cmdline: 'ps -ef' };
    expect(ps(['-ef'], [{ ...bash, tpgid: 24 }, psEf], info(7))).toBe(`UID          PID    PPID  C STIME TTY          TIME CMD
root           1       0  0 23:53 pts/0    00:00:00 bash
root          24       1  0 23:53 pts/0    00:00:00 ps -ef
`);
  });
  test('ctr_ps_ns_columns.txt and an unreadable namespace as `-`', () => {
    const ns = { pid: 4026532181, net: 4026532182, mnt: 4026532178, uts: 4026532179, ipc: 4026532180 };
    const psNs = { ...psAxf, pid: 25, comm: 'ps', ns };
    expect(ps(['-eo', 'pid,ppid,pidns,netns,mntns,utsns,ipcns,comm'], [{ ...bash, ns: {} }, psNs], info(7))).toBe(`    PID    PPID      PIDNS      NETNS      MNTNS      UTSNS      IPCNS COMMAND
      1       0          -          -          -          -          - bash
     25       1 4026532181 4026532182 4026532178 4026532179 4026532180 ps
`);
  });
  test('host_ps_forest.txt: --forest with u, levels of `    ` and ` \\_ `', () => {
    const unshare = proc({ pid: 3131, ppid: 3130, comm: 'unshare', cmdline: 'unshare --pid --fork --mount-proc /usr/bin/python3 init.py', startTicks: at(23, 53), vmSize: 2960, vmRss: 1768 });
    const hb = { ...bash, pid: 3132, ppid: 3131, session: 3132, pgrp: 3132, tpgid: 3132, ttyNr: PTS0 + 5, vmRss: 3512 };
    const hs = { ...sleep, pid: 3170, ppid: 3132, pgrp: 3170, tpgid: 3132, ttyNr: PTS0 + 5 };
    expect(ps(['u', '--forest', '-p', '3131,3132,3170'], [unshare, hb, hs])).toBe(`USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
root      3131  0.0  0.0   2960  1768 ?        S    23:53   0:00 unshare --pid --fork --mount-proc /usr/bin/python3 init.py
root      3132  0.0  0.0   4204  3512 ?        Ss+  23:53   0:00  \\_ bash
root      3170  0.0  0.0   2500  1524 ?        S    23:53   0:00      \\_ sleep 1000
`);
  });
});
