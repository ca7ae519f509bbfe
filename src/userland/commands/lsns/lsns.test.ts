import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Kernel } from '../../../kernel/Kernel.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { bootSandbox } from '../../../sandbox/index.ts';
import { Table } from '../../lib/smartcols.ts';

const boot = () => bootSandbox().host.kernel;
const ref = (p: string) => readFileSync(new URL(`../../../../test/reference/${p}`, import.meta.url), 'utf8');

/** Start `argv` (ending in a long sleep) and return the host pids of the new processes once it sleeps. */
async function background(k: Kernel, argv: string[]): Promise<Map<string, number>> {
  const before = new Set([...k.tasks]);
  void execCapture(k, argv);
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 1));
    const fresh = [...k.tasks].filter((x) => !before.has(x));
    if (fresh.some((t) => t.comm === 'sleep')) return new Map(fresh.map((t) => [t.comm, t.pid.nrIn(k.initPidNs)]));
  }
  throw new Error('background task did not start');
}

/** The host's initial namespaces, in inode order, with how many tasks lsns will find in each. */
function hostRows(k: Kernel, extra: number, pidw: number): string {
  const n = k.tasks.size + extra;
  const rows: Array<[number, string, number]> = [
    [4026531832, 'mnt', n - 1], [4026531833, 'net', n], [4026531834, 'time', n], [4026531835, 'cgroup', n],
    [4026531836, 'pid', n], [4026531837, 'user', n], [4026531838, 'uts', n], [4026531839, 'ipc', n],
  ];
  return rows.map(([ns, t, c]) => `${ns} ${t.padEnd(6)} ${String(c).padStart(6)} ${'1'.padStart(pidw)} root /sbin/init\n`).join('');
}

describe('lsns on the host', () => {
  test('the initial namespaces, plus the devtmpfs thread\'s own mount namespace (reference header and widths)', async () => {
    const k = boot();
    // lsns counts the exec helper and itself.
    const expected = hostRows(k, 2, 3) + '4026531860 mnt         1  24 root kdevtmpfs\n';
    const r = await execCapture(k, ['lsns']);
    expect(r).toEqual({ stdout: `        NS TYPE   NPROCS PID USER COMMAND\n${expected}`, stderr: '', status: 0 });
    // Same header and NS/TYPE layout as the real capture (01-host/lsns.txt).
    const cols = (s: string) => s.split('\n').map((l) => l.slice(0, 22));
    expect(cols(r.stdout)).toEqual(cols(ref('01-host/lsns.txt')));
  });

  test('a container-like set of namespaces: the pid namespace row is drawn under its parent process', async () => {
    const k = boot();
    const p = await background(k, ['unshare', '--pid', '--fork', '--mount-proc', '--uts', '--net', '--ipc', '--mount', 'sleep', '1000']);
    const u = p.get('unshare')!, s = p.get('sleep')!;
    const cmd = 'unshare --pid --fork --mount-proc --uts --net --ipc --mount sleep 1000';
    const n = k.tasks.size + 2;
    const host = (ns: number, t: string, c: number) => `${ns} ${t.padEnd(6)} ${String(c).padStart(6)}     1 root /sbin/init\n`;
    const r = await execCapture(k, ['lsns']);
    expect(r.stdout).toBe('        NS TYPE   NPROCS   PID USER COMMAND\n'
      + host(4026531832, 'mnt', n - 3) + host(4026531833, 'net', n - 2) + host(4026531834, 'time', n)
      + host(4026531835, 'cgroup', n) + host(4026531836, 'pid', n - 1) + host(4026531837, 'user', n)
      + host(4026531838, 'uts', n - 2) + host(4026531839, 'ipc', n - 2)
      + '4026531860 mnt         1    24 root kdevtmpfs\n'
      + `4026532160 mnt         2  ${u} root ${cmd}\n`
      + `4026532161 uts         2  ${u} root ${cmd}\n`
      + `4026532162 ipc         2  ${u} root ${cmd}\n`
      + `4026532163 pid         1  ${s} root └─sleep 1000\n`
      + `4026532164 net         2  ${u} root ${cmd}\n`);
    // The same shape as 02-default/host_lsns.txt: the pid row hangs under the ipc row.
    const shape = (text: string) => text.split('\n').filter((l) => /^40265321/.test(l)).map((l) => l.split(/\s+/)[1] + (l.includes('└─') ? ' tree' : ''));
    expect(shape(r.stdout)).toEqual(shape(ref('02-default/host_lsns.txt')));

    expect((await execCapture(k, ['lsns', '-t', 'net'])).stdout).toBe('        NS TYPE NPROCS   PID USER    NETNSID NSFS COMMAND\n'
      + `4026531833 net     ${String(n - 2).padStart(3)}     1 root unassigned      /sbin/init\n`
      + `4026532164 net       2  ${u} root unassigned      ${cmd}\n`);
    expect((await execCapture(k, ['lsns', '-t', 'pid', '-l'])).stdout).toBe('        NS TYPE NPROCS   PID USER COMMAND\n'
      + `4026531836 pid     ${String(n - 1).padStart(3)}     1 root /sbin/init\n4026532163 pid       1  ${s} root sleep 1000\n`);
  });

  test('a process\'s namespaces (-p) and the processes of one namespace', async () => {
    const k = boot();
    const r = await execCapture(k, ['lsns', '-p', '24', '-o', 'NS,TYPE,PID,COMMAND']);
    expect(r.stdout).toBe(`        NS TYPE   PID COMMAND
4026531833 net      1 /sbin/init
4026531834 time     1 /sbin/init
4026531835 cgroup   1 /sbin/init
4026531836 pid      1 /sbin/init
4026531837 user     1 /sbin/init
4026531838 uts      1 /sbin/init
4026531839 ipc      1 /sbin/init
4026531860 mnt     24 kdevtmpfs
`);
    expect((await execCapture(k, ['lsns', '4026531860'])).stdout).toBe('PID PPID USER COMMAND\n 24    2 root kdevtmpfs\n');
  });

  test('raw and JSON output', async () => {
    const k = boot();
    const n = k.tasks.size + 2;
    expect((await execCapture(k, ['lsns', '-r', '-t', 'uts'])).stdout).toBe(`NS TYPE NPROCS PID USER COMMAND\n4026531838 uts ${n} 1 root /sbin/init\n`);
    expect((await execCapture(k, ['lsns', '-J', '-t', 'uts', '-n'])).stdout).toBe(`{
   "namespaces": [
      {
         "ns": 4026531838,
         "type": "uts",
         "nprocs": ${n},
         "pid": 1,
         "user": "root",
         "command": "/sbin/init"
      }
   ]
}
`);
  });

  test('as a user: only the namespaces of that user\'s processes', async () => {
    const r = await execCapture(boot(), ['lsns', '-t', 'pid', '-t', 'net'], { uid: 1000 });
    expect(r.stdout).toBe(`        NS TYPE NPROCS   PID USER       NETNSID NSFS COMMAND
4026531833 net       3   701 vagrant unassigned      /usr/lib/systemd/systemd --user
4026531836 pid       3   701 vagrant                 /usr/lib/systemd/systemd --user
`);
  });
});

describe('lsns and persistent namespaces', () => {
  test('NSFS: where a network namespace is bind-mounted (unshare --net=FILE, like ip netns add)', async () => {
    const k = boot();
    await execCapture(k, ['touch', '/run/netns/blue']);
    const p = await background(k, ['unshare', '--net=/run/netns/blue', 'sleep', '1000']);
    const s = p.get('sleep')!;
    const n = k.tasks.size + 2;
    expect((await execCapture(k, ['lsns', '-t', 'net'])).stdout).toBe(`        NS TYPE NPROCS   PID USER    NETNSID NSFS            COMMAND
4026531833 net     ${String(n - 1).padStart(3)}     1 root unassigned                 /sbin/init
4026532160 net       1  ${s} root unassigned /run/netns/blue sleep 1000
`);
    expect((await execCapture(k, ['findmnt', '-n', '-o', 'SOURCE', '/run/netns/blue'])).stdout).toBe('nsfs[net:[4026532160]]\n');
  });
});

describe('lsns NETNSID', () => {
  test('the id the reader\'s namespace gave the other one (ip netns set), asked over rtnetlink', async () => {
    const k = boot();
    await execCapture(k, ['ip', 'netns', 'add', 'blue']);
    await execCapture(k, ['ip', 'netns', 'set', 'blue', '7']);
    const p = await background(k, ['nsenter', '--net=/run/netns/blue', 'sleep', '1000']);
    const s = p.get('sleep')!;
    const r = await execCapture(k, ['lsns', '-t', 'net', '-o', 'NS,NPROCS,PID,NETNSID,NSFS,COMMAND']);
    expect(r.stdout.split("\n")[2]).toBe(`4026532160      1  ${s}          7 /run/netns/blue sleep 1000`);
  });
});

describe('lsns inside new namespaces', () => {
  test('unshare -p -f --mount-proc: only itself, as pid 1 (like a container\'s lsns)', async () => {
    const r = await execCapture(boot(), ['unshare', '-p', '-f', '--mount-proc', 'lsns']);
    expect(r.stdout).toBe(`        NS TYPE   NPROCS PID USER COMMAND
4026531833 net         1   1 root lsns
4026531834 time        1   1 root lsns
4026531835 cgroup      1   1 root lsns
4026531837 user        1   1 root lsns
4026531838 uts         1   1 root lsns
4026531839 ipc         1   1 root lsns
4026532160 mnt         1   1 root lsns
4026532161 pid         1   1 root lsns
`);
    // The container capture has the same columns and widths.
    expect(r.stdout.split('\n')[0]).toBe(ref('02-default/ctr_lsns.txt').split('\n')[0]);
  });
});

describe('lsns errors', () => {
  test('bad arguments', async () => {
    const k = boot();
    const e = (stderr: string) => ({ stdout: '', stderr, status: 1 });
    expect(await execCapture(k, ['lsns', '-t', 'foo'])).toEqual(e('lsns: unknown namespace type: foo\n'));
    expect(await execCapture(k, ['lsns', '-o', 'NS,BOGUS'])).toEqual(e('lsns: unknown column: BOGUS\n'));
    expect(await execCapture(k, ['lsns', '123'])).toEqual(e('lsns: not found namespace: 123\n'));
    expect(await execCapture(k, ['lsns', 'abc'])).toEqual(e("lsns: invalid namespace argument: 'abc'\n"));
    expect(await execCapture(k, ['lsns', '-p', 'x'])).toEqual(e("lsns: invalid PID argument: 'x'\n"));
    expect(await execCapture(k, ['lsns', '-J', '-r'])).toEqual(e('lsns: mutually exclusive arguments: --json --raw\n'));
    expect(await execCapture(k, ['lsns', '-z'])).toEqual(e("lsns: invalid option -- 'z'\nTry 'lsns --help' for more information.\n"));
  });
});

describe('libsmartcols layout', () => {
  test('tree art, width hints, and truncation of TRUNC columns on a terminal', () => {
    const t = new Table([{ name: 'PID', whint: 5, right: true }, { name: 'COMMAND', trunc: true, tree: true }]);
    const a = t.newLine(); a.cells = ['1', 'init'];
    const b = t.newLine(a); b.cells = ['1234', 'sshd: /usr/bin/sshd -D [listener]'];
    const c = t.newLine(b); c.cells = ['1240', 'bash'];
    const d = t.newLine(a); d.cells = ['7', 'agetty'];
    expect(t.render()).toBe('  PID COMMAND\n    1 init\n 1234 ├─sshd: /usr/bin/sshd -D [listener]\n 1240 │ └─bash\n    7 └─agetty\n');
    expect(t.render({ termWidth: 20 })).toBe('  PID COMMAND\n    1 init\n 1234 ├─sshd: /usr/b\n 1240 │ └─bash\n    7 └─agetty\n');
  });
});
