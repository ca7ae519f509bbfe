import { SIGNAL_DESCRIPTIONS, SIG, WNOHANG, WUNTRACED } from '../../kernel/constants.ts';
import { isKernelError } from '../../kernel/errno.ts';
import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { W } from '../../kernel/task/wait.ts';

export type JobState = 'Running' | 'Stopped' | 'Done' | 'Exit' | 'Signaled';

export interface JobProcess { pid: number; status?: number }

export interface Job {
  id: number;
  pgid: number;
  procs: JobProcess[];
  /** The pipeline's source text, as `jobs` shows it. */
  text: string;
  state: JobState;
  /** Set once the user has been told the job finished (or it never needs telling). */
  notified: boolean;
  background: boolean;
}

/** Status of a pipeline: its last process's (no pipefail). */
export function statusOf(raw: number): number {
  if (W.ifExited(raw)) return W.exitStatus(raw);
  if (W.ifSignaled(raw)) return 128 + W.termSig(raw);
  if (W.ifStopped(raw)) return 128 + W.stopSig(raw);
  return 0;
}

/** The job table of an interactive bash (jobs.c), with its `[N]+  State  command` reports. */
export class JobTable {
  readonly jobs: Job[] = [];

  add(pgid: number, procs: JobProcess[], text: string, background: boolean): Job {
    const id = this.jobs.length ? Math.max(...this.jobs.map((j) => j.id)) + 1 : 1;
    const job: Job = { id, pgid, procs, text, state: 'Running', notified: false, background };
    this.jobs.push(job);
    return job;
  }

  remove(job: Job): void { this.jobs.splice(this.jobs.indexOf(job), 1); }

  /** `+` marks the current job (most recent), `-` the previous one. */
  marker(job: Job): string {
    const live = this.jobs;
    if (live[live.length - 1] === job) return '+';
    if (live[live.length - 2] === job) return '-';
    return ' ';
  }

  find(spec: string | undefined): Job | undefined {
    if (!spec || spec === '%%' || spec === '%+' || spec === '%') return this.jobs[this.jobs.length - 1];
    if (spec === '%-') return this.jobs[this.jobs.length - 2];
    const n = /^%?(\d+)$/.exec(spec);
    if (n) return this.jobs.find((j) => j.id === Number(n[1]));
    const prefix = spec.replace(/^%/, '');
    return this.jobs.find((j) => j.text.startsWith(prefix));
  }

  /** Record a wait4 result against its job. */
  record(pid: number, raw: number): Job | undefined {
    for (const job of this.jobs) {
      const p = job.procs.find((x) => x.pid === pid);
      if (!p) continue;
      if (W.ifStopped(raw)) { job.state = 'Stopped'; job.notified = false; return job; }
      if (W.ifContinued(raw)) { job.state = 'Running'; return job; }
      p.status = raw;
      if (job.procs.every((x) => x.status !== undefined)) {
        const last = job.procs[job.procs.length - 1].status!;
        job.state = W.ifSignaled(last) ? 'Signaled' : W.exitStatus(last) === 0 ? 'Done' : 'Exit';
      }
      return job;
    }
    return undefined;
  }

  /** Reap whatever changed without blocking (bash does this before each prompt). */
  async reap(sys: SysApi): Promise<void> {
    for (;;) {
      let r;
      try {
        r = await sys.wait4(-1, WNOHANG | WUNTRACED);
      } catch (e) {
        if (isKernelError(e, 'ECHILD')) return;
        throw e;
      }
      if (!r) return;
      this.record(r.pid, r.status);
    }
  }

  /** `jobs`-style line; `-l` adds the pid. */
  format(job: Job, long = false): string {
    const last = job.procs[job.procs.length - 1]?.status;
    let state: string = job.state;
    if (job.state === 'Exit') state = `Exit ${W.exitStatus(last!)}`;
    if (job.state === 'Signaled') state = SIGNAL_DESCRIPTIONS[W.termSig(last!)] ?? `Signal ${W.termSig(last!)}`;
    const text = job.state === 'Running' && job.background ? `${job.text} &` : job.text;
    const pid = long ? ` ${String(job.procs[0].pid).padStart(5)}` : ' ';
    return `[${job.id}]${this.marker(job)}${pid} ${state.padEnd(24)}${text}`;
  }

  /** Lines for jobs that finished or stopped since the last prompt; finished jobs leave the table. */
  takeNotifications(): string[] {
    const out: string[] = [];
    for (const job of [...this.jobs]) {
      if (job.state === 'Running' || job.notified) continue;
      // A foreground job that ended normally is not announced; one killed by SIGINT neither.
      if (!job.background && job.state !== 'Stopped') { this.remove(job); continue; }
      out.push(this.format(job));
      job.notified = true;
      if (job.state !== 'Stopped') this.remove(job);
    }
    return out;
  }
}

export const JOB_CONTROL_SIGNALS = [SIG.SIGTSTP, SIG.SIGTTIN, SIG.SIGTTOU];
