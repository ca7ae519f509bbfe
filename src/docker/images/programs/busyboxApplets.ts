import { PROGRAMS } from '../../../userland/registry.ts';

/**
 * Which applets this BusyBox build answers to, known without reading the binary in: building an
 * image's layer links only the applets that exist (see layers.ts), before anyone runs busybox.
 */

/** Applets with BusyBox's own code in busybox.ts (the keys of its OWN table). */
export const OWN_APPLETS = ['ps', 'ip', 'ifconfig', 'wget', 'sh', 'ash'] as const;
export type OwnApplet = (typeof OWN_APPLETS)[number];

/** Delegated applets (BusyBox name → nsbox program). */
export const ALIAS: Record<string, string> = { egrep: 'grep', fgrep: 'grep' };

/** Whether this BusyBox build has `applet` (links to missing applets are not installed). */
export function busyboxHas(applet: string): boolean {
  return (OWN_APPLETS as readonly string[]).includes(applet) || (ALIAS[applet] ?? applet) in PROGRAMS || applet === 'busybox';
}
