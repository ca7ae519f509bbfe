import { describe, expect, test } from 'vitest';
import { parseFlags } from './flags.ts';
import { goJson, table } from './out.ts';
import { compileTemplate } from './template.ts';
import { humanDuration, humanSize } from './units.ts';

describe('client helpers', () => {
  test('Go templates: fields, json, index, range, if, join', () => {
    const data = { State: { Pid: 42, Running: true }, Config: { Env: ['A=1', 'B=2'], Labels: null }, Mounts: [{ Source: '/a' }, { Source: '/b' }], Networks: { bridge: { IPAddress: '172.17.0.2' } } };
    const t = (s: string) => compileTemplate(s)(data);
    expect(t('{{.State.Pid}}')).toBe('42');
    expect(t('{{json .State}}')).toBe('{"Pid":42,"Running":true}');
    expect(t('{{index .Config.Env 1}}')).toBe('B=2');
    expect(t('{{range .Mounts}}[{{.Source}}]{{end}}')).toBe('[/a][/b]');
    expect(t('{{range $n, $v := .Networks}}{{$n}} {{$v.IPAddress}}{{end}}')).toBe('bridge 172.17.0.2');
    expect(t('{{if .State.Running}}up{{else}}down{{end}}')).toBe('up');
    expect(t('{{join .Config.Env ","}}')).toBe('A=1,B=2');
    expect(t('{{.Config.Env}} {{.Config.Labels}} {{.Nope}}')).toBe('[A=1 B=2] map[] <no value>');
  });

  test('go-units durations and sizes', () => {
    expect([0, 1000, 59_000, 60_000, 3_599_000, 3_600_000, 86_400_000 * 3, 86_400_000 * 20].map(humanDuration))
      .toEqual(['Less than a second', '1 second', '59 seconds', 'About a minute', '59 minutes', 'About an hour', '3 days', '2 weeks']);
    expect([1530612211, 7834615, 117396456, 4269801, 512].map(humanSize)).toEqual(['1.53GB', '7.83MB', '117MB', '4.27MB', '512B']);
  });

  test('pflag parsing: bundles, attached values, non-interspersed', () => {
    const defs = [{ long: 'interactive', short: 'i', kind: 'bool' as const }, { long: 'tty', short: 't', kind: 'bool' as const },
      { long: 'env', short: 'e', kind: 'list' as const }, { long: 'name', kind: 'string' as const }];
    const p = parseFlags(['-it', '-eA=1', '-e', 'B=2', '--name=x', 'img', '-c', 'ls'], defs, false);
    expect([...p.values]).toEqual([['interactive', true], ['tty', true], ['env', ['A=1', 'B=2']], ['name', 'x']]);
    expect(p.args).toEqual(['img', '-c', 'ls']);
    expect(() => parseFlags(['--nope'], defs)).toThrow('unknown flag: --nope');
    expect(() => parseFlags(['-z'], defs)).toThrow("unknown shorthand flag: 'z' in -z");
    expect(() => parseFlags(['--name'], defs)).toThrow('flag needs an argument: --name');
  });

  test('tabwriter layout and Go JSON', () => {
    expect(table([['CONTAINER ID', 'IMAGE', 'NAMES'], ['abc', 'rust:latest', 'x']])).toBe('CONTAINER ID   IMAGE         NAMES\nabc            rust:latest   x\n');
    expect(goJson([{ A: 1, B: [], C: {}, D: ['<x>'] }])).toBe('[\n    {\n        "A": 1,\n        "B": [],\n        "C": {},\n        "D": [\n            "\\u003cx\\u003e"\n        ]\n    }\n]');
  });
});
