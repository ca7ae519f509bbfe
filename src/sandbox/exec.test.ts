import { describe, expect, it } from 'vitest';
import { execCapture } from './exec.ts';
import { bootSandbox } from './index.ts';

describe('execCapture', () => {
  it('detached, it runs as a process of its own: the terminal of the task it starts from cannot signal it', async () => {
    const sb = bootSandbox();
    const t = sb.openTerminal();
    let screen = '';
    t.onOutput((d) => { screen += d; });
    await t.settle();
    const shell = [...sb.host.kernel.tasks].find((k) => k.comm === 'bash' && k.ctty !== null)!;
    const run = execCapture(sb.host.kernel, ['sleep', '1'], { from: shell, detach: true });
    await t.settle();
    // A resize (SIGWINCH) and ^C (SIGINT) go to the terminal's foreground group: the shell's.
    t.resize(100, 30);
    t.input('\x03');
    await t.settle();
    let finished = false;
    void run.then(() => { finished = true; });
    await sb.host.kernel.settle(() => finished); // the virtual clock runs on until sleep is over
    expect(await run).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(screen).not.toContain('Interrupted system call');
  });
  it("in the shell's process group, it does not inherit the shell's handlers: a resize leaves it alone", async () => {
    const sb = bootSandbox();
    const t = sb.openTerminal();
    await t.settle();
    const shell = [...sb.host.kernel.tasks].find((k) => k.comm === 'bash' && k.ctty !== null)!;
    const run = execCapture(sb.host.kernel, ['sh', '-c', 'sleep 1; echo slept'], { from: shell });
    await t.settle();
    t.resize(100, 30);
    let finished = false;
    void run.then(() => { finished = true; });
    await sb.host.kernel.settle(() => finished);
    expect(await run).toEqual({ stdout: 'slept\n', stderr: '', status: 0 });
  });
});
