import { test } from 'vitest';
import { bootSandbox } from '../../../sandbox/index.ts';
import { execCapture } from '../../../sandbox/exec.ts';
import { Sys } from '../../../kernel/syscalls/Sys.ts';
import { CLONE_NEWUTS, CLONE_NEWPID, CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWIPC } from '../../../kernel/constants.ts';
test('scratch', async () => {
  const sb = bootSandbox();
  const k = sb.host.kernel;
  for (const argv of [
    ['lsns'], ['lsns', '-t', 'net'], ['lsns', '-l', '-t', 'pid'], ['lsns', '-r', '-t', 'uts'], ['lsns', '-J', '-t', 'uts'], ['lsns', '4026531860'],
    ['lsns', '-p', '24'], ['lsns', '-o', 'NS,PATH,UID', '-t', 'mnt'],
    ['unshare', '-p', '-f', '--mount-proc', 'lsns'],
    ['lsns', '-z'], ['lsns', '-t', 'foo'], ['lsns', '123'],
  ]) {
    const r = await execCapture(k, argv);
    console.log(argv.join(' '), '\n' + r.stdout + r.stderr, r.status);
  }
  console.log((await execCapture(k, ['lsns'], { uid: 1000 })).stdout);
  const init = k.initPidNs.tasks.get(1)!;
  new Sys(k, init).clone(async (c) => { c.unshare(CLONE_NEWPID|CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWNET|CLONE_NEWIPC); c.clone(async (d) => { await d.nanosleep(1e9); return 0; }); await c.nanosleep(1e9); return 0; });
  await new Promise(r => setTimeout(r, 10));
  console.log((await execCapture(k, ['lsns'])).stdout);
  console.log((await execCapture(k, ['lsns', '-t', 'net'])).stdout);
});
