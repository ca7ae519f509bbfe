import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../sandbox/index.ts';
import { buildSnapshot } from '../sandbox/snapshot.ts';
import type { WorkerPort } from './port.ts';
import type { PortFromWorker } from './messages.ts';
import { SnapshotFeed } from './snapshotFeed.ts';
import { OUTPUT_WINDOW } from './outputWindow.ts';
import { TerminalHost } from './terminals.ts';

const macrotask = (fn: () => void) => setTimeout(fn, 0);

function setup() {
  const sandbox = bootSandbox();
  let commands = 0;
  const host = new TerminalHost(macrotask, () => commands++, (e) => { throw e; });
  const { port1, port2 } = new MessageChannel();
  const output: string[] = [];
  port1.on('message', (msg: PortFromWorker) => { if (msg.type === 'output') output.push(msg.data); });
  const id = host.open(sandbox, 80, 24, port2 as unknown as WorkerPort);
  return { sandbox, host, id, output, port1, commands: () => commands };
}

describe('TerminalHost', () => {
  test('reports a completed command once per Enter, never per keystroke', async () => {
    const t = setup();
    await t.host.settled(t.id);
    const afterLogin = t.commands();
    for (const ch of 'echo hi') {
      t.host.input(t.id, ch);
      await t.host.settled(t.id);
    }
    expect(t.commands()).toBe(afterLogin);
    t.host.input(t.id, '\r');
    await t.host.settled(t.id);
    await new Promise((r) => setTimeout(r, 0));
    expect(t.commands()).toBe(afterLogin + 1);
    expect(t.output.join('')).toContain('hi\r\n');
    t.port1.close();
  });
  test('posts a command\'s output, prompt included, before the snapshot work starts', async () => {
    const sandbox = bootSandbox();
    const posted: string[] = [];
    const atCommandDone: string[] = [];
    const host = new TerminalHost(macrotask, () => atCommandDone.push(posted.join('')), (e) => { throw e; });
    // Records synchronously, as postMessage hands the message over at once.
    const port: WorkerPort = {
      postMessage: (msg) => { if ((msg as PortFromWorker).type === 'output') posted.push((msg as { data: string }).data); },
      close: () => {},
      onmessage: null,
    };
    const id = host.open(sandbox, 80, 24, port);
    await host.settled(id);
    atCommandDone.length = 0;
    host.input(id, 'echo hi\r');
    await host.settled(id);
    await new Promise((r) => setTimeout(r, 0));
    expect(atCommandDone).toHaveLength(1);
    expect(atCommandDone[0]).toMatch(/hi\r\n.*vagrant@archlinux ~ \$ $/s);
  });
});

describe('TerminalHost flow control', () => {
  const posted = (t: ReturnType<typeof setup>) => t.output.reduce((n, d) => n + d.length, 0);
  const turns = async (n: number) => { for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0)); };

  test('a flood stops at OUTPUT_WINDOW unacknowledged characters and goes on as the page acknowledges', async () => {
    const t = setup();
    await t.host.settled(t.id);
    t.port1.postMessage({ type: 'ack', chars: posted(t) });
    const login = posted(t);
    t.host.input(t.id, 'yes\r');
    await turns(100);
    const stalled = posted(t);
    expect(stalled - login).toBeGreaterThan(OUTPUT_WINDOW / 2);
    expect(stalled - login).toBeLessThanOrEqual(OUTPUT_WINDOW + 8); // + the echo of `yes\r`
    await turns(50);
    expect(posted(t)).toBe(stalled);
    // Each message is bounded too (one macrotask's worth, within the window).
    expect(Math.max(...t.output.map((d) => d.length))).toBeLessThanOrEqual(OUTPUT_WINDOW);
    let acked = login;
    for (let i = 0; i < 4; i++) {
      t.port1.postMessage({ type: 'ack', chars: posted(t) - acked });
      acked = posted(t);
      await turns(30);
    }
    expect(posted(t)).toBeGreaterThan(stalled + 2 * OUTPUT_WINDOW);
    t.host.input(t.id, '\x03');
    t.port1.postMessage({ type: 'ack', chars: 1e9 });
    // The ack arrives as a message in a later turn: until then the prompt waits for window room,
    // which settle() rightly counts as quiet. Poll (bounded) for the prompt to come out.
    const prompt = /\^C\r\n\x1b\[\?2004h[^\n]*\$ $/;
    for (let i = 0; i < 100 && !prompt.test(t.output.join('').slice(-200)); i++) {
      t.port1.postMessage({ type: 'ack', chars: 1e9 });
      await turns(5);
      await t.host.settled(t.id);
    }
    expect(t.output.join('').slice(-200)).toMatch(prompt);
    t.port1.close();
  });
});

describe('SnapshotFeed', () => {
  test('posts a snapshot on subscribing, then only when the namespaces changed', async () => {
    const { kernel } = bootSandbox().host;
    const feed = new SnapshotFeed(() => kernel, buildSnapshot);
    const { port1, port2 } = new MessageChannel();
    const got: unknown[] = [];
    port1.on('message', (msg: unknown) => got.push(msg));
    feed.watch(port2 as unknown as WorkerPort);
    feed.commandDone();
    feed.commandDone();
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: 'snapshot', snapshot: { host: { hostname: 'archlinux' } } });
    kernel.initNsProxy.uts.hostname = 'renamed';
    feed.commandDone();
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toHaveLength(2);
    port1.close();
  });
  test('nothing is built before the builder is in; then the subscriber gets the picture as it is by then', async () => {
    const { kernel } = bootSandbox().host;
    let arrive!: (b: typeof buildSnapshot) => void;
    const feed = new SnapshotFeed(() => kernel, new Promise<typeof buildSnapshot>((resolve) => { arrive = resolve; }));
    const { port1, port2 } = new MessageChannel();
    const got: Array<{ snapshot: { host: { hostname: string } } }> = [];
    port1.on('message', (msg: (typeof got)[number]) => got.push(msg));
    feed.watch(port2 as unknown as WorkerPort);
    feed.commandDone();
    feed.commandDone();
    feed.commandDone();
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toHaveLength(0);
    kernel.initNsProxy.uts.hostname = 'later';
    let builds = 0;
    arrive((k) => { builds++; return buildSnapshot(k); });
    await new Promise((r) => setTimeout(r, 10));
    // The subscription's picture, and no second one for the unchanged namespaces.
    expect(got.map((m) => m.snapshot.host.hostname)).toEqual(['later']);
    // The subscription's build and one for the three commands done meanwhile.
    expect(builds).toBe(2);
    port1.close();
  });
  test('a terminal preopened while the page loads is adopted by the first open: its prompt, then the real size', async () => {
    const sandbox = bootSandbox();
    const host = new TerminalHost(macrotask, () => {}, (e) => { throw e; });
    host.preopen(sandbox, 80, 24);
    // The login shell reaches its prompt with nobody attached.
    await sandbox.host.kernel.settle(() => false);
    const { port1, port2 } = new MessageChannel();
    const output: string[] = [];
    port1.on('message', (msg: PortFromWorker) => { if (msg.type === 'output') output.push(msg.data); });
    const id = host.open(sandbox, 120, 40, port2 as unknown as WorkerPort);
    await host.settled(id);
    await new Promise((r) => setTimeout(r, 0));
    expect(output.join('')).toMatch(/^\x1b\[\?2004hvagrant@archlinux ~ \$ /);
    output.length = 0;
    host.input(id, 'stty size; echo $COLUMNS\r');
    await host.settled(id);
    await new Promise((r) => setTimeout(r, 0));
    expect(output.join('')).toContain('40 120\r\n120\r\n');
    port1.close();
  });
  test('whenOutput: the first prompt has gone out, though the machine is not quiet (dockerd waits for its engine)', async () => {
    let release!: () => void;
    const sandbox = bootSandbox({ deferLoadsUntil: new Promise<void>((resolve) => { release = resolve; }) });
    const host = new TerminalHost(macrotask, () => {}, (e) => { throw e; });
    const { port1, port2 } = new MessageChannel();
    const output: string[] = [];
    port1.on('message', (msg: PortFromWorker) => { if (msg.type === 'output') output.push(msg.data); });
    const id = host.open(sandbox, 80, 24, port2 as unknown as WorkerPort);
    // host.settled(id) would not resolve before its 3 s budget: the engine's load is I/O in flight.
    const first = await Promise.race([host.whenOutput(id).then(() => 'output'), new Promise((r) => setTimeout(() => r('still waiting'), 1000))]);
    expect(first).toBe('output');
    await new Promise((r) => setTimeout(r, 0));
    expect(output.join('')).toMatch(/vagrant@archlinux ~ \$ $/);
    // Loads in flight are the whole worker's: let this one finish before the next test settles.
    release();
    await host.settled(id);
    port1.close();
  });
  test('a preopened terminal of a machine that was replaced is not adopted', async () => {
    const host = new TerminalHost(macrotask, () => {}, (e) => { throw e; });
    const speculative = bootSandbox({ seed: 1 });
    host.preopen(speculative, 80, 24);
    const real = bootSandbox({ seed: 2 });
    const { port1, port2 } = new MessageChannel();
    const id = host.open(real, 80, 24, port2 as unknown as WorkerPort);
    await host.settled(id);
    const logins = (k: typeof real.host.kernel) => [...k.tasks].filter((t) => t.comm === 'bash').length;
    expect(logins(real.host.kernel)).toBe(1);
    expect(logins(speculative.host.kernel)).toBe(1);
    port1.close();
  });
});
