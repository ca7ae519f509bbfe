import { describe, expect, test } from 'vitest';
import { runTranscript } from '../../src/cli/transcript.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';
import { normalize, reference } from './normalize.ts';

/**
 * The 02-default captures were taken inside namespaces built like `docker run`'s (new pid, mnt, uts,
 * ipc, net). `unshare` builds the same set by hand, so the namespace views must print the same shapes.
 */
const ENTER = 'sudo unshare --pid --fork --mount-proc --uts --ipc --net --mount bash';

async function inNamespaces(lines: string[]) {
  const { entries } = await runTranscript(bootSandbox(), [ENTER, ...lines], 80);
  return entries.slice(1);
}

describe('views from inside new namespaces match real Linux', () => {
  test('ps -ef lists only the namespace: bash as PID 1 with PPID 0', async () => {
    const [psEf] = await inNamespaces(['ps -ef']);
    expect(normalize(psEf.output + '\n')).toBe(normalize(reference('02-default/ctr_ps_ef.txt')));
  });

  test('/proc/1/status of the namespace init', async () => {
    const [st] = await inNamespaces(["cat /proc/1/status | grep -i -E 'NSpid|PPid'"]);
    expect(st.output + '\n').toBe(reference('02-default/ctr_proc1_status.txt'));
  });

  test('readlink /proc/self/ns/* shows new mnt/uts/ipc/pid/net and shared cgroup/time/user', async () => {
    const [ns] = await inNamespaces(['readlink /proc/self/ns/*']);
    expect(normalize(ns.output + '\n')).toBe(normalize(reference('02-default/ctr_readlink_ns_all.txt')));
    const inums = Object.fromEntries(ns.output.split('\n').map((l) => [l.split(':')[0], l]));
    expect(inums.cgroup).toBe('cgroup:[4026531835]');
    expect(inums.user).toBe('user:[4026531837]');
    expect(inums.mnt).not.toBe('mnt:[4026531832]');
  });

  test('lsns inside the namespaces (tty and pipe)', async () => {
    const [tty, pipe] = await inNamespaces(['lsns', 'lsns | cat']);
    expect(normalize(tty.output + '\n')).toBe(normalize(reference('02-default/ctr_lsns.txt')));
    expect(normalize(pipe.output + '\n')).toBe(normalize(reference('02-default/ctr_lsns_pipe.txt')));
  });

  test('pid_max is per pid namespace: 4194304 inside', async () => {
    const [pm] = await inNamespaces(['cat /proc/sys/kernel/pid_max']);
    expect(pm.output + '\n').toBe(reference('02-default/ctr_pid_max.txt'));
  });
});
