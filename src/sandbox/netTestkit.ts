import { loadsInFlight, loadsSettled } from '../kernel/loader.ts';
import { CLONE_NEWNET, O_RDWR } from '../kernel/constants.ts';
import { W } from '../kernel/task/wait.ts';
import { findInPath } from '../userland/lib/path.ts';
import type { Kernel } from '../kernel/Kernel.ts';
import { Sys } from '../kernel/syscalls/Sys.ts';
import type { SysApi } from '../kernel/syscalls/SysApi.ts';
import type { Task } from '../kernel/task/Task.ts';
import { execCapture, type ExecOptions, type ExecResult } from './exec.ts';
import { bootSandbox } from './index.ts';

/**
 * Helpers for the network tests: a booted host, commands run to completion on the virtual clock
 * (timers fire while every task sleeps), and long-lived tasks standing for a shell in a namespace.
 */
export interface NetBox {
  kernel: Kernel;
  /** A root task with no open files, as a login shell on the host would be. */
  shell: Task;
  run(argv: string[] | string, opts?: ExecOptions): Promise<ExecResult>;
  /** A root task (no open files) in a fresh network namespace; `setup` runs in it first. */
  netnsTask(setup?: (sys: SysApi) => void | Promise<void>): Promise<Task>;
  /** Run a command with a terminal of `cols` columns as its stdio; output with \r\n turned back into \n. */
  runOnTty(argv: string[], cols: number, opts?: { from?: Task }): Promise<{ output: string; status: number }>;
  /** A root task in new namespaces (CLONE_NEW* flags); `setup` runs in it first. */
  nsTask(flags: number, setup?: (sys: SysApi) => void | Promise<void>): Promise<Task>;
  /**
   * A namespace wired like a bridge-mode container, built with `ip` only: a bridge on the host
   * (created if missing) with `gateway/16`, a veth pair whose `eth0` end moves into a fresh
   * namespace with `addr/16`, the given MAC, lo up and a default route; DAD is waited out.
   */
  bridgeContainer(o: { bridge: string; gateway: string; veth: string; addr: string; mac: string }): Promise<Task>;
  /** Let `ms` of virtual time pass (every task sleeps meanwhile). */
  sleep(ms: number): Promise<void>;
  /** Start a long-running command and return once it has had time to start (e.g. a listener). */
  spawn(argv: string[], opts?: ExecOptions): Promise<{ result: Promise<ExecResult> }>;
}

/** A task that sleeps until the test ends (the kernel never runs out of work to wait on). */
function idleTask(kernel: Kernel, from: Task, flags: number, setup?: (sys: SysApi) => void | Promise<void>): Promise<Task> {
  return new Promise((resolve, reject) => {
    new Sys(kernel, from).clone(async (sys) => {
      try { await setup?.(sys); } catch (e) { reject(e); return 1; }
      resolve((sys as Sys).task);
      for (;;) await sys.read(0).catch(() => sys.nanosleep(1e12));
    }, { flags, fds: {}, comm: 'bash' });
  });
}

export async function netBox(): Promise<NetBox> {
  const sb = bootSandbox();
  const kernel = sb.host.kernel;
  const init = kernel.initPidNs.tasks.get(1)!;
  const shell = await idleTask(kernel, init, 0);
  const run = async (argv: string[] | string, opts: ExecOptions = {}) => {
    let done = false;
    const p = execCapture(kernel, typeof argv === 'string' ? argv.split(' ') : argv, { from: shell, ...opts }).finally(() => { done = true; });
    await kernel.settle(() => done);
    return p;
  };
  const sleep = async (ms: number) => { await run(['sleep', String(ms / 1000)]); };
  return {
    kernel, shell, run, sleep,
    async bridgeContainer(o) {
      const ctr = await idleTask(kernel, init, CLONE_NEWNET);
      const pid = String(ctr.pid.nrIn(kernel.initPidNs));
      const must = async (argv: string, from?: Task) => {
        const r = await run(argv.split(' '), from ? { from } : {});
        if (r.status !== 0) throw new Error(`${argv}: ${r.stderr}`);
      };
      if ((await run(['ip', 'link', 'show', o.bridge])).status !== 0) {
        await must(`ip link add ${o.bridge} type bridge`);
        await must(`ip addr add ${o.gateway}/16 brd + dev ${o.bridge}`);
        await must(`ip link set ${o.bridge} up`);
      }
      // The host has an eth0 already: like Docker, create the peer under a temporary name.
      await must(`ip link add ${o.veth} type veth peer name ceth0`);
      await must(`ip link set ceth0 netns ${pid}`);
      await must('ip link set ceth0 name eth0', ctr);
      await must(`ip link set ${o.veth} master ${o.bridge}`);
      await must(`ip link set ${o.veth} up`);
      await must('ip link set lo up', ctr);
      await must(`ip link set eth0 address ${o.mac}`, ctr);
      await must(`ip addr add ${o.addr}/16 brd + dev eth0`, ctr);
      await must('ip link set eth0 up', ctr);
      await must(`ip route add default via ${o.gateway}`, ctr);
      await sleep(3000);
      return ctr;
    },
    netnsTask: (setup) => idleTask(kernel, init, CLONE_NEWNET, setup),
    nsTask: (flags, setup) => idleTask(kernel, init, flags, setup),
    async runOnTty(argv, cols, opts = {}) {
      let done = false;
      const p = new Promise<{ output: string; status: number }>((resolve, reject) => {
        new Sys(kernel, opts.from ?? shell).clone(async (sys) => {
          try {
            const [master, path] = sys.openpty();
            const slave = sys.open(path, O_RDWR);
            sys.setWinsize(slave, { rows: 24, cols });
            const env = new Map([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['TERM', 'xterm']]);
            const child = sys.clone(async (c) => c.execve(findInPath(c, argv[0], env.get('PATH')!)!, argv, env), { fds: { 0: slave, 1: slave, 2: slave } });
            sys.close(slave);
            let output = '';
            const drain = (async () => { for (let d = await sys.read(master); d !== ''; d = await sys.read(master)) output += d; })();
            const st = (await sys.wait4(child))!.status;
            await Promise.race([drain, sys.nanosleep(1)]);
            resolve({ output: output.replace(/\r\n/g, '\n'), status: W.ifExited(st) ? W.exitStatus(st) : 128 + W.termSig(st) });
          } catch (e) { reject(e); }
          return 0;
        }, { fds: {}, comm: 'sshd' });
      }).finally(() => { done = true; });
      await kernel.settle(() => done);
      return p;
    },
    async spawn(argv, opts = {}) {
      const p = execCapture(kernel, argv, { from: shell, ...opts });
      // Let it start: its code read in (loader.ts), then enough turns to reach its first blocking call.
      for (let i = 0; i < 50; i++) {
        await new Promise<void>((r) => kernel.host.macrotask(r));
        if (loadsInFlight()) { await loadsSettled(); i = 0; }
      }
      return { result: p };
    },
  };
}
