import { describe, expect, test } from 'vitest';
import type { IsolatedRoot, NamespaceSnapshot, NsSet, ProcessInfo } from '../../sandbox/snapshot.ts';
import { evaluateCheck } from './checks.ts';

const HOST: NsSet = { pid: 4026531836, net: 4026531833, mnt: 4026531832, uts: 4026531838, ipc: 4026531839, cgroup: 4026531835 };

function proc(p: Partial<ProcessInfo> & { hostPid: number }): ProcessInfo {
  return { pid: p.hostPid, ppid: 1, comm: 'bash', cmd: 'bash', uid: 0, kthread: false, ns: HOST, ...p };
}

/** The host plus one `docker run -it --pid=host` shell (own mnt, net, uts; host pid). */
function pidHostContainer(): NamespaceSnapshot {
  const ns: NsSet = { ...HOST, mnt: 4026532161, net: 4026532166, uts: 4026532162 };
  const root: IsolatedRoot = {
    hostPid: 4123, pid: 4123, comm: 'bash', cmd: 'bash', hostname: 'bb8d7e679d1d', ns,
    sharesWithHost: { pid: true, net: false, mnt: false, uts: false, ipc: true, cgroup: true },
  };
  return {
    version: 1,
    host: { ...HOST, hostname: 'archlinux' },
    pidTree: { inum: HOST.pid, level: 0, children: [], processes: [proc({ hostPid: 1, comm: 'systemd', cmd: '/sbin/init' }), proc({ hostPid: 4123, ns })] },
    netNamespaces: [
      { inum: HOST.net, names: [], pids: [1], devices: [] },
      { inum: ns.net, names: [], pids: [4123], devices: [{ ifindex: 1, name: 'lo', kind: 'loopback', up: true, operstate: 'UNKNOWN', mac: '', addrs: ['127.0.0.1/8'] }] },
    ],
    mntNamespaces: [{ inum: ns.mnt, root: { target: '/', source: 'overlay', fstype: 'overlay', root: '/' }, mountCount: 12, binds: [], pids: [4123] }],
    utsNamespaces: [{ inum: ns.uts, hostname: 'bb8d7e679d1d', pids: [4123] }],
    ipcNamespaces: [],
    isolated: [root],
  };
}

describe('lesson checks', () => {
  const snapshot = pidHostContainer();

  test('"a container whose ps aux shows PID 1 = /sbin/init" passes on a --pid=host container', () => {
    const check = {
      type: 'all' as const,
      checks: [
        { type: 'output' as const, pattern: '^root\\s+1\\s.*/sbin/init' },
        { type: 'process' as const, comm: 'bash', pidNs: 'host' as const, mntNs: 'own' as const },
      ],
    };
    const output = 'USER  PID %CPU\nroot    1  0.0  0.1  29196 11860 ?  Ss  Nov19   0:04 /sbin/init\n';
    expect(evaluateCheck(check, { snapshot, output })).toBe(true);
    expect(evaluateCheck(check, { snapshot, output: 'root 1 0.0 bash\n' })).toBe(false);
  });

  test('namespace relations compare inode numbers with the host\'s', () => {
    expect(evaluateCheck({ type: 'process', comm: 'bash', pidNs: 'own' }, { snapshot, output: '' })).toBe(false);
    expect(evaluateCheck({ type: 'netns', which: 'own', inUse: true, onlyKinds: ['loopback'] }, { snapshot, output: '' })).toBe(true);
    expect(evaluateCheck({ type: 'mount', which: 'own', rootFstype: 'overlay' }, { snapshot, output: '' })).toBe(true);
    expect(evaluateCheck({ type: 'uts', which: 'own', hostname: '^bb8d' }, { snapshot, output: '' })).toBe(true);
  });

  test('state checks fail while there is no snapshot yet', () => {
    expect(evaluateCheck({ type: 'process', comm: 'bash' }, { snapshot: null, output: '' })).toBe(false);
  });

  test('"together" needs two isolated roots in one non-host namespace', () => {
    expect(evaluateCheck({ type: 'together', ns: 'net', roots: 2 }, { snapshot, output: '' })).toBe(false);
    const second = { ...snapshot.isolated[0]!, hostPid: 5000 };
    expect(evaluateCheck({ type: 'together', ns: 'net', roots: 2 }, { snapshot: { ...snapshot, isolated: [...snapshot.isolated, second] }, output: '' })).toBe(true);
    expect(evaluateCheck({ type: 'together', ns: 'pid', roots: 2 }, { snapshot: { ...snapshot, isolated: [...snapshot.isolated, second] }, output: '' })).toBe(false);
  });
});
