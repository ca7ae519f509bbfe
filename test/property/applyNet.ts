/**
 * Network ops of the namespace property test, done with the rtnetlink-like calls `ip` uses and the
 * BSD socket calls (network_namespaces(7), veth(4), bridge(8)).
 */
import { O_RDONLY } from '../../src/kernel/constants.ts';
import type { NetApi } from '../../src/kernel/net/api.ts';
import type { SysApi } from '../../src/kernel/syscalls/SysApi.ts';
import { expectOutcome, pick, pidIn, who } from './apply.ts';
import type { MDev, Model, MPuppet } from './model.ts';
import type { Op } from './ops.ts';
import type { World } from './world.ts';

export const TEST_PORTS = [7001, 7002, 7003];
export const TEST_DEV = /^(va|vb|br)\d+$/;

const ifindexOf = (net: NetApi, name: string): number => {
  const l = net.links().find((x) => x.name === name);
  if (!l) throw new Error(`device ${name} not in the caller's namespace`);
  return l.ifindex;
};

export async function applyNet(w: World, model: Model, actor: MPuppet, op: Op): Promise<string> {
  const live = model.alive();
  const call = <T>(fn: (net: NetApi, sys: SysApi) => T | Promise<T>) => w.call(actor.p!, async (sys) => fn(await sys.ext<NetApi>('net'), sys));
  const mine = model.devsIn(actor.net);
  switch (op.t) {
    case 'listen': {
      const port = TEST_PORTS[op.port % TEST_PORTS.length];
      const line = `${who(actor)} socket(AF_INET, SOCK_STREAM); bind(0.0.0.0:${port}); listen()`;
      const got = await call((net, sys) => {
        const fd = net.socket('inet', 'stream');
        try {
          net.bind(fd, { family: 4, addr: '0.0.0.0', port });
          net.listen(fd, 128);
        } catch (e) { sys.close(fd); throw e; }
      });
      if (model.listens.some((l) => l.net === actor.net && l.port === port && l.owner.alive)) return expectOutcome(line, got, 'EADDRINUSE');
      model.listens.push({ net: actor.net, port, owner: actor });
      return expectOutcome(line, got, 'ok');
    }
    case 'veth': {
      const peerNs = pick(live, op.q)!;
      const nr = pidIn(peerNs, actor.pid);
      const k = model.devCount++;
      const line = `${who(actor)} ip link add va${k} type veth peer name vb${k} netns ${nr || `<${who(peerNs)}>`}`;
      if (!nr) return `${line}: not in its pid namespace (skipped)`;
      const got = await call((net) => net.linkAdd({ kind: 'veth', name: `va${k}`, peer: { name: `vb${k}`, netns: { pid: nr } } }));
      const a: MDev = { name: `va${k}`, kind: 'veth', net: actor.net };
      const b: MDev = { name: `vb${k}`, kind: 'veth', net: peerNs.net, peer: a };
      a.peer = b;
      model.devs.push(a, b);
      return expectOutcome(line, got, 'ok');
    }
    case 'bridge': {
      const k = model.devCount++;
      const got = await call((net) => net.linkAdd({ kind: 'bridge', name: `br${k}` }));
      model.devs.push({ name: `br${k}`, kind: 'bridge', net: actor.net });
      return expectOutcome(`${who(actor)} ip link add br${k} type bridge`, got, 'ok');
    }
    case 'enslave': {
      const dev = pick(mine.filter((d) => d.kind === 'veth'), op.d);
      const br = pick(mine.filter((d) => d.kind === 'bridge'), op.b);
      if (!dev || !br) return `${who(actor)} ip link set … master …: no veth and bridge here (skipped)`;
      const got = await call((net) => net.linkSet(ifindexOf(net, dev.name), { master: ifindexOf(net, br.name) }));
      dev.master = br;
      return expectOutcome(`${who(actor)} ip link set ${dev.name} master ${br.name}`, got, 'ok');
    }
    case 'move': {
      const dev = pick(mine, op.d);
      const target = pick(live, op.q)!;
      const nr = pidIn(target, actor.pid);
      if (!dev || !nr) return `${who(actor)} ip link set … netns …: nothing to move or ${who(target)} invisible (skipped)`;
      const line = `${who(actor)} ip link set ${dev.name} netns ${nr}`;
      const got = await call((net) => net.linkSet(ifindexOf(net, dev.name), { netns: { pid: nr } }));
      // NETIF_F_NETNS_LOCAL: a bridge cannot change namespace.
      if (dev.kind === 'bridge' && target.net !== actor.net) return expectOutcome(line, got, 'EINVAL');
      if (target.net !== actor.net) {
        // Leaving the namespace unregisters the device there, which takes it off its bridge.
        dev.master = undefined;
        dev.net = target.net;
      }
      return expectOutcome(line, got, 'ok');
    }
    case 'linkdel': {
      const dev = pick(mine, op.d);
      if (!dev) return `${who(actor)} ip link del …: no test device here (skipped)`;
      const got = await call((net) => net.linkDel(ifindexOf(net, dev.name)));
      model.removeDev(dev);
      return expectOutcome(`${who(actor)} ip link del ${dev.name}`, got, 'ok');
    }
    case 'hold': {
      const target = pick(live, op.q)!;
      const nr = target.p!.task.pid.nrIn(actor.mnt.proc.k as never);
      if (!nr) return `${who(actor)} open(/proc/…/ns/net of ${who(target)}): not in its /proc (skipped)`;
      const got = await call((_net, sys) => { sys.open(`/proc/${nr}/ns/net`, O_RDONLY); });
      model.holds.push({ net: target.net, owner: actor });
      return expectOutcome(`${who(actor)} exec {fd}</proc/${nr}/ns/net`, got, 'ok');
    }
    case 'release': {
      const got = await call((_net, sys) => { for (const fd of sys.fds()) sys.close(fd); });
      for (const list of [model.listens, model.holds]) {
        for (let i = list.length - 1; i >= 0; i--) if (list[i].owner === actor) list.splice(i, 1);
      }
      return expectOutcome(`${who(actor)} close(every fd)`, got, 'ok');
    }
    default: throw new Error(`unknown op ${JSON.stringify(op)}`);
  }
}
