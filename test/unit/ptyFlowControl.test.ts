/**
 * Flow control on the pty (a terminal emulator that processes output at its own pace): a writer sleeps
 * while the master side holds `window` unconsumed characters, like n_tty_write on a full pty buffer,
 * and ^C still interrupts it.
 */
import { describe, expect, test } from 'vitest';
import { loadsSettled } from '../../src/kernel/loader.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';
import { kernelInvariants } from '../property/kernelInvariants.ts';
import { PROMPT_MARK } from '../fuzz/terminal.ts';

const WINDOW = 4096;

function flowControlled() {
  const sandbox = bootSandbox();
  const session = sandbox.openTerminal({ cols: 80, rows: 24 });
  session.setOutputWindow(WINDOW);
  let delivered = 0;
  let consumed = 0;
  let tail = '';
  session.onOutput((d) => {
    delivered += d.length;
    tail = (tail + d).slice(-4096);
  });
  /** The emulator processes everything delivered so far. */
  const consumeAll = () => {
    session.outputConsumed(delivered - consumed);
    consumed = delivered;
  };
  const turns = async (n: number) => { for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r)); };
  return {
    kernel: sandbox.host.kernel,
    session,
    consumeAll,
    turns,
    get unconsumed() { return delivered - consumed; },
    get delivered() { return delivered; },
    get tail() { return tail; },
    set tail(v: string) { tail = v; },
  };
}

describe('pty output window', () => {
  test('`yes` stops at the window until the emulator consumes, then goes on; ^C brings the prompt back', async () => {
    const t = flowControlled();
    for (let i = 0; i < 50 && !t.tail.endsWith('$ '); i++) { t.consumeAll(); await t.turns(20); }
    expect(t.tail).toContain(PROMPT_MARK);
    t.consumeAll();
    t.session.input('yes\r');
    // yes(1) is read in at its first exec (a chunk of its own): wait for that, then let it run.
    await t.turns(20);
    await loadsSettled();
    await t.turns(200);
    // Nothing consumed: yes has filled the window (plus at most one write's remainder) and sleeps.
    expect(t.unconsumed).toBeGreaterThan(WINDOW / 2);
    expect(t.unconsumed).toBeLessThanOrEqual(WINDOW);
    const yes = [...t.kernel.tasks].find((task) => task.comm === 'yes')!;
    expect(yes.state).toBe('S');
    const stalled = t.delivered;
    await t.turns(100);
    expect(t.delivered).toBe(stalled);
    // The emulator catches up: output flows again, a window at a time.
    for (let i = 0; i < 5; i++) { t.consumeAll(); await t.turns(50); }
    expect(t.delivered).toBeGreaterThan(stalled + 4 * WINDOW);
    expect(t.unconsumed).toBeLessThanOrEqual(WINDOW);
    // ^C while yes sleeps on the full buffer: it dies at once, and the prompt follows once there is room.
    t.tail = '';
    t.session.input('\x03');
    for (let i = 0; i < 50 && !/\$ $/.test(t.tail); i++) { t.consumeAll(); await t.turns(10); }
    expect(t.tail).toMatch(/\^C\r\n\x1b\[\?2004h[^\n]*\$ $/);
    expect(yes.alive).toBe(false);
    expect(kernelInvariants(t.kernel)).toEqual([]);
  });

  test('settle() waits for a writer the emulator is draining, and the pipeline finishes', async () => {
    const t = flowControlled();
    const drain = setInterval(t.consumeAll, 1);
    try {
      await t.session.settle();
      const before = t.delivered;
      // ~110 KB to the terminal: many windows' worth, each waiting for the emulator.
      t.session.input('seq 20000; echo done\r');
      expect(await t.session.settle(10_000)).toBe(true);
      expect(t.delivered - before).toBeGreaterThan(100_000);
      expect(t.tail).toMatch(/19999\r\n20000\r\ndone\r\n/);
    } finally {
      clearInterval(drain);
    }
  });

  test('without a window (CLI, tests) output is delivered at once and nothing waits', async () => {
    const sandbox = bootSandbox();
    const session = sandbox.openTerminal();
    let out = '';
    session.onOutput((d) => { out += d; });
    await session.settle();
    session.input('seq 30000 | wc -l; seq 30000 | tail -n 1\r');
    expect(await session.settle()).toBe(true);
    expect(out).toContain('30000\r\n30000\r\n');
  });
});
