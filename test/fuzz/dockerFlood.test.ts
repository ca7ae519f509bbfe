/**
 * A flood inside `docker run -it`, shown by an emulator that consumes output at its own pace (as the
 * app does): the attached client falls behind, the shim's copy waits for it (Docker's broadcaster),
 * so the container's pty fills and `yes` blocks. ^C then reaches the container at once, and what
 * the engine keeps for the run stays bounded instead of growing with the flood's length.
 */
import { expect, test } from 'vitest';
import { engineOf } from '../../src/docker/index.ts';
import { Term } from './terminal.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

test('^C stops a flood in a docker run -it container promptly; the engine buffers a bounded amount', async () => {
  const term = new Term(undefined, 80, 4096);
  await term.ready();
  await term.type('docker run -it --rm busybox sh\r', 5000);
  expect(term.tail).toMatch(/# $/);
  const io = [...engineOf(term.kernel)!.ios.values()].at(-1)!;
  const after: number[] = [];
  const ahead: number[] = [];
  const logged = () => io.chunks.reduce((n, c) => n + c.data.length, 0);
  for (let i = 0; i < 3; i++) {
    const [before, shown] = [logged(), term.total];
    term.session.input('yes\r');
    for (const t0 = performance.now(); performance.now() - t0 < 600;) await new Promise((r) => setTimeout(r, 0));
    // How far the container's logged output ran ahead of what the terminal has shown.
    ahead.push((logged() - before) - (term.total - shown));
    term.tail = '';
    const t1 = performance.now();
    term.session.input('\x03');
    while (performance.now() - t1 < 3000 && !/\^C\r\n[^\n]*# $/.test(term.tail)) await new Promise((r) => setTimeout(r, 0));
    after.push(performance.now() - t1);
  }
  expect(median(after), `container prompt ${median(after).toFixed(0)} ms after ^C`).toBeLessThan(150);
  // Without the wait the container runs megabytes ahead of the screen; with it, a few buffers' worth.
  expect(Math.max(...ahead)).toBeLessThan(256 * 1024);
}, 30000);
