import { describe, expect, test } from 'vitest';
import { boot, run } from '../test/helpers.ts';
import { loadCatalog } from './catalog.ts';
import { validateImage, validateLayer } from './spec.ts';

describe('image fixtures', () => {
  test('every fixture validates and its layers exist', () => {
    const c = loadCatalog();
    expect(c.images.map((i) => i.repository).sort()).toEqual(['alpine', 'busybox', 'debian', 'hello-world', 'nginx', 'python', 'redis', 'rust', 'ubuntu']);
    for (const img of c.images) for (const l of img.layers) expect(c.layers[l]).toBeDefined();
  });

  test('malformed fixtures fail loudly', () => {
    const c = loadCatalog();
    const rust = c.images.find((i) => i.repository === 'rust')!;
    expect(() => validateImage('x', { ...rust, config: { ...rust.config, Cmd: null, Entrypoint: null } }, c.layers)).toThrow('invalid image fixture x: config needs Cmd or Entrypoint');
    expect(() => validateImage('x', { ...rust, layers: ['nope'] }, c.layers)).toThrow('unknown layer nope');
    expect(() => validateImage('x', { ...rust, id: 'sha256:xyz' }, c.layers)).toThrow('id must be');
    expect(() => validateLayer('l', { id: rust.id, dirs: { 'rel/path': '755' } }, c.packages)).toThrow('not an absolute path');
    expect(() => validateLayer('l', { id: rust.id, programs: { '/bin': ['@nopkg'] } }, c.packages)).toThrow('unknown package @nopkg');
  });

  test('images ship what the real ones do: procps and iproute2 in rust, not in ubuntu; BusyBox links in alpine', async () => {
    const k = boot();
    for (const img of ['ubuntu', 'alpine', 'busybox']) await run(k, ['docker', 'pull', '-q', img]);
    const has = async (img: string, cmd: string) => (await run(k, ['docker', 'run', '--rm', '--entrypoint', 'ls', img, '-l', cmd])).stdout;
    for (const p of ['/usr/bin/ps', '/usr/bin/ip', '/usr/bin/ss', '/usr/bin/hostname', '/usr/bin/mount', '/usr/local/cargo/bin/rustc']) expect(await has('rust:latest', p)).toMatch(/^-rwxr-xr-x 1 root root /);
    expect((await run(k, ['docker', 'run', '--rm', 'ubuntu', 'ls', '/usr/bin/ps'])).stderr).toBe("ls: cannot access '/usr/bin/ps': No such file or directory\n");
    expect(await has('alpine', '/bin/ps')).toMatch(/ \/bin\/ps -> \/bin\/busybox\n$/);
    expect(await has('busybox', '/bin/ps')).toMatch(/^-rwxr-xr-x 1 root root /);
    expect((await run(k, ['docker', 'run', '--rm', 'rust:latest', 'rustc', '--version'])).stdout).toBe('rustc 1.91.1 (ed61e7d7e 2025-11-07)\n');
    expect((await run(k, ['docker', 'run', '--rm', 'rust:latest', 'cat', '/etc/os-release'])).stdout).toMatch(/^PRETTY_NAME="Debian GNU\/Linux 12 \(bookworm\)"\n/);
    expect((await run(k, ['docker', 'run', '--rm', 'busybox', 'busybox'])).stdout).toMatch(/^BusyBox v1\.37\.0 /);
    const hello = await run(k, ['docker', 'run', 'hello-world']);
    expect(hello.stderr).toMatch(/^Unable to find image 'hello-world:latest' locally\nlatest: Pulling from library\/hello-world\n/);
    expect(hello.stdout).toMatch(/^\nHello from Docker!\nThis message shows that your installation appears to be working correctly\.\n/);
  });
});
