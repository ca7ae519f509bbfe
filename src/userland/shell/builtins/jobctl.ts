import { SIG, SIGNAL_NAMES, WUNTRACED } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import { errMsg } from '../../lib/io.ts';
import { statusOf } from '../jobs.ts';
import { builtinError, type Builtin } from './types.ts';

export const jobs: Builtin = async (ctx, args) => {
  await ctx.jobs.reap(ctx.sys);
  const long = args.includes('-l');
  const pidsOnly = args.includes('-p');
  const lines = ctx.jobs.jobs.map((j) => (pidsOnly ? `${j.procs[0].pid}` : ctx.jobs.format(j, long)));
  await ctx.out(lines.map((l) => l + '\n').join(''));
  for (const j of [...ctx.jobs.jobs]) if (j.state !== 'Running' && j.state !== 'Stopped') ctx.jobs.remove(j);
  return 0;
};

export const fg: Builtin = async (ctx, args) => ctx.foreground(args[0]);
export const bg: Builtin = async (ctx, args) => ctx.background(args[0]);

export const wait: Builtin = async (ctx, args) => {
  let status = 0;
  const targets = args.length ? args : ctx.jobs.jobs.flatMap((j) => j.procs.filter((p) => p.status === undefined).map((p) => String(p.pid)));
  for (const t of targets) {
    const job = t.startsWith('%') ? ctx.jobs.find(t) : undefined;
    if (t.startsWith('%') && !job) { await builtinError(ctx, 'wait', `${t}: no such job`); status = 127; continue; }
    const pids = job ? job.procs.map((p) => p.pid) : [Number(t)];
    if (!job && !/^\d+$/.test(t)) { await builtinError(ctx, 'wait', `\`${t}': not a pid or valid job spec`); status = 2; continue; }
    for (const pid of pids) {
      try {
        for (;;) {
          const r = await ctx.sys.wait4(pid, WUNTRACED);
          if (!r) break;
          const j = ctx.jobs.record(r.pid, r.status);
          status = statusOf(r.status);
          if (!j || j.state !== 'Stopped') break;
        }
      } catch (e) {
        if (!isKernelError(e, 'ECHILD')) throw e;
        const known = ctx.jobs.jobs.flatMap((j) => j.procs).find((p) => p.pid === pid);
        if (known?.status !== undefined) status = statusOf(known.status);
        else if (args.length) { await builtinError(ctx, 'wait', `pid ${pid} is not a child of this shell`); status = 127; }
      }
    }
  }
  if (!args.length) status = 0;
  for (const j of [...ctx.jobs.jobs]) if (j.state !== 'Running' && j.state !== 'Stopped') { if (j.background) j.notified = true; ctx.jobs.remove(j); }
  return status;
};

export function parseSignal(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) return Number(spec) <= 64 ? Number(spec) : undefined;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  return (SIG as Record<string, number>)[`SIG${name}`];
}

/** bash's builtin kill: job specs, `-s`, `-l`, and its own message wording. */
export const kill: Builtin = async (ctx, args) => {
  let sig: number = SIG.SIGTERM;
  let i = 0;
  if (args[0] === '-l' || args[0] === '-L') {
    if (args[1]) {
      const n = Number(args[1]);
      const name = SIGNAL_NAMES[n > 128 ? n - 128 : n];
      if (!name) { await builtinError(ctx, 'kill', `${args[1]}: invalid signal specification`); return 1; }
      await ctx.out(name.replace(/^SIG/, '') + '\n');
      return 0;
    }
    const names = Object.entries(SIGNAL_NAMES).map(([n, s]) => `${String(n).padStart(2)}) ${s}`);
    const rows: string[] = [];
    for (let r = 0; r < names.length; r += 5) rows.push(names.slice(r, r + 5).map((s) => s.padEnd(16)).join('').trimEnd());
    await ctx.out(rows.join('\n') + '\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const s = args[1] === undefined ? undefined : parseSignal(args[1]);
    if (s === undefined) { await builtinError(ctx, 'kill', `${args[1] ?? ''}: invalid signal specification`); return 1; }
    sig = s; i = 2;
  } else if (args[0]?.startsWith('-') && args[0] !== '--') {
    const s = parseSignal(args[0].slice(1));
    if (s === undefined) { await builtinError(ctx, 'kill', `${args[0].slice(1)}: invalid signal specification`); return 1; }
    sig = s; i = 1;
  } else if (args[0] === '--') i = 1;
  const targets = args.slice(i);
  if (!targets.length) {
    await builtinError(ctx, 'kill', 'usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
    return 2;
  }
  let status = 0;
  for (const t of targets) {
    try {
      if (t.startsWith('%')) {
        const job = ctx.jobs.find(t);
        if (!job) { await builtinError(ctx, 'kill', `${t}: no such job`); status = 1; continue; }
        ctx.sys.kill(-job.pgid, sig);
        // A stopped job would never act on SIGTERM: bash continues it (kill_pid with a stopped job).
        if (job.state === 'Stopped' && (sig === SIG.SIGKILL || sig === SIG.SIGTERM)) ctx.sys.kill(-job.pgid, SIG.SIGCONT);
      } else if (/^-?\d+$/.test(t)) ctx.sys.kill(Number(t), sig);
      else { await builtinError(ctx, 'kill', `${t}: arguments must be process or job IDs`); status = 1; }
    } catch (e) {
      await builtinError(ctx, 'kill', `(${t}) - ${errMsg(e)}`);
      status = 1;
    }
  }
  return status;
};
