import { describe, expect, test } from 'vitest';
import { defaultChoices, dockerRunCommand, problems, shellQuote, type RunChoices } from './dockerRun.ts';

const run = (patch: Partial<RunChoices>) => dockerRunCommand({ ...defaultChoices(), ...patch });

describe('docker run from the picker', () => {
  test('the defaults are the article\'s second command', () => {
    expect(run({})).toBe('docker run -it rust:latest bash');
  });

  test('--pid=host reproduces the article\'s first command', () => {
    expect(run({ pid: 'host' })).toBe('docker run -it --pid=host rust:latest bash');
  });

  test('sharing with another container names it', () => {
    expect(run({ network: 'container', target: 'web' })).toBe('docker run -it --network=container:web rust:latest bash');
  });

  test('every flag at once, in the usual order', () => {
    expect(
      run({ image: 'alpine', rm: true, name: 'c1', pid: 'host', network: 'none', uts: 'host', ipc: 'host', volume: '/home/vagrant:/data:ro' }),
    ).toBe('docker run -it --rm --name c1 --pid=host --network=none --uts=host --ipc=host -v /home/vagrant:/data:ro alpine sh');
  });

  test('servers run detached with their own command', () => {
    expect(run({ image: 'nginx', mode: 'detached', publish: '8080:80' })).toBe('docker run -d -p 8080:80 nginx');
    expect(run({ image: 'debian', mode: 'detached' })).toBe('docker run -d debian sleep infinity');
  });

  test('a value with shell metacharacters is quoted, never interpreted', () => {
    expect(shellQuote("x; rm -rf / 'y'")).toBe(`'x; rm -rf / '\\''y'\\'''`);
  });
});

describe('picker problems', () => {
  test('a container: choice needs a target', () => {
    expect(problems({ ...defaultChoices(), pid: 'container' })).toHaveLength(1);
    expect(problems({ ...defaultChoices(), pid: 'container', target: 'bb8d7e679d1d' })).toEqual([]);
  });

  test('malformed volumes and ports, and ports without a network of their own, are reported', () => {
    expect(problems({ ...defaultChoices(), volume: 'data' })).toHaveLength(1);
    expect(problems({ ...defaultChoices(), publish: 'eighty' })).toHaveLength(1);
    expect(problems({ ...defaultChoices(), publish: '8080:80', network: 'host' })).toHaveLength(1);
  });
});
