import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { formatColumns } from '../../lib/columns.ts';
import { shellQuote } from '../../lib/quote.ts';
import { ttySession } from '../../../../test/helpers/tty.ts';

const run = (argv: string[], opts: Parameters<typeof execCapture>[2] = {}) => {
  const sb = bootSandbox();
  return execCapture(sb.host.kernel, argv, opts);
};

describe('ls layout', () => {
  test('columns with tabs exactly like the reference `ls /proc` on 80 columns', () => {
    const names = ['1', '14', 'acpi', 'buddyinfo', 'bus', 'cgroups', 'cmdline', 'config.gz', 'consoles', 'cpuinfo', 'crypto',
      'devices', 'diskstats', 'dma', 'driver', 'execdomains', 'filesystems', 'fs', 'interrupts', 'iomem', 'ioports', 'irq',
      'kallsyms', 'key-users', 'keys', 'kmsg', 'kpagecgroup', 'kpagecount', 'kpageflags', 'loadavg', 'locks', 'meminfo',
      'misc', 'mounts', 'mtrr', 'net', 'pagetypeinfo', 'partitions', 'pressure', 'self', 'slabinfo', 'softirqs', 'stat',
      'swaps', 'sys', 'sysvipc', 'thread-self', 'timer_list', 'tty', 'uptime', 'version', 'vmallocinfo', 'vmstat', 'zoneinfo'];
    expect(formatColumns(names, names.map((n) => n.length), { lineLength: 80 })).toBe(
      '1\t   cpuinfo\tinterrupts   kpagecount  pagetypeinfo  sysvipc\n'
      + '14\t   crypto\tiomem\t     kpageflags  partitions    thread-self\n'
      + 'acpi\t   devices\tioports      loadavg\t pressure      timer_list\n'
      + 'buddyinfo  diskstats\tirq\t     locks\t self\t       tty\n'
      + 'bus\t   dma\t\tkallsyms     meminfo\t slabinfo      uptime\n'
      + 'cgroups    driver\tkey-users    misc\t softirqs      version\n'
      + 'cmdline    execdomains\tkeys\t     mounts\t stat\t       vmallocinfo\n'
      + 'config.gz  filesystems\tkmsg\t     mtrr\t swaps\t       vmstat\n'
      + 'consoles   fs\t\tkpagecgroup  net\t sys\t       zoneinfo\n');
  });

  test('-x fills across', () => {
    expect(formatColumns(['a', 'bb', 'c', 'dddd'], [1, 2, 1, 4], { lineLength: 10, byColumns: false })).toBe('a  bb\nc  dddd\n');
  });

  test('shell-escape quoting', () => {
    expect(shellQuote('plain.txt')).toBe('plain.txt');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe('"it\'s"');
    expect(shellQuote('a\nb')).toBe("'a'$'\\n''b'");
    expect(shellQuote('pid:[4026532181]')).toBe("'pid:[4026532181]'");
    expect(shellQuote("a'$")).toBe("'a'\\''$'");
  });
});

describe('ls', () => {
  test('one per line through a pipe, C order', async () => {
    const r = await run(['ls', '/']);
    expect(r).toEqual({ stdout: 'bin\nboot\ndev\netc\nhome\nlib\nlib64\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n', stderr: '', status: 0 });
  });

  test('-C uses $COLUMNS when not a tty', async () => {
    const r = await run(['ls', '-C', '/'], { env: { COLUMNS: '40' } });
    expect(r.stdout).toBe('bin   etc   lib64  proc  sbin  tmp\nboot  home  mnt    root  srv   usr\ndev   lib   opt    run\t sys   var\n');
  });

  test('-l of namespace links through a pipe: unquoted targets', async () => {
    const r = await run(['ls', '-l', '/proc/self/ns']);
    expect(r.stdout.split('\n').slice(0, 3).map((l) => l.replace(/ \w{3} [ \d]\d +[\d:]+ /, ' DATE '))).toEqual([
      'total 0',
      'lrwxrwxrwx 1 root root 0 DATE cgroup -> cgroup:[4026531835]',
      'lrwxrwxrwx 1 root root 0 DATE ipc -> ipc:[4026531839]',
    ]);
  });

  test('-la on a directory with a subdirectory and files', async () => {
    const sb = bootSandbox();
    const k = sb.host.kernel;
    await execCapture(k, ['mkdir', '/tmp/d']).catch(() => undefined);
    const r = await execCapture(k, ['ls', '-la', '/home/vagrant'], { uid: 1000 });
    expect(r.stdout.replace(/Nov 19 07:58|Jan  1  1970/g, 'DATE')).toMatch(/^total 16\ndrwx------ 2 vagrant vagrant 4096 .* \.\n/);
    expect(r.stdout).toContain(' .bash_profile\n');
  });

  test('missing operand: exit 2, other operands still listed with headers', async () => {
    const r = await run(['ls', '/nope', '/usr']);
    expect(r.stderr).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(r.stdout).toBe('/usr:\nbin\nlib\nsbin\nshare\n');
    expect(r.status).toBe(2);
  });

  test('permission denied on a command-line directory', async () => {
    const r = await run(['ls', '/root'], { uid: 1000 });
    expect(r).toEqual({ stdout: '', stderr: "ls: cannot open directory '/root': Permission denied\n", status: 2 });
  });

  test('-d, -F, -i, symlink args', async () => {
    expect((await run(['ls', '-d', '/tmp', '/bin'])).stdout).toBe('/bin\n/tmp\n');
    expect((await run(['ls', '-dF', '/tmp', '/bin', '/usr/bin/cat'])).stdout).toBe('/bin@\n/tmp/\n/usr/bin/cat*\n');
    expect((await run(['ls', '/bin'])).stdout).toContain('cat\n');
    expect((await run(['ls', '-l', '/bin'])).stdout).toMatch(/^lrwxrwxrwx 1 root root 7 .* \/bin -> usr\/bin\n$/);
  });

  test('device numbers in -l', async () => {
    const r = await run(['ls', '-l', '/dev/null', '/dev/tty']);
    expect(r.stdout.replace(/ \w{3} [ \d]\d +[\d:]+ /g, ' DATE ')).toBe('crw-rw-rw- 1 root root 1, 3 DATE /dev/null\ncrw-rw-rw- 1 root root 5, 0 DATE /dev/tty\n');
  });

  test('-R lists depth first with headers', async () => {
    const sb = bootSandbox();
    const k = sb.host.kernel;
    for (const d of ['/tmp/r', '/tmp/r/a', '/tmp/r/a/x', '/tmp/r/b']) await execCapture(k, ['mkdir', d]);
    const r = await execCapture(k, ['ls', '-R', '/tmp/r']);
    expect(r.stdout).toBe('/tmp/r:\na\nb\n\n/tmp/r/a:\nx\n\n/tmp/r/a/x:\n\n/tmp/r/b:\n');
  });

  test('bad option', async () => {
    expect(await run(['ls', '-z'])).toEqual({ stdout: '', stderr: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", status: 2 });
  });

  test('on a terminal: columns, quoted names padded, quoted link targets', async () => {
    const run = await ttySession(bootSandbox(), 40);
    expect(await run('ls /')).toBe('bin   etc   lib64  proc  sbin  tmp\nboot  home  mnt    root  srv   usr\ndev   lib   opt    run\t sys   var\n');
    await run('touch "a b" c "it\'s"');
    expect(await run('ls')).toBe("'a b'   c  \"it's\"\n");
    expect(await run('ls -l')).toBe("total 0\n-rw-r--r-- 1 vagrant vagrant 0 Nov 29 09:13 'a b'\n"
      + '-rw-r--r-- 1 vagrant vagrant 0 Nov 29 09:13  c\n-rw-r--r-- 1 vagrant vagrant 0 Nov 29 09:13 "it\'s"\n');
    expect((await run('ls -l /proc/self/ns')).split('\n')[5]).toMatch(/ pid -> 'pid:\[4026531836\]'$/);
  });
});
