/**
 * The isolation picker's model: the choices a learner makes, and the `docker run` command line they
 * stand for. The picker only ever types this command into a terminal; the machine changes when the
 * learner runs it, like on a real host.
 */

export const IMAGES = ['rust:latest', 'debian', 'ubuntu', 'alpine', 'busybox', 'nginx', 'redis', 'python'] as const;
export type Image = (typeof IMAGES)[number];

/** Images whose shell is BusyBox's `sh` (they ship no bash). */
const SH_ONLY = new Set<string>(['alpine', 'busybox']);
/** Images whose own command is a server worth running detached. */
const SERVERS = new Set<string>(['nginx', 'redis']);

export type Share = 'private' | 'host' | 'container';

export interface RunChoices {
  image: Image;
  /** `-it` with a shell, or `-d` in the background. */
  mode: 'interactive' | 'detached';
  pid: Share;
  network: 'bridge' | 'host' | 'none' | 'container';
  uts: 'private' | 'host';
  ipc: Share;
  /** The container named by `container:` choices (its name or id). */
  target: string;
  /** `-v`: `/host/path:/container/path[:ro]` or `name:/path`; empty for none. */
  volume: string;
  /** `-p`: `[ip:]hostPort:containerPort[/proto]`; empty for none. */
  publish: string;
  name: string;
  rm: boolean;
}

export function defaultChoices(): RunChoices {
  return { image: 'rust:latest', mode: 'interactive', pid: 'private', network: 'bridge', uts: 'private', ipc: 'private', target: '', volume: '', publish: '', name: '', rm: false };
}

export function defaultCommand(c: Pick<RunChoices, 'image' | 'mode'>): string[] {
  if (c.mode === 'interactive') return [SH_ONLY.has(c.image) ? 'sh' : 'bash'];
  return SERVERS.has(c.image) ? [] : ['sleep', 'infinity'];
}

/** POSIX shell quoting, only where needed (what a person would type). */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

const VOLUME = /^(?:\/[^:\s]*|[A-Za-z0-9][A-Za-z0-9_.-]*):\/[^:\s]*(?::(?:ro|rw))?$/;
const PUBLISH = /^(?:(?:\d{1,3}\.){3}\d{1,3}:)?(?:\d{1,5}:)?\d{1,5}(?:\/(?:tcp|udp))?$/;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Problems that would make docker refuse the command, in the words a person needs to fix them. */
export function problems(c: RunChoices): string[] {
  const out: string[] = [];
  const needsTarget = c.pid === 'container' || c.network === 'container' || c.ipc === 'container';
  if (needsTarget && !NAME.test(c.target)) out.push('Choose the container to share namespaces with.');
  if (c.volume && !VOLUME.test(c.volume)) out.push('A volume is written SOURCE:/path, e.g. /home/vagrant:/data.');
  if (c.publish && !PUBLISH.test(c.publish)) out.push('A published port is written HOST:CONTAINER, e.g. 8080:80.');
  if (c.publish && (c.network === 'host' || c.network === 'none' || c.network === 'container')) {
    out.push(`Ports cannot be published with --network=${c.network === 'container' ? 'container:…' : c.network}.`);
  }
  if (c.name && !NAME.test(c.name)) out.push('A name uses letters, digits, _ . and -.');
  return out;
}

/** The argv of `docker run` for these choices (flags in the order people usually write them). */
export function dockerRunArgv(c: RunChoices): string[] {
  const argv = ['docker', 'run', c.mode === 'interactive' ? '-it' : '-d'];
  if (c.rm) argv.push('--rm');
  if (c.name) argv.push('--name', c.name);
  const share = (flag: string, v: Share | RunChoices['network'] | RunChoices['uts'], implicit: string) => {
    if (v === implicit || v === 'private') return;
    argv.push(`--${flag}=${v === 'container' ? `container:${c.target}` : v}`);
  };
  share('pid', c.pid, 'private');
  share('network', c.network, 'bridge');
  share('uts', c.uts, 'private');
  share('ipc', c.ipc, 'private');
  if (c.volume) argv.push('-v', c.volume);
  if (c.publish) argv.push('-p', c.publish);
  argv.push(c.image, ...defaultCommand(c));
  return argv;
}

export function dockerRunCommand(c: RunChoices): string {
  return dockerRunArgv(c).map(shellQuote).join(' ');
}
