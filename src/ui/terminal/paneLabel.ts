import type { Pane } from './pane.svelte.ts';

/**
 * A pane's name from its last prompt: `host` while it shows the host's hostname, `container` when the
 * prompt comes from another UTS namespace (a `docker run -it` shell prints `root@<container id>`).
 */
export function paneLabel(pane: Pane, hostHostname: string | undefined): { kind: 'host' | 'container' | 'terminal'; text: string } {
  const id = pane.identity;
  if (!id) return { kind: 'terminal', text: `terminal ${pane.index + 1}` };
  const kind = hostHostname === undefined || id.host === hostHostname ? 'host' : 'container';
  return { kind, text: `${id.user}@${id.host}` };
}
