/**
 * Runs one Op on the kernel (through a puppet's system calls) and on the model, and checks that the
 * kernel's outcome (success or errno) is the one Linux gives. Returns the transcript line.
 */
import {
  CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS, MS_NODEV, MS_NOEXEC, MS_NOSUID,
  O_RDONLY, SIG, WNOHANG,
} from '../../src/kernel/constants.ts';
import type { NsType } from '../../src/kernel/ns/NsCommon.ts';
import type { SysApi } from '../../src/kernel/syscalls/SysApi.ts';
import { Model, type MPuppet } from './model.ts';
import { applyNet } from './applyNet.ts';
import { flagText, type Op } from './ops.ts';
import { outcomeText, type Outcome, type World } from './world.ts';

export class Mismatch extends Error {}

/** `pN[pid a/b/c]`: a puppet and its pid numbers from the root namespace down. */
export function who(m: MPuppet): string {
  if (!m.p) return 'host-init';
  return `p${m.p.id}[pid ${m.p.task.pid.numbers.map((n) => n.nr).join('/')}]`;
}

export function expectOutcome(line: string, got: Outcome<unknown>, want: string): string {
  const text = `${line} = ${outcomeText(got)}`;
  if (outcomeText(got) !== want) throw new Mismatch(`${text}, expected ${want}`);
  return text;
}

/** The number `m` has in the pid namespace `viewer` sees (0 when invisible there). */
export function pidIn(m: MPuppet, viewerNs: MPuppet['pid']): number {
  return m.p!.task.pid.nrIn(viewerNs.k as never);
}

export function pick<T>(list: T[], i: number): T | undefined { return list.length ? list[((i % list.length) + list.length) % list.length] : undefined; }

export async function applyOp(w: World, model: Model, op: Op): Promise<string> {
  // With every puppet gone, the host's init starts a fresh one first, so no op is wasted.
  const prefix = !model.alive().length && op.t !== 'clone' ? `${await clone(w, model, model.host, 0)}\n  ` : '';
  const live = model.alive();
  const actor = op.t === 'clone' && (op.p < 0 || !live.length) ? model.host : pick(live, op.p);
  if (!actor) return `${prefix}${op.t}: no puppet alive (skipped)`;
  return prefix + await applyAs(w, model, actor, op);
}

async function applyAs(w: World, model: Model, actor: MPuppet, op: Op): Promise<string> {
  const live = model.alive();
  const call = <T>(fn: (sys: SysApi) => T | Promise<T>) => w.call(actor.p!, fn);
  switch (op.t) {
    case 'clone': return clone(w, model, actor, op.flags);
    case 'unshare': {
      const line = `${who(actor)} unshare(${flagText(op.flags)})`;
      const got = await call((sys) => sys.unshare(op.flags));
      // copy_pid_ns: CLONE_NEWPID is refused once pid_for_children differs from the active namespace.
      if (op.flags & CLONE_NEWPID && actor.pidFor !== actor.pid) return expectOutcome(line, got, 'EINVAL');
      if (op.flags & CLONE_NEWPID) actor.pidFor = Model.newPidNs(actor.pid);
      Object.assign(actor, Model.copyNs(actor, splitFlags(op.flags)));
      return expectOutcome(line, got, 'ok');
    }
    case 'setns': {
      const target = pick(live, op.q)!;
      const nr = pidIn(target, actor.mnt.proc);
      if (!nr) return `${who(actor)} setns(${who(target)}, ${op.ns}): not in its /proc (skipped)`;
      const line = `${who(actor)} setns(open("/proc/${nr}/ns/${op.ns}"))`;
      const got = await call((sys) => {
        const fd = sys.open(`/proc/${nr}/ns/${op.ns}`, O_RDONLY);
        try { sys.setns(fd, op.ns as NsType); } finally { sys.close(fd); }
      });
      if (op.ns === 'pid') {
        // pidns_install: only the caller's active pid namespace or one below it.
        if (!Model.within(target.pid, actor.pid)) return expectOutcome(line, got, 'EINVAL');
        actor.pidFor = target.pid;
      } else {
        (actor as unknown as Record<string, unknown>)[op.ns] = target[op.ns];
      }
      return expectOutcome(line, got, 'ok');
    }
    case 'kill': {
      const target = pick(live, op.q)!;
      const nr = pidIn(target, actor.pid);
      const line = `${who(actor)} kill(${nr || `<${who(target)}>`}, SIGKILL)`;
      if (!nr) return `${line}: not in its pid namespace (skipped)`;
      const got = await call((sys) => sys.kill(nr, SIG.SIGKILL));
      // sig_task_ignored: a namespace's init ignores SIGKILL sent from inside its own namespace.
      const unkillable = target.pid.init === target && actor.pid === target.pid;
      if (!unkillable) model.die(target);
      return expectOutcome(line, got, target === actor && !unkillable ? 'died' : 'ok');
    }
    case 'exit': {
      const got = await call((sys) => sys.exit(0));
      model.die(actor);
      return expectOutcome(`${who(actor)} exit(0)`, got, 'died');
    }
    case 'reap': {
      const got = await call(async (sys) => {
        let n = 0;
        try { while (await sys.wait4(-1, WNOHANG)) n++; } catch { /* ECHILD */ }
        return n;
      });
      return `${who(actor)} wait4(-1, WNOHANG)… = ${got.kind === 'ok' ? `${got.value} reaped` : outcomeText(got)}`;
    }
    case 'mount': {
      const k = model.mountCount++;
      const line = `${who(actor)} mkdir /tmp/m${k} && mount -t tmpfs none /tmp/m${k} && echo m${k} > /tmp/m${k}/marker`;
      const got = await call(async (sys) => {
        sys.mkdir(`/tmp/m${k}`, 0o755);
        sys.mount('none', `/tmp/m${k}`, 'tmpfs', 0);
        await sys.writeFile(`/tmp/m${k}/marker`, `m${k}\n`);
      });
      actor.mnt.mounts.add(k);
      return expectOutcome(line, got, 'ok');
    }
    case 'umount': {
      if (!model.mountCount) return 'umount: nothing mounted yet (skipped)';
      const k = ((op.k % model.mountCount) + model.mountCount) % model.mountCount;
      const got = await call((sys) => sys.umount(`/tmp/m${k}`));
      const mounted = actor.mnt.mounts.delete(k);
      return expectOutcome(`${who(actor)} umount /tmp/m${k}`, got, mounted ? 'ok' : 'EINVAL');
    }
    case 'mountProc': {
      if (actor.mnt === model.host.mnt) return `${who(actor)} mount -t proc: in the host's mount namespace (skipped)`;
      const got = await call((sys) => sys.mount('proc', '/proc', 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC));
      // procfs shows the pid namespace of the task that mounts it (its active one, not pid_for_children).
      actor.mnt.proc = actor.pid;
      return expectOutcome(`${who(actor)} mount -t proc proc /proc`, got, 'ok');
    }
    case 'sethostname': {
      const name = `h${model.hostCount++}`;
      const got = await call((sys) => sys.sethostname(name));
      actor.uts.hostname = name;
      return expectOutcome(`${who(actor)} hostname ${name}`, got, 'ok');
    }
    default: return applyNet(w, model, actor, op);
  }
}

export function splitFlags(f: number) {
  return { ns: !!(f & CLONE_NEWNS), uts: !!(f & CLONE_NEWUTS), ipc: !!(f & CLONE_NEWIPC), net: !!(f & CLONE_NEWNET), cgroup: !!(f & CLONE_NEWCGROUP) };
}

async function clone(w: World, model: Model, parent: MPuppet, flags: number): Promise<string> {
  const line = `${who(parent)} clone(${flagText(flags)})`;
  const got = await w.spawn(parent.p, flags);
  // copy_pid_ns: CLONE_NEWPID needs pid_for_children to still be the caller's own namespace.
  if (flags & CLONE_NEWPID && parent.pidFor !== parent.pid) return expectOutcome(line, got, 'EINVAL');
  const pidNs = flags & CLONE_NEWPID ? Model.newPidNs(parent.pidFor) : parent.pidFor;
  // alloc_pid fails with ENOMEM once the namespace's init has died (PIDNS_ADDING cleared).
  if (pidNs.dead) return expectOutcome(line, got, 'ENOMEM');
  const text = expectOutcome(line, got, 'ok');
  if (got.kind !== 'ok') return text;
  const child: MPuppet = { p: got.value, alive: true, pid: pidNs, pidFor: pidNs, ...Model.copyNs(parent, splitFlags(flags)) };
  pidNs.init ??= child;
  model.puppets.push(child);
  return `${text} → ${who(child)}`;
}
