import { describe, expect, it } from 'vitest';
import {
  checkCommand,
  dockerRunLine,
  LIMITS,
  parseDockerArgs,
  parseWidgetConfig,
  startupCommands,
  type ParseResult,
  type WidgetConfig,
} from './schema.ts';

const attrs = (o: Record<string, string>) => Object.entries(o);

function ok(r: ParseResult): WidgetConfig {
  if (!r.ok) throw new Error(`expected a valid configuration, got:\n${r.errors.join('\n')}`);
  return r.config;
}

function errors(r: ParseResult): string[] {
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.config)}`);
  return r.errors;
}

describe('valid configurations', () => {
  it('the issue example: rust:latest, --pid=host, ps aux', () => {
    const c = ok(parseWidgetConfig(attrs({ image: 'rust:latest', 'docker-args': '--pid=host', run: 'ps aux' })));
    expect(c).toMatchObject({ image: 'rust:latest', dockerArgs: ['--pid=host'], run: ['ps aux'], host: 'archlinux', rows: 18, cols: 'auto', theme: 'auto' });
    expect(c.autostart).toBe('visible');
    expect(startupCommands(c)).toEqual(['docker run -it --pid=host rust:latest bash', 'ps aux']);
  });

  it('defaults: no image means a shell on the host', () => {
    const c = ok(parseWidgetConfig([]));
    expect(c.image).toBeNull();
    expect(startupCommands(c)).toEqual([]);
  });

  it('run: one command per line, CRLF and blank lines tolerated, repeated query parameters appended', () => {
    expect(ok(parseWidgetConfig(attrs({ run: '  ps aux\r\n\n hostname \n' }))).run).toEqual(['ps aux', 'hostname']);
    const q = new URLSearchParams('run=ps&run=ip%20a&image=alpine');
    expect(ok(parseWidgetConfig(q.entries(), 'query')).run).toEqual(['ps', 'ip a']);
  });

  it('boolean attributes: empty, true, false or their own name', () => {
    expect(ok(parseWidgetConfig(attrs({ readonly: '', lens: 'lens' })))).toMatchObject({ readonly: true, lens: true });
    expect(ok(parseWidgetConfig(attrs({ readonly: 'false', lens: 'true' })))).toMatchObject({ readonly: false, lens: true });
  });

  it('autostart: empty means at once; visible and click', () => {
    expect(ok(parseWidgetConfig(attrs({ autostart: '' }))).autostart).toBe('load');
    expect(ok(parseWidgetConfig(attrs({ autostart: 'visible' }))).autostart).toBe('visible');
    expect(ok(parseWidgetConfig(attrs({ autostart: 'click' }))).autostart).toBe('click');
  });

  it('rows and cols: numbers in range, or auto', () => {
    expect(ok(parseWidgetConfig(attrs({ rows: '12', cols: '100' })))).toMatchObject({ rows: 12, cols: 100 });
    expect(ok(parseWidgetConfig(attrs({ rows: 'auto' }))).rows).toBe('auto');
  });

  it('image references: tags, paths, registries, digests', () => {
    for (const image of ['alpine', 'alpine:3.21', 'library/debian:12.8', 'ghcr.io/owner/tool:v1.2.3', 'localhost:5000/x', `busybox@sha256:${'a'.repeat(64)}`]) {
      expect(ok(parseWidgetConfig(attrs({ image }))).image).toBe(image);
    }
  });

  it('page attributes are ignored: global, data-, aria-, framework markers', () => {
    ok(parseWidgetConfig(attrs({ id: 'x', class: 'y', style: 'color: red', 'data-track': '1', 'aria-label': 'demo', 'data-v-1234': '', hidden: '' })));
  });

  it('docker run gets -it unless the flags ask for it; sh for images without bash', () => {
    expect(dockerRunLine('alpine', ['--network=none'])).toBe('docker run -it --network=none alpine sh');
    expect(dockerRunLine('debian', ['-it', '--rm'])).toBe('docker run -it --rm debian bash');
    expect(dockerRunLine('debian', ['-i'])).toBe('docker run -t -i debian bash');
    expect(dockerRunLine('busybox:1.37', ['--tty'])).toBe('docker run -i --tty busybox:1.37 sh');
  });

  it('docker-args: values inline or as the next word, short flags, combined -it', () => {
    const r = parseDockerArgs('--pid host -e FOO=1 -v /srv:/data:ro --cap-add=NET_ADMIN -it --name demo -h=box');
    expect(r).toEqual({ ok: true, tokens: ['--pid', 'host', '-e', 'FOO=1', '-v', '/srv:/data:ro', '--cap-add=NET_ADMIN', '-it', '--name', 'demo', '-h=box'] });
  });
});

describe('hostile input: a clear error, nothing to run', () => {
  it('HTML in an attribute is rejected and quoted as text', () => {
    const e = errors(parseWidgetConfig(attrs({ image: '<img src=x onerror=alert(1)>', run: 'ps aux' })));
    expect(e).toEqual(['attribute image: "<img src=x onerror=alert(1)>" is not an image reference like rust:latest or alpine:3.21']);
  });

  it('shell syntax in docker-args is refused (it would be typed into a shell)', () => {
    for (const args of ['--pid=host; rm -rf /', '--name $(reboot)', '--name `id`', '-e "A=1"', '--pid=host && curl x', '--name a|b', '--hostname=a>b']) {
      const e = errors(parseWidgetConfig(attrs({ image: 'alpine', 'docker-args': args })));
      expect(e.some((m) => m.startsWith('attribute docker-args:')), args).toBe(true);
    }
  });

  it('unknown or dangerous docker flags are named', () => {
    expect(errors(parseWidgetConfig(attrs({ image: 'alpine', 'docker-args': '--frobnicate' })))).toEqual([
      'attribute docker-args: unknown or unsupported flag "--frobnicate"',
    ]);
    expect(errors(parseWidgetConfig(attrs({ image: 'alpine', 'docker-args': '-d' })))).toEqual(['attribute docker-args: unknown or unsupported flag "-d"']);
    expect(errors(parseWidgetConfig(attrs({ image: 'alpine', 'docker-args': '--entrypoint=/bin/evil' })))[0]).toContain('"--entrypoint"');
    expect(errors(parseWidgetConfig(attrs({ image: 'alpine', 'docker-args': '--pid' })))).toEqual(['attribute docker-args: --pid needs a value']);
    expect(errors(parseWidgetConfig(attrs({ image: 'alpine', 'docker-args': '--rm=yes' })))).toEqual(['attribute docker-args: --rm takes no value']);
    expect(errors(parseWidgetConfig(attrs({ image: 'alpine', 'docker-args': 'alpine' })))[0]).toContain('is not a flag');
  });

  it('docker-args without an image is an error', () => {
    expect(errors(parseWidgetConfig(attrs({ 'docker-args': '--pid=host' })))).toEqual(['attribute docker-args needs an image to run']);
  });

  it('very long values are refused before any parsing, and quotes are cut short', () => {
    const long = 'a'.repeat(100_000);
    const e = errors(parseWidgetConfig(attrs({ image: long, 'docker-args': `--name ${long}`, run: long, lesson: long })));
    expect(e).toContain(`attribute image: is longer than ${LIMITS.image} characters`);
    expect(e).toContain(`attribute docker-args: is longer than ${LIMITS.dockerArgs} characters`);
    expect(e).toContain(`attribute run: is longer than ${LIMITS.runTotal} characters`);
    const lesson = e.find((m) => m.startsWith('attribute lesson:'))!;
    expect(lesson.length).toBeLessThan(200);
    expect(lesson).toContain('…');
    expect(errors(parseWidgetConfig(attrs({ run: `${'x'.repeat(LIMITS.runLine + 1)}` })))).toEqual([`attribute run: line 1: is longer than ${LIMITS.runLine} characters`]);
    expect(errors(parseWidgetConfig(attrs({ run: Array.from({ length: LIMITS.runLines + 1 }, () => 'ls').join('\n') })))).toEqual([
      `attribute run: has more than ${LIMITS.runLines} lines`,
    ]);
  });

  it('control characters never reach the terminal (escape sequences, NUL, bidi overrides)', () => {
    for (const run of ['echo \x1b]0;pwned\x07', 'ls\x00', 'echo \x03', 'echo \u202Eevil', 'a\x9bb']) {
      const e = errors(parseWidgetConfig(attrs({ run })));
      expect(e[0]).toMatch(/^attribute run: line 1: contains a control character \(U\+[0-9A-F]{4}\)$/);
    }
  });

  it('unknown attributes and parameters are named (typos), with the known ones listed', () => {
    const e = errors(parseWidgetConfig(attrs({ imgae: 'alpine', 'docker_args': '--pid=host' })));
    expect(e[0]).toMatch(/^unknown attribute "imgae" \(known: image, docker-args, host, run/);
    expect(e[1]).toMatch(/^unknown attribute "docker_args"/);
    const q = errors(parseWidgetConfig(new URLSearchParams('image=alpine&onload=alert(1)&origin=https://x.example').entries(), 'query'));
    expect(q).toEqual([expect.stringMatching(/^unknown parameter "onload"/)]);
  });

  it('each field is checked against its schema', () => {
    const e = errors(
      parseWidgetConfig(
        attrs({ host: 'windows', lesson: '../../etc/passwd', rows: '-1', cols: '1e3', theme: 'hotpink', readonly: 'yes', lens: '1', autostart: 'never' }),
      ),
    );
    expect(e).toEqual([
      'attribute host: "windows" is not a host profile (known: archlinux)',
      'attribute lesson: "../../etc/passwd" is not a lesson id (lowercase letters, digits and dashes)',
      'attribute rows: "-1" is not a number from 2 to 200 (or auto)',
      'attribute cols: "1e3" is not a number from 20 to 400 (or auto)',
      'attribute theme: "hotpink" is not a theme (auto, light or dark)',
      'attribute readonly: "yes" is not a boolean (leave the value empty, or use true/false)',
      'attribute lens: "1" is not a boolean (leave the value empty, or use true/false)',
      'attribute autostart: "never" is not one of load, visible, click (or empty for load)',
    ]);
  });

  it('query parameters are named as such; a repeated one is an error', () => {
    const e = errors(parseWidgetConfig(new URLSearchParams('image=alpine&image=debian&rows=x').entries(), 'query'));
    expect(e).toEqual(['parameter image is given more than once', 'parameter rows: "x" is not a number from 2 to 200 (or auto)']);
  });

  it('a flood of attributes is cut off', () => {
    const many = Array.from({ length: 1000 }, (_, i) => [`x${i}`, ''] as const);
    const e = errors(parseWidgetConfig(many));
    expect(e.length).toBeLessThanOrEqual(LIMITS.entries + 1);
    expect(e.at(-1)).toBe(`more than ${LIMITS.entries} attributes`);
  });

  it('nothing of a rejected configuration is returned to run', () => {
    const r = parseWidgetConfig(attrs({ image: 'alpine', run: 'ps aux', rows: 'lots' }));
    expect(r.ok).toBe(false);
    expect('config' in r).toBe(false);
  });
});

describe('commands from the JS and postMessage APIs', () => {
  it('accepts one line of text', () => {
    expect(checkCommand('ps aux | grep init')).toBeNull();
  });
  it('rejects everything else', () => {
    expect(checkCommand('')).toBe('is empty');
    expect(checkCommand('ls\nrm -rf /')).toBe('contains a control character (U+000A)');
    expect(checkCommand('x'.repeat(LIMITS.runLine + 1))).toBe(`is longer than ${LIMITS.runLine} characters`);
    expect(checkCommand({ toString: () => 'ls' })).toBe('must be a string');
    expect(checkCommand('\x1b[2J')).toBe('contains a control character (U+001B)');
  });
});
