import { KernelError } from '../errno.ts';
import type { Kernel } from '../Kernel.ts';
import { createNamespaces, enterUserNs, remapFs } from '../ns/createNamespaces.ts';
import type { NsType } from '../ns/NsCommon.ts';
import { PidNamespace } from '../ns/PidNamespace.ts';
import type { UserNamespace } from '../ns/simple.ts';
import { hasMapping, nsCapable, toKid, viewId } from '../ns/userns.ts';
import type { Proc, ProgramImage } from '../program.ts';
import { checkArgLimits, environBlock } from '../task/argLimits.ts';
import { doClone } from '../task/clone.ts';
import { ALL_CAPS, rootCreds, userCreds } from '../task/Credentials.ts';
import { doExit } from '../task/exit.ts';
import { sendSignal } from '../task/signals.ts';
import { TaskExit, type Task } from '../task/Task.ts';
import { doWait } from '../task/wait.ts';
import { checkAccess, nsOf } from '../vfs/inode.ts';
import { doMount, doPivotRoot, doUmount } from '../vfs/mountOps.ts';
import { OpenFile } from '../vfs/OpenFile.ts';
import { basename } from '../vfs/path.ts';
import { Tty } from '../tty/Tty.ts';
import { SysFs } from './SysFs.ts';
import type { CloneOptions, SignalDisposition, SysApi, Termios, UtsName, WaitResult, Winsize } from './SysApi.ts';

/** The syscall interface bound to one task. File calls live in SysFs; the rest is here. */
export class Sys extends SysFs implements SysApi {
  constructor(kernel: Kernel, task: Task) { super(kernel, task); }

  private check(): void { if (!this.task.alive) throw new TaskExit(this.task); }

  getpid(): number { return this.task.nr; }
  getppid(): number { return this.task.parent?.pid.nrIn(this.task.pidNs) ?? 0; }
  // Ids as the caller's user namespace sees them (from_kuid_munged: unmapped ones read as 65534).
  getuid(): number { return viewId(this.task.userNs, this.task.cred.uid, 'uid'); }
  geteuid(): number { return viewId(this.task.userNs, this.task.cred.euid, 'uid'); }
  getgid(): number { return viewId(this.task.userNs, this.task.cred.gid, 'gid'); }
  getegid(): number { return viewId(this.task.userNs, this.task.cred.egid, 'gid'); }
  getgroups(): number[] { return this.task.cred.groups.map((g) => viewId(this.task.userNs, g, 'gid')); }
  /** capable(): the capability over the initial user namespace. */
  capable(cap: string): boolean { return nsCapable(this.task, this.kernel.initUserNs, cap); }
  capset(caps: string[]): void {
    const cur = this.task.cred.caps;
    if (caps.some((c) => !cur.has(c))) throw new KernelError('EPERM');
    this.task.cred = { ...this.task.cred, caps: new Set(caps) };
  }
  seccomp(profile: 'builtin'): void { this.task.seccomp = profile; }
  setuid(uid: number, gid = uid, groups: number[] = [gid]): void {
    const ns = this.task.userNs;
    if (!nsCapable(this.task, ns, 'CAP_SETUID')) throw new KernelError('EPERM');
    // setresuid(2) takes ids as the caller's user namespace writes them (make_kuid); unmapped: EINVAL.
    [uid, gid] = [toKid(ns, uid, 'uid'), toKid(ns, gid, 'gid')];
    groups = groups.map((g) => toKid(ns, g, 'gid'));
    if (uid < 0 || gid < 0 || groups.some((g) => g < 0)) throw new KernelError('EINVAL');
    const keep = this.task.cred.caps;
    // Becoming the namespace's root keeps the capabilities (a reduced set stays reduced, e.g. a
    // container without CAP_NET_ADMIN); any other uid has none.
    const toRoot = uid === toKid(ns, 0, 'uid');
    this.task.cred = { ...userCreds(uid, gid, groups), gid, egid: gid, groups, caps: toRoot ? new Set(keep) : new Set() };
  }
  getpgrp(): number { return this.task.pgrp.nrIn(this.task.pidNs); }
  getsid(pid?: number): number { return (pid ? this.lookup(pid) : this.task).session.nrIn(this.task.pidNs); }
  setpgid(pid: number, pgid: number): void {
    const target = pid === 0 ? this.task : this.lookup(pid);
    this.kernel.setpgid(this.task, target, undefined, pgid);
  }
  setsid(): number {
    const t = this.task;
    for (const other of this.kernel.tasks) if (other !== t && other.pgrp === t.pid) throw new KernelError('EPERM');
    t.session = t.pid;
    t.pgrp = t.pid;
    t.ctty = null;
    return t.nr;
  }

  /** find_task_by_vpid: pids are looked up in the caller's pid namespace only. */
  private lookup(pid: number): Task {
    const t = this.task.pidNs.tasks.get(pid);
    if (!t || t.state === 'X') throw new KernelError('ESRCH');
    return t;
  }

  clone(entry: (sys: SysApi) => Promise<number>, opts?: CloneOptions): number {
    this.check();
    return doClone(this.kernel, this.task, entry, opts).pid.nrIn(this.task.pidNs);
  }

  async execve(path: string, argv: string[], env: Map<string, string>, depth = 0): Promise<never> {
    this.check();
    const ref = this.resolve(path);
    if (ref.inode.type === 'dir') throw new KernelError('EACCES');
    if (ref.inode.type !== 'file') throw new KernelError('EACCES');
    checkAccess(ref.inode, this.ctx, 'x');
    if (ref.mnt.flags.includes('noexec')) throw new KernelError('EACCES');
    // do_execveat_common: the file is opened first, then the strings are counted and copied.
    checkArgLimits(argv, env);
    const file = ref.inode.program ? this.kernel.programs.get(ref.inode.program) : undefined;
    if (!file) {
      const text = ref.inode.read(this.ctx);
      const shebang = /^#!\s*(\S+)(?:\s+(.*))?/.exec(text.split('\n', 1)[0]);
      if (!shebang || depth > 4) throw new KernelError('ENOEXEC');
      const interp = [shebang[1], ...(shebang[2] ? [shebang[2].trim()] : [])];
      return this.execve(shebang[1], [...interp, path, ...argv.slice(1)], env, depth + 1);
    }
    const t = this.task;
    // The binary is read before the point of no return (begin_new_exec): while it loads, the task
    // is still the old program (its comm and argv), in state D.
    const image = await this.kernel.loadImage(t, file);
    // bprm_fill_uid: a set-user-ID bit whose owner has no mapping in the caller's user namespace is ignored.
    if (ref.inode.mode & 0o4000 && !ref.mnt.flags.includes('nosuid') && hasMapping(t.userNs, ref.inode.uid, 'uid')) {
      // Set-user-ID executable (sudo): the effective uid becomes the file owner's.
      t.cred = { ...t.cred, euid: ref.inode.uid, caps: ref.inode.uid === 0 ? rootCreds().caps : new Set<string>() };
    } else if (t.cred.caps.size && t.cred.euid !== toKid(t.userNs, 0, 'uid') && t.cred.uid !== toKid(t.userNs, 0, 'uid')) {
      // capabilities(7): execve by a process that is not its user namespace's root drops them all
      // (so `unshare -U` without a uid map runs its command with none).
      t.cred = { ...t.cred, caps: new Set() };
    }
    t.comm = basename(ref.path).slice(0, 15);
    t.argv = [...argv];
    t.environ = environBlock(env);
    t.exe = ref.path;
    t.vszKb = image.vszKb ?? 7644;
    t.rssKb = image.rssKb ?? 2784;
    t.fdTable.closeOnExec();
    for (const [sig, d] of [...t.handlers]) if (typeof d === 'function') t.setDisposition(sig, 'default');
    this.kernel.namespacesChanged();
    const proc: Proc = {
      argv: t.argv, env: new Map(env), sys: this,
      out: (text) => this.write(1, text), err: (text) => this.write(2, text),
    };
    // execve's own frame ends here: a process spends its life in the program, and every sleeping
    // task would otherwise keep this function's suspended state (its locals, ~350 bytes) as well.
    return this.runProgram(image, proc);
  }

  /** The new program, to its end: its return value is the exit status (as returning from main). */
  private async runProgram(image: ProgramImage, proc: Proc): Promise<never> {
    const code = await image.main(proc);
    doExit(this.kernel, this.task, (code & 0xff) << 8);
    throw new TaskExit(this.task);
  }

  exit(status: number): never {
    doExit(this.kernel, this.task, (status & 0xff) << 8);
    throw new TaskExit(this.task);
  }

  wait4(pid: number, options = 0): Promise<WaitResult | null> { return doWait(this.kernel, this.task, pid, options); }

  kill(pid: number, sig: number): void {
    this.check();
    if (sig < 0 || sig > 64) throw new KernelError('EINVAL');
    const me = this.task;
    const permitted = (t: Task) => nsCapable(me, t.userNs, 'CAP_KILL') || me.cred.euid === t.cred.uid || me.cred.uid === t.cred.uid;
    // A fatal signal the caller sends itself (kill -9 $$, kill -9 0) is acted on before kill(2)
    // returns to user space: the process never runs another instruction.
    const deliver = (t: Task) => sendSignal(this.kernel, t, sig, t.pidNs !== me.pidNs);
    if (pid > 0) {
      const t = this.lookup(pid);
      if (!permitted(t)) throw new KernelError('EPERM');
      deliver(t);
      this.check();
      return;
    }
    const ns = me.pidNs;
    const targets = [...ns.tasks.values()].filter((t) => t.alive && (
      pid === -1 ? t !== me && t !== ns.childReaper && !t.kthread
        : t.pgrp.nrIn(ns) === (pid === 0 ? me.pgrp.nrIn(ns) : -pid)));
    if (targets.length === 0) throw new KernelError('ESRCH');
    const allowed = targets.filter(permitted);
    if (allowed.length === 0) throw new KernelError('EPERM');
    allowed.forEach(deliver);
    this.check();
  }

  signal(sig: number, disposition: SignalDisposition): SignalDisposition {
    if (sig === 9 || sig === 19) throw new KernelError('EINVAL');
    const old = this.task.handlers.get(sig) ?? 'default';
    this.task.setDisposition(sig, disposition);
    return old;
  }

  nanosleep(ms: number): Promise<void> {
    return this.kernel.block(this.task, (wake) => {
      const id = this.kernel.timers.add(ms, wake);
      return () => this.kernel.timers.cancel(id);
    });
  }
  sched_yield(): Promise<void> { return this.kernel.yieldCpu(this.task); }
  times(): { utime: number; stime: number } { return { utime: this.task.cpuMs, stime: 0 }; }

  // — terminals —
  private ttyOf(fd: number) {
    const tty = this.task.fdTable.get(fd).tty;
    if (!tty) throw new KernelError('ENOTTY');
    return tty;
  }
  tcgetattr(fd: number): Termios { return { ...this.ttyOf(fd).termios }; }
  tcsetattr(fd: number, t: Termios): void { this.ttyOf(fd).setTermios(t); }
  tcgetpgrp(fd: number): number {
    const tty = this.ttyOf(fd);
    if (this.task.ctty !== tty) throw new KernelError('ENOTTY');
    return tty.fgPgrp?.nrIn(this.task.pidNs) ?? 0;
  }
  tcsetpgrp(fd: number, pgid: number): void {
    const tty = this.ttyOf(fd);
    if (this.task.ctty !== tty) throw new KernelError('ENOTTY');
    for (const t of this.kernel.tasks) {
      if (t.session === this.task.session && t.pgrp.nrIn(this.task.pidNs) === pgid) { tty.fgPgrp = t.pgrp; return; }
    }
    throw new KernelError('EPERM');
  }
  getWinsize(fd: number): Winsize { return { ...this.ttyOf(fd).winsize }; }
  setWinsize(fd: number, ws: Winsize): void { this.ttyOf(fd).resize(ws.cols, ws.rows); }

  openpty(): [number, string] {
    const devpts = this.devptsAtDevPts();
    const tty = devpts.allocate(80, 24, this.task.cred.euid);
    // The master's buffer is bounded (tty_buffer's memory limit): a writer on the slave waits while
    // the reader (a console relay such as containerd-shim) has not taken its output.
    tty.setOutputWindow(Tty.MASTER_BUFFER);
    let buffered = '';
    const unsubscribe = tty.onOutput((d) => { buffered += d; tty.masterReadable.wake(); });
    const master = new OpenFile({
      read: async (_f, task) => {
        while (!buffered && !tty.slaveGone) await this.kernel.block(task, (wake) => tty.masterReadable.add(wake));
        const out = buffered;
        buffered = '';
        tty.outputConsumed(out.length);
        return out;
      },
      write: (_f, data) => tty.input(data),
      release: () => { unsubscribe(); tty.hangup(); devpts.remove(tty); },
    }, 2, '/dev/ptmx', undefined, undefined);
    return [this.task.fdTable.install(master), `/dev/pts/${tty.index}`];
  }

  ttyReportStatus(fd: number, status: number): void { this.ttyOf(fd).lastStatus = status; }

  setctty(fd: number): void {
    const tty = this.ttyOf(fd);
    const t = this.task;
    if (t.session !== t.pid) throw new KernelError('EPERM');
    tty.session = t.session;
    tty.fgPgrp = t.pgrp;
    t.ctty = tty;
  }

  // — namespaces and mounts —
  unshare(flags: number): void {
    const { nsproxy, mountMap, userNs } = createNamespaces(this.kernel, this.task, flags);
    enterUserNs(this.task, userNs);
    this.task.nsproxy = nsproxy;
    if (mountMap) remapFs(this.task, mountMap);
    this.kernel.namespacesChanged(this.task);
  }

  setns(fd: number, nstype?: NsType): void {
    const inode = this.task.fdTable.get(fd).inode;
    const ns = inode && nsOf(inode);
    if (!ns || (nstype && ns.type !== nstype)) throw new KernelError('EINVAL');
    // Each namespace's install(): CAP_SYS_ADMIN over the namespace's owner and over our own.
    const owner = ns.type === 'user' ? ns as UserNamespace : ns.owner as UserNamespace | null ?? this.kernel.initUserNs;
    if (!nsCapable(this.task, owner, 'CAP_SYS_ADMIN') || !nsCapable(this.task, this.task.userNs, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
    const t = this.task;
    const p = { ...t.nsproxy } as Record<string, unknown>;
    switch (ns.type) {
      case 'pid':
        // pidns_install: only the caller's own namespace or one nested below it.
        if (!t.pidNs.isAncestorOf(ns as PidNamespace)) throw new KernelError('EINVAL');
        p.pidForChildren = ns;
        break;
      case 'mnt': {
        p.mnt = ns;
        const root = (ns as typeof t.nsproxy.mnt).root;
        t.fs = { ...t.fs, root: { mnt: root, inode: root.root }, cwd: { mnt: root, inode: root.root, path: '/' } };
        break;
      }
      case 'time': p.timeForChildren = ns; break;
      case 'user':
        // userns_install: the caller gets every capability in the namespace it joins.
        if (ns === t.userNs) throw new KernelError('EINVAL');
        t.userNs = ns as typeof t.userNs;
        t.cred = { ...t.cred, caps: new Set(ALL_CAPS) };
        break;
      default: p[ns.type] = ns;
    }
    t.nsproxy = p as unknown as typeof t.nsproxy;
    this.kernel.namespacesChanged(t);
  }

  nsInfo(fd: number): { type: NsType; inum: number } {
    const inode = this.task.fdTable.get(fd).inode;
    const ns = inode && nsOf(inode);
    if (!ns) throw new KernelError('EINVAL');
    return { type: ns.type, inum: ns.inum };
  }

  mount(source: string, target: string, fstype: string, flags: number, data = ''): void {
    doMount(this.kernel, this.task, this.walker(), source, target, fstype, flags, data);
  }
  umount(target: string, flags = 0): void { doUmount(this.kernel, this.task, this.walker(), target, flags); }
  pivot_root(newRoot: string, putOld: string): void { doPivotRoot(this.kernel, this.task, this.walker(), newRoot, putOld); }

  sethostname(name: string): void {
    if (!nsCapable(this.task, this.task.nsproxy.uts.owner as UserNamespace, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
    if (name.length > 64) throw new KernelError('EINVAL');
    (this.task.nsproxy.uts as { hostname: string }).hostname = name;
    this.kernel.namespacesChanged();
  }
  setdomainname(name: string): void {
    if (!nsCapable(this.task, this.task.nsproxy.uts.owner as UserNamespace, 'CAP_SYS_ADMIN')) throw new KernelError('EPERM');
    if (name.length > 64) throw new KernelError('EINVAL');
    (this.task.nsproxy.uts as { domainname: string }).domainname = name;
  }
  uname(): UtsName {
    const uts = this.task.nsproxy.uts;
    return { sysname: 'Linux', nodename: uts.hostname, release: this.kernel.release, version: this.kernel.version, machine: 'x86_64', domainname: uts.domainname };
  }

  setproctitle(argv: string[], comm?: string): void {
    this.task.argv = [...argv];
    if (comm !== undefined) this.task.comm = comm.slice(0, 15);
  }

  time(): number { return this.kernel.clock.now(); }
  random(): number { return this.kernel.random.next(); }
  async extReady(name: string): Promise<void> {
    const loading = this.kernel.extensionLoads.get(name);
    if (!loading) return;
    await this.kernel.block(this.task, (wake) => {
      loading.then(wake, wake);
      return () => undefined;
    });
  }
  async ext<T>(name: string): Promise<T> {
    await this.extReady(name);
    return this.extNow<T>(name);
  }
  extNow<T>(name: string): T {
    const make = this.kernel.extensions.get(name);
    if (!make) throw new KernelError('ENOSYS');
    return make(this) as T;
  }
}
