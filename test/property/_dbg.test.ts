import { test } from 'vitest';
import { runOps } from './runner.ts';
test('dbg', async () => {
  console.log((await runOps([
    { t: 'clone', p: -1, flags: 0 }, { t: 'clone', p: 0, flags: 0x40000000 }, { t: 'veth', p: 1, q: 0 }, { t: 'hold', p: 0, q: 1 },
    { t: 'kill', p: 0, q: 1 }, { t: 'release', p: 0 },
  ])).join('\n'));
  console.log((await runOps([
    { t: 'clone', p: -1, flags: 0 }, { t: 'clone', p: 0, flags: 0x40000000 }, { t: 'veth', p: 1, q: 0 }, { t: 'listen', p: 1, port: 0 },
    { t: 'setns', p: 1, q: 0, ns: 'net' }, { t: 'release', p: 1 },
  ])).join('\n'));
});
