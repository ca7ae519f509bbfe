import {
  CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWTIME, CLONE_NEWUSER, CLONE_NEWUTS,
  MS_BIND, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_REC, MS_SHARED, MS_SLAVE, O_WRONLY, SIG,
} from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { groups, passwd } from '../../lib/users.ts';
import { execCommandOrShell, exitLikeChild, progName, ulGetopt } from '../../lib/utillinux.ts';
import { UNSHARE_USAGE } from './usage.ts';

/**
 * unshare(1) from util-linux 2.38: unshare(2) the requested namespaces, optionally fork (the parent
 * waits and exits like its child), then — in the process that runs the program — write the id maps,
 * make / private, chroot/chdir, mount a fresh proc and exec. Without --fork the program itself is
 * not in a new pid namespace (only its children are: pid_for_children), exactly as on Linux.
 */

/** Namespace files that --ns=FILE binds, in unshare.c's order. */
const NS_FILES: Array<[number, string]> = [
  [CLONE_NEWUSER, 'ns/user'], [CLONE_NEWCGROUP, 'ns/cgroup'], [CLONE_NEWIPC, 'ns/ipc'], [CLONE_NEWUTS, 'ns/uts'],
  [CLONE_NEWNET, 'ns/net'], [CLONE_NEWPID, 'ns/pid_for_children'], [CLONE_NEWNS, 'ns/mnt'], [CLONE_NEWTIME, 'ns/time_for_children'],
];

const OPT_FLAGS: Record<string, number> = {
  m: CLONE_NEWNS, u: CLONE_NEWUTS, i: CLONE_NEWIPC, n: CLONE_NEWNET, p: CLONE_NEWPID, U: CLONE_NEWUSER, C: CLONE_NEWCGROUP, T: CLONE_NEWTIME,
};

const PROPAGATION: Record<string, number> = {
  slave: MS_REC | MS_SLAVE, private: MS_REC | MS_PRIVATE, shared: MS_REC | MS_SHARED, unchanged: 0,
};

class Fatal { constructor(readonly status: number) {} }

interface Settings {
  flags: number;
  fork: boolean;
  procmnt?: string;
  propagation: number;
  mapUser: number;
  mapGroup: number;
  setgroups?: 'allow' | 'deny';
  targets: Map<number, string>;
  newroot?: string;
  newdir?: string;
  uid?: number;
  gid?: number;
  monotonic?: string;
  boottime?: string;
  command: string[];
}

export const unshare: ProgramImage = {
  vszKb: 5548, rssKb: 1612,
  main: async (proc) => {
    const prog = progName(proc.argv[0]);
    const { sys } = proc;
    const die = async (msg: string, status = 1): Promise<never> => { await proc.err(`${prog}: ${msg}\n`); throw new Fatal(status); };
    try {
      const s = await parse(proc, prog, die);
      if (s === null) return 1;
      if (typeof s === 'number') return s;
      if ((s.monotonic !== undefined || s.boottime !== undefined) && !(s.flags & CLONE_NEWTIME)) {
        await die('options --monotonic and --boottime require unsharing of a time namespace (-T)');
      }
      sys.signal(SIG.SIGCHLD, 'default');
      const realEuid = sys.geteuid(), realEgid = sys.getegid();
      // A new mount (or user) namespace would hide the bind mounts from the caller's namespace, so a
      // helper forked beforehand makes them once told that unshare(2) is done (bind_ns_files_from_child).
      const binder = s.targets.size && s.flags & (CLONE_NEWNS | CLONE_NEWUSER) ? forkBinder(proc, prog, s) : null;
      try {
        sys.unshare(s.flags);
      } catch (e) {
        if (!isKernelError(e)) throw e;
        await die(`unshare failed: ${e.message}`);
      }
      for (const [clk, off] of [['7', s.boottime], ['1', s.monotonic]] as const) {
        if (off !== undefined) await settime(sys, clk, off, die);
      }
      if (s.fork) {
        // The parent blocks SIGINT/SIGTERM while it waits ("impatient parent"); the child restores them.
        const oldInt = sys.signal(SIG.SIGINT, 'ignore');
        const oldTerm = sys.signal(SIG.SIGTERM, 'ignore');
        const child = sys.clone(async (c) => {
          c.signal(SIG.SIGINT, oldInt);
          c.signal(SIG.SIGTERM, oldTerm);
          const cproc: Proc = { argv: proc.argv, env: proc.env, sys: c, out: (t) => c.write(1, t), err: (t) => c.write(2, t) };
          const cdie = async (msg: string, status = 1): Promise<never> => { await cproc.err(`${prog}: ${msg}\n`); throw new Fatal(status); };
          try {
            return await runProgram(cproc, prog, s, realEuid, realEgid, cdie);
          } catch (e) {
            if (e instanceof Fatal) return e.status;
            throw e;
          }
        });
        if (binder) await syncWithChild(sys, binder);
        else if (s.targets.size) await bindNsFiles(sys, sys.getpid(), s, die);
        const res = await sys.wait4(child);
        return exitLikeChild(sys, res!.status);
      }
      if (binder) await syncWithChild(sys, binder);
      else if (s.targets.size) await bindNsFiles(sys, sys.getpid(), s, die);
      return await runProgram(proc, prog, s, realEuid, realEgid, die);
    } catch (e) {
      if (e instanceof Fatal) return e.status;
      throw e;
    }
  },
};

async function parse(proc: Proc, prog: string, die: (m: string) => Promise<never>): Promise<Settings | number | null> {
  const r = await ulGetopt(proc, prog, '+fhVmuinpCTUrR:w:S:G:c', [
    ...['mount:m', 'uts:u', 'ipc:i', 'net:n', 'pid:p', 'user:U', 'cgroup:C', 'time:T'].map((x) => {
      const [name, key] = x.split(':');
      return { name, arg: 'optional' as const, key };
    }),
    { name: 'help', arg: 'none', key: 'h' }, { name: 'version', arg: 'none', key: 'V' },
    { name: 'fork', arg: 'none', key: 'f' }, { name: 'kill-child', arg: 'optional', key: 'kill-child' },
    { name: 'mount-proc', arg: 'optional', key: 'mount-proc' }, { name: 'map-user', arg: 'required', key: 'map-user' },
    { name: 'map-group', arg: 'required', key: 'map-group' }, { name: 'map-root-user', arg: 'none', key: 'r' },
    { name: 'map-current-user', arg: 'none', key: 'c' }, { name: 'propagation', arg: 'required', key: 'propagation' },
    { name: 'setgroups', arg: 'required', key: 'setgroups' }, { name: 'keep-caps', arg: 'none', key: 'keep-caps' },
    { name: 'setuid', arg: 'required', key: 'S' }, { name: 'setgid', arg: 'required', key: 'G' },
    { name: 'root', arg: 'required', key: 'R' }, { name: 'wd', arg: 'required', key: 'w' },
    { name: 'monotonic', arg: 'required', key: 'monotonic' }, { name: 'boottime', arg: 'required', key: 'boottime' },
  ]);
  if (!r) return null;
  const { sys } = proc;
  const s: Settings = { flags: 0, fork: false, propagation: MS_REC | MS_PRIVATE, mapUser: -1, mapGroup: -1, targets: new Map(), command: r.operands };
  for (const o of r.options) {
    const v = o.value;
    if (o.key in OPT_FLAGS) {
      s.flags |= OPT_FLAGS[o.key];
      if (v !== undefined) s.targets.set(OPT_FLAGS[o.key], v);
      continue;
    }
    switch (o.key) {
      case 'f': s.fork = true; break;
      case 'kill-child':
        // PR_SET_PDEATHSIG is not modelled; the option still implies --fork.
        s.fork = true;
        break;
      case 'mount-proc': s.flags |= CLONE_NEWNS; s.procmnt = v ?? '/proc'; break;
      case 'map-user': s.flags |= CLONE_NEWUSER; s.mapUser = await idOf(sys, v!, 'uid', die); break;
      case 'map-group': s.flags |= CLONE_NEWUSER; s.mapGroup = await idOf(sys, v!, 'gid', die); break;
      case 'r': s.flags |= CLONE_NEWUSER; s.mapUser = 0; s.mapGroup = 0; break;
      case 'c': s.flags |= CLONE_NEWUSER; s.mapUser = sys.geteuid(); s.mapGroup = sys.getegid(); break;
      case 'propagation':
        if (!(v! in PROPAGATION)) await die(`unsupported propagation mode: ${v}`);
        s.propagation = PROPAGATION[v!];
        break;
      case 'setgroups':
        if (v !== 'allow' && v !== 'deny') await die(`unsupported --setgroups argument '${v}'`);
        s.setgroups = v as 'allow' | 'deny';
        break;
      case 'keep-caps': break;
      case 'S': s.uid = await number(v!, 'failed to parse uid', die); break;
      case 'G': s.gid = await number(v!, 'failed to parse gid', die); break;
      case 'R': s.newroot = v; break;
      case 'w': s.newdir = v; break;
      case 'monotonic': s.monotonic = v; break;
      case 'boottime': s.boottime = v; break;
      case 'h': await proc.out(UNSHARE_USAGE); return 0;
      case 'V': await proc.out(`${prog} from util-linux 2.38.1\n`); return 0;
    }
  }
  return s;
}

/** strtoul_or_err(). */
async function number(v: string, msg: string, die: (m: string) => Promise<never>): Promise<number> {
  if (!/^\d+$/.test(v)) await die(`${msg}: '${v}'`);
  return Number(v);
}

/** get_user()/get_group(): a number or a name from the passwd/group database. */
async function idOf(sys: SysApi, v: string, kind: 'uid' | 'gid', die: (m: string) => Promise<never>): Promise<number> {
  if (/^\d+$/.test(v)) return Number(v);
  const hit = kind === 'uid' ? (await passwd(sys)).find((u) => u.name === v)?.uid : (await groups(sys)).find((g) => g.name === v)?.gid;
  if (hit === undefined) await die(`failed to parse ${kind} '${v}'`);
  return hit!;
}

/** The part that runs in the process that becomes the program (the child with --fork). */
async function runProgram(proc: Proc, prog: string, s: Settings, realEuid: number, realEgid: number,
  die: (m: string) => Promise<never>): Promise<number> {
  const { sys } = proc;
  if (s.mapUser !== -1) await writeFile(sys, '/proc/self/uid_map', `${s.mapUser} ${realEuid} 1`, die);
  if (s.mapGroup !== -1) {
    if (s.setgroups === 'allow') await die('options --setgroups=allow and --map-group are mutually exclusive');
    await setgroupsControl(sys, 'deny', die);
    await writeFile(sys, '/proc/self/gid_map', `${s.mapGroup} ${realEgid} 1`, die);
  }
  if (s.setgroups) await setgroupsControl(sys, s.setgroups, die);
  if (s.flags & CLONE_NEWNS && s.propagation) {
    try { sys.mount('none', '/', '', s.propagation); } catch (e) { await fail(e, 'cannot change root filesystem propagation', die); }
  }
  let newdir = s.newdir;
  if (s.newroot) {
    try { sys.chroot(s.newroot); } catch (e) { await fail(e, `cannot change root directory to '${s.newroot}'`, die); }
    newdir ??= '/';
  }
  if (newdir) {
    try { sys.chdir(newdir); } catch (e) { await fail(e, `cannot change directory to ${newdir}`, die); }
  }
  if (s.procmnt) {
    if (!s.newroot && s.propagation !== (MS_PRIVATE | MS_REC)) {
      // A custom mount point is often not a mount yet (EINVAL), which unshare ignores.
      try { sys.mount('none', s.procmnt, '', MS_PRIVATE | MS_REC); } catch (e) {
        if (!isKernelError(e, 'EINVAL')) await fail(e, `cannot change ${s.procmnt} filesystem propagation`, die);
      }
    }
    try { sys.mount('proc', s.procmnt, 'proc', MS_NOSUID | MS_NOEXEC | MS_NODEV); } catch (e) { await fail(e, `mount ${s.procmnt} failed`, die); }
  }
  if (s.gid !== undefined || s.uid !== undefined) {
    try {
      sys.setuid(s.uid ?? sys.getuid(), s.gid ?? sys.getgid(), s.gid !== undefined ? [] : sys.getgroups());
    } catch (e) { await fail(e, s.uid !== undefined ? 'setuid() failed' : 'setgid() failed', die); }
  }
  return execCommandOrShell(proc, prog, s.command);
}

/** err(): the message, ": ", strerror. */
async function fail(e: unknown, msg: string, die: (m: string) => Promise<never>): Promise<never> {
  if (!isKernelError(e)) throw e;
  return die(`${msg}: ${e.message}`);
}

/** map_id(): open + write, with util-linux's two distinct messages. */
async function writeFile(sys: SysApi, path: string, data: string, die: (m: string) => Promise<never>): Promise<void> {
  let fd: number;
  try { fd = sys.open(path, O_WRONLY); } catch (e) { return fail(e, `cannot open ${path}`, die); }
  try { await sys.write(fd, data); } catch (e) { await fail(e, `write failed ${path}`, die); } finally { sys.close(fd); }
}

/** setgroups_control(): a kernel without /proc/self/setgroups is fine (ENOENT is ignored). */
async function setgroupsControl(sys: SysApi, cmd: string, die: (m: string) => Promise<never>): Promise<void> {
  const path = '/proc/self/setgroups';
  let fd: number;
  try { fd = sys.open(path, O_WRONLY); } catch (e) {
    if (isKernelError(e, 'ENOENT')) return;
    return fail(e, `cannot open ${path}`, die);
  }
  try { await sys.write(fd, cmd); } catch (e) { await fail(e, `write failed ${path}`, die); } finally { sys.close(fd); }
}

/** settime(): a line per clock in /proc/self/timens_offsets. */
async function settime(sys: SysApi, clk: string, offset: string, die: (m: string) => Promise<never>): Promise<void> {
  const path = '/proc/self/timens_offsets';
  let fd: number;
  try { fd = sys.open(path, O_WRONLY); } catch (e) { return fail(e, `failed to open ${path}`, die); }
  try { await sys.write(fd, `${clk} ${offset} 0`); } catch (e) { await fail(e, `failed to write to ${path}`, die); } finally { sys.close(fd); }
}

/** bind_ns_files(): keep a namespace alive by bind-mounting /proc/PID/ns/X onto the given file. */
async function bindNsFiles(sys: SysApi, pid: number, s: Settings, die: (m: string) => Promise<never>): Promise<void> {
  for (const [flag, name] of NS_FILES) {
    const target = s.targets.get(flag);
    if (!target) continue;
    const src = `/proc/${pid}/${name}`;
    try { sys.mount(src, target, '', MS_BIND); } catch (e) { await fail(e, `mount ${src} on ${target} failed`, die); }
  }
}

/** fork_and_wait(): a child that waits for a byte on a pipe, then binds the parent's ns files. */
function forkBinder(proc: Proc, prog: string, s: Settings): { pid: number; fd: number } {
  const { sys } = proc;
  const ppid = sys.getpid();
  const [r, w] = sys.pipe();
  const pid = sys.clone(async (c) => {
    c.close(w);
    await c.read(r);
    c.close(r);
    try {
      await bindNsFiles(c, ppid, s, async (msg) => { await c.write(2, `${prog}: ${msg}\n`); throw new Fatal(1); });
    } catch (e) {
      if (e instanceof Fatal) return e.status;
      throw e;
    }
    return 0;
  });
  sys.close(r);
  return { pid, fd: w };
}

/** sync_with_child() + waitchild(): release the helper and exit with its failure, if any. */
async function syncWithChild(sys: SysApi, child: { pid: number; fd: number }): Promise<void> {
  await sys.write(child.fd, '\x06');
  sys.close(child.fd);
  const res = await sys.wait4(child.pid);
  const st = res!.status;
  if ((st & 0x7f) === 0 && (st >> 8) !== 0) throw new Fatal(st >> 8);
}
