import type { Kernel } from '../kernel/Kernel.ts';
import type { Task } from '../kernel/task/Task.ts';
import type { DockerOptions } from './index.ts';

/**
 * dockerd at boot. The daemon's code (engine, image store, networks, image fixtures) is a chunk of
 * its own, read in after the machine has booted: the login prompt never waits for it. While it loads
 * the dockerd task is in state D (waiting on disk, as `ps` shows it) and `docker` sleeps in
 * sys.extReady('docker') like a client of a socket-activated daemon that is still starting.
 */
export function startDockerd(kernel: Kernel, roles: Map<string, Task>, opts: DockerOptions = {}): void {
  const dockerd = roles.get('dockerd');
  if (!dockerd) return;
  const was = dockerd.state;
  dockerd.state = 'D';
  kernel.loadExtension('docker', import('./index.ts').then(
    (engine) => {
      if (dockerd.state === 'D') dockerd.state = was;
      engine.startDockerEngine(kernel, roles, opts);
    },
    (e: unknown) => {
      if (dockerd.state === 'D') dockerd.state = was;
      throw e;
    },
  ));
}
