/**
 * A random machine seed in the session schema's range (1 … 2^31 − 1): container ids and MACs differ
 * between fresh sessions. A module of its own so that the page's tiny entry can draw one (to boot the
 * worker speculatively) without loading the session schema.
 */
export function randomSeed(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0]! % (2 ** 31 - 2)) + 1;
}
