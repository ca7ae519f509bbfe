import { loadsSettled } from '../kernel/loader.ts';
import { readaheadPrograms } from '../userland/registry.ts';

/**
 * Behind the first prompt, read every program's code in (the worker calls this once): the prompt
 * never waits for it, and the first command typed rarely does. Starts when the boot's own loads (dockerd's engine)
 * are in, so those chunks are not competing with it for the connection and the thread. The app's
 * worker does this; embedded widgets do not (a page with several widgets would fetch and evaluate
 * every program once per widget), they read each program in at its first exec.
 */
export function readaheadAfterBoot(): void {
  void loadsSettled().then(() => setTimeout(() => void readaheadPrograms(), 0));
}
