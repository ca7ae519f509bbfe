import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { bootSandbox } from '../sandbox/index.ts';
import { CliUsageError, parseCliArgs } from './args.ts';
import { Screen } from './Screen.ts';
import { runTranscript } from './transcript.ts';

describe('transcript CLI arguments', () => {
  test('defaults and every option', () => {
    expect(parseCliArgs([])).toEqual({ json: false, cols: 80, seed: 1, host: 'archlinux', lines: [], help: false });
    expect(parseCliArgs(['--json', '--cols', '120', '--seed=7', '--host', 'archlinux', '-c', 'ps', '-c', 'ls']))
      .toMatchObject({ json: true, cols: 120, seed: 7, lines: ['ps', 'ls'] });
    expect(parseCliArgs(['session.txt']).file).toBe('session.txt');
  });

  test('bad arguments are usage errors', () => {
    expect(() => parseCliArgs(['--cols', 'x'])).toThrow(CliUsageError);
    expect(() => parseCliArgs(['--frobnicate'])).toThrow("nsbox: unknown option '--frobnicate'");
    expect(() => parseCliArgs(['a', 'b'])).toThrow('only one FILE');
  });
});

describe('Screen', () => {
  test('wraps at the terminal width with deferred wrap, honours CR and backspace', () => {
    const s = new Screen(10);
    s.write('0123456789\r\nab\bX\rZ');
    expect(s.lines()).toEqual(['0123456789', 'ZX']);
  });
  test('drops escape sequences that change nothing visible', () => {
    const s = new Screen(80);
    s.write('\x1b[?2004hprompt$ \x1b[01;32mgreen\x1b[0m');
    expect(s.lines()).toEqual(['prompt$ green']);
  });
});

describe('transcripts', () => {
  test("the issue's acceptance session: host ps aux, then bash alone as PID 1 in a new pid namespace", async () => {
    const { entries, screen } = await runTranscript(bootSandbox(),
      ['ps aux', 'sudo unshare --pid --fork --mount-proc bash', 'ps aux', 'exit'], 80);
    const hostPs = entries[0].output;
    expect(hostPs.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(hostPs).toMatch(/^root {11}1 .* \/sbin\/init$/m);
    expect(hostPs).toMatch(/^root {11}2 .* \[kthreadd\]$/m);
    // COMMAND is cut at the terminal's 80 columns, as on a real tty.
    expect(hostPs).toMatch(/ \/usr\/bin\/dock$/m);
    expect(hostPs).toMatch(/ \/usr\/bin\/cont$/m);
    const nsPs = entries[2].output.split('\n');
    expect(nsPs).toHaveLength(3);
    expect(nsPs[1]).toMatch(/^root {11}1 .* pts\/0 +S +\d\d:\d\d +0:00 bash$/);
    expect(nsPs[2]).toMatch(/^root {11}2 .* pts\/0 +R\+ +\d\d:\d\d +0:00 ps aux$/);
    expect(entries[1].prompt).toBe('vagrant@archlinux ~ $ ');
    expect(entries[2].prompt).toBe('root@archlinux vagrant # ');
    expect(screen.split('\n').pop()).toBe('vagrant@archlinux ~ $ ');
  });

  test('the session ends with the login shell; later lines are not typed', async () => {
    const { entries, screen } = await runTranscript(bootSandbox(), ['exit', 'echo never'], 80);
    expect(entries).toHaveLength(1);
    expect(screen.endsWith('logout\n')).toBe(true);
  });

  test('sleeping costs no real time on the virtual clock', async () => {
    const { entries } = await runTranscript(bootSandbox(), ['date +%T; sleep 90; date +%T'], 80);
    expect(entries[0].output).toBe('09:13:00\n09:14:30');
  });

  test('a runaway loop gets ^C from the transcript runner and the shell returns to its prompt', async () => {
    const { entries } = await runTranscript(bootSandbox(), ['while true; do :; done; echo not-reached', 'echo after'], 80);
    expect(entries[0].exit).toBe(130);
    expect(entries[0].output).not.toContain('not-reached');
    expect(entries[1].output).toBe('after');
  }, 30000);

  test('npm run nsbox reads stdin and prints JSON lines', () => {
    const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', '--json'], { input: 'hostname\nfalse\n', encoding: 'utf8' });
    expect(out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { prompt: 'vagrant@archlinux ~ $ ', input: 'hostname', output: 'archlinux', exit: 0 },
      { prompt: 'vagrant@archlinux ~ $ ', input: 'false', output: '', exit: 1 },
    ]);
  }, 30000);
});
