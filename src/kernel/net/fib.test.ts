import { describe, expect, test } from 'vitest';
import { Fib, RT_TABLE, RTPROT, type Route } from './fib.ts';
import type { NetDevice } from './NetDevice.ts';

/**
 * Complexity guard for issue #7: with a veth per container the host table holds a few routes per
 * device, and address and device changes must touch only the routes concerned. Counts predicate
 * calls (never time).
 */
const dev = (i: number) => ({ ifindex: i, adminUp: true }) as unknown as NetDevice;
const route = (d: NetDevice, dst: bigint, extra: Partial<Route> = {}): Route => ({
  family: 6, table: RT_TABLE.MAIN, type: 'unicast', dst, dstLen: 64, dev: d, protocol: RTPROT.KERNEL, scope: 0, metric: 256, ...extra,
});

function hostTable(n: number): { fib: Fib; devs: NetDevice[] } {
  const fib = new Fib();
  const devs = Array.from({ length: n }, (_, i) => dev(i + 1));
  for (const d of devs) {
    fib.insert(route(d, 0xfe80n << 112n));
    fib.insert(route(d, BigInt(d.ifindex), { table: RT_TABLE.LOCAL, type: 'local', dstLen: 128 }));
  }
  return { fib, devs };
}

describe('Fib indexes', () => {
  test("removing a device's routes looks only at that device's routes", () => {
    const { fib, devs } = hostTable(1000);
    let calls = 0;
    const gone = fib.removeDev(devs[500], () => { calls++; return true; });
    expect(gone).toHaveLength(2);
    expect(calls).toBe(2);
    expect(fib.routes).toHaveLength(1998);
    expect(fib.routes.some((r) => r.dev === devs[500])).toBe(false);
  });

  test('a duplicate check looks only at routes of the same prefix', () => {
    const { fib, devs } = hostTable(1000);
    let calls = 0;
    const hit = fib.find(6, RT_TABLE.LOCAL, 700n, 128, () => { calls++; return true; });
    expect(hit?.dev).toBe(devs[699]);
    expect(calls).toBe(1);
  });

  test('replace keeps the route in its place in the dump; find returns the first in table order', () => {
    const fib = new Fib();
    const [a, b] = [dev(1), dev(2)];
    fib.add(route(a, 1n << 64n));
    fib.add(route(b, 1n << 64n));
    fib.add(route(a, 1n << 64n, { protocol: RTPROT.STATIC }), { replace: true });
    expect(fib.dump(6).map((r) => [r.dev, r.protocol])).toEqual([[a, RTPROT.STATIC], [b, RTPROT.KERNEL]]);
    expect(fib.find(6, RT_TABLE.MAIN, 1n << 64n, 64)?.dev).toBe(a);
    expect(() => fib.add(route(b, 1n << 64n), { exclusive: true })).toThrow();
  });
});
