/**
 * One random docker session: ops through the CLI, the checks after each, then `docker rm -f` of
 * everything and a comparison with the freshly booted host.
 */
import type { Kernel } from '../../src/kernel/Kernel.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';
import { dockerChecks, hostMounts } from './dockerChecks.ts';
import { hostRun, runArgv, type DOp, type Tracked } from './dockerOps.ts';

async function applyDocker(k: Kernel, tracked: Map<string, Tracked>, op: DOp, n: number, log: string[], trace?: (line: string) => void): Promise<string[]> {
  const errs: string[] = [];
  const names = [...tracked.keys()];
  const $ = async (argv: string[]) => {
    const r = await hostRun(k, argv);
    log.push(`$ ${argv.join(' ')}  → ${r.status}${r.status ? ` ${r.stderr.trim().split('\n').pop()}` : ''}`);
    trace?.(log[log.length - 1]);
    return r;
  };
  const running = (name: string) => {
    const pid = tracked.get(name)?.pid;
    return !!pid && !!k.initPidNs.tasks.get(pid)?.alive;
  };
  if (op.t === 'run') {
    const name = `c${n}`;
    const ref = names.length ? names[op.ref % names.length] : undefined;
    const argv = runArgv(op, name, ref) ?? runArgv({ ...op, pid: op.pid === 'container' ? 'private' : op.pid, net: op.net === 'container' ? 'bridge' : op.net }, name, undefined)!;
    const before = hostMounts(k);
    const r = await $(argv);
    tracked.set(name, { name, mounts: hostMounts(k).filter((p) => !before.includes(p)), autoRemove: op.rm });
    const needsRef = argv.some((a) => a.includes('=container:'));
    if (r.status !== 0 && !(needsRef && ref && !running(ref))) errs.push(`docker run failed: ${r.stderr}`);
    return errs;
  }
  const name = names.length ? names[op.c % names.length] : undefined;
  if (!name) {
    // Nothing to act on: start a plain container instead, so no op is wasted.
    return applyDocker(k, tracked, { t: 'run', image: 'busybox', pid: 'private', net: 'bridge', uts: 'private', ipc: 'private', ref: 0, rm: false, hostname: false, publish: false }, n, log, trace);
  }
  const tr = tracked.get(name)!;
  const task = tr.pid ? k.initPidNs.tasks.get(tr.pid) : undefined;
  const live = !!task?.alive;
  switch (op.t) {
    case 'exec': {
      const pids = live ? [...task!.pidNs.tasks.entries()].filter(([, t]) => t.alive).map(([nr]) => String(nr)) : [];
      const r = await $(['docker', 'exec', name, 'sh', '-c', 'hostname; ls /proc']);
      if (!live) { if (r.status === 0) errs.push(`docker exec in stopped ${name} succeeded`); break; }
      const [host, ...rest] = r.stdout.trim().split('\n');
      const listed = rest.filter((x) => /^\d+$/.test(x));
      if (host !== task!.nsproxy.uts.hostname) errs.push(`${name}: hostname says ${host}, its UTS namespace ${task!.nsproxy.uts.hostname}`);
      const missing = pids.filter((p) => !listed.includes(p) && task!.pidNs.tasks.get(Number(p))?.alive);
      if (missing.length) errs.push(`${name}: ls /proc misses ${missing.join(' ')}`);
      // Besides the namespace's processes only the exec's own (sh, ls and, with --pid=host, docker's helpers).
      const extra = listed.filter((p) => !pids.includes(p));
      if (extra.length > (task!.pidNs.level === 0 ? 8 : 3)) errs.push(`${name}: ls /proc shows foreign pids ${extra.join(' ')}`);
      break;
    }
    case 'nsenter': {
      if (!live) { log.push(`nsenter ${name}: not running (skipped)`); break; }
      const r = await $(['nsenter', '-t', String(tr.pid), '-n', '-u', 'sh', '-c', 'hostname; ip -o link show']);
      const [host, ...links] = r.stdout.trim().split('\n');
      const seen = links.map((l) => /^\d+: ([^:@]+)/.exec(l)?.[1]).sort().join(',');
      const want = [...(task!.nsproxy.net.pernet.get('inet') as { devices: Array<{ name: string }> }).devices].map((d) => d.name).sort().join(',');
      if (host !== task!.nsproxy.uts.hostname || seen !== want) errs.push(`nsenter into ${name}: ${host} [${seen}], expected ${task!.nsproxy.uts.hostname} [${want}]`);
      break;
    }
    case 'hostkill':
      if (!live) { log.push(`kill -9 ${name}: not running (skipped)`); break; }
      if ((await $(['kill', '-9', String(tr.pid)])).status !== 0) errs.push('kill -9 from the host failed');
      break;
    case 'kill': { const r = await $(['docker', 'kill', name]); if (live && r.status) errs.push('docker kill of a running container failed'); break; }
    case 'rm': { const r = await $(['docker', 'rm', '-f', name]); if (r.status) errs.push('docker rm -f failed'); break; }
    case 'stop': await $(['docker', 'stop', name]); break;
    case 'start': await $(['docker', 'start', name]); break;
  }
  return errs;
}

/** Record each running container's pid for the next op (the checks record its namespaces). */
async function refreshPids(k: Kernel, tracked: Map<string, Tracked>): Promise<void> {
  if (!tracked.size) return;
  const r = await hostRun(k, ['docker', 'inspect', '-f', '{{.Name}} {{.State.Pid}}', ...tracked.keys()]);
  for (const line of r.stdout.trim().split('\n')) {
    const [n, pid] = line.replace(/^\//, '').split(' ');
    const tr = tracked.get(n);
    if (tr) tr.pid = Number(pid);
  }
}

export async function session(ops: DOp[], trace?: (line: string) => void): Promise<void> {
  const k = bootSandbox().host.kernel;
  await hostRun(k, ['docker', 'pull', '-q', 'busybox']);
  await hostRun(k, ['docker', 'pull', '-q', 'alpine']);
  await hostRun(k, ['docker', 'pull', '-q', 'nginx']);
  const base = { tasks: k.tasks.size, mounts: hostMounts(k).join(' '), nets: k.netNamespaces.size };
  const tracked = new Map<string, Tracked>();
  const log: string[] = [];
  const fail = (errs: string[]) => { throw new Error(`${log.join('\n')}\nviolations:\n  ${errs.slice(0, 10).join('\n  ')}`); };
  let n = 0;
  for (const op of ops) {
    const errs = await applyDocker(k, tracked, op, n++, log, trace);
    errs.push(...await dockerChecks(k, tracked, base.nets));
    if (errs.length) fail(errs);
    await refreshPids(k, tracked);
  }
  if (tracked.size) await hostRun(k, ['docker', 'rm', '-f', ...tracked.keys()]);
  log.push('$ docker rm -f <all>');
  const errs = await dockerChecks(k, tracked, base.nets);
  await k.settle(() => k.tasks.size <= base.tasks, undefined, 500);
  if (k.tasks.size !== base.tasks) errs.push(`${k.tasks.size - base.tasks} tasks left over: ${[...k.tasks].slice(-(k.tasks.size - base.tasks)).map((t) => t.comm).join(' ')}`);
  if (hostMounts(k).join(' ') !== base.mounts) errs.push(`host mounts differ after removing everything: ${hostMounts(k).filter((p) => !base.mounts.includes(p)).join(' ')}`);
  if (errs.length) fail(errs);
  if (process.env.FUZZ_VERBOSE) console.log(log.join('\n'));
}

