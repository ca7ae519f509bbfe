import type { ProgramImage, Proc } from '../../../kernel/program.ts';
import { attach, logs } from './cli/attach.ts';
import { kill, rename, rm, start, stop, wait } from './cli/containers.ts';
import { exec } from './cli/exec.ts';
import { images, pull, rmi } from './cli/images.ts';
import { inspect, port, top } from './cli/inspect.ts';
import { network } from './cli/network.ts';
import { ps } from './cli/ps.ts';
import { create, run } from './cli/run.ts';
import { CLIENT, info, version } from './cli/system.ts';
import { volume } from './cli/volume.ts';
import { connectApi, type Ctx } from './out.ts';
import { HELP } from './help.ts';

type Handler = (ctx: Ctx, argv: string[]) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  run, create, start, stop, restart: (c, a) => stop(c, a, 'restart'), kill, rm, ps, exec, attach, logs, inspect, top, port,
  images, pull, rmi, network, volume, version, info, wait, rename,
};

/** Management commands (`docker container ls`, `docker image pull`, …) map onto the short forms. */
const MANAGEMENT: Record<string, Record<string, Handler>> = {
  container: { ...COMMANDS, ls: ps, list: ps, ps, remove: rm, inspect: (c, a) => inspect(c, a, 'container') },
  image: { ls: images, list: images, pull, rm: rmi, remove: rmi, inspect: (c, a) => inspect(c, a, 'image') },
  system: { info, version: (c, a) => version(c, a) },
};

/**
 * docker(1), the client: global options, then a command. It talks to dockerd over
 * /var/run/docker.sock (here: `sys.ext('docker')`, whose permission check is the socket's mode).
 */
async function main(proc: Proc): Promise<number> {
  const argv = proc.argv.slice(1);
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const a = argv[i];
    if (a === '-v' || a === '--version') { await proc.out(`Docker version ${CLIENT.version}, build ${CLIENT.commit}\n`); return 0; }
    if (a === '--help' || a === '-h') { await proc.out(HELP); return 0; }
    if (['-H', '--host', '--config', '--context', '-c', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey'].includes(a)) { i++; continue; }
    if (a.startsWith('--') && a.includes('=')) continue;
    if (['-D', '--debug', '--tls', '--tlsverify'].includes(a)) continue;
    await proc.err(`unknown flag: ${a}\nSee 'docker --help'.\n`);
    return 125;
  }
  const [cmd, ...rest] = argv.slice(i);
  if (!cmd) { await proc.out(HELP); return 0; }
  // A daemon still starting (its code loading after boot) answers once it is up.
  await proc.sys.extReady('docker');
  const ctx: Ctx = { proc, api: connectApi(proc) };
  const mgmt = MANAGEMENT[cmd];
  if (mgmt) {
    const [sub, ...subArgs] = rest;
    const h = sub ? mgmt[sub] : undefined;
    if (!h) {
      if (!sub || sub === '--help') { await proc.out(`\nUsage:  docker ${cmd} COMMAND\n\nManage ${cmd}s\n`); return 0; }
      await proc.err(`docker: unknown command: docker ${cmd} ${sub}\n\nRun 'docker ${cmd} --help' for more information\n`);
      return 1;
    }
    return h(ctx, subArgs);
  }
  const h = COMMANDS[cmd];
  if (!h) {
    await proc.err(`docker: '${cmd}' is not a docker command.\nSee 'docker --help'\n`);
    return 1;
  }
  return h(ctx, rest);
}

export const docker: ProgramImage = { vszKb: 1927440, rssKb: 38908, main };
