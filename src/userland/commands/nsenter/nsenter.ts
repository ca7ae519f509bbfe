import { SIG, WUNTRACED } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import type { NsType } from '../../../kernel/ns/NsCommon.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { W } from '../../../kernel/task/wait.ts';
import { execCommandOrShell, exitLikeChild, openRdonly, progName, ulGetopt } from '../../lib/utillinux.ts';
import { NSENTER_USAGE } from './usage.ts';

/**
 * nsenter(1) from util-linux 2.38: open /proc/PID/ns/* (or the given files), setns(2) into each —
 * user namespace last when deprivileging, first when that is the only way in — then, because
 * entering a pid namespace only affects children, fork so the program is in it (continue_as_child).
 */

interface NsFile { type: NsType; name: string; key: string; fd: number; path?: string }

/** The order matters: setns goes through it twice, skipping the user namespace on the first pass. */
function nsFiles(): NsFile[] {
  return ([['user', 'U'], ['cgroup', 'C'], ['ipc', 'i'], ['uts', 'u'], ['net', 'n'], ['pid', 'p'], ['mnt', 'm'], ['time', 'T']] as const)
    .map(([type, key]) => ({ type, name: `ns/${type}`, key, fd: -1 }));
}

class Fatal { constructor(readonly status: number) {} }

export const nsenter: ProgramImage = {
  vszKb: 5508, rssKb: 1560,
  main: async (proc) => {
    const prog = progName(proc.argv[0]);
    const die = async (msg: string): Promise<never> => { await proc.err(`${prog}: ${msg}\n`); throw new Fatal(1); };
    try {
      return await run(proc, prog, die);
    } catch (e) {
      if (e instanceof Fatal) return e.status;
      throw e;
    }
  },
};

async function run(proc: Proc, prog: string, die: (m: string) => Promise<never>): Promise<number> {
  const { sys } = proc;
  const r = await ulGetopt(proc, prog, '+ahVt:m::u::i::n::p::C::U::T::S:G:r::w::W:F', [
    { name: 'all', arg: 'none', key: 'a' }, { name: 'help', arg: 'none', key: 'h' }, { name: 'version', arg: 'none', key: 'V' },
    { name: 'target', arg: 'required', key: 't' },
    ...(['mount:m', 'uts:u', 'ipc:i', 'net:n', 'pid:p', 'user:U', 'cgroup:C', 'time:T'].map((x) => {
      const [name, key] = x.split(':');
      return { name, arg: 'optional' as const, key };
    })),
    { name: 'setuid', arg: 'required', key: 'S' }, { name: 'setgid', arg: 'required', key: 'G' },
    { name: 'root', arg: 'optional', key: 'r' }, { name: 'wd', arg: 'optional', key: 'w' }, { name: 'wdns', arg: 'required', key: 'W' },
    { name: 'no-fork', arg: 'none', key: 'F' }, { name: 'preserve-credentials', arg: 'none', key: 'preserve' },
  ]);
  if (!r) return 1;
  const files = nsFiles();
  let target = 0, all = false, doFork = -1, preserve = false, wdns: string | undefined;
  let uid = 0, gid = 0, forceUid = false, forceGid = false;
  const wanted = new Set<NsType>();
  let root: { path: string; fd: number } | null = null, wd: { path: string; fd: number } | null = null;
  let doRoot = false, doWd = false;

  /** open_target_fd(): the given path, or /proc/TARGET/<name>; the fd is kept for setns. */
  const openTarget = async (name: string, path: string | undefined): Promise<{ path: string; fd: number }> => {
    const p = path ?? (target ? `/proc/${target}/${name}` : undefined);
    if (!p) return die(`neither filename nor target pid supplied for ${name}`);
    try {
      return { path: p, fd: openRdonly(sys, p) };
    } catch (e) {
      if (!isKernelError(e)) throw e;
      return die(`cannot open ${p}: ${e.message}`);
    }
  };
  const num = async (v: string, msg: string) => (/^\d+$/.test(v) ? Number(v) : die(`${msg}: '${v}'`));

  for (const o of r.options) {
    const f = files.find((x) => x.key === o.key);
    if (f) {
      if (o.value === undefined) { wanted.add(f.type); continue; }
      if (f.fd >= 0) sys.close(f.fd);
      const t = await openTarget(f.name, o.value);
      f.fd = t.fd;
      f.path = t.path;
      continue;
    }
    switch (o.key) {
      case 'a': all = true; break;
      case 't': target = await num(o.value!, 'failed to parse pid'); break;
      case 'S': uid = await num(o.value!, 'failed to parse uid'); forceUid = true; break;
      case 'G': gid = await num(o.value!, 'failed to parse gid'); forceGid = true; break;
      case 'F': doFork = 0; break;
      case 'preserve': preserve = true; break;
      case 'r': if (o.value === undefined) doRoot = true; else root = await openTarget('root', o.value); break;
      case 'w': if (o.value === undefined) doWd = true; else wd = await openTarget('cwd', o.value); break;
      case 'W': wdns = o.value; break;
      case 'h': await proc.out(NSENTER_USAGE); return 0;
      case 'V': await proc.out(`${prog} from util-linux 2.38.1\n`); return 0;
    }
  }
  if (wd && wdns !== undefined) return die('mutually exclusive arguments: --wdns --wd');

  if (all) {
    if (!target) return die('no target PID specified for --all');
    for (const f of files) {
      if (f.fd >= 0) continue;
      // setns(2) refuses to re-enter the caller's own user namespace.
      if (f.type === 'user' && await sameNamespace(sys, sys.getpid(), target, f.name, die)) continue;
      // Namespaces this kernel does not have are skipped (2.38: "Do not try to enter nonexisting namespaces").
      try { sys.lstat(`/proc/${target}/${f.name}`); } catch (e) { if (isKernelError(e, 'ENOENT')) continue; }
      wanted.add(f.type);
    }
  }
  for (const f of files) {
    if (!wanted.has(f.type) || f.fd >= 0) continue;
    const t = await openTarget(f.name, undefined);
    f.fd = t.fd;
    f.path = t.path;
  }
  // A path string for each directory too: the kernel model has no fchdir(2), so -r/-w are applied by
  // path, as seen from the target (readlink of its root/cwd) once its mount namespace is entered.
  if (doRoot) root = await openTarget('root', undefined);
  if (doWd) wd = await openTarget('cwd', undefined);
  const targetView = (ref: { path: string } | null) => {
    if (!ref) return undefined;
    try { return sys.readlink(ref.path); } catch { return undefined; }
  };
  const rootSeen = targetView(root), wdSeen = targetView(wd);

  const entering = files.filter((f) => f.fd >= 0);
  if (entering.some((f) => f.type === 'user') && !preserve) { forceUid = true; forceGid = true; }

  for (let pass = 0; pass < 2; pass++) {
    for (const f of files.slice(1 - pass)) {
      if (f.fd < 0) continue;
      if (f.type === 'pid' && doFork === -1) doFork = 1;
      try {
        sys.setns(f.fd, f.type);
      } catch (e) {
        if (!isKernelError(e)) throw e;
        if (pass !== 0) return die(`reassociate to namespace '${f.name}' failed: ${e.message}`);
        continue;
      }
      sys.close(f.fd);
      f.fd = -1;
    }
  }
  const mntEntered = entering.some((f) => f.type === 'mnt');

  if (root) {
    const cwdBefore = wd || wdns !== undefined ? undefined : sys.getcwd();
    const dir = mntEntered ? rootSeen ?? '/' : root.path;
    try {
      if (dir !== '/' || !mntEntered) sys.chroot(dir);
    } catch (e) {
      if (!isKernelError(e)) throw e;
      return die(`chroot failed: ${e.message}`);
    }
    sys.chdir('/');
    sys.close(root.fd);
    if (cwdBefore) { try { sys.chdir(cwdBefore); } catch { /* the old cwd is outside the new root */ } }
  }
  if (wdns !== undefined) {
    try { sys.chdir(wdns); } catch (e) {
      if (!isKernelError(e)) throw e;
      return die(`cannot open current working directory: ${e.message}`);
    }
  }
  if (wd) {
    const dir = mntEntered || root ? wdSeen ?? '/' : wd.path;
    try { sys.chdir(dir); } catch (e) {
      if (!isKernelError(e)) throw e;
      return die(`change directory by working directory file descriptor failed: ${e.message}`);
    }
    sys.close(wd.fd);
  }

  /** After the fork (if any): credentials for a user namespace, then the program. */
  const finish = async (p: Proc, fail: (m: string) => Promise<never>): Promise<number> => {
    const s = p.sys;
    if (forceUid || forceGid) {
      try {
        s.setuid(forceUid ? uid : s.getuid(), forceGid ? gid : s.getgid(), forceGid ? [] : s.getgroups());
      } catch (e) {
        if (!isKernelError(e)) throw e;
        return fail(`${forceGid && !forceUid ? 'setgid() failed' : 'setuid() failed'}: ${e.message}`);
      }
    }
    return execCommandOrShell(p, prog, r.operands);
  };
  if (doFork !== 1) return finish(proc, die);
  return continueAsChild(sys, async (c) => {
    const cp: Proc = { argv: proc.argv, env: proc.env, sys: c, out: (t) => c.write(1, t), err: (t) => c.write(2, t) };
    try {
      return await finish(cp, async (m) => { await cp.err(`${prog}: ${m}\n`); throw new Fatal(1); });
    } catch (e) {
      if (e instanceof Fatal) return e.status;
      throw e;
    }
  });
}

/**
 * continue_as_child(): fork so the program runs in the entered pid namespace; the parent relays a
 * stop of the child to itself, then exits with the child's status or dies of its signal.
 */
async function continueAsChild(sys: SysApi, child: (c: SysApi) => Promise<number>): Promise<number> {
  sys.signal(SIG.SIGCHLD, 'default');
  const pid = sys.clone(child);
  for (;;) {
    const res = await sys.wait4(pid, WUNTRACED);
    if (res && W.ifStopped(res.status)) {
      sys.kill(sys.getpid(), SIG.SIGSTOP);
      await sys.sched_yield(); // returns only once we are continued
      sys.kill(pid, SIG.SIGCONT);
      continue;
    }
    return exitLikeChild(sys, res!.status);
  }
}

async function sameNamespace(sys: SysApi, a: number, b: number, name: string, die: (m: string) => Promise<never>): Promise<boolean> {
  const ino = async (pid: number) => {
    const path = `/proc/${pid}/${name}`;
    try { return sys.stat(path).ino; } catch (e) {
      if (!isKernelError(e)) throw e;
      return die(`stat of ${path} failed: ${e.message}`);
    }
  };
  return (await ino(a)) === (await ino(b));
}
