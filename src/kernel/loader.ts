/**
 * Reading program code in: the page cache of nsbox. A ProgramFile that is a loader (a dynamic import
 * of a code chunk) is read once per JavaScript realm and kept, as a binary stays in the page cache
 * after its first execve; every later exec of it starts at once.
 *
 * Loads are I/O the simulation waits for, so the quiescence logic must see them: Kernel.settle does
 * not call the system quiet (nor advance the virtual clock) while any load is in flight, and does not
 * charge the wait to the caller's budget. The set of loads in flight is per realm, like the cache, not
 * per kernel: a load another kernel started delays nobody's output, only a settle by its duration.
 */
import type { ProgramFile, ProgramImage } from './program.ts';

type Loader = () => Promise<ProgramImage>;

const cache = new WeakMap<Loader, ProgramImage>();
const reading = new WeakMap<Loader, Promise<ProgramImage>>();
const inFlight = new Set<Promise<unknown>>();

/** Count `load` as I/O in flight until it settles (code, or a subsystem such as dockerd's engine). */
export function trackLoad<T>(load: Promise<T>): Promise<T> {
  inFlight.add(load);
  const done = () => { inFlight.delete(load); };
  load.then(done, done);
  return load;
}

/** Whether some code is still being read in. */
export function loadsInFlight(): boolean { return inFlight.size > 0; }

/** Resolves (never rejects) when everything in flight now has settled. */
export function loadsSettled(): Promise<void> {
  return Promise.allSettled([...inFlight]).then(() => undefined);
}

/** The image if it is in memory already (no wait), else undefined. */
export function cachedImage(file: ProgramFile): ProgramImage | undefined {
  return typeof file === 'function' ? cache.get(file) : file;
}

/** Read a program's image in (once; concurrent execs of the same file share one read). */
export function readImage(file: ProgramFile): Promise<ProgramImage> {
  if (typeof file !== 'function') return Promise.resolve(file);
  const hit = cache.get(file);
  if (hit) return Promise.resolve(hit);
  // A read started by readahead becomes I/O somebody waits for from now on.
  return trackLoad(reading.get(file) ?? startRead(file));
}

function startRead(file: Loader): Promise<ProgramImage> {
  const p = file().then(
    (image) => { cache.set(file, image); reading.delete(file); return image; },
    (e: unknown) => { reading.delete(file); throw e; },
  );
  reading.set(file, p);
  return p;
}

/**
 * Readahead: read programs in before anyone executes them, `parallel` at a time, so that the first
 * `ps aux | grep sleep` finds grep's code in memory as every later one does. Nobody waits for these
 * reads (settle does not count them, the virtual clock runs on) until an execve needs one of them;
 * a read that fails is forgotten and retried by that execve.
 */
export async function readahead(files: Iterable<ProgramFile>, parallel = 4): Promise<void> {
  const queue = [...files].filter((f): f is Loader => typeof f === 'function' && !cache.has(f));
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await (reading.get(f) ?? startRead(f)).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
