/**
 * After every op: the kernel agrees with the model, and each puppet's own view (through /proc, stat,
 * uname and the netlink/sock_diag dumps, as ps, ls, hostname, ip and ss would read them) shows its
 * namespaces and nothing else.
 */
import type { NetApi } from '../../src/kernel/net/api.ts';
import type { Namespace } from '../../src/kernel/ns/NsCommon.ts';
import type { PidNamespace } from '../../src/kernel/ns/PidNamespace.ts';
import { who } from './apply.ts';
import { TEST_DEV, TEST_PORTS } from './applyNet.ts';
import { kernelInvariants } from './kernelInvariants.ts';
import { kernelNs, NS_KEYS, type Model, type MPuppet } from './model.ts';
import type { World } from './world.ts';

/** Model namespace ↔ kernel namespace, one to one (a namespace the model calls new must be new). */
export class Bindings {
  private readonly byKernel = new Map<Namespace, object>();
  bind(model: { k?: Namespace }, k: Namespace, what: string, errs: string[]): void {
    if (!model.k) {
      const other = this.byKernel.get(k);
      if (other && other !== model) errs.push(`${what}: expected a new namespace, got existing ${k.type}:[${k.inum}]`);
      model.k = k;
      this.byKernel.set(k, model);
    } else if (model.k !== k) {
      errs.push(`${what}: expected ${model.k.type}:[${model.k.inum}], kernel has ${k.type}:[${k.inum}]`);
    }
  }
}

function bindAll(w: World, model: Model, b: Bindings, errs: string[]): void {
  const init = w.init.nsproxy;
  const h = model.host;
  b.bind(h.pid, w.kernel.initPidNs, 'host pid', errs);
  b.bind(h.mnt, init.mnt, 'host mnt', errs);
  b.bind(h.uts, init.uts, 'host uts', errs);
  b.bind(h.ipc, init.ipc, 'host ipc', errs);
  b.bind(h.net, init.net, 'host net', errs);
  b.bind(h.cgroup, init.cgroup, 'host cgroup', errs);
  for (const m of model.puppets) {
    const t = m.p!.task;
    if (m.alive !== t.alive) errs.push(`${who(m)}: model says ${m.alive ? 'alive' : 'dead'}, kernel state ${t.state}`);
    if (!m.alive || !t.alive) continue;
    b.bind(m.pid, t.pidNs, `${who(m)} pid`, errs);
    for (const key of NS_KEYS) b.bind(m[key], kernelNs(m, key), `${who(m)} ${key}`, errs);
  }
}

const sameSet = (a: Iterable<string | number>, b: Iterable<string | number>) => {
  const x = [...a].map(String).sort().join(' ');
  const y = [...b].map(String).sort().join(' ');
  return x === y ? null : `[${x}] vs expected [${y}]`;
};

/** What puppet `m` sees, compared with the model. */
async function views(w: World, model: Model, m: MPuppet, errs: string[]): Promise<void> {
  const procNs = m.mnt.proc.k as PidNamespace;
  const expectPids = [...w.kernel.tasks].filter((t) => t.state !== 'X' && t.pid.nrIn(procNs) > 0).map((t) => t.pid.nrIn(procNs));
  const got = await w.call(m.p!, async (sys) => {
    const r: Record<string, unknown> = {};
    r.proc = sys.readdir('/proc').filter((n) => /^\d+$/.test(n));
    try { r.self = sys.readlink('/proc/self'); } catch (e) { r.self = (e as { code?: string }).code; }
    r.status = {} as Record<number, string>;
    for (const o of model.alive().slice(0, 6)) {
      const nr = o.p!.task.pid.nrIn(procNs);
      if (nr) (r.status as Record<number, string>)[o.p!.id] = /^NSpid:(.*)$/m.exec(await sys.readFile(`/proc/${nr}/status`))?.[1].trim() ?? '';
    }
    r.markers = [] as number[];
    for (let k = 0; k < model.mountCount; k++) {
      try { sys.stat(`/tmp/m${k}/marker`); (r.markers as number[]).push(k); } catch { /* not visible */ }
    }
    r.hostname = sys.uname().nodename;
    const net = await sys.ext<NetApi>('net');
    r.devs = net.links().filter((l) => TEST_DEV.test(l.name));
    r.ports = net.sockDiag(['tcp']).filter((s) => s.state === 10 && TEST_PORTS.includes(s.localPort)).map((s) => s.localPort);
    return r;
  });
  if (got.kind !== 'ok') { errs.push(`${who(m)}: reading its views failed: ${got.kind === 'errno' ? got.code : 'died'}`); return; }
  const v = got.value;
  const at = who(m);
  // ps: /proc lists exactly the tasks with a number in the pid namespace it was mounted for.
  const d1 = sameSet(v.proc as string[], expectPids);
  if (d1) errs.push(`${at}: ls /proc ${d1}`);
  for (const o of model.alive()) {
    if (!Model_within(o, m)) continue;
    if (!(v.proc as string[]).includes(String(o.p!.task.pid.nrIn(procNs)))) errs.push(`${at}: /proc lacks ${who(o)}`);
  }
  const selfNr = m.p!.task.pid.nrIn(procNs);
  if (String(v.self) !== (selfNr ? String(selfNr) : 'ENOENT')) errs.push(`${at}: /proc/self -> ${v.self}, expected ${selfNr || 'ENOENT'}`);
  for (const [id, nspid] of Object.entries(v.status as Record<string, string>)) {
    const o = model.puppets.find((x) => x.p!.id === Number(id))!;
    const levels = o.pid.level - m.mnt.proc.level + 1;
    const nums = nspid.split(/\s+/).map(Number);
    if (nums.length !== levels || nums[0] !== o.p!.task.pid.nrIn(procNs) || nums[levels - 1] !== o.p!.task.nr) {
      errs.push(`${at}: NSpid of ${who(o)} in its /proc is "${nspid}", expected ${levels} levels ending in ${o.p!.task.nr}`);
    }
  }
  const d2 = sameSet(v.markers as number[], m.mnt.mounts);
  if (d2) errs.push(`${at}: sees mounts ${d2}`);
  if (v.hostname !== m.uts.hostname) errs.push(`${at}: hostname ${v.hostname}, expected ${m.uts.hostname}`);
  const devs = v.devs as ReturnType<NetApi['links']>;
  const mine = model.devsIn(m.net);
  const d3 = sameSet(devs.map((d) => d.name), mine.map((d) => d.name));
  if (d3) errs.push(`${at}: ip link shows ${d3}`);
  for (const d of mine) {
    const info = devs.find((x) => x.name === d.name);
    if (!info) continue;
    if (d.peer && (info.link === undefined || (info.linkNetnsid !== undefined) !== (d.peer.net !== d.net))) {
      errs.push(`${at}: ${d.name}@… link ${info.link} netnsid ${info.linkNetnsid}, peer ${d.peer.name} ${d.peer.net === d.net ? 'here' : 'elsewhere'}`);
    }
    const masterName = info.master ? devs.find((x) => x.ifindex === info.master)?.name : undefined;
    if (masterName !== d.master?.name) errs.push(`${at}: ${d.name} master ${masterName}, expected ${d.master?.name}`);
  }
  const d4 = sameSet(v.ports as number[], model.listens.filter((l) => l.net === m.net && l.owner.alive).map((l) => l.port));
  if (d4) errs.push(`${at}: ss -tl shows ports ${d4}`);
}

function Model_within(o: MPuppet, viewer: MPuppet): boolean {
  for (let n: MPuppet['pid'] | null = o.pid; n; n = n.parent) if (n === viewer.mnt.proc) return true;
  return false;
}

/** Every check; returns the violations. */
export async function checkAll(w: World, model: Model, b: Bindings, baselineNets: Set<unknown>): Promise<string[]> {
  const errs: string[] = [...kernelInvariants(w.kernel)];
  bindAll(w, model, b, errs);
  if (w.escaped.length) errs.push(`exception escaped a process: ${String(w.escaped[0])}`);
  // Teardown: exactly the network namespaces something still holds exist.
  const want = new Set<unknown>([...model.liveNets()].map((n) => n.k));
  for (const ns of w.kernel.netNamespaces) {
    if (!baselineNets.has(ns) && !want.has(ns)) errs.push(`net:[${ns.inum}] outlived every reference to it`);
  }
  for (const n of want) if (n && !w.kernel.netNamespaces.has(n as never)) errs.push(`a net namespace still in use was destroyed`);
  if (errs.length) return errs;
  for (const m of model.alive()) await views(w, model, m, errs);
  return errs;
}
