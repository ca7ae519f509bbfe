import type { Kernel } from '../kernel/Kernel.ts';
import type { Task } from '../kernel/task/Task.ts';
import type { DockerOptions } from './index.ts';

/**
 * dockerd at boot. The daemon's code (engine, image store, networks, image fixtures) is a chunk of
 * its own, read in after the machine has booted: the login prompt never waits for it. While it loads
 * the dockerd task is in state D (waiting on disk, as `ps` shows it) and `docker` sleeps in
 * sys.extReady('docker') like a client of a socket-activated daemon that is still starting.
 * `after` holds the read back further (until the app's first terminal is on screen).
 */
export function startDockerd(kernel: Kernel, roles: Map<string, Task>, after?: Promise<unknown>, opts: DockerOptions = {}): void {
  const dockerd = roles.get('dockerd');
  if (!dockerd) return;
  const was = dockerd.state;
  dockerd.state = 'D';
  const code = after ? after.then(() => import('./index.ts'), () => import('./index.ts')) : import('./index.ts');
  // The engine creates its socket and bridge through the network stack's table: it starts once that
  // is in too (a load of its own, kernel/net/install.ts; never rejects).
  const netIn = kernel.extensionLoads.get('net');
  kernel.loadExtension('docker', Promise.all([code, netIn]).then(
    ([engine]) => {
      if (dockerd.state === 'D') dockerd.state = was;
      engine.startDockerEngine(kernel, roles, opts);
    },
    (e: unknown) => {
      if (dockerd.state === 'D') dockerd.state = was;
      throw e;
    },
  ));
}
