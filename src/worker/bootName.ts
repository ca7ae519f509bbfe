/** How the machine boots (SandboxWorkerApi.boot), and how the page passes that in the worker's name. */
export interface BootOptions {
  /** Seed for container ids, MACs and veth names: the same seed and keystrokes give the same machine. */
  seed: number;
  /** Obey `hangForTest` (set by the browser tests only, see src/ui/testHook.ts). */
  testHooks?: boolean;
  /** Log in on a first terminal of this guessed size now; the first `open` adopts it. */
  preopen?: { cols: number; rows: number };
}

/**
 * Boot options as a query string, for the worker's name (see src/ui/sandbox/worker.ts): the worker
 * boots with them as soon as its script runs, before any message can reach it.
 */
export function encodeBootOptions(o: BootOptions): string {
  const q = new URLSearchParams({ seed: String(o.seed) });
  if (o.testHooks) q.set('testHooks', '1');
  if (o.preopen) q.set('preopen', `${o.preopen.cols}x${o.preopen.rows}`);
  return q.toString();
}

/** The boot options in a worker's name (`nsbox-sandbox?seed=…`), or null when it carries none. */
export function decodeBootOptions(name: string): BootOptions | null {
  const at = name.indexOf('?');
  if (at < 0) return null;
  const q = new URLSearchParams(name.slice(at + 1));
  const seed = Number(q.get('seed'));
  if (!Number.isInteger(seed) || seed < 1 || seed > 2 ** 31 - 1) return null;
  const size = /^(\d+)x(\d+)$/.exec(q.get('preopen') ?? '');
  return {
    seed,
    testHooks: q.get('testHooks') === '1',
    ...(size ? { preopen: { cols: Number(size[1]), rows: Number(size[2]) } } : {}),
  };
}
