/**
 * The part of a MessagePort the worker's terminal and snapshot code uses. Declared here instead of
 * using the DOM/WebWorker type so that the code also type-checks (and is unit-tested) under Node, whose
 * MessageChannel ports behave the same.
 */
export interface WorkerPort {
  postMessage(message: unknown): void;
  close(): void;
  // Method-style type: parameters compare bivariantly, so a real MessagePort (whose handler takes a
  // MessageEvent) fits.
  onmessage: { handler(ev: { data: unknown }): void }['handler'] | null;
}
