/**
 * Sends namespace snapshots to the page: one after a command completed, and only when the picture
 * changed (a `ls` changes nothing, a `docker run` changes a lot). Building one is cheap (a walk over the
 * task list); comparing the JSON keeps idle commands silent.
 *
 * The builder comes as a promise: the app's worker reads its code in behind the first prompt (the
 * page shows the map and the lessons only after it), so nothing is built or sent before then.
 */
import type { Kernel } from '../kernel/Kernel.ts';
import type { buildSnapshot } from '../sandbox/snapshot.ts';
import type { WorkerPort } from './port.ts';
import type { EventFromWorker } from './messages.ts';

type Builder = typeof buildSnapshot;

export class SnapshotFeed {
  readonly #ports = new Set<WorkerPort>();
  #last = '';
  /** Publications wait in order for the builder (one chain, so they go out in the order asked). */
  #queue: Promise<Builder>;
  #broadcastQueued = false;

  constructor(private readonly kernel: () => Kernel | undefined, builder: Builder | Promise<Builder>) {
    this.#queue = Promise.resolve(builder);
  }

  /** A new subscriber gets the current picture at once (once the builder is in). */
  watch(port: WorkerPort): void {
    this.#ports.add(port);
    this.#publish(() => [port], true);
  }

  /**
   * One picture for every command done since the last one was built: while the builder is still
   * being read in, commands queue no more than one build (it reads the machine when it runs).
   */
  commandDone(): void {
    if (this.#broadcastQueued) return;
    this.#broadcastQueued = true;
    this.#publish(() => {
      this.#broadcastQueued = false;
      return [...this.#ports];
    }, false);
  }

  #publish(ports: () => WorkerPort[], always: boolean): void {
    this.#queue = this.#queue.then((build) => {
      const kernel = this.kernel();
      const to = ports();
      if (!kernel || to.length === 0) return build;
      const snapshot = build(kernel);
      const json = JSON.stringify(snapshot);
      if (!always && json === this.#last) return build;
      this.#last = json;
      const msg: EventFromWorker = { type: 'snapshot', snapshot };
      for (const p of to) p.postMessage(msg);
      return build;
    });
  }
}
