import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../../sandbox/index.ts';
import { PathWalker } from './path.ts';

/**
 * The canonical path a walk reports (what getcwd(3) shows after chdir, what /proc/PID/fd/N links to).
 * A path that already is canonical comes back as it is; any `.`, `..`, doubled or trailing slash, or
 * symlink on the way makes the walk spell it out from the components it went through.
 */
function walker(cwd = '/') {
  const { kernel } = bootSandbox().host;
  const task = kernel.initPidNs.tasks.get(1)!;
  const root = new PathWalker(task.fs.root, task.fs.cwd, { task });
  return new PathWalker(task.fs.root, root.resolve(cwd), { task });
}

describe('path walk', () => {
  test('canonical paths of absolute, relative, dotted and symlinked names', () => {
    const w = walker('/etc');
    expect(w.resolve('/proc/1/stat').path).toBe('/proc/1/stat');
    expect(w.resolve('/').path).toBe('/');
    expect(w.resolve('//proc//1/').path).toBe('/proc/1');
    expect(w.resolve('/proc/./1/../1/stat').path).toBe('/proc/1/stat');
    expect(w.resolve('/..').path).toBe('/');
    expect(w.resolve('hostname').path).toBe('/etc/hostname');
    expect(w.resolve('../proc').path).toBe('/proc');
    expect(w.resolve('.').path).toBe('/etc');
    // /proc/self is a symlink to the reader's pid (1 here).
    expect(w.resolve('/proc/self/stat').path).toBe('/proc/1/stat');
    expect(w.resolve('/proc/self', false).path).toBe('/proc/self');
  });

  test('the parent of a path, with its trailing and doubled slashes dropped', () => {
    const w = walker('/etc');
    const parent = (p: string) => { const r = w.resolveParent(p); return `${r.dir.path} ${r.name}`; };
    expect(parent('/tmp/a')).toBe('/tmp a');
    expect(parent('/tmp//a/')).toBe('/tmp a');
    expect(parent('/a')).toBe('/ a');
    expect(parent('a')).toBe('/etc a');
    expect(parent('/')).toBe('/ .');
    expect(parent('/proc/./1/stat')).toBe('/proc/1 stat');
  });

  test('/proc/PID names are decimal without leading zeros, as name_to_int reads them', () => {
    const w = walker();
    expect(w.resolve('/proc/1').path).toBe('/proc/1');
    expect(() => w.resolve('/proc/01')).toThrow('No such file or directory');
    expect(() => w.resolve('/proc/1x')).toThrow('No such file or directory');
  });
});
