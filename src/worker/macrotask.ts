import type { ScheduleMacrotask } from './outputBatcher.ts';

/**
 * A macrotask scheduler for a worker without setTimeout's clamping (nested timers wait at least
 * 4 ms): one MessageChannel, its callbacks run in the order scheduled.
 */
export function messageChannelScheduler(): ScheduleMacrotask {
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}
