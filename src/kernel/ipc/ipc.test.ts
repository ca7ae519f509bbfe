import { describe, expect, test } from 'vitest';
import { reference } from '../../../test/compare/normalize.ts';
import { session } from '../../docker/test/session.ts';
import { execCapture } from '../../sandbox/exec.ts';
import { bootSandbox } from '../../sandbox/index.ts';

/** `bash -c SCRIPT` on the host, as root unless a uid is given. */
async function sh(kernel: ReturnType<typeof bootSandbox>['host']['kernel'], script: string, uid?: number) {
  return execCapture(kernel, ['bash', '-c', script], { uid, env: { HOME: '/root', PATH: '/usr/bin' } });
}

/** The lines after `PROMPT cmd` up to the next prompt, from a captured session. */
function captured(text: string, cmd: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.endsWith(`# ${cmd}`));
  const end = lines.findIndex((l, i) => i > at && /^root@\w+:.*# /.test(l));
  return lines.slice(at + 1, end).join('\n') + '\n';
}

describe('System V IPC objects belong to an IPC namespace', () => {
  test('ipcmk -Q and ipcs -q in a fresh container print what docker run -it rust:latest bash printed', async () => {
    const r = await session(['docker run -it rust:latest bash', 'ipcmk -Q', 'ipcs -q']);
    const text = reference('02-default/session.txt');
    expect(r[1].output).toBe(captured(text, 'ipcmk -Q'));
    const key = /0x[0-9a-f]{8}/;
    expect(r[2].output.replace(key, 'KEY')).toBe(captured(text, 'ipcs -q').replace(key, 'KEY'));
  });

  test('a container sees its own queues only; --ipc=host and --ipc=container: share', async () => {
    const r = await session([
      'ipcmk -Q', 'ipcs -q | grep -c ^0x',
      'docker run --name ca -d rust:latest sleep 1000 >/dev/null 2>&1',
      'docker exec ca ipcs -q | grep -c ^0x',
      'docker run --rm --ipc=host rust:latest ipcs -q | grep -c ^0x',
      'docker exec ca ipcmk -Q; docker exec ca ipcmk -Q',
      'docker run --rm --ipc=container:ca rust:latest ipcs -q | grep -c ^0x',
      'ipcs -q | grep -c ^0x',
      'sudo unshare --ipc ipcs -q | grep -c ^0x',
    ]);
    expect(r.map((x) => x.output)).toEqual([
      'Message queue id: 0\n', '1\n', '', '0\n', '1\n', 'Message queue id: 0\nMessage queue id: 1\n', '2\n', '1\n', '0\n',
    ]);
  }, 20000);

  test('ids: lowest free slot, a new sequence number when a slot is reused (ipc_idr_alloc)', async () => {
    const { kernel } = bootSandbox().host;
    const r = await sh(kernel, 'ipcmk -Q -Q; ipcmk -Q; ipcrm -q 1; ipcmk -Q; ipcmk -Q; ipcs -q | grep ^0x | cut -c12-16');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Message queue id: 0\nMessage queue id: 1\nMessage queue id: 32769\nMessage queue id: 32770\n0    \n32769\n32770\n');
  });

  test('only the owner, the creator or CAP_SYS_ADMIN may remove; bad ids and keys are reported', async () => {
    const { kernel } = bootSandbox().host;
    await sh(kernel, 'ipcmk -S 3 -p 600 >/dev/null');
    const v = await sh(kernel, 'ipcrm -s 0; echo $?; ipcrm -q 5 -Q 0x1234 -M 0; echo $?; ipcrm -s x; echo $?; ipcs -s | grep -c root', 1000);
    expect(v.stderr).toBe('ipcrm: permission denied for id (0)\nipcrm: invalid id (5)\nipcrm: invalid key (0x1234)\nipcrm: illegal key (0)\nipcrm: failed to parse argument: \'x\'\n');
    expect(v.stdout).toBe('1\n1\n1\n1\n');
    const root = await sh(kernel, 'ipcrm -s 0 && ipcs -s | grep -c ^0x');
    expect(root.stdout).toBe('0\n');
  });

  test('ipcmk needs something to create; bad sizes and modes fail as util-linux does', async () => {
    const { kernel } = bootSandbox().host;
    const r = await sh(kernel, 'ipcmk; echo $?; ipcmk -M 1x; echo $?; ipcmk -Q -p 9; echo $?; ipcmk -S 0; echo $?');
    expect(r.stdout).toBe('1\n1\n1\n1\n');
    expect(r.stderr).toBe("ipcmk: bad usage\nTry 'ipcmk --help' for more information.\nipcmk: failed to parse size: '1x'\nipcmk: failed to parse mode: Success\nipcmk: create semaphore failed: Invalid argument\n");
  });
});
