/**
 * Sends namespace snapshots to the page: one after a command completed, and only when the picture
 * changed (a `ls` changes nothing, a `docker run` changes a lot). Building one is cheap (a walk over the
 * task list); comparing the JSON keeps idle commands silent.
 */
import type { Kernel } from '../kernel/Kernel.ts';
import { buildSnapshot } from '../sandbox/snapshot.ts';
import type { WorkerPort } from './port.ts';
import type { EventFromWorker } from './messages.ts';

export class SnapshotFeed {
  readonly #ports = new Set<WorkerPort>();
  #last = '';

  constructor(private readonly kernel: () => Kernel | undefined) {}

  /** A new subscriber gets the current picture at once. */
  watch(port: WorkerPort): void {
    this.#ports.add(port);
    this.#publish([port], true);
  }

  commandDone(): void {
    this.#publish([...this.#ports], false);
  }

  #publish(ports: WorkerPort[], always: boolean): void {
    const kernel = this.kernel();
    if (!kernel || ports.length === 0) return;
    const snapshot = buildSnapshot(kernel);
    const json = JSON.stringify(snapshot);
    if (!always && json === this.#last) return;
    this.#last = json;
    const msg: EventFromWorker = { type: 'snapshot', snapshot };
    for (const p of ports) p.postMessage(msg);
  }
}
