import type { Kernel } from '../../kernel/Kernel.ts';
import { WaitQueue } from '../../kernel/sched.ts';
import type { Task } from '../../kernel/task/Task.ts';
import type { Attachment, StreamChunk } from '../../userland/commands/docker/api.ts';

/**
 * A container's (or exec's) stdio as containerd sees it: the shim copies the pty master or the
 * stdout/stderr pipes in here (containerd's fifos), the json-file log driver keeps every chunk for
 * `docker logs`, and attached clients read from a cursor. Input goes to whatever the shim
 * registered as the process's stdin (the pty master or the write end of the stdin pipe).
 */
export class ContainerIO {
  readonly chunks: StreamChunk[] = [];
  readonly changed = new WaitQueue();
  /** Runs started and finished; an attach follows one run. */
  started = 0;
  finished = 0;
  stdin: { write(data: string): void; close(): void } | null = null;
  resize: ((cols: number, rows: number) => void) | null = null;
  /** Input written before the process's stdin was registered (docker run attaches before start). */
  private pendingInput = '';
  private pendingClose = false;
  /** Bytes logged so far, and how far each attached client has read. */
  private pushed = 0;
  private readonly readers = new Set<AttachCursor>();
  private readonly drained = new WaitQueue();

  push(stream: 'stdout' | 'stderr', data: string, time: number): void {
    if (!data) return;
    this.chunks.push({ stream, data, time });
    this.pushed += data.length;
    this.changed.wake();
  }

  /**
   * Docker's broadcaster writes a container's output to each attached client in turn, so a client
   * that does not keep up (a terminal still drawing a flood) holds the copy, the pty fills and the
   * process blocks in write(2), as on a real tty. `task` (the shim) sleeps until every live client
   * is within the window; a client whose process died no longer counts (checked every 50 ms).
   */
  async throttle(kernel: Kernel, task: Task): Promise<void> {
    const behind = () => [...this.readers].some((r) => r.task.alive && this.pushed - r.read > ATTACH_WINDOW);
    while (behind()) {
      await kernel.block(task, (wake) => {
        const off = this.drained.add(wake);
        const timer = kernel.timers.add(50, wake);
        return () => { off(); kernel.timers.cancel(timer); };
      });
    }
  }

  /** @internal openReader's bookkeeping. */
  attachCursor(task: Task, from: number): AttachCursor {
    const r = { task, read: this.chunks.slice(0, from).reduce((n, c) => n + c.data.length, 0) };
    this.readers.add(r);
    return r;
  }

  advance(r: AttachCursor, bytes: number): void {
    r.read += bytes;
    this.drained.wake();
  }

  detach(r: AttachCursor): void {
    this.readers.delete(r);
    this.drained.wake();
  }

  beginRun(): void {
    this.started++;
    this.changed.wake();
  }

  endRun(): void {
    this.finished = this.started;
    this.stdin = null;
    this.resize = null;
    this.pendingInput = '';
    this.pendingClose = false;
    this.changed.wake();
  }

  setStdin(target: { write(data: string): void; close(): void }): void {
    this.stdin = target;
    if (this.pendingInput) target.write(this.pendingInput);
    this.pendingInput = '';
    if (this.pendingClose) target.close();
  }

  write(data: string): void {
    if (this.stdin) this.stdin.write(data);
    else this.pendingInput += data;
  }

  closeStdin(): void {
    if (this.stdin) this.stdin.close();
    else this.pendingClose = true;
  }
}

/** How much unread output an attached client may have before the container's output waits for it. */
export const ATTACH_WINDOW = 16 * 1024;

interface AttachCursor { readonly task: Task; read: number }

export interface ReaderOptions {
  /** First chunk to deliver (0: everything logged so far; chunks.length: only new output). */
  from: number;
  /** End once this many runs have finished and everything was read; Infinity: never (logs -f). */
  untilRun: number;
  streams: { stdout: boolean; stderr: boolean };
  stdin: boolean;
}

/**
 * An attach/logs connection for `caller`: reads block the calling task in the kernel (so `ps`
 * shows the docker client sleeping and ^C interrupts it) until output arrives or the run ends.
 */
export function openReader(kernel: Kernel, caller: Task, io: ContainerIO, opts: ReaderOptions): Attachment {
  let cursor = opts.from;
  const position = io.attachCursor(caller, cursor);
  return {
    async read(): Promise<StreamChunk | null> {
      for (;;) {
        while (cursor < io.chunks.length) {
          const c = io.chunks[cursor++];
          io.advance(position, c.data.length);
          if (opts.streams[c.stream]) return c;
        }
        if (io.finished >= opts.untilRun) { io.detach(position); return null; }
        await kernel.block(caller, (wake) => io.changed.add(wake));
      }
    },
    write(data: string): void { if (opts.stdin) io.write(data); },
    closeStdin(): void { if (opts.stdin) io.closeStdin(); },
    resize(cols: number, rows: number): void { io.resize?.(cols, rows); },
  };
}
