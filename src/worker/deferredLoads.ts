/**
 * When a worker reads in the code its machine's login does not need (dockerd's engine, the network
 * call table, the map's snapshots): once `release` is called, when the first terminal's output has
 * gone out, or after 2 s without it. Evaluating that code takes the worker tens of milliseconds it
 * owes the first prompt.
 */
export function deferredLoads(fallbackMs = 2000): { until: Promise<void>; release: () => void } {
  let release!: () => void;
  const until = Promise.race([
    new Promise<void>((resolve) => { release = resolve; }),
    new Promise<void>((resolve) => setTimeout(resolve, fallbackMs)),
  ]);
  return { until, release };
}
