import { O_APPEND, O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from '../../../kernel/constants.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import type { Redirect } from '../ast.ts';
import { ShellError } from '../ShellState.ts';
import { errMsg } from '../../lib/io.ts';
import { expandWord, type ExpandHost } from './expand.ts';

/** How to undo redirections made for a builtin running in the shell itself. */
export type SavedFds = Array<{ fd: number; saved: number | null }>;

const INPUT_OPS = new Set(['<', '<>', '<&', '<<', '<<-', '<<<']);

/**
 * Perform redirections in order (bash's do_redirections). With `save`, the previous descriptors are
 * kept (dup'ed above 9) so they can be restored after a builtin or group.
 */
export async function applyRedirects(h: ExpandHost, redirects: Redirect[], save: SavedFds | null): Promise<void> {
  const sys = h.sys;
  const remember = (fd: number) => {
    if (!save || save.some((s) => s.fd === fd)) return;
    let saved: number | null = null;
    try { saved = dupAbove(sys, fd, 10); } catch { saved = null; }
    save.push({ fd, saved });
  };
  for (const r of redirects) {
    const fd = r.fd ?? (INPUT_OPS.has(r.op) ? 0 : 1);
    if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') {
      const text = r.op === '<<<' ? (await expandWord(h, r.target)) + '\n'
        : r.heredoc ? (r.heredoc.quoted ? r.heredoc.body.parts.map((p) => (p.type === 'literal' ? p.text : '')).join('') : await expandWord(h, r.heredoc.body)) : '';
      const [rd, wr] = sys.pipe();
      await sys.write(wr, text);
      sys.close(wr);
      remember(fd);
      move(sys, rd, fd);
      continue;
    }
    const target = await expandWord(h, r.target);
    if ((r.op === '>&' || r.op === '<&') && (/^\d+$/.test(target) || target === '-')) {
      remember(fd);
      if (target === '-') { try { sys.close(fd); } catch { /* already closed */ } continue; }
      try {
        sys.dup2(Number(target), fd);
      } catch {
        throw new ShellError(`${target}: Bad file descriptor`, 1);
      }
      continue;
    }
    const both = r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === null);
    const flags = r.op === '<' ? O_RDONLY
      : r.op === '<>' ? O_RDWR | O_CREAT
        : r.op === '>>' || r.op === '&>>' ? O_WRONLY | O_CREAT | O_APPEND
          : O_WRONLY | O_CREAT | O_TRUNC;
    if (target === '') throw new ShellError(`${r.target.text}: ambiguous redirect`, 1);
    let opened: number;
    try {
      opened = sys.open(target, flags, 0o666);
    } catch (e) {
      throw new ShellError(`${target}: ${errMsg(e)}`, 1);
    }
    if (both) {
      remember(1); remember(2);
      sys.dup2(opened, 1);
      move(sys, opened, 2);
    } else {
      remember(fd);
      move(sys, opened, fd);
    }
  }
}

export function restoreRedirects(sys: SysApi, save: SavedFds): void {
  for (const { fd, saved } of save.reverse()) {
    if (saved === null) { try { sys.close(fd); } catch { /* was closed */ } continue; }
    sys.dup2(saved, fd);
    sys.close(saved);
  }
}

/** dup2 into place; a descriptor past RLIMIT_NOFILE is bash's redirection_error `N: Bad file descriptor`. */
function move(sys: SysApi, from: number, to: number): void {
  if (from === to) return;
  try {
    sys.dup2(from, to);
  } catch (e) {
    sys.close(from);
    throw new ShellError(`${to}: ${errMsg(e)}`, 1);
  }
  sys.close(from);
}

/** fcntl(F_DUPFD, min): bash keeps saved descriptors at 10 and above. */
function dupAbove(sys: SysApi, fd: number, min: number): number {
  const used = new Set(sys.fds());
  if (!used.has(fd)) throw new Error('closed');
  let target = min;
  while (used.has(target)) target++;
  sys.dup2(fd, target);
  sys.cloexec(target, true);
  return target;
}
