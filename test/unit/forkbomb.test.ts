import { expect, test } from 'vitest';
import { bootSandbox } from '../../src/sandbox/index.ts';

test('a fork bomb hits RLIMIT_NPROC, bash reports EAGAIN, and the terminal still answers', async () => {
  const sb = bootSandbox();
  const { kernel } = sb.host;
  kernel.maxTasksPerUser = 200; // a small ulimit -u keeps the test quick; the mechanism is the same
  const term = sb.openTerminal();
  let out = '';
  term.onOutput((d) => { out += d; });
  await term.settle();
  term.input(':(){ :|:& };:\r');
  for (let i = 0; i < 30 && !out.includes('fork: retry'); i++) await term.settle(500);
  const vagrantTasks = kernel.tasksPerUid.get(1000) ?? 0;
  expect(vagrantTasks).toBeLessThanOrEqual(kernel.maxTasksPerUser);
  expect(out).toContain('-bash: fork: retry: Resource temporarily unavailable');
  const mark = out.length;
  term.input('echo alive\r');
  await term.settle(1000);
  expect(out.slice(mark)).toContain('alive\r\n');
}, 30000);
