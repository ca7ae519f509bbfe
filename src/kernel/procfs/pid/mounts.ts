import type { Task } from '../../task/Task.ts';
import type { Mount } from '../../vfs/Mount.ts';

/** Mounts visible from the task's root, in mount order (fs/proc_namespace.c). */
function visibleMounts(t: Task): Mount[] {
  return t.nsproxy.mnt.mounts();
}

/** /proc/PID/mounts: `SOURCE TARGET FSTYPE OPTIONS 0 0`. */
export function procMounts(t: Task): string {
  return visibleMounts(t).map((m) => `${m.sb.source} ${escape(m.path)} ${m.sb.fstype} ${m.optionString()} 0 0\n`).join('');
}

/** /proc/PID/mountinfo: `ID PARENT MAJ:MIN ROOT TARGET OPTS [shared:N] - FSTYPE SOURCE SUPEROPTS`. */
export function procMountinfo(t: Task): string {
  return visibleMounts(t).map((m) => {
    const parent = m.parent ? m.parent.id : m.id - 1;
    const tag = m.propagation === 'shared' ? ` shared:${m.peerGroup || m.id}` : m.propagation === 'slave' ? ` master:${m.peerGroup || 1}` : '';
    const superOpts = [m.readOnly && m.sb.readOnly ? 'ro' : 'rw', m.sb.superOptions].filter(Boolean).join(',');
    return `${m.id} ${parent} ${m.sb.dev[0]}:${m.sb.dev[1]} ${escape(m.rootPath)} ${escape(m.path)} ${m.flags.join(',')}${tag} - ${m.sb.fstype} ${m.sb.source} ${superOpts}\n`;
  }).join('');
}

/** Spaces and tabs in paths are octal-escaped in mount tables (seq_escape). */
function escape(p: string): string {
  return p.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}
