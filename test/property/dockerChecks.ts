/**
 * The host's view (the kernel's tasks, namespaces, devices and mounts) must agree with what
 * `docker inspect` says about every container, and whatever a container used must be gone once it
 * stopped or was removed.
 */
import type { Kernel } from '../../src/kernel/Kernel.ts';
import { formatIpv4 } from '../../src/kernel/net/inet.ts';
import { stackOf } from '../../src/kernel/net/NetStack.ts';
import { InetSock } from '../../src/kernel/net/sockets/InetSock.ts';
import { hostRun, type Tracked } from './dockerOps.ts';
import { kernelInvariants } from './kernelInvariants.ts';

interface Inspect {
  Name: string;
  State: { Running: boolean; Pid: number; Status: string };
  HostConfig: { PidMode: string; NetworkMode: string; UTSMode: string; IpcMode: string; PortBindings?: Record<string, Array<{ HostPort: string }>> };
  Config: { Hostname: string; Image: string };
  NetworkSettings: { IPAddress: string };
}

export function hostMounts(k: Kernel): string[] { return k.initNsProxy.mnt.mounts().map((m) => m.path); }

function devices(k: Kernel, net: Kernel['initNsProxy']['net']) { return stackOf(net).devices; }

/** Check every tracked container; forget the ones Docker no longer knows after checking their cleanup. */
export async function dockerChecks(k: Kernel, tracked: Map<string, Tracked>, baseNets: number): Promise<string[]> {
  const errs = kernelInvariants(k);
  const names = [...tracked.keys()];
  const res = names.length ? await hostRun(k, ['docker', 'inspect', ...names]) : { stdout: '[]', stderr: '', status: 0 };
  let found: Inspect[] = [];
  try { found = JSON.parse(res.stdout || '[]') as Inspect[]; } catch { errs.push(`docker inspect printed no JSON: ${res.stdout.slice(0, 200)} ${res.stderr}`); }
  const byName = new Map(found.map((j) => [j.Name.replace(/^\//, ''), j]));
  const init = k.initNsProxy;
  let bridged = 0;
  // Namespaces running containers use (several may share one with --network=container:X).
  const usedNets = new Set(found.filter((j) => j.State.Running).map((j) => k.initPidNs.tasks.get(j.State.Pid)?.nsproxy.net));
  for (const [name, tr] of [...tracked]) {
    const j = byName.get(name);
    const gone = (why: string) => {
      if (tr.pid && k.initPidNs.tasks.get(tr.pid)?.alive && k.initPidNs.tasks.get(tr.pid)!.nsproxy.mnt !== init.mnt) errs.push(`${name} ${why}: its process ${tr.pid} still runs`);
      if (tr.net && tr.net !== init.net && k.netNamespaces.has(tr.net) && !usedNets.has(tr.net)) errs.push(`${name} ${why}: its network namespace net:[${tr.net.inum}] remains`);
      const left = hostMounts(k).filter((p) => tr.mounts.includes(p));
      if (left.length) errs.push(`${name} ${why}: mounts remain on the host: ${left.join(' ')}`);
    };
    if (!j) { gone('was removed'); tracked.delete(name); continue; }
    const at = `${name} (${j.HostConfig.PidMode || 'pid private'}, ${j.HostConfig.NetworkMode}, uts ${j.HostConfig.UTSMode || 'private'}, ipc ${j.HostConfig.IpcMode})`;
    if (!j.State.Running) {
      if (j.State.Pid !== 0) errs.push(`${at}: not running but State.Pid ${j.State.Pid}`);
      gone('stopped');
      continue;
    }
    const task = k.initPidNs.tasks.get(j.State.Pid);
    if (!task || !task.alive) { errs.push(`${at}: State.Pid ${j.State.Pid} is not a live host process`); continue; }
    tr.pidNs = task.pidNs;
    tr.net = task.nsproxy.net;
    const ref = (mode: string) => {
      const other = byName.get(mode.slice('container:'.length));
      return other ? k.initPidNs.tasks.get(other.State.Pid) : undefined;
    };
    // PID mode: host shares the initial namespace; private makes the container's process pid 1 of a
    // child namespace; container:X joins X's namespace.
    const pm = j.HostConfig.PidMode;
    if (pm === 'host' && task.pidNs !== k.initPidNs) errs.push(`${at}: --pid=host but in a level-${task.pidNs.level} pid namespace`);
    if (!pm && (task.pidNs.level !== 1 || task.pid.nrIn(task.pidNs) !== 1)) errs.push(`${at}: not pid 1 of its own namespace`);
    if (pm.startsWith('container:') && ref(pm) && ref(pm)!.pidNs !== task.pidNs) errs.push(`${at}: not in ${pm}'s pid namespace`);
    const nm = j.HostConfig.NetworkMode;
    const net = task.nsproxy.net;
    const devs = devices(k, net).map((d) => d.name).sort().join(',');
    if (nm === 'host' && net !== init.net) errs.push(`${at}: --network=host but in net:[${net.inum}]`);
    if (nm === 'none' && (net === init.net || devs !== 'lo')) errs.push(`${at}: --network=none but has devices ${devs}`);
    if (nm === 'bridge' || nm === 'default') {
      bridged++;
      const eth0 = devices(k, net).find((d) => d.name === 'eth0');
      if (net === init.net || devs !== 'eth0,lo' || !eth0) errs.push(`${at}: bridged but has devices ${devs}`);
      else if (eth0.peer?.ns.ns !== init.net || eth0.peer.master?.name !== 'docker0') errs.push(`${at}: eth0's peer is not a docker0 port on the host`);
      else if (!eth0.addrs4.some((a) => formatIpv4(a.local) === j.NetworkSettings.IPAddress)) errs.push(`${at}: eth0 lacks inspect's IPAddress ${j.NetworkSettings.IPAddress}`);
    }
    if (nm.startsWith('container:') && ref(nm) && ref(nm)!.nsproxy.net !== net) errs.push(`${at}: not in ${nm}'s network namespace`);
    const uts = task.nsproxy.uts;
    if (j.HostConfig.UTSMode === 'host' ? uts !== init.uts : uts === init.uts || uts.hostname !== j.Config.Hostname) {
      errs.push(`${at}: UTS namespace/hostname ${uts.hostname} disagrees with inspect (${j.Config.Hostname})`);
    }
    if ((j.HostConfig.IpcMode === 'host') !== (task.nsproxy.ipc === init.ipc)) errs.push(`${at}: IPC namespace disagrees with IpcMode`);
    if (task.nsproxy.mnt === init.mnt) errs.push(`${at}: shares the host's mount namespace`);
  }
  // Sockets: each listener is seen only in its own namespace. The host listens on :80 only for an
  // nginx sharing its network, and on a published port only while its container runs (docker-proxy).
  const listening = (net: Kernel['initNsProxy']['net']) => new Set(stackOf(net).sockets
    .filter((s): s is InetSock => s instanceof InetSock && s.state === 10).map((s) => s.lport));
  const want = new Set<number>();
  for (const j of found) {
    if (!j.State.Running) continue;
    const task = k.initPidNs.tasks.get(j.State.Pid);
    if (j.Config.Image === 'nginx' && task && task.nsproxy.net === init.net) want.add(80);
    if (j.Config.Image === 'nginx' && task && task.nsproxy.net !== init.net && !listening(task.nsproxy.net).has(80)) errs.push(`${j.Name}: nginx runs but nothing listens on :80 in its namespace`);
    for (const b of Object.values(j.HostConfig.PortBindings ?? {}).flat()) if (b.HostPort) want.add(Number(b.HostPort));
  }
  const hostPorts = [...listening(init.net)].filter((p) => p === 80 || (p >= 8000 && p < 9000)).sort();
  if (hostPorts.join() !== [...want].sort().join()) errs.push(`host listens on [${hostPorts.join(' ')}], expected [${[...want].sort().join(' ')}]`);
  const docker0 = devices(k, init.net).find((d) => d.name === 'docker0');
  if (docker0 && docker0.ports.length !== bridged) errs.push(`docker0 has ${docker0.ports.length} ports for ${bridged} bridged running containers`);
  usedNets.delete(init.net);
  if (k.netNamespaces.size !== baseNets + usedNets.size) errs.push(`${k.netNamespaces.size} network namespaces for ${usedNets.size} used by running containers (baseline ${baseNets})`);
  return errs;
}
