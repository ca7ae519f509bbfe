import type { Kernel } from '../../kernel/Kernel.ts';
import type { ProgramFile } from '../../kernel/program.ts';
import type { SuperBlock } from '../../kernel/vfs/inode.ts';
import { TmpDir, TmpFile, TmpSymlink, mkdirp } from '../../kernel/vfs/tmpfs.ts';
import { PROGRAMS } from '../../userland/registry.ts';
import { IMAGE_PROGRAMS, MULTICALL } from './programs/index.ts';
import { expandPrograms, type LayerSpec } from './spec.ts';

/** A program by file name: the userland registry first, then the image-only programs. */
export function findProgram(name: string): ProgramFile | undefined {
  return PROGRAMS[name] ?? IMAGE_PROGRAMS[name];
}

export interface BuiltLayer {
  dir: TmpDir;
  /** Program names the layer lists but nsbox does not implement (skipped). */
  missing: string[];
}

function split(path: string): { dir: string; name: string } {
  const i = path.lastIndexOf('/');
  return { dir: path.slice(0, i) || '/', name: path.slice(i + 1) };
}

/**
 * Unpack a layer into a directory tree (what `docker pull` extracts into
 * /var/lib/docker/overlay2/<cache-id>/diff). Executables are files whose "ELF entry point" is a
 * registered program; the kernel learns each program image here, as installPrograms does for the host.
 */
export function buildLayer(kernel: Kernel, spec: LayerSpec, packages: Record<string, string[]>, sb: SuperBlock, mtime: number): BuiltLayer {
  const root = new TmpDir(sb, 0o755, 0, 0, mtime);
  const missing: string[] = [];
  const dirAt = (p: string) => {
    const d = mkdirp(root, p);
    return d;
  };
  for (const [p, mode] of Object.entries(spec.dirs ?? {})) dirAt(p).mode = parseInt(mode, 8);
  for (const [p, target] of Object.entries(spec.symlinks ?? {})) {
    const { dir, name } = split(p);
    const l = new TmpSymlink(sb, target);
    l.mtime = mtime;
    dirAt(dir).entries.set(name, l);
  }
  for (const [p, f] of Object.entries(spec.files ?? {})) {
    const { dir, name } = split(p);
    const content = typeof f === 'string' ? f : f.content;
    const mode = typeof f === 'string' || !f.mode ? 0o644 : parseInt(f.mode, 8);
    const file = new TmpFile(sb, content, mode, typeof f === 'string' ? 0 : f.uid ?? 0, typeof f === 'string' ? 0 : f.gid ?? 0);
    file.mtime = mtime;
    dirAt(dir).entries.set(name, file);
  }
  for (const [dirPath, names] of Object.entries(spec.programs ?? {})) {
    const dir = dirAt(dirPath);
    for (const entry of expandPrograms(names, packages)) {
      const [fileName, progName = fileName] = entry.split('=');
      const image = findProgram(progName);
      if (!image) { missing.push(progName); continue; }
      kernel.programs.set(progName, image);
      const f = new TmpFile(sb, '\x7fELF\x02\x01\x01\0', 0o755);
      f.program = progName;
      f.mtime = mtime;
      dir.entries.set(fileName, f);
    }
  }
  for (const [target, paths] of Object.entries(spec.links ?? {})) {
    const prog = split(target).name;
    const has = MULTICALL[prog];
    for (const p of paths) {
      const { dir, name } = split(p);
      if (has && !has(name)) { missing.push(name); continue; }
      const l = new TmpSymlink(sb, target);
      l.mtime = mtime;
      dirAt(dir).entries.set(name, l);
    }
  }
  return { dir: root, missing: [...new Set(missing)] };
}
