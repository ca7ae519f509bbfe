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
  let p = reading.get(file);
  if (!p) {
    p = trackLoad(file()).then(
      (image) => { cache.set(file, image); reading.delete(file); return image; },
      (e: unknown) => { reading.delete(file); throw e; },
    );
    reading.set(file, p);
  }
  return p;
}
