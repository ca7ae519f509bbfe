/**
 * Time is injected so transcripts are reproducible: tests and the CLI use a virtual clock that only
 * moves when the kernel advances it (to the next timer when every task is blocked); the app uses
 * wall time.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  readonly virtual: boolean;
  /** Virtual clocks only: jump forward. */
  advance(ms: number): void;
}

export class VirtualClock implements Clock {
  readonly virtual = true;
  constructor(private t: number) {}
  now(): number { return this.t; }
  advance(ms: number): void { this.t += Math.max(0, ms); }
}

export class WallClock implements Clock {
  readonly virtual = false;
  now(): number { return Date.now(); }
  advance(): void { /* wall time advances by itself */ }
}

/** Mulberry32: a tiny seeded PRNG; container ids, MACs and veth names come from it. */
export class Random {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxExclusive: number): number { return Math.floor(this.next() * maxExclusive); }
  hex(digits: number): string {
    let s = '';
    for (let i = 0; i < digits; i++) s += this.int(16).toString(16);
    return s;
  }
}
