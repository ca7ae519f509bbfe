import { bootHost, type BootedHost } from './boot.ts';
import { loadHostProfile } from './profile.ts';
import { openLoginTerminal } from './Terminal.ts';
import type { Sandbox, SandboxOptions } from './types.ts';

export type { Sandbox, SandboxOptions, TerminalOptions, TerminalSession } from './types.ts';

/** Boot a sandbox from a host profile (default: the article's Arch Linux VM). */
export function bootSandbox(opts: SandboxOptions = {}): Sandbox & { readonly host: BootedHost } {
  const host = bootHost(loadHostProfile(opts.host ?? 'archlinux'), opts);
  const sshd = host.roles.get('sshd');
  return {
    host,
    openTerminal(topts) {
      if (!sshd) throw new Error(`host profile '${host.profile.name}' has no sshd to log in through`);
      return openLoginTerminal(host.kernel, sshd, host.profile, topts);
    },
  };
}
