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

  push(stream: 'stdout' | 'stderr', data: string, time: number): void {
    if (!data) return;
    this.chunks.push({ stream, data, time });
    this.changed.wake();
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
  return {
    async read(): Promise<StreamChunk | null> {
      for (;;) {
        while (cursor < io.chunks.length) {
          const c = io.chunks[cursor++];
          if (opts.streams[c.stream]) return c;
        }
        if (io.finished >= opts.untilRun) return null;
        await kernel.block(caller, (wake) => io.changed.add(wake));
      }
    },
    write(data: string): void { if (opts.stdin) io.write(data); },
    closeStdin(): void { if (opts.stdin) io.closeStdin(); },
    resize(cols: number, rows: number): void { io.resize?.(cols, rows); },
  };
}
