import { readFileSync } from 'node:fs';

/**
 * Real-Linux captures (procps-ng, iproute2, util-linux, the kernel) vendored from the team's
 * shared/reference into test/reference, so a fresh clone's CI has them.
 */
export function reference(path: string): string {
  return readFileSync(new URL(`../reference/${path}`, import.meta.url), 'utf8');
}
