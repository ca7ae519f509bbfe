import { test, expect } from 'vitest';
import { bootSandbox } from '../../src/sandbox/index.ts';
import { execCapture } from '../../src/sandbox/exec.ts';
test('smoke', async () => {
  const sb = bootSandbox();
  const k = sb.host.kernel;
  const r = await execCapture(k, ['cat', '/etc/hostname', '/proc/1/status', '/proc/self/mounts', '/nope']);
  console.log(r.stdout, r.stderr, r.status);
  const r2 = await execCapture(k, ['cat', '/proc/2/stat', '/proc/uptime']);
  console.log(r2);
});
