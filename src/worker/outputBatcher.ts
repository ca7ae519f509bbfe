/** Runs `fn` in a later macrotask (never synchronously, never as a microtask). */
export type ScheduleMacrotask = (fn: () => void) => void;

/**
 * Coalesces a terminal's output chunks and hands them to `deliver` as one string per macrotask: every
 * chunk pushed before the scheduled flush runs (including those pushed by microtasks) goes out together.
 */
export class OutputBatcher {
  private chunks: string[] = [];
  private scheduled = false;

  constructor(
    private readonly deliver: (data: string) => void,
    private readonly schedule: ScheduleMacrotask,
  ) {}

  push(data: string): void {
    if (data === '') return;
    this.chunks.push(data);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Delivers whatever is pending now (e.g. before announcing that the session closed). */
  flush(): void {
    if (this.chunks.length === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    this.chunks = [];
    this.deliver(data);
  }

  get pending(): boolean {
    return this.chunks.length > 0;
  }
}
