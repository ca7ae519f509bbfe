import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../../kernel/constants.ts';
import { isKernelError } from '../../kernel/errno.ts';
import type { Stat, SysApi } from '../../kernel/syscalls/SysApi.ts';
import type { Prompter } from './cli.ts';
import { joinName } from './fileinfo.ts';
import { errMsg } from './io.ts';
import { quoteaf } from './quote.ts';

/** coreutils copy.c, the parts cp and mv (across filesystems) share. */
export interface CopyOptions {
  prog: 'cp' | 'mv';
  recursive: boolean;
  /** Keep mode, ownership and timestamps (-p, -a, mv). */
  preserve: boolean;
  /** Follow symlinks: always (cp without -R), never (-R, -P, mv), or only on the command line (-H). */
  deref: 'always' | 'never' | 'command-line';
  force: boolean;
  noClobber: boolean;
  interactive: Prompter | null;
  verbose: boolean;
}

/** Absolute, normalised form of a path (for "into itself" checks). */
export function absPath(sys: SysApi, p: string): string {
  const parts: string[] = [];
  for (const c of (p.startsWith('/') ? p : `${sys.getcwd()}/${p}`).split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') parts.pop(); else parts.push(c);
  }
  return '/' + parts.join('/');
}

export class Copier {
  constructor(readonly sys: SysApi, readonly o: CopyOptions,
    readonly out: (s: string) => Promise<void>, readonly err: (s: string) => Promise<void>) {}

  private async fail(msg: string): Promise<false> {
    await this.err(`${this.o.prog}: ${msg}\n`);
    return false;
  }

  private lstatOrNull(p: string): Stat | null {
    try { return this.sys.lstat(p); } catch { return null; }
  }

  /** Copy `src` to exactly `dst`. Returns false after printing a diagnostic. */
  async copy(src: string, dst: string, commandLine = true): Promise<boolean> {
    const sys = this.sys;
    const follow = this.o.deref === 'always' || (this.o.deref === 'command-line' && commandLine);
    let st: Stat;
    try {
      st = follow ? sys.stat(src) : sys.lstat(src);
    } catch (e) {
      return this.fail(`cannot stat ${quoteaf(src)}: ${errMsg(e)}`);
    }
    if (st.type === 'dir' && !this.o.recursive) {
      return this.fail(`-r not specified; omitting directory ${quoteaf(src)}`);
    }
    const dstSt = this.lstatOrNull(dst);
    if (dstSt) {
      const dstReal = dstSt.type === 'symlink' ? (() => { try { return sys.stat(dst); } catch { return dstSt; } })() : dstSt;
      if (dstReal.ino === st.ino && dstReal.dev[0] === st.dev[0] && dstReal.dev[1] === st.dev[1]) {
        return this.fail(`${quoteaf(src)} and ${quoteaf(dst)} are the same file`);
      }
      if (st.type === 'dir' && dstReal.type !== 'dir') {
        return this.fail(`cannot overwrite non-directory ${quoteaf(dst)} with directory ${quoteaf(src)}`);
      }
      if (st.type !== 'dir' && dstReal.type === 'dir') {
        return this.fail(`cannot overwrite directory ${quoteaf(dst)} with non-directory`);
      }
      if (st.type !== 'dir') {
        if (this.o.noClobber) return true;
        if (this.o.interactive && !(await this.o.interactive.ask(this.err, `${this.o.prog}: overwrite ${quoteaf(dst)}? `))) return true;
      }
    }
    if (st.type === 'dir') return this.copyDir(src, dst, st, !dstSt);
    if (st.type === 'symlink') {
      try {
        if (dstSt) sys.unlink(dst);
        sys.symlink(sys.readlink(src), dst);
      } catch (e) {
        return this.fail(`cannot create symbolic link ${quoteaf(dst)}: ${errMsg(e)}`);
      }
      return this.done(src, dst, st, false);
    }
    return this.copyFile(src, dst, st, !!dstSt);
  }

  private async copyFile(src: string, dst: string, st: Stat, existed: boolean): Promise<boolean> {
    const sys = this.sys;
    let data = '';
    try {
      const fd = sys.open(src, O_RDONLY);
      try {
        for (let c = await sys.read(fd); c !== ''; c = await sys.read(fd)) data += c;
      } finally { sys.close(fd); }
    } catch (e) {
      return this.fail(`cannot open ${quoteaf(src)} for reading: ${errMsg(e)}`);
    }
    let fd: number;
    try {
      fd = sys.open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.mode & 0o777);
    } catch (e) {
      if (existed && this.o.force && isKernelError(e)) {
        try { sys.unlink(dst); fd = sys.open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.mode & 0o777); } catch (e2) {
          return this.fail(`cannot create regular file ${quoteaf(dst)}: ${errMsg(e2)}`);
        }
      } else {
        return this.fail(existed ? `cannot open ${quoteaf(dst)} for writing: ${errMsg(e)}` : `cannot create regular file ${quoteaf(dst)}: ${errMsg(e)}`);
      }
    }
    try {
      await sys.write(fd, data);
    } catch (e) {
      return this.fail(`error writing ${quoteaf(dst)}: ${errMsg(e)}`);
    } finally { sys.close(fd); }
    return this.done(src, dst, st, true);
  }

  private async copyDir(src: string, dst: string, st: Stat, create: boolean): Promise<boolean> {
    const sys = this.sys;
    const a = absPath(sys, src), b = absPath(sys, dst);
    if (b === a || b.startsWith(a === '/' ? '/' : a + '/')) {
      return this.fail(`cannot ${this.o.prog === 'mv' ? 'move' : 'copy'} a directory, ${quoteaf(src)}, into itself, ${quoteaf(dst)}`);
    }
    if (create) {
      try {
        sys.mkdir(dst, st.mode & 0o7777);
      } catch (e) {
        return this.fail(`cannot create directory ${quoteaf(dst)}: ${errMsg(e)}`);
      }
      if (this.o.verbose) await this.out(`${quoteaf(src)} -> ${quoteaf(dst)}\n`);
    }
    let names: string[];
    try {
      names = sys.readdir(src);
    } catch (e) {
      return this.fail(`cannot access ${quoteaf(src)}: ${errMsg(e)}`);
    }
    let ok = true;
    for (const n of names) {
      ok = (await this.copy(joinName(src, n), joinName(dst, n), false)) && ok;
      await sys.sched_yield();
    }
    if (this.o.preserve) this.preserve(dst, st, true);
    return ok;
  }

  /** Attributes and the -v line after a file or link was written. */
  private async done(src: string, dst: string, st: Stat, setTimes: boolean): Promise<boolean> {
    if (this.o.preserve) this.preserve(dst, st, setTimes);
    if (this.o.verbose && this.o.prog === 'cp') await this.out(`${quoteaf(src)} -> ${quoteaf(dst)}\n`);
    return true;
  }

  /** chown (only a privileged caller can), chmod, utime: failures to keep ownership are silent. */
  private preserve(dst: string, st: Stat, setTimes: boolean): void {
    const sys = this.sys;
    if (st.type === 'symlink') return;
    try { sys.chown(dst, st.uid, st.gid); } catch { /* not permitted: keep ours */ }
    try { sys.chmod(dst, st.mode & 0o7777); } catch { /* best effort */ }
    if (setTimes) { try { sys.utime(dst, st.mtime); } catch { /* best effort */ } }
  }
}

/** rm -r's core, shared with mv across filesystems: remove a tree, returning the first failure. */
export function removeTree(sys: SysApi, path: string): void {
  const st = sys.lstat(path);
  if (st.type === 'dir') {
    for (const n of sys.readdir(path)) removeTree(sys, joinName(path, n));
    sys.rmdir(path);
  } else sys.unlink(path);
}
